import QtQuick
import Kiosk

// `section`: a chapter opening: a large title beside an accent rule, its lead line below;
// a link in it shows its QR code, right of the text (landscape) or under it (portrait).
SlideBase {
    id: slide

    readonly property real spacer: lead.height > 0 ? Theme.gap * 1.2 : 0
    readonly property real textHeight: heading.height + spacer + lead.height
    readonly property real qrSpace: Theme.portrait ? panel.space : 0
    readonly property real blockHeight: textHeight + qrSpace
    readonly property real indent: Theme.u * 3.5
    readonly property real textWidth: panel.active && !Theme.portrait
        ? slide.areaWidth - Theme.linkQrColumn : slide.areaWidth
    readonly property real columnWidth: Math.min(slide.areaWidth * (Theme.portrait ? 1 : 0.82),
                                                 Theme.sectionTitleSize * 16, textWidth) - indent

    // Made only when sliding (SlideView draws the rings under a fade): a set of rings
    // costs about 7 MB even hidden (the software renderer's corner images).
    Loader {
        anchors.fill: parent
        active: slide.ownBackdrop
        sourceComponent: Backdrop {}
    }

    Rectangle {
        id: rule
        x: slide.areaX
        y: heading.y + Theme.u * 0.8
        width: Theme.accentBarThickness * 1.4
        height: Math.max(0, slide.textHeight - Theme.u * 1.2)
        radius: width / 2
        color: Theme.accent
    }

    FitText {
        id: heading
        objectName: "title"
        x: slide.areaX + slide.indent
        y: slide.areaY + Math.max(0, (slide.areaHeight - slide.blockHeight) / 2)
        width: slide.columnWidth
        maxHeight: (slide.areaHeight - slide.qrSpace) * 0.6
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.sectionTitleSize
        weight: Font.Bold
        family: Theme.displayFamily
    }

    FitText {
        id: lead
        objectName: "lead"
        x: heading.x
        y: heading.y + heading.height + slide.spacer
        width: Math.min(slide.columnWidth, Theme.measure)
        maxHeight: slide.areaHeight - slide.qrSpace - heading.height - Theme.gap * 1.2
        text: slide.body
        maxPixelSize: Theme.underHeading(Theme.bodySize * 1.1, heading.pixelSize)
        color: Theme.muted
    }

    LinkQr {
        id: panel
        x: Theme.portrait ? heading.x : slide.areaX + slide.areaWidth - width
        y: Theme.portrait ? lead.y + lead.height + Theme.gap * 1.5
                          : slide.areaY + Math.max(0, (slide.areaHeight - height) / 2)
        url: slide.qr
        caption: slide.qrCaption
    }
}
