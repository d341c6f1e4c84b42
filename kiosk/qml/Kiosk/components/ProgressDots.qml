pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Where the visitor is in the deck: one small dot per slide, the current one a longer
// accent pill. When the dots would be a blur (past `maxDots`) or would not fit in
// `maxWidth`, it shows "n / N" instead.
Item {
    id: root

    required property int count
    required property int current
    property int maxDots: 40
    property real maxWidth: 1e9

    // The row's width, known before it is built: every dot, the current one three wide.
    readonly property real dotsWidth: count > 0
        ? (count + 2) * Theme.dotSize + (count - 1) * Theme.dotSpacing : 0
    readonly property bool dotsFit: count > 1 && count <= maxDots && dotsWidth <= maxWidth

    implicitHeight: Math.max(Theme.dotSize, dotsFit ? 0 : caption.implicitHeight)
    implicitWidth: dotsFit ? dotsWidth : caption.implicitWidth

    Row {
        id: row
        visible: root.dotsFit
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.dotSpacing
        Repeater {
            model: row.visible ? root.count : 0
            Rectangle {
                required property int index
                width: index === root.current ? Theme.dotSize * 3 : Theme.dotSize
                height: Theme.dotSize
                radius: height / 2
                // The others in the controls' outline colour: 3:1 on the background.
                color: index === root.current ? Theme.accent : Theme.controlLine
            }
        }
    }

    Text {
        id: caption
        visible: !root.dotsFit && root.count > 1 && implicitWidth <= root.maxWidth
        anchors.verticalCenter: parent.verticalCenter
        text: (root.current + 1) + "\u2009/\u2009" + root.count
        color: Theme.muted
        font.family: Theme.family
        font.pixelSize: Theme.smallSize
    }
}
