import QtQuick
import Kiosk

// `quote`: a pull-quote, its opening quotation mark large in the accent colour (« in
// French, “ in English), hanging left of the text, the closing one (» or ”) in the same
// colour at the end of its last line, as typeset quotes end; its attribution below a
// short rule. The block sits a little above the middle, as the text slides do. A link (in
// the attribution, say) shows its QR code: right of the quote on a landscape screen, under
// it on a portrait one.
SlideBase {
    id: slide

    readonly property string openMark: french ? "«" : "“"
    // After a narrow no-break space in French, kept whole (Qt's rich text would turn a bare
    // U+202F into a breakable space: see kiosk/deck/markdown_ext.py).
    readonly property string closeMark: french ? "<span style=\"white-space:pre\">\u202f»</span>" : "”"
    readonly property string closing: "<span style=\"color:" + Theme.accent + "; font-style:normal;"
        + " font-weight:700\">" + closeMark + "</span>"
    // A quote in the title is plain text (its hyphens kept from breaking, as titles' are);
    // one in the body is the deck's rich text, closed inside its last paragraph.
    readonly property string quoteWithClose: {
        if (slide.title.length > 0) {
            const plain = slide.quote.replace(/&/g, "&amp;").replace(/</g, "&lt;")
                .replace(/>/g, "&gt;").replace(/-/g, "\u2011");
            return "<p>" + plain + closing + "</p>";
        }
        const end = slide.quote.lastIndexOf("</p>");
        return end >= 0 ? slide.quote.slice(0, end) + closing + slide.quote.slice(end)
            : slide.quote + closing;
    }
    // Landscape: the opening mark hangs in a gutter left of the text; portrait: above it.
    readonly property real gutter: Theme.portrait ? 0 : openText.implicitWidth + Theme.gap
    readonly property real markSpace: Theme.portrait ? openText.height : 0
    readonly property real spacer: attribution.height > 0 ? Theme.gap * 1.1 : 0
    readonly property real qrSpace: Theme.portrait ? panel.space : 0
    readonly property real blockHeight: markSpace + quoteText.height + spacer + attribution.height
        + qrSpace
    readonly property real textWidth: panel.active && !Theme.portrait
        ? slide.areaWidth - Theme.linkQrColumn : slide.areaWidth
    readonly property real columnWidth: Math.min(slide.textWidth - gutter, Theme.quoteSize * 22)
    readonly property real blockTop: slide.areaY
        + Math.max(0, slide.areaHeight - blockHeight) * Theme.balance

    Text {
        id: openText
        objectName: "mark"
        x: slide.areaX
        // Landscape: the mark's top on the first line's capitals, as a hanging mark is set.
        y: Theme.portrait ? slide.blockTop
            : quoteText.y + quoteText.label.baselineOffset + capMetrics.tightBoundingRect.y
              - (baselineOffset + markMetrics.tightBoundingRect.y)
        text: slide.openMark
        Accessible.ignored: true   // the quote's own text is read; its mark is drawn
        color: Theme.accent
        font.family: Theme.displayFamily
        font.weight: Font.Bold
        font.pixelSize: Theme.quoteMarkSize
        lineHeightMode: Text.FixedHeight
        lineHeight: Theme.quoteMarkSize * 0.75
    }

    TextMetrics {
        id: markMetrics
        font: openText.font
        text: openText.text
    }

    TextMetrics {
        id: capMetrics
        font: quoteText.label.font
        text: "H"
    }

    FitText {
        id: quoteText
        objectName: "quote"
        x: slide.areaX + slide.gutter
        y: slide.blockTop + slide.markSpace
        width: slide.columnWidth
        maxHeight: slide.areaHeight - slide.markSpace - Theme.gap * 1.1 - attribution.maxHeight
            - slide.qrSpace
        text: slide.quoteWithClose
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
        x: quoteText.x + rule.width + Theme.u * 1.5
        y: quoteText.y + quoteText.height + slide.spacer
        width: slide.columnWidth - (x - quoteText.x)
        maxHeight: Theme.bodySize * 2.8
        // A title holds the quote; the text under it (or `source:`) names who said it.
        text: slide.title.length > 0 ? (slide.body.length > 0 ? slide.body : slide.source) : slide.source
        maxPixelSize: Theme.bodySize * 0.9
        color: Theme.muted
    }

    LinkQr {
        id: panel
        x: Theme.portrait ? slide.areaX : slide.areaX + slide.areaWidth - width
        y: Theme.portrait ? attribution.y + attribution.height + Theme.gap * 1.5
            : slide.areaY + Math.max(0, slide.areaHeight - height) * Theme.balance
        url: slide.qr
        caption: slide.qrCaption
    }
}
