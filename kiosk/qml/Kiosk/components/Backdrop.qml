import QtQuick
import Kiosk

// Quiet decoration for the cover, section and end slides: two large rings partly off
// screen, in a colour barely off the background (it never carries text).
Item {
    id: root
    anchors.fill: parent
    clip: true

    readonly property real side: Math.max(width, height)

    Rectangle {
        width: root.side * 0.62
        height: width
        radius: width / 2
        x: root.width - width * (Theme.portrait ? 0.55 : 0.62)
        y: Theme.portrait ? -height * 0.28 : root.height * 0.5 - height * 0.62
        color: "transparent"
        border.color: Theme.surface
        border.width: Theme.u * 2.4
    }
    Rectangle {
        width: root.side * 0.34
        height: width
        radius: width / 2
        x: root.width - width * (Theme.portrait ? 0.7 : 0.5)
        y: Theme.portrait ? root.height - height * 0.6 : root.height - height * 0.55
        color: Theme.surface
    }
}
