import QtQuick
import Kiosk

// What every layout receives from the slide view (one slide's data, and whether it is
// the slide on screen), and the content area of the grid it lays its text in.
Item {
    id: base

    property string layout
    property string title
    property string body
    property string rightColumn   // the `::right::` slot of two-cols
    property string figure
    property list<string> figureFrames
    property string statement
    property string source
    property string quote
    property url imageUrl
    property string qr
    property string qrCaption
    property string language: "fr"
    property int slideIndex: 0
    property bool shown: false
    property bool reducedMotion: false

    // The grid's content area: inside the margins, above the footer.
    readonly property real areaX: Theme.marginX
    readonly property real areaY: Theme.marginTop
    readonly property real areaWidth: width - 2 * Theme.marginX
    readonly property real areaHeight: height - Theme.marginTop - Theme.marginBottom
    readonly property bool french: language.indexOf("fr") === 0
}
