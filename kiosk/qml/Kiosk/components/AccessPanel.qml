pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The « Aa » panel: text size (normal, large, larger), high contrast, less motion. A small
// card over the slide's bottom right, above the « Aa » button, so the visitor sees each
// choice take effect on the slide behind it at once; a tap anywhere else (or Esc, or the
// idle return) closes it. Every control is a touch target (Theme.touchTarget, 15 mm) and
// its words stay at the controls' size whatever text size is chosen: nothing moves under
// the finger. Static: no animation, no timer.
//
// The choices are kiosk/qt/access.py's (Access); closing is `access.open = false`.
Item {
    id: root

    required property Access access
    required property string closeLabel

    // Over the slide, taking every press: a tap outside the card closes it (and does not
    // turn the slide under it).
    MouseArea {
        anchors.fill: parent
        onClicked: root.access.open = false
    }

    Rectangle {
        id: card
        objectName: "accessPanel"
        readonly property real padding: Theme.controlGap * 1.5
        width: Math.min(root.width - 2 * Theme.controlInset, content.implicitWidth + 2 * padding)
        height: content.implicitHeight + 2 * padding
        x: root.width - Theme.controlInset - width
        y: Theme.controlBarY - Theme.touchTarget / 2 - Theme.controlGap - height
        radius: Theme.tileRadius
        color: Theme.background
        border.color: Theme.controlLine
        border.width: Math.max(1, Theme.iconStroke * 0.5)
        Accessible.role: Accessible.Dialog
        Accessible.name: root.access.title

        MouseArea { anchors.fill: parent }   // a tap between the controls keeps it open

        Column {
            id: content
            x: card.padding
            y: card.padding
            spacing: Theme.controlGap

            Item {   // the title and the close button
                width: Math.max(sizes.implicitWidth, heading.implicitWidth + close.width + Theme.controlGap)
                height: Theme.touchTarget
                Text {
                    id: heading
                    anchors.verticalCenter: parent.verticalCenter
                    text: root.access.title
                    color: Theme.foreground
                    font.family: Theme.displayFamily
                    font.weight: Font.Bold
                    font.pixelSize: Theme.controlTextSize * 1.2
                    Accessible.ignored: true   // the panel's name
                }
                TouchButton {
                    id: close
                    objectName: "closeAccessButton"
                    anchors.right: parent.right
                    icon: "close"
                    onClicked: root.access.open = false
                    Accessible.name: root.closeLabel
                }
            }

            Text {
                text: root.access.textSizeLabel
                color: Theme.foreground
                font.family: Theme.family
                font.pixelSize: Theme.controlTextSize
                Accessible.ignored: true   // each size button says its own name
            }

            Row {
                id: sizes
                spacing: Theme.controlGap
                Repeater {
                    model: root.access.sizeLabels
                    delegate: TouchButton {
                        required property int index
                        required property string modelData
                        objectName: "textSize" + index
                        text: modelData
                        emphasis: root.access.textStep === index
                        onClicked: root.access.setTextSize(index)
                        Accessible.checkable: true
                        Accessible.checked: emphasis
                    }
                }
            }

            Switch {
                objectName: "contrastSwitch"
                label: root.access.contrastLabel
                checked: root.access.highContrast
                onToggled: root.access.setHighContrast(!root.access.highContrast)
            }

            Switch {
                objectName: "motionSwitch"
                label: root.access.motionLabel
                checked: root.access.reducedMotion
                // Already off for the whole booth (settings or the platform): shown, fixed.
                fixed: root.access.motionFixed
                onToggled: root.access.setLessMotion(!root.access.lessMotion)
            }
        }
    }

    // A choice that is on or off: its words and a switch, the whole row one touch target.
    component Switch: Item {
        id: toggle
        property string label
        property bool checked: false
        property bool fixed: false
        signal toggled()

        readonly property real trackWidth: Theme.touchTarget * 0.9
        implicitWidth: words.implicitWidth + Theme.controlGap + trackWidth
        implicitHeight: Theme.touchTarget
        width: Math.max(implicitWidth, sizes.implicitWidth)
        height: implicitHeight
        Accessible.role: Accessible.CheckBox
        Accessible.name: label
        Accessible.checkable: !fixed
        Accessible.checked: checked
        Accessible.onToggleAction: if (!toggle.fixed) toggle.toggled()
        Accessible.onPressAction: if (!toggle.fixed) toggle.toggled()

        Text {
            id: words
            anchors.verticalCenter: parent.verticalCenter
            text: toggle.label
            color: Theme.foreground
            font.family: Theme.family
            font.weight: Font.DemiBold
            font.pixelSize: Theme.controlTextSize
            Accessible.ignored: true
        }
        Rectangle {   // the track: outlined when off, in the accent when on
            id: track
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            width: toggle.trackWidth
            height: Theme.touchTarget * 0.5
            radius: height / 2
            color: toggle.checked ? Theme.accent : Theme.controlFill
            border.color: toggle.checked ? Theme.accent : Theme.controlLine
            border.width: Math.max(1, Theme.iconStroke * 0.5)
            Rectangle {   // the knob: right when on
                width: parent.height - 2 * y
                height: width
                radius: width / 2
                y: parent.height * 0.12
                x: toggle.checked ? parent.width - width - y : y
                color: toggle.checked ? Theme.background : Theme.foreground
            }
        }
        MouseArea {
            anchors.fill: parent
            enabled: !toggle.fixed
            onClicked: toggle.toggled()
        }
    }
}
