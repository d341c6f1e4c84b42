pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// `default`: a title and its text (paragraphs or a list), left-aligned on the grid.
// Composed, not just filled from the top: a short text is set a step larger (in a measure
// as many ems wide, so still about 45 characters a line), and the whole block sits a
// little above the middle of the content area, as much room left under it as above, or
// a little more (the eye's centre is above the page's).
//
// A slide that names a link shows its QR code (kiosk.deck.parser: `qr:`, else the first
// link): right of the text on a landscape screen, under it on a portrait one.
SlideBase {
    id: slide

    readonly property bool hasQr: panel.active
    // The text's room: the content area, less the QR code's column in landscape.
    readonly property real textWidth: hasQr && !Theme.portrait
        ? slide.areaWidth - Theme.linkQrColumn : slide.areaWidth
    readonly property real qrSpace: Theme.portrait ? panel.space : 0
    readonly property real titleGap: Theme.gap * 0.8
    readonly property real bodyGap: heading.height > 0 ? Theme.gap * 1.3 : 0
    readonly property real headHeight: bar.height + titleGap + heading.height + bodyGap
    readonly property real blockHeight: headHeight + content.height + qrSpace
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
        width: Math.min(slide.textWidth, Theme.titleSize * 20)
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
        // Code lines never wrap: they get the whole width, not prose's 45 characters.
        width: hasCode ? slide.textWidth
            : Math.min(slide.textWidth, stepped ? stepWidth : Theme.measure)
        // All the room under the title, wherever the block ends up: its place depends on
        // its height, never the other way round.
        maxHeight: slide.areaHeight - slide.headHeight - slide.qrSpace
        text: slide.body
        maxPixelSize: Theme.bodySize
        stepPixelSize: Theme.bodyStepSize
        stepWidth: hasCode ? slide.textWidth
            : Math.min(slide.textWidth, Theme.bodyStepSize * Theme.measureEms)
    }

    LinkQr {
        id: panel
        x: Theme.portrait ? slide.areaX : slide.areaX + slide.areaWidth - width
        y: Theme.portrait ? content.y + content.height + Theme.gap * 1.5
                          : slide.areaY + Math.max(0, (slide.areaHeight - height) * Theme.balance)
        url: slide.qr
        caption: slide.qrCaption
    }
}
