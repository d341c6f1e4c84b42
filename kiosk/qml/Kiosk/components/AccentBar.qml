import QtQuick
import Kiosk

// The short accent rule that marks where a slide's text begins.
Rectangle {
    width: Theme.accentBarLength
    height: Theme.accentBarThickness
    radius: height / 2
    color: Theme.accent
}
