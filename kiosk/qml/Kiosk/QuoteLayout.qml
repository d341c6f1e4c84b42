import QtQuick
import Kiosk

// `quote`: a pull-quote, with large quotation marks in the accent colour (« » in French,
// “ ” in English) and its attribution below a short rule.
SlideBase {
    id: slide

    readonly property string openMark: french ? "«" : "“"
    readonly property string closeMark: french ? "»" : "”"
    // Landscape: the opening mark hangs in a gutter left of the text; portrait: above it.
    readonly property real gutter: Theme.portrait ? 0 : openText.implicitWidth + Theme.gap
    readonly property real markSpace: Theme.portrait ? openText.height : 0
    readonly property real spacer: attribution.height > 0 ? Theme.gap * 1.4 : 0
    // The closing mark sits just past the longest line; the attribution shares its row when
    // it fits there at full size, else takes the row below.
    readonly property real closeX: quoteText.x + Math.min(columnWidth, quoteText.label.contentWidth + Theme.u) - closeText.implicitWidth
    readonly property real attributionIndent: rule.width + Theme.u * 1.5
    readonly property bool ownRow: attribution.text.length > 0
        && quoteText.x + attributionIndent + attributionMetrics.advanceWidth + Theme.gap > closeX
    readonly property real tail: ownRow ? closeText.height + Theme.gap * 0.4 + attribution.height
                                        : Math.max(attribution.height, closeText.height)
    readonly property real blockHeight: markSpace + quoteText.height + spacer + tail
    readonly property real columnWidth: Math.min(slide.areaWidth - gutter, Theme.quoteSize * 22)
    readonly property real blockTop: slide.areaY + Math.max(0, (slide.areaHeight - blockHeight) / 2)

    Text {
        id: openText
        objectName: "mark"
        x: slide.areaX
        y: Theme.portrait ? slide.blockTop : quoteText.y
        text: slide.openMark
        color: Theme.accent
        font.family: Theme.displayFamily
        font.weight: Font.Bold
        font.pixelSize: Theme.quoteMarkSize
        lineHeightMode: Text.FixedHeight
        lineHeight: Theme.quoteMarkSize * 0.75
    }

    FitText {
        id: quoteText
        objectName: "quote"
        x: slide.areaX + slide.gutter
        y: slide.blockTop + slide.markSpace
        width: slide.columnWidth
        maxHeight: slide.areaHeight - slide.markSpace - Theme.gap * 1.8 - closeText.height - attribution.maxHeight
        text: slide.quote
        textFormat: slide.title.length > 0 ? Text.PlainText : Text.RichText
        maxPixelSize: Theme.quoteSize
        weight: Font.Medium
        italic: true
    }

    Rectangle {
        id: rule
        visible: attribution.height > 0
        x: quoteText.x
        y: attribution.y + attribution.label.font.pixelSize * 0.62
        width: Theme.u * 4
        height: Math.max(1, Theme.u * 0.25)
        color: Theme.accent
    }

    FitText {
        id: attribution
        objectName: "attribution"
        x: quoteText.x + slide.attributionIndent
        y: slide.ownRow ? closeText.y + closeText.height + Theme.gap * 0.4
                        : quoteText.y + quoteText.height + slide.spacer
        width: slide.ownRow ? slide.columnWidth - slide.attributionIndent
                            : Math.max(Theme.u * 10, closeText.x - x - Theme.gap)
        maxHeight: Theme.bodySize * 2.8
        // A title holds the quote; the text under it (or `source:`) names who said it.
        text: slide.title.length > 0 ? (slide.body.length > 0 ? slide.body : slide.source) : slide.source
        maxPixelSize: Theme.bodySize * 0.9
        color: Theme.muted
    }

    TextMetrics {
        id: attributionMetrics
        font.family: Theme.family
        font.pixelSize: attribution.maxPixelSize
        text: attribution.text.replace(/<[^>]*>/g, "")
    }

    Text {
        id: closeText
        objectName: "mark"
        x: slide.closeX
        y: quoteText.y + quoteText.height + Theme.gap * 0.2
        text: slide.closeMark
        color: Theme.accent
        font.family: Theme.displayFamily
        font.weight: Font.Bold
        font.pixelSize: Theme.quoteMarkSize * 0.6
        lineHeightMode: Text.FixedHeight
        lineHeight: Theme.quoteMarkSize * 0.75 * 0.6
    }
}
