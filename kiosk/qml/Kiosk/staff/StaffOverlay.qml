import QtQuick
import Kiosk

// Everything staff see, above the show: the hidden corner and shortcut, the PIN pad, the
// panel. While the pad or panel is open it takes every touch and key, so nothing reaches
// the slides; when they close, the keyboard focus goes back where it was.
Item {
    id: overlay

    required property StaffController controller
    // From the settings (kiosk.config: staff_corner, staff_hold_s), never restated here.
    required property string corner      // where the long press opens the pad
    required property real holdSeconds

    readonly property bool showing: controller.padOpen || controller.panelOpen
    property Item returnFocusTo: null

    StaffCorner {
        controller: overlay.controller
        where: overlay.corner
        holdSeconds: overlay.holdSeconds
        visible: !overlay.showing
    }

    Rectangle {
        id: scrim
        anchors.fill: parent
        visible: overlay.showing
        color: Theme.background
        opacity: 0.94
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("Staff")

        // Swallows every press (touch arrives here as a mouse press too) and wheel turn.
        MouseArea {
            anchors.fill: parent
            onPressed: overlay.controller.activity()
            onWheel: wheel => wheel.accepted = true
        }
    }

    PinPad {
        id: pad
        objectName: "pinPad"
        anchors.fill: parent
        visible: overlay.controller.padOpen
        controller: overlay.controller
    }

    StaffPanel {
        id: panel
        objectName: "staffPanel"
        anchors.fill: parent
        visible: overlay.controller.panelOpen
        controller: overlay.controller
    }

    Connections {
        target: overlay.controller
        function onOpened() {
            overlay.returnFocusTo = overlay.Window.activeFocusItem;
            pad.forceActiveFocus();
        }
        function onUnlocked() {
            panel.forceActiveFocus();
        }
        function onClosed() {
            if (overlay.returnFocusTo)
                overlay.returnFocusTo.forceActiveFocus();
            overlay.returnFocusTo = null;
        }
    }
}
