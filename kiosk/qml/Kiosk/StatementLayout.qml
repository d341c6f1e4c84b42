import QtQuick
import Kiosk

// `statement`: one strong sentence, large, on its own; a link in it shows its QR code,
// right of the text (landscape) or under it (portrait).
SlideBase {
    id: slide

    readonly property real spacer: content.height > 0 ? Theme.gap * 1.3 : 0
    readonly property real qrSpace: Theme.portrait ? panel.space : 0
    readonly property real blockHeight: bar.height + Theme.gap + heading.height + spacer + content.height
        + qrSpace
    readonly property real textWidth: panel.active && !Theme.portrait
        ? slide.areaWidth - Theme.linkQrColumn : slide.areaWidth
    readonly property real columnWidth: Math.min(slide.textWidth, Theme.statementSize * 19)

    AccentBar {
        id: bar
        x: slide.areaX
        y: slide.areaY + Math.max(0, (slide.areaHeight - slide.blockHeight) / 2)
    }

    FitText {
        id: heading
        objectName: "title"
        x: slide.areaX
        y: bar.y + bar.height + Theme.gap
        width: slide.columnWidth
        maxHeight: (slide.areaHeight - slide.qrSpace) * 0.75
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.statementSize
        weight: Font.DemiBold
        family: Theme.displayFamily
    }

    FitText {
        id: content
        objectName: "body"
        x: slide.areaX
        y: heading.y + heading.height + slide.spacer
        width: Math.min(slide.columnWidth, Theme.measure)
        maxHeight: slide.areaHeight - slide.qrSpace - bar.height - Theme.gap - heading.height
            - Theme.gap * 1.3
        text: slide.body
        maxPixelSize: Theme.bodySize
        color: Theme.muted
    }

    LinkQr {
        id: panel
        x: Theme.portrait ? slide.areaX : slide.areaX + slide.areaWidth - width
        y: Theme.portrait ? content.y + content.height + Theme.gap * 1.5
                          : slide.areaY + Math.max(0, (slide.areaHeight - height) / 2)
        url: slide.qr
        caption: slide.qrCaption
    }
}
