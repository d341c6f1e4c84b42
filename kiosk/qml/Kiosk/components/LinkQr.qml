pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The QR code of a link the slide names (kiosk.deck.parser: `qr:`, else its first link),
// with the address under it. Made only on a slide that has one: most slides have none, and
// the loop builds a slide at every change. The layout places it beside its text or under
// it, and gives its text the room that is left (`space` under a text).
Loader {
    id: root

    required property string url
    required property string caption
    property real side: Theme.linkQrSide
    // The height it takes under a text: itself and the gap above it.
    readonly property real space: active ? height + Theme.gap * 1.5 : 0

    active: url.length > 0
    sourceComponent: QrPanel {
        objectName: "linkQr"
        side: root.side
        width: root.side
        url: root.url
        caption: root.caption
    }
}
