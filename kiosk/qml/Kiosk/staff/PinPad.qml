pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The staff PIN pad: keys of at least 15 mm, the entry masked as dots, a shake and a
// message for a wrong PIN, the lockout counting down. Digits, Backspace, Enter and Escape
// work from a keyboard too. Everything it does goes through the controller. It only opens
// when a PIN is set: without one, the shortcut opens the panel itself.
FocusScope {
    id: pad

    required property StaffController controller

    property string entry: ""
    property string feedback: ""   // why the last entry was refused, until the next key
    readonly property int maxDigits: 12
    readonly property bool locked: controller.lockedSeconds > 0
    readonly property bool usable: !locked

    // Keys: 15 mm at least, else a tenth of the short side, as long as the whole pad
    // (about 10.5 keys high) fits the height: 98 px at 1080p.
    readonly property real key: Math.max(15 * Theme.density,
                                         Math.min(Math.min(width, height) * 0.1, height / 11))
    readonly property real spacing: key * 0.22

    // For a screen reader: a dialog named by its prompt.
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Enter the staff PIN")

    function type(digit: string) {
        pad.controller.activity();
        if (!pad.usable || pad.entry.length >= pad.maxDigits)
            return;
        pad.entry += digit;
        pad.feedback = "";
    }

    function erase() {
        pad.controller.activity();
        pad.entry = pad.entry.slice(0, -1);
        pad.feedback = "";
    }

    function send() {
        if (!pad.usable)
            return;
        const pin = pad.entry;
        pad.entry = "";
        pad.controller.submit(pin);
    }

    Connections {
        target: pad.controller
        function onPinRejected(triesLeft: int) {
            shake.restart();
            pad.entry = "";
            if (triesLeft > 0)
                pad.feedback = triesLeft === 1 ? qsTr("Wrong PIN. 1 try left")
                                               : qsTr("Wrong PIN. %1 tries left").arg(triesLeft);
            else
                pad.feedback = "";
        }
        function onPadOpenChanged() {
            pad.entry = "";
            pad.feedback = "";
        }
    }

    Keys.onPressed: event => {
        if (event.key >= Qt.Key_0 && event.key <= Qt.Key_9)
            pad.type(String(event.key - Qt.Key_0));
        else if (event.key === Qt.Key_Backspace || event.key === Qt.Key_Delete)
            pad.erase();
        else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
            pad.send();
        else if (event.key === Qt.Key_Escape)
            pad.controller.cancel();
        else
            pad.controller.activity();
        event.accepted = true;   // no key reaches the show behind the pad
    }

    Rectangle {
        id: card
        objectName: "pinCard"
        anchors.centerIn: parent
        width: content.width + pad.key * 1.2
        height: content.height + pad.key * 1.0
        radius: pad.key * 0.25
        color: Theme.surface
        border.width: Math.max(1, pad.key * 0.012)
        border.color: Qt.rgba(Theme.foreground.r, Theme.foreground.g, Theme.foreground.b, 0.16)
        transform: Translate { id: nudge }

        Column {
            id: content
            anchors.centerIn: parent
            spacing: pad.spacing

            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: qsTr("Staff")
                color: Theme.foreground
                font.family: Theme.family
                font.weight: Font.Bold
                font.pixelSize: pad.key * 0.42
            }

            Text {
                objectName: "prompt"
                anchors.horizontalCenter: parent.horizontalCenter
                width: keys.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.muted
                font.family: Theme.family
                font.pixelSize: pad.key * 0.2
                text: qsTr("Enter the staff PIN")
            }

            // The entry, masked: one dot per digit typed, four hollow ones to start with.
            Item {
                anchors.horizontalCenter: parent.horizontalCenter
                width: keys.width
                height: pad.key * 0.5
                // How many digits are typed, never which.
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Digits typed: %1").arg(pad.entry.length)

                Row {
                    anchors.centerIn: parent
                    spacing: pad.key * 0.16

                    Repeater {
                        model: Math.max(4, pad.entry.length)
                        delegate: Rectangle {
                            required property int index
                            readonly property bool typed: index < pad.entry.length
                            width: pad.key * 0.2
                            height: width
                            radius: width / 2
                            color: typed ? Theme.accent : "transparent"
                            border.width: typed ? 0 : Math.max(1, pad.key * 0.02)
                            border.color: Theme.muted
                        }
                    }
                }
            }

            Text {
                objectName: "feedback"
                anchors.horizontalCenter: parent.horizontalCenter
                width: keys.width
                height: pad.key * 0.62
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                color: Theme.accent
                font.family: Theme.family
                font.weight: Font.DemiBold
                font.pixelSize: pad.key * 0.19
                // The lock's time left: 30 s at first, longer at each lockout (up to 1 h).
                text: pad.locked ? qsTr("Too many wrong PINs. Try again in %1")
                                       .arg(pad.controller.lockedFor)
                    : pad.feedback
            }

            Grid {
                id: keys
                objectName: "keys"
                anchors.horizontalCenter: parent.horizontalCenter
                columns: 3
                spacing: pad.spacing

                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                    delegate: StaffButton {
                        required property string modelData
                        objectName: "key" + modelData
                        size: pad.key
                        width: pad.key * 1.25
                        text: modelData
                        Accessible.name: modelData === "⌫" ? qsTr("Erase") : modelData
                        emphasis: modelData === "OK"
                        enabled: pad.usable && (modelData !== "⌫" || pad.entry.length > 0)
                        onClicked: {
                            if (modelData === "OK")
                                pad.send();
                            else if (modelData === "⌫")
                                pad.erase();
                            else
                                pad.type(modelData);
                        }
                    }
                }
            }

            StaffButton {
                objectName: "cancel"
                anchors.horizontalCenter: parent.horizontalCenter
                size: Math.max(15 * Theme.density, pad.key * 0.8)
                width: keys.width
                text: qsTr("Cancel")
                onClicked: pad.controller.cancel()
            }
        }
    }

    SequentialAnimation {
        id: shake
        NumberAnimation { target: nudge; property: "x"; to: -pad.key * 0.14; duration: Theme.ms(50) }
        NumberAnimation { target: nudge; property: "x"; to: pad.key * 0.14; duration: Theme.ms(80) }
        NumberAnimation { target: nudge; property: "x"; to: -pad.key * 0.08; duration: Theme.ms(70) }
        NumberAnimation { target: nudge; property: "x"; to: 0; duration: Theme.ms(60) }
    }
}
