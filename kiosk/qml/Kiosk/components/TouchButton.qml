import QtQuick
import Kiosk

// A control a finger hits without aiming: at least Theme.touchTarget each way (15 mm,
// 96 px at 1080p), a pill with an optional pictogram and a label. It takes its own
// presses, so the swipe-and-tap area under it never sees them.
//
// Signals: clicked().
Item {
    id: root

    property string text
    property string icon           // an Icon kind, or "" for none
    property bool round: text.length === 0
    property bool emphasis: false  // accent outline: the active choice

    signal clicked()

    readonly property real padding: Theme.touchTarget * 0.32
    implicitHeight: Theme.touchTarget
    implicitWidth: round ? Theme.touchTarget
        : Math.max(Theme.touchTarget, row.implicitWidth + 2 * padding)
    width: implicitWidth
    height: implicitHeight

    // For a screen reader: a button named by its label (a pictogram alone: its caller
    // names it), pressed by the reader's action as by a finger.
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.onPressAction: root.clicked()

    Rectangle {
        anchors.fill: parent
        radius: height / 2
        color: area.pressed ? Theme.controlPressed : Theme.controlFill
        border.color: root.emphasis ? Theme.accent : Theme.controlLine
        border.width: Math.max(1, Theme.iconStroke * 0.5)
    }

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.controlTextSize * 0.4

        Icon {
            visible: root.icon.length > 0
            kind: root.icon
            anchors.verticalCenter: parent.verticalCenter
            // Alone in a round button, the pictogram is all there is: larger.
            width: root.round ? Theme.touchTarget * 0.6 : implicitWidth
            height: width
        }
        Text {
            visible: root.text.length > 0
            anchors.verticalCenter: parent.verticalCenter
            text: root.text
            Accessible.ignored: true   // the button's name already
            color: Theme.foreground
            font.family: Theme.family
            font.weight: Font.DemiBold
            font.pixelSize: Theme.controlTextSize
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: root.clicked()
    }
}
