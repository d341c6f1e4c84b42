import QtQuick
import Kiosk

// The footer's controls, on one line under the slide's grid.
//
// Attract loop: where the loop is, the invitation « Touchez l'écran » (as large as the
// body text, its fingertip tapping the glass every few seconds) and the language button
// (an English speaker walking by sees « English » at once).
// Visitor: the arrows at both ends, where the loop is, « Sommaire » and the language.
// and « Aa » beside the language: the reading choices (text size, contrast, motion).
// Between changes only the fingertip's tap moves: two small steps every few seconds, none
// under reduced motion (a strip of the footer redrawn, not the window; within the loop's
// CPU budget, bench/bench_loop.py).
//
// Signals: previous(), next(), contentsRequested(), languageRequested(), accessRequested().
Item {
    id: root

    required property int count
    required property int current
    required property bool attract
    required property string hint
    required property string contentsLabel
    required property string previousLabel
    required property string nextLabel
    required property string languageLabel      // the other language's name, in it
    required property bool languageShown
    required property bool contentsShown
    required property bool reducedMotion
    required property string accessLabel        // the « Aa » panel's name, for a screen reader
    required property bool accessOpen
    property string positionLabel: "%1 / %2"   // for a screen reader: "Slide %1 of %2"

    signal previous()
    signal next()
    signal contentsRequested()
    signal languageRequested()
    signal accessRequested()

    implicitHeight: Theme.touchTarget

    TouchButton {
        id: previousButton
        objectName: "previousButton"
        visible: !root.attract
        x: Theme.controlInset
        icon: "previous"
        onClicked: root.previous()
        Accessible.name: root.previousLabel
    }

    TouchButton {
        id: nextButton
        objectName: "nextButton"
        visible: !root.attract
        x: root.width - width - Theme.controlInset
        icon: "next"
        onClicked: root.next()
        Accessible.name: root.nextLabel
    }

    // Right-aligned beside the next arrow's place in both modes, so the language button
    // never moves: a first touch on it changes the mode, and a button sliding away under
    // the finger would lose the tap. The invitation may take the whole bar's width but the
    // language button's: the position gives way to it where both do not fit (a portrait
    // totem), the time bar still telling where the loop is.
    Row {
        id: choices
        x: nextButton.x - Theme.controlGap - width
        spacing: Theme.controlGap

        Item {   // the invitation: a fingertip and « Touchez l’écran », as large as the body
            id: hint
            objectName: "hint"
            // As large as the body text where it fits beside the language button (the
            // position gives way to it); else as large as fits, never under the controls'.
            readonly property real room: nextButton.x - Theme.controlGap - Theme.controlInset
                - (language.visible ? language.width + Theme.controlGap : 0)
            readonly property real textSize: Math.max(Theme.controlTextSize,
                Math.min(Theme.inviteSize, Math.floor(room / (measureHint.advance + 1.3))))
            visible: root.attract && implicitWidth <= room
            implicitWidth: hintRow.implicitWidth
            implicitHeight: Theme.touchTarget
            width: implicitWidth
            height: implicitHeight
            Accessible.role: Accessible.StaticText
            Accessible.name: root.hint
            Row {
                id: hintRow
                anchors.verticalCenter: parent.verticalCenter
                spacing: hint.textSize * 0.3
                Item {
                    id: fingertip
                    objectName: "fingertip"
                    width: hint.textSize
                    height: width
                    anchors.verticalCenter: parent.verticalCenter
                    // The tap: pressed, a ring leaving the finger; at rest the rest of the
                    // time. Two frames a tap (each frame costs the 10 s loop's budget).
                    property int step: 0
                    Rectangle {   // the ring the tap leaves on the glass
                        objectName: "tapRing"
                        anchors.centerIn: parent
                        // Sized, not scaled: the software renderer draws a scaled ring jagged.
                        width: Math.round(parent.width * 1.5)
                        height: width
                        radius: width / 2
                        color: "transparent"
                        border.color: Theme.accent
                        border.width: Theme.iconStroke
                        visible: fingertip.step >= 1
                        opacity: 0.7
                    }
                    Icon {
                        kind: "touch"
                        color: Theme.accent
                        anchors.centerIn: parent
                        width: parent.width * 0.9
                        height: width
                        scale: fingertip.step === 1 ? 0.82 : 1
                    }
                    Timer {
                        // Every few seconds a tap of 150 ms; none under reduced motion, nor
                        // when the invitation is not shown.
                        running: hint.visible && root.visible && !root.reducedMotion
                        repeat: true
                        interval: fingertip.step === 0 ? Theme.ms(Theme.inviteEveryMs) : Theme.ms(150)
                        onTriggered: fingertip.step = (fingertip.step + 1) % 2
                        onRunningChanged: if (!running) fingertip.step = 0
                    }
                }
                Text {
                    objectName: "hintText"
                    Accessible.ignored: true   // read as the invitation's name
                    anchors.verticalCenter: parent.verticalCenter
                    text: root.hint
                    color: Theme.foreground
                    font.family: Theme.family
                    font.weight: Font.DemiBold
                    font.pixelSize: hint.textSize
                }
            }
            // The text's width in ems, to find the size that fits (its font, 100 px).
            TextMetrics {
                id: measureHint
                readonly property real advance: advanceWidth / 100
                text: root.hint
                font.family: Theme.family
                font.weight: Font.DemiBold
                font.pixelSize: 100
            }
        }

        TouchButton {
            id: contents
            objectName: "contentsButton"
            visible: !root.attract && root.contentsShown
            icon: "contents"
            text: root.contentsLabel
            onClicked: root.contentsRequested()
        }

        TouchButton {   // « Aa »: the same two letters in every language
            id: access
            objectName: "accessButton"
            // A visitor's, as the arrows: in the loop the invitation keeps its size.
            visible: !root.attract
            text: "Aa"
            emphasis: root.accessOpen
            onClicked: root.accessRequested()
            Accessible.name: root.accessLabel
        }

        TouchButton {
            id: language
            objectName: "languageButton"
            visible: root.languageShown
            text: root.languageLabel
            onClicked: root.languageRequested()
        }
    }

    // Where the loop is: dots, or "n / N" when the dots would not fit.
    ProgressDots {
        id: position
        readonly property real start: previousButton.visible
            ? previousButton.x + previousButton.width + Theme.controlGap : Theme.marginX
        x: start
        anchors.verticalCenter: parent.verticalCenter
        maxWidth: Math.max(0, choices.x - Theme.controlGap - start)
        count: root.count
        current: root.current
        Accessible.role: Accessible.StaticText
        Accessible.name: root.positionLabel.arg(root.current + 1).arg(root.count)
    }
}
