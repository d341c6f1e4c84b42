import QtQuick
import Kiosk

// `image`: a picture over the whole screen, the title on a dark scrim at its foot.
// `image-left` / `image-right`: the picture fills one half, the text sits in the other;
// portrait screens put the picture on top. The picture is decoded before the slide shows.
// A link in the text shows its QR code under the text (in its half, or at the foot), or,
// full-bleed on a landscape screen, right of the text at its foot.
SlideBase {
    id: slide

    readonly property bool full: layout === "image"
    readonly property bool hasImage: imageUrl.toString().length > 0
    readonly property bool onLeft: layout === "image-left"
    readonly property bool portrait: Theme.portrait

    // Where the picture goes: on a portrait screen, less of its height when a QR code
    // shares the text's room under it.
    readonly property rect picture: full ? Qt.rect(0, 0, width, height)
        : portrait ? Qt.rect(0, 0, width, height * (panel.active ? 0.3 : 0.42))
        : Qt.rect(onLeft ? 0 : width / 2, 0, width / 2, height)
    // Where the text goes: full-bleed, from a little under the middle down (from higher
    // up with a QR code under it, on a portrait screen).
    readonly property real fullTop: panel.active && portrait ? 0.2 : 0.45
    readonly property rect textArea: full
        ? Qt.rect(areaX, areaY + areaHeight * fullTop, areaWidth, areaHeight * (1 - fullTop))
        : portrait ? Qt.rect(areaX, picture.height + Theme.gap * 1.5, areaWidth,
                             areaY + areaHeight - picture.height - Theme.gap * 1.5)
        : Qt.rect(onLeft ? width / 2 + Theme.gap * 1.5 : areaX, areaY,
                  width / 2 - areaX - Theme.gap * 1.5, areaHeight)
    readonly property real spacer: content.height > 0 ? Theme.gap * 1.2 : 0
    readonly property bool qrBeside: panel.active && full && !portrait
    readonly property real qrSpace: qrBeside ? 0 : panel.space
    readonly property real textWidth: qrBeside ? textArea.width - Theme.linkQrColumn : textArea.width
    readonly property real blockHeight: heading.height + spacer + content.height + qrSpace
    // Where the scrim under full-bleed text is all but opaque: at 62 % of the height, or
    // higher when the text starts higher (a QR code under it lifts it).
    readonly property real scrimStop: Math.max(0.22, Math.min(0.62, (heading.y - Theme.gap) / height))

    Rectangle {
        x: slide.picture.x
        y: slide.picture.y
        width: slide.picture.width
        height: slide.picture.height
        color: Theme.surface
        visible: !slide.full || slide.hasImage
    }

    Image {
        id: photo
        x: slide.picture.x
        y: slide.picture.y
        width: slide.picture.width
        height: slide.picture.height
        source: slide.imageUrl
        fillMode: Image.PreserveAspectCrop
        sourceSize.width: width
        sourceSize.height: height
        asynchronous: false
        clip: true
        // The deck gives no alt text for a slide's picture (Slidev's `image:` has none):
        // decorative for a screen reader, as an image with an empty alt is.
        Accessible.role: Accessible.Graphic
        Accessible.ignored: true
    }

    // A scrim under text laid over the picture, for contrast (WCAG AA on any photo).
    Rectangle {
        visible: slide.full && slide.hasImage
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: "transparent" }
            GradientStop { position: slide.scrimStop - 0.22; color: Qt.alpha(Theme.background, 0.35) }
            GradientStop { position: slide.scrimStop; color: Qt.alpha(Theme.background, 0.94) }
            GradientStop { position: 1.0; color: Theme.background }
        }
    }

    FitText {
        id: heading
        objectName: "title"
        x: slide.textArea.x
        // Full-bleed: text sits at the foot; halves: centred in its half.
        y: slide.full ? slide.textArea.y + slide.textArea.height - slide.blockHeight
                      : slide.textArea.y + Math.max(0, (slide.textArea.height - slide.blockHeight) / 2)
        width: Math.min(slide.textWidth, Theme.titleSize * 20)
        maxHeight: (slide.textArea.height - slide.qrSpace) * 0.5
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.titleSize
        weight: Font.Bold
        family: Theme.displayFamily
    }

    FitText {
        id: content
        objectName: "body"
        x: slide.textArea.x
        y: heading.y + heading.height + slide.spacer
        width: Math.min(slide.textWidth, Theme.measure)
        maxHeight: slide.textArea.height - slide.qrSpace - heading.height - Theme.gap * 1.2
        text: slide.body
        maxPixelSize: Theme.bodySize
    }

    LinkQr {
        id: panel
        side: Math.min(Theme.linkQrSide, slide.textArea.width)
        x: slide.qrBeside ? slide.textArea.x + slide.textArea.width - width : slide.textArea.x
        y: slide.qrBeside ? slide.textArea.y + slide.textArea.height - height
                          : content.y + content.height + Theme.gap * 1.5
        url: slide.qr
        caption: slide.qrCaption
    }
}
