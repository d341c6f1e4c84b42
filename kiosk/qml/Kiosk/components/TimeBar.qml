import QtQuick
import Kiosk

// A thin bar across the bottom edge that shrinks as the slide's time runs out.
//
// It moves in steps, not with an animation: a running animation makes Qt Quick draw a
// frame every 16 ms for the whole slide, which is most of the attract loop's CPU. Ten
// steps a slide, each at least Theme.timeBarStepMs and at most a second apart (four for
// a 2 s slide), are enough for a bar this thin: each is a frame, about a millisecond even
// for a strip. It only moves while the autoplay runs: a paused show draws nothing new.
Item {
    id: root

    required property Autoplay autoplay
    property real remaining: 1
    property int length: 1        // the slide's time, in ms

    visible: autoplay.running
    implicitHeight: Theme.timeBarHeight

    Rectangle {
        width: Math.round(parent.width * root.remaining)
        height: parent.height
        color: Theme.accent   // opaque: a thin bar needs its 3:1 on the background
    }

    // The time left is read from the autoplay's own timer (monotonic, never the wall
    // clock), not counted in steps: a late step never makes the bar drift.
    Timer {
        id: stepper
        interval: Math.max(Theme.timeBarStepMs, Math.min(1000, Math.round(root.length / 10)))
        repeat: true
        onTriggered: {
            const left = root.autoplay.remainingMs();
            // The last step would fall on the change, a frame of its own a few ms before
            // the change's (when the slide's time is a multiple of the step): the change
            // fills the bar again in its own frame instead.
            if (left < interval / 2) {
                stop();
                return;
            }
            root.remaining = Math.min(1, left / root.length);
        }
    }

    Connections {
        target: root.autoplay
        function onCycleStarted(ms: int) {
            root.length = Math.max(1, ms);
            root.remaining = 1;
            stepper.restart();
        }
        function onRunningChanged() {
            if (!root.autoplay.running)
                stepper.stop();
        }
    }
}
