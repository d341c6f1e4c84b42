import QtQuick
import Kiosk

// `two-cols`: a title over two columns (the slide's text and its `::right::` slot), both
// set at the same size; portrait screens stack the columns.
// A link in either shows its QR code: a third column on a wide screen (16:9, where the
// text columns keep about 24 characters a line), else under the right-hand column (under
// both, stacked, in portrait).
SlideBase {
    id: slide

    readonly property real columnGap: Theme.gap * 2
    readonly property real columnsY: heading.y + heading.height + (heading.height > 0 ? Theme.gap * 1.3 : 0)
    readonly property real columnsHeight: areaY + areaHeight - columnsY
    readonly property bool qrBeside: panel.active && !Theme.portrait
        && (areaWidth - Theme.linkQrColumn - columnGap) / 2 >= Theme.bodySize * 12
    readonly property real textWidth: qrBeside ? areaWidth - Theme.linkQrColumn : areaWidth
    readonly property real columnWidth: Theme.portrait ? areaWidth : (textWidth - columnGap) / 2
    // Under the right column (and so, stacked, under both): the room the code takes there.
    readonly property real qrSpace: qrBeside ? 0 : panel.space
    // One size for both columns: the smaller of the two fits.
    readonly property real sharedSize: Math.min(leftText.fitPixelSize, rightText.fitPixelSize)

    AccentBar {
        id: bar
        x: slide.areaX
        y: slide.areaY
    }

    FitText {
        id: heading
        objectName: "title"
        x: slide.areaX
        y: bar.y + bar.height + Theme.gap * 0.8
        width: Math.min(slide.areaWidth, Theme.titleSize * 20)
        maxHeight: slide.areaHeight * 0.3
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.titleSize
        weight: Font.Bold
        family: Theme.displayFamily
    }

    FitText {
        id: leftText
        objectName: "body"
        x: slide.areaX
        y: slide.columnsY
        width: slide.columnWidth
        maxHeight: Theme.portrait ? (slide.columnsHeight - slide.columnGap - slide.qrSpace) / 2
                                  : slide.columnsHeight
        text: slide.body
        maxPixelSize: Theme.bodySize
        capPixelSize: slide.sharedSize
    }

    Rectangle {
        visible: !Theme.portrait && leftText.height > 0 && rightText.height > 0
        x: slide.areaX + slide.columnWidth + slide.columnGap / 2
        y: slide.columnsY
        width: Math.max(1, Theme.u * 0.15)
        height: Math.max(leftText.height, rightText.height)
        color: Theme.surface
    }

    FitText {
        id: rightText
        objectName: "body"
        x: Theme.portrait ? slide.areaX : slide.areaX + slide.columnWidth + slide.columnGap
        y: Theme.portrait ? leftText.y + leftText.height + slide.columnGap : slide.columnsY
        width: slide.columnWidth
        maxHeight: Theme.portrait ? (slide.columnsHeight - slide.columnGap - slide.qrSpace) / 2
                                  : slide.columnsHeight - slide.qrSpace
        text: slide.rightColumn
        maxPixelSize: Theme.bodySize
        capPixelSize: slide.sharedSize
    }

    LinkQr {
        id: panel
        side: Math.min(Theme.linkQrSide, slide.columnWidth)
        x: slide.qrBeside ? slide.areaX + slide.areaWidth - width : rightText.x
        y: slide.qrBeside ? slide.columnsY : rightText.y + rightText.height + Theme.gap * 1.5
        url: slide.qr
        caption: slide.qrCaption
    }
}
