pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Where the visitor is in the deck: one small dot per slide, the current one a longer
// accent pill. Past `maxDots` slides the dots would be a blur, so it shows "n / N".
Item {
    id: root

    required property int count
    required property int current
    property int maxDots: 40

    implicitHeight: Theme.dotSize
    implicitWidth: count > maxDots ? caption.implicitWidth : row.implicitWidth

    Row {
        id: row
        visible: root.count <= root.maxDots && root.count > 1
        spacing: Theme.dotSpacing
        Repeater {
            model: row.visible ? root.count : 0
            Rectangle {
                required property int index
                width: index === root.current ? Theme.dotSize * 3 : Theme.dotSize
                height: Theme.dotSize
                radius: height / 2
                color: index === root.current ? Theme.accent : Theme.foreground
                opacity: index === root.current ? 1 : Theme.dotOpacity
            }
        }
    }

    Text {
        id: caption
        visible: root.count > root.maxDots
        anchors.verticalCenter: parent.verticalCenter
        text: (root.current + 1) + " / " + root.count
        color: Theme.muted
        font.family: Theme.family
        font.pixelSize: Theme.smallSize
    }
}
