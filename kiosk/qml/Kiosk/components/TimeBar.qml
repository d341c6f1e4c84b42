import QtQuick
import Kiosk

// A thin bar across the bottom edge that shrinks as the slide's time runs out.
// It only moves while the autoplay runs: a paused show draws nothing new (no busy loop).
Item {
    id: root

    required property Autoplay autoplay
    property bool reducedMotion: false
    property real remaining: 1

    visible: autoplay.running
    implicitHeight: Theme.timeBarHeight

    Rectangle {
        width: parent.width * root.remaining
        height: parent.height
        color: Theme.accent
        opacity: 0.7
    }

    NumberAnimation {
        id: countdown
        target: root
        property: "remaining"
        from: 1
        to: 0
    }

    Connections {
        target: root.autoplay
        function onCycleStarted(ms: int) {
            countdown.stop();
            countdown.duration = ms;
            countdown.start();
        }
        function onRunningChanged() {
            if (!root.autoplay.running)
                countdown.stop();
        }
    }
}
