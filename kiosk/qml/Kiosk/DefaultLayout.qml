import QtQuick
import Kiosk

// `default`: a title and its text (paragraphs or a list), left-aligned on the grid.
// Composed, not just filled from the top: a short text is set a step larger (in a measure
// as many ems wide, so still about 45 characters a line), and the whole block sits a
// little above the middle of the content area, as much room left under it as above, or
// a little more (the eye's centre is above the page's).
SlideBase {
    id: slide

    readonly property real titleGap: Theme.gap * 0.8
    readonly property real bodyGap: heading.height > 0 ? Theme.gap * 1.3 : 0
    readonly property real headHeight: bar.height + titleGap + heading.height + bodyGap
    readonly property real blockHeight: headHeight + content.height
    readonly property real blockTop: slide.areaY
        + Math.max(0, slide.areaHeight - blockHeight) * Theme.balance

    AccentBar {
        id: bar
        x: slide.areaX
        y: slide.blockTop
    }

    FitText {
        id: heading
        objectName: "title"
        x: slide.areaX
        y: bar.y + bar.height + slide.titleGap
        width: Math.min(slide.areaWidth, Theme.titleSize * 20)
        maxHeight: slide.areaHeight * 0.4
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.titleSize
        weight: Font.Bold
        family: Theme.displayFamily
    }

    FitText {
        id: content
        objectName: "body"
        x: slide.areaX
        y: heading.y + heading.height + slide.bodyGap
        width: Math.min(slide.areaWidth,
                        stepped ? stepWidth : Theme.measure)
        // All the room under the title, wherever the block ends up: its place depends on
        // its height, never the other way round.
        maxHeight: slide.areaHeight - slide.headHeight
        text: slide.body
        maxPixelSize: Theme.bodySize
        stepPixelSize: Theme.bodyStepSize
        stepWidth: Math.min(slide.areaWidth, Theme.bodyStepSize * Theme.measureEms)
    }
}
