pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// « Toujours là ? »: the visitor has been idle; the seconds left before the loop restarts
// from the cover. Any touch, click or key cancels it (kiosk/qt/playback.py); this item
// takes the press itself, so that touch does nothing else. It changes once a second and
// is otherwise static.
Item {
    id: root

    required property int secondsLeft
    required property string title
    required property string prompt
    required property string backIn     // holds %1, the seconds left

    // For a screen reader: an alert, « Toujours là ? » and what happens next.
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title
    Accessible.description: prompt + " " + backIn.arg(secondsLeft)

    // Built when it first shows (after a minute of nobody), not at start.
    property bool wanted: false
    onVisibleChanged: if (visible) wanted = true
    Component.onCompleted: if (visible) wanted = true  // made while already shown

    Loader {
        anchors.fill: parent
        active: root.wanted
        sourceComponent: Item {
            Rectangle {
                anchors.fill: parent
                color: Theme.background
                opacity: Theme.overlayOpacity
            }
            MouseArea {
                anchors.fill: parent
            }

            Column {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.marginX
                spacing: Theme.gap

                Text {
                    objectName: "stillThereTitle"
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: root.title
                    color: Theme.foreground
                    font.family: Theme.displayFamily
                    font.weight: Font.Bold
                    font.pixelSize: Theme.titleSize * 1.2
                    font.letterSpacing: Theme.titleSize * 1.2 * Theme.displayTracking
                }

                Item {   // the seconds left, in a ring
                    width: parent.width
                    height: ring.height
                    Rectangle {
                        id: ring
                        anchors.horizontalCenter: parent.horizontalCenter
                        width: Theme.countdownSize * 1.5
                        height: width
                        radius: width / 2
                        color: "transparent"
                        border.color: Theme.accent
                        border.width: Theme.accentBarThickness
                        Text {
                            objectName: "countdownNumber"
                            anchors.centerIn: parent
                            text: root.secondsLeft
                            color: Theme.accent
                            font.family: Theme.displayFamily
                            font.weight: Font.Bold
                            font.pixelSize: Theme.countdownSize * 0.75
                            font.features: { "tnum": 1 }   // figures of one width: the ring stays still
                        }
                    }
                }

                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: root.prompt
                    color: Theme.foreground
                    font.family: Theme.family
                    font.pixelSize: Theme.bodySize
                }

                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: root.backIn.arg(root.secondsLeft)
                    color: Theme.muted
                    font.family: Theme.family
                    font.pixelSize: Theme.smallSize
                }
            }
        }
    }
}
