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
    // How far the slide's entrance has come, 0 to 1: its fade-in (SlideView); 1 at once
    // without a transition or under reduced motion. A layout may move a part with it, in
    // the fade's own frames.
    property real entrance: 1
    // "Slide 3 of 27" in the visitor's language, for a screen reader (SlideView).
    property string position

    Accessible.role: Accessible.Pane
    Accessible.name: title.length > 0 ? title : figure.length > 0 ? figure : position
    Accessible.description: position
    // Whether a layout with the quiet rings (cover, section, end) draws them itself: not
    // under SlideView's fade, which draws one set for the slide shown and the one leaving.
    property bool ownBackdrop: true

    // The grid's content area: inside the margins, above the footer.
    readonly property real areaX: Theme.marginX
    readonly property real areaY: Theme.marginTop
    readonly property real areaWidth: width - 2 * Theme.marginX
    readonly property real areaHeight: height - Theme.marginTop - Theme.marginBottom
    readonly property bool french: language.indexOf("fr") === 0
}
