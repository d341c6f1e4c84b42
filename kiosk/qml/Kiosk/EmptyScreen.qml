import QtQuick
import Kiosk

// What shows when the deck has nothing to show: the brand, calm, never an error. The
// reason is in the log for the staff.
Item {
    id: root

    required property string title

    Backdrop {}

    AccentBar {
        id: bar
        x: (root.width - width) / 2
        y: heading.visible ? heading.y - height - Theme.gap : (root.height - height) / 2
    }

    FitText {
        id: heading
        objectName: "title"
        visible: text.length > 0
        x: Theme.marginX
        y: (root.height - height) / 2
        width: root.width - 2 * Theme.marginX
        maxHeight: root.height * 0.5
        text: root.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.titleSize
        weight: Font.Bold
        family: Theme.displayFamily
        horizontalAlignment: Text.AlignHCenter
    }
}
