import QtQuick
import Kiosk

// `cover`: the deck's title, large, with its subtitle in the accent colour; the brand's
// logo above when the deck has one. A link in the subtitle (or `qr:`) shows its QR code:
// right of the text on a landscape screen, under it on a portrait one.
SlideBase {
    id: slide

    readonly property real spacer: subtitle.height > 0 ? Theme.gap * 1.4 : 0
    readonly property real qrSpace: Theme.portrait ? panel.space : 0
    readonly property real textWidth: panel.active && !Theme.portrait
        ? slide.areaWidth - Theme.linkQrColumn : slide.areaWidth
    readonly property real blockHeight: bar.height + Theme.gap + heading.height + spacer + subtitle.height
        + qrSpace
    readonly property real columnWidth: Math.min(slide.areaWidth * (Theme.portrait ? 1 : 0.78),
                                                 Theme.coverTitleSize * 15, textWidth)
    readonly property real logoSpace: logo.status === Image.Ready ? logo.height + Theme.gap : 0

    // Made only when sliding (SlideView draws the rings under a fade): a set of rings
    // costs about 7 MB even hidden (the software renderer's corner images).
    Loader {
        anchors.fill: parent
        active: slide.ownBackdrop
        sourceComponent: Backdrop {}
    }

    Image {
        id: logo
        x: slide.areaX
        y: slide.areaY
        height: Theme.u * 9
        width: Math.min(slide.areaWidth * 0.4, Theme.u * 40)
        fillMode: Image.PreserveAspectFit
        horizontalAlignment: Image.AlignLeft
        source: Theme.brand ? Theme.brand.logoUrl : ""
        sourceSize.height: height
        visible: status === Image.Ready
        Accessible.role: Accessible.Graphic
        Accessible.name: "Logo"   // the same word in French and English
    }

    AccentBar {
        id: bar
        x: slide.areaX
        y: slide.areaY + slide.logoSpace
           + Math.max(0, (slide.areaHeight - slide.logoSpace - slide.blockHeight) / 2)
    }

    FitText {
        id: heading
        objectName: "title"
        x: slide.areaX
        y: bar.y + bar.height + Theme.gap
        width: slide.columnWidth
        maxHeight: (slide.areaHeight - slide.logoSpace - slide.qrSpace) * 0.62
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.coverTitleSize
        weight: Font.Bold
        family: Theme.displayFamily
    }

    FitText {
        id: subtitle
        objectName: "subtitle"
        x: slide.areaX
        y: heading.y + heading.height + slide.spacer
        width: slide.columnWidth
        maxHeight: slide.areaHeight - slide.logoSpace - slide.qrSpace - bar.height - Theme.gap
            - heading.height - Theme.gap * 1.4
        text: slide.body
        maxPixelSize: Theme.underHeading(Theme.coverSubtitleSize, heading.pixelSize)
        weight: Font.DemiBold
        color: Theme.accent
    }

    LinkQr {
        id: panel
        x: Theme.portrait ? slide.areaX : slide.areaX + slide.areaWidth - width
        y: Theme.portrait ? subtitle.y + subtitle.height + Theme.gap * 1.5
            : slide.areaY + slide.logoSpace + Math.max(0, (slide.areaHeight - slide.logoSpace - height) / 2)
        url: slide.qr
        caption: slide.qrCaption
    }
}
