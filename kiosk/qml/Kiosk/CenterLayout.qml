pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// `center`: the title and text centred on the screen, both ways; under them, the QR code of
// a link the slide names (kiosk.deck.parser).
SlideBase {
    id: slide

    readonly property real qrSpace: panel.space
    readonly property real blockHeight: heading.height + spacer + content.height + qrSpace
    readonly property real spacer: heading.height > 0 && content.height > 0 ? Theme.gap * 1.3 : 0
    readonly property real columnWidth: Math.min(slide.areaWidth, Theme.measure * 1.15)

    FitText {
        id: heading
        objectName: "title"
        x: (slide.width - width) / 2
        y: slide.areaY + Math.max(0, (slide.areaHeight - slide.blockHeight) / 2)
        width: slide.columnWidth
        maxHeight: (slide.areaHeight - slide.qrSpace) * 0.45
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.titleSize
        weight: Font.Bold
        family: Theme.displayFamily
        horizontalAlignment: Text.AlignHCenter
    }

    FitText {
        id: content
        objectName: "body"
        x: (slide.width - width) / 2
        y: heading.y + heading.height + slide.spacer
        width: slide.columnWidth
        maxHeight: slide.areaHeight - heading.height - Theme.gap * 1.3 - slide.qrSpace
        text: slide.body
        maxPixelSize: Theme.bodySize
        horizontalAlignment: Text.AlignHCenter
    }

    LinkQr {
        id: panel
        x: (slide.width - width) / 2
        y: content.y + content.height + Theme.gap * 1.5
        url: slide.qr
        caption: slide.qrCaption
    }
}
