import QtQuick
import Kiosk

// The footer's controls, on one line under the slide's grid.
//
// Attract loop: where the loop is, a discreet « Touchez l'écran » and the language
// button (an English speaker walking by sees « English » at once).
// Visitor: the arrows at both ends, where the loop is, « Sommaire » and the language.
// Everything here is static between changes: nothing animates, nothing redraws.
//
// Signals: previous(), next(), contentsRequested(), languageRequested().
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

    signal previous()
    signal next()
    signal contentsRequested()
    signal languageRequested()

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
    // the finger would lose the tap.
    Row {
        id: choices
        x: nextButton.x - Theme.controlGap - width
        spacing: Theme.controlGap

        Item {   // the hint: text and a fingertip, quiet, in the muted colour
            id: hint
            objectName: "hint"
            visible: root.attract && implicitWidth <= nextButton.x - Theme.controlGap
                     - Theme.controlInset - (language.visible ? language.width + Theme.controlGap : 0)
            implicitWidth: hintRow.implicitWidth
            implicitHeight: Theme.touchTarget
            width: implicitWidth
            height: implicitHeight
            Row {
                id: hintRow
                anchors.verticalCenter: parent.verticalCenter
                spacing: Theme.controlTextSize * 0.45
                Icon {
                    kind: "touch"
                    color: Theme.muted
                    anchors.verticalCenter: parent.verticalCenter
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: root.hint
                    color: Theme.muted
                    font.family: Theme.family
                    font.pixelSize: Theme.controlTextSize
                }
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
    }
}
