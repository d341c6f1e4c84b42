import QtQuick
import Kiosk

// The hidden ways to the staff PIN pad: a long press in one corner of the show, and a
// keyboard shortcut (Ctrl+Alt+K). A short tap in the corner goes on to the slides below;
// nothing shows until a third of the hold has passed, then a disc grows until the pad opens.
// While no PIN is set the corner is inert (a visitor could reach it) and the shortcut opens
// the staff panel itself (see kiosk/qt/staff.py).
Item {
    id: corner

    required property StaffController controller
    required property string where        // "top-left", "top-right", "bottom-left", "bottom-right"
    required property real holdSeconds
    readonly property string shortcut: controller.shortcut  // kiosk.qt.staff.SHORTCUT

    // Big enough to find with a thumb without looking (at least 15 mm), small enough that a
    // visitor's swipe rarely starts there.
    readonly property real side: Math.max(15 * Screen.pixelDensity,
                                          Math.min(Theme.viewWidth, Theme.viewHeight) * 0.11)
    readonly property real progress: hold.pressed && controller.pinSet
        ? Math.min(1, hold.timeHeld / Math.max(0.1, holdSeconds)) : 0

    width: side
    height: side
    x: where.endsWith("right") && parent ? parent.width - width : 0
    y: where.startsWith("bottom") && parent ? parent.height - height : 0

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

    Rectangle {
        readonly property real grown: Math.max(0, (corner.progress - 0.33) / 0.67)
        visible: grown > 0
        anchors.centerIn: parent
        width: corner.side * 0.7 * grown
        height: width
        radius: width / 2
        color: Theme.accent
        opacity: 0.2 + 0.5 * grown
    }
}
