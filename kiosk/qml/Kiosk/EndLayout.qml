import QtQuick
import Kiosk

// `end`: the call to action, and a QR code (the slide's `qr:` or the deck's `link:`)
// large enough to scan from a metre. Portrait screens put the code under the text.
SlideBase {
    id: slide

    readonly property bool hasQr: qr.length > 0
    readonly property real qrSide: !hasQr ? 0 : Theme.portrait
        ? Math.min(areaWidth * 0.62, areaHeight * 0.42)
        : Math.min(Theme.qrSide, areaHeight - Theme.smallSize * 2.2 - Theme.u * 1.6, areaWidth * 0.36)
    readonly property real textWidth: Theme.portrait || !hasQr ? areaWidth : areaWidth - qrSide - Theme.gap * 2.5
    readonly property real spacer: content.height > 0 ? Theme.gap * 1.3 : 0
    readonly property real textHeight: bar.height + Theme.gap + heading.height + spacer + content.height
    readonly property real qrSpace: Theme.portrait && hasQr ? panel.height + Theme.gap * 2 : 0
    readonly property real blockHeight: textHeight + qrSpace
    readonly property real blockTop: areaY + Math.max(0, (areaHeight - blockHeight) / 2)

    // Made only when sliding (SlideView draws the rings under a fade): a set of rings
    // costs about 7 MB even hidden (the software renderer's corner images).
    Loader {
        anchors.fill: parent
        active: slide.ownBackdrop
        sourceComponent: Backdrop {}
    }

    AccentBar {
        id: bar
        x: slide.areaX
        y: slide.blockTop
    }

    FitText {
        id: heading
        objectName: "title"
        x: slide.areaX
        y: bar.y + bar.height + Theme.gap
        width: Math.min(slide.textWidth, Theme.endTitleSize * 14)
        maxHeight: (slide.areaHeight - slide.qrSpace) * 0.55
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.endTitleSize
        weight: Font.Bold
        family: Theme.displayFamily
    }

    FitText {
        id: content
        objectName: "body"
        x: slide.areaX
        y: heading.y + heading.height + slide.spacer
        width: Math.min(slide.textWidth, Theme.measure)
        maxHeight: slide.areaHeight - slide.qrSpace - bar.height - Theme.gap - heading.height - Theme.gap * 1.3
        text: slide.body
        maxPixelSize: Theme.underHeading(Theme.bodySize * 1.15, heading.pixelSize)
        color: Theme.accent
        weight: Font.DemiBold
    }

    QrPanel {
        id: panel
        visible: slide.hasQr
        side: slide.qrSide
        width: slide.qrSide
        x: Theme.portrait ? (slide.width - width) / 2 : slide.areaX + slide.areaWidth - width
        y: Theme.portrait ? slide.blockTop + slide.textHeight + Theme.gap * 2
                          : slide.areaY + (slide.areaHeight - height) / 2
        url: slide.qr
        caption: slide.qrCaption
    }
}
