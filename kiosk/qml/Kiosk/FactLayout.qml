import QtQuick
import Kiosk

// `fact`: « Le saviez-vous ? » card. The figure is the largest thing on screen, in the
// accent colour; the statement explains it; the source line sits at the bottom of the grid
// and is always shown in full. The figure is the deck's at every frame: it enters by rising
// a little as the card fades in (no count-up, whose passing numbers were figures the
// brochure never gave), in the fade's own frames, and not at all under reduced motion.
// A link in the statement shows its QR code: right of the figure and statement on a
// landscape screen, under them (above the source) on a portrait one.
SlideBase {
    id: slide

    readonly property string sourceText: source.length === 0 ? ""
        : (french ? "Source\u202f: " : "Source: ") + source
    readonly property real sourceSpace: sourceLine.height > 0 ? sourceLine.height + Theme.gap * 1.6 : 0
    readonly property real spacer: statementText.height > 0 ? Theme.gap : 0
    readonly property real qrSpace: Theme.portrait ? panel.space : 0
    readonly property real blockHeight: figureText.height + spacer + statementText.height + qrSpace
    readonly property real blockSpace: areaHeight - sourceSpace
    readonly property real textWidth: panel.active && !Theme.portrait
        ? areaWidth - Theme.linkQrColumn : areaWidth

    FitText {
        id: figureText
        objectName: "figure"
        x: slide.areaX - Math.round(pixelSize * 0.04)   // optical alignment of large digits
        y: slide.areaY + Math.max(0, (slide.blockSpace - slide.blockHeight) / 2)
        width: slide.textWidth
        maxHeight: (slide.blockSpace - slide.qrSpace) * 0.55
        text: slide.figure
        transform: Translate { y: Math.round((1 - slide.entrance) * Theme.figureRise) }
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
        width: Math.min(slide.textWidth, Theme.factStatementSize * 24)
        maxHeight: slide.blockSpace - slide.qrSpace - figureText.height - Theme.gap
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

    LinkQr {
        id: panel
        x: Theme.portrait ? slide.areaX : slide.areaX + slide.areaWidth - width
        y: Theme.portrait ? statementText.y + statementText.height + Theme.gap * 1.5
                          : slide.areaY + Math.max(0, (slide.blockSpace - height) / 2)
        url: slide.qr
        caption: slide.qrCaption
    }
}
