import QtQuick
import Kiosk

// A QR code made on the machine, with the address written under it for those who type.
Item {
    id: root

    required property string url
    required property string caption
    property real side: Theme.qrSide

    implicitWidth: side
    implicitHeight: side + Theme.u * 1.6 + captionText.height

    // For a screen reader: a picture of the link, named by it.
    Accessible.role: Accessible.Graphic
    Accessible.name: caption.length > 0 ? caption : url
    Accessible.description: url

    QrCode {
        id: code
        width: root.side
        height: root.side
        text: root.url
    }

    FitText {
        id: captionText
        objectName: "caption"
        y: root.side + Theme.u * 1.6
        width: root.width
        text: root.caption
        textFormat: Text.PlainText
        singleLine: true
        maxPixelSize: Theme.smallSize
        color: Theme.muted
        horizontalAlignment: Text.AlignHCenter
    }
}
