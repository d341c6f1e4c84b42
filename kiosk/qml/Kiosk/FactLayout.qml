import QtQuick
import Kiosk

// `fact`: « Le saviez-vous ? » card. The figure is the largest thing on screen, in the
// accent colour, and counts up when the card appears; the statement explains it; the
// source line sits at the bottom of the grid and is always shown in full.
SlideBase {
    id: slide

    property int frame: frames.length - 1   // of the count-up: the figure itself at the end
    readonly property list<string> frames: figureFrames.length > 0 ? figureFrames : [figure]
    readonly property string sourceText: source.length === 0 ? ""
        : (french ? "Source\u202f: " : "Source: ") + source
    readonly property real sourceSpace: sourceLine.height > 0 ? sourceLine.height + Theme.gap * 1.6 : 0
    readonly property real spacer: statementText.height > 0 ? Theme.gap : 0
    readonly property real blockHeight: figureText.height + spacer + statementText.height
    readonly property real blockSpace: areaHeight - sourceSpace

    function replay() {
        countUp.stop();
        if (reducedMotion || frames.length < 2) {
            frame = frames.length - 1;
        } else if (shown) {
            frame = 0;
            countUp.start();
        }
    }
    onShownChanged: replay()
    // New text in place (another language, a reload): the new figure, whole, unless it
    // is counting up.
    onFramesChanged: if (!countUp.running) frame = frames.length - 1
    Component.onCompleted: replay()

    // One step per frame of the count-up (their time curve is in the frames: they ease
    // out), so the figure is drawn only when it changes: an animation of a fraction
    // ticked at the screen's rate for the whole count, about 60 times a second.
    Timer {
        id: countUp
        interval: Math.max(1, Math.round(Theme.countUpMs / Math.max(1, slide.frames.length - 1)))
        repeat: true
        onTriggered: {
            slide.frame += 1;
            if (slide.frame >= slide.frames.length - 1)
                stop();
        }
    }

    FitText {
        id: figureText
        objectName: "figure"
        x: slide.areaX - Math.round(pixelSize * 0.04)   // optical alignment of large digits
        y: slide.areaY + Math.max(0, (slide.blockSpace - slide.blockHeight) / 2)
        width: slide.areaWidth
        maxHeight: slide.blockSpace * 0.55
        text: slide.figure
        displayText: slide.frames[Math.min(slide.frame, slide.frames.length - 1)]
        textFormat: Text.PlainText
        singleLine: true
        maxPixelSize: Theme.figureSize
        family: Theme.displayFamily
        weight: Font.Bold
        color: Theme.accent
    }

    FitText {
        id: statementText
        objectName: "statement"
        x: slide.areaX
        y: figureText.y + figureText.height + slide.spacer
        width: Math.min(slide.areaWidth, Theme.factStatementSize * 24)
        maxHeight: slide.blockSpace - figureText.height - Theme.gap
        text: slide.statement
        maxPixelSize: Math.min(Theme.factStatementSize, figureText.pixelSize * 0.6)
    }

    Rectangle {
        id: sourceRule
        visible: sourceLine.height > 0
        x: slide.areaX
        y: sourceLine.y - Theme.gap * 0.8
        width: Theme.accentBarLength
        height: Math.max(1, Theme.u * 0.2)
        color: Theme.muted
    }

    FitText {
        id: sourceLine
        objectName: "source"
        x: slide.areaX
        y: slide.areaY + slide.areaHeight - height
        width: Math.min(slide.areaWidth, Theme.measure * 1.3)
        maxHeight: Theme.smallSize * 2.6
        text: slide.sourceText
        textFormat: Text.PlainText
        maxPixelSize: Theme.smallSize
        color: Theme.muted
    }
}
