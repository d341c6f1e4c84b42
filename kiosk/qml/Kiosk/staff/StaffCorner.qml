import QtQuick
import Kiosk

// The hidden ways to the staff PIN pad: a long press in one corner of the show, and a
// keyboard shortcut (Ctrl+Alt+K). A short tap in the corner goes on to the slides below;
// nothing shows for the first second of a hold (a third of a shorter one: a passing finger
// never sees it), then a thin ring fills until the pad opens, so staff know they are
// holding the right spot. While no PIN is set the corner is inert (a visitor could reach
// it) and the shortcut opens the staff panel itself (see kiosk/qt/staff.py).
Item {
    id: corner

    required property StaffController controller
    required property string where        // "top-left", "top-right", "bottom-left", "bottom-right"
    required property real holdSeconds
    readonly property string shortcut: controller.shortcut  // kiosk.qt.staff.SHORTCUT

    // Big enough to find with a thumb without looking (at least 15 mm), small enough that a
    // visitor's swipe rarely starts there.
    readonly property real side: Math.max(15 * Theme.density,
                                          Math.min(Theme.viewWidth, Theme.viewHeight) * 0.11)
    readonly property int holdMs: Math.max(100, holdSeconds * 1000)
    readonly property int quietMs: Math.min(1000, holdMs / 3)
    // How much of the ring is filled, 0 to 1, from the end of the quiet time to the pad.
    // An animation drives it: TapHandler's timeHeld changes only with input events, and a
    // finger held still on glass sends none.
    property real progress: 0

    width: side
    height: side
    x: where.endsWith("right") && parent ? parent.width - width : 0
    y: where.startsWith("bottom") && parent ? parent.height - height : 0

    // For a screen reader: the long press as a button, which asks for the PIN as the
    // gesture does (inert, as the corner is, while no PIN is set).
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("Staff access")
    Accessible.onPressAction: if (corner.controller.pinSet) corner.controller.openByGesture()

    TapHandler {
        id: hold
        enabled: corner.controller.pinSet
        longPressThreshold: Math.max(0.1, corner.holdSeconds)
        onLongPressed: corner.controller.openByGesture()
    }

    Shortcut {
        sequences: [corner.shortcut]
        context: Qt.WindowShortcut
        onActivated: corner.controller.open()
    }

    SequentialAnimation {
        running: hold.pressed && corner.controller.pinSet
        onRunningChanged: if (!running) corner.progress = 0
        PauseAnimation { duration: corner.quietMs }
        NumberAnimation {
            target: corner
            property: "progress"
            from: 0
            to: 1
            duration: corner.holdMs - corner.quietMs
        }
    }

    // Its own file, loaded on a hold only: Qt Quick Shapes stays out of the show's start.
    Loader {
        objectName: "holdRing"
        active: corner.progress > 0
        anchors.centerIn: parent
        width: corner.side * 0.9
        height: width
        source: Qt.resolvedUrl("HoldRing.qml")
        onLoaded: (item as HoldRing).progress = Qt.binding(() => corner.progress)
    }
}
