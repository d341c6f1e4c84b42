import QtQuick
import Kiosk

// `default`: a title and its text (paragraphs or a list), left-aligned on the grid.
SlideBase {
    id: slide

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
        maxHeight: slide.areaHeight * 0.4
        text: slide.title
        textFormat: Text.PlainText
        maxPixelSize: Theme.titleSize
        weight: Font.Bold
        family: Theme.displayFamily
    }

    FitText {
        id: content
        objectName: "body"
        x: slide.areaX
        y: heading.y + heading.height + (heading.height > 0 ? Theme.gap * 1.3 : 0)
        width: Math.min(slide.areaWidth, Theme.measure)
        maxHeight: slide.areaY + slide.areaHeight - y
        text: slide.body
        maxPixelSize: Theme.bodySize
    }
}
