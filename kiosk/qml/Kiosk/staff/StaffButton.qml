import QtQuick
import Kiosk

// A staff control: a large rounded key with a label, at least `size` high (the pad and
// panel pass a size of 15 mm or more). `emphasis` fills it with the accent colour.
//
// Signals: clicked().
Rectangle {
    id: button

    property string text
    property bool emphasis: false
    property real size: 96
    property real textSize: size * 0.34
    readonly property bool pressed: area.pressed

    signal clicked()

    implicitHeight: size
    implicitWidth: Math.max(size, label.implicitWidth + size * 0.8)
    radius: size * 0.16
    opacity: enabled ? 1 : 0.35
    color: emphasis
        // Pressed: towards the foreground, away from the label's background colour.
        ? (area.pressed ? Qt.tint(Theme.accent, Qt.rgba(Theme.foreground.r, Theme.foreground.g,
                                                        Theme.foreground.b, 0.25))
                        : Theme.accent)
        : Qt.rgba(Theme.foreground.r, Theme.foreground.g, Theme.foreground.b,
                  area.pressed ? 0.16 : 0.09)
    border.width: emphasis ? 0 : Math.max(1, size * 0.015)
    border.color: Theme.controlLine

    // For a screen reader: a button named by its label, pressed by the reader's action.
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.onPressAction: if (button.enabled) button.clicked()

    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - button.size * 0.3)
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
        text: button.text
        Accessible.ignored: true   // the button's name already
        color: button.emphasis ? Theme.background : Theme.foreground
        font.family: Theme.family
        font.weight: Font.DemiBold
        font.pixelSize: button.textSize
    }

    MouseArea {
        id: area
        anchors.fill: parent
        enabled: button.enabled
        onClicked: button.clicked()
    }
}
