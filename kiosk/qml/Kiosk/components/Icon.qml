pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The few pictograms the controls use, drawn with rectangles (no image files, no font
// glyph that a font might lack): "next" and "previous" chevrons, "contents" (four
// tiles), "close" (a cross) and "touch" (a fingertip's ring).
Item {
    id: root

    property string kind: "next"
    property color color: Theme.foreground
    property real stroke: Theme.iconStroke

    implicitWidth: Theme.controlTextSize * 1.1
    implicitHeight: implicitWidth

    // Chevron: two sides of a square turned 45°, its corner pointing the way to go.
    Item {
        visible: root.kind === "next" || root.kind === "previous"
        width: root.width * 0.5
        height: width
        anchors.centerIn: parent
        anchors.horizontalCenterOffset: (root.kind === "next" ? -1 : 1) * width * 0.18
        rotation: root.kind === "next" ? 45 : -135
        Rectangle { width: parent.width; height: root.stroke; radius: height / 2; color: root.color }
        Rectangle {
            x: parent.width - width
            width: root.stroke
            height: parent.height
            radius: width / 2
            color: root.color
        }
    }

    // Contents: a 2 x 2 grid of tiles, like the menu it opens.
    Grid {
        visible: root.kind === "contents"
        anchors.centerIn: parent
        columns: 2
        spacing: root.width * 0.14
        Repeater {
            model: root.kind === "contents" ? 4 : 0
            Rectangle {
                width: root.width * 0.33
                height: width
                radius: width * 0.2
                color: root.color
            }
        }
    }

    // Close: a cross.
    Repeater {
        model: root.kind === "close" ? [45, -45] : []
        Rectangle {
            required property int modelData
            anchors.centerIn: parent
            width: root.width * 0.8
            height: root.stroke
            radius: height / 2
            rotation: modelData
            color: root.color
        }
    }

    // Touch: a ring and a dot, the mark of a fingertip on glass.
    Rectangle {
        visible: root.kind === "touch"
        anchors.centerIn: parent
        width: root.width * 0.9
        height: width
        radius: width / 2
        color: "transparent"
        border.color: root.color
        border.width: root.stroke
        Rectangle {
            anchors.centerIn: parent
            width: parent.width * 0.36
            height: width
            radius: width / 2
            color: root.color
        }
    }
}
