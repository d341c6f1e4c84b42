pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// « Sommaire »: the deck's sections as large tiles over the whole screen. A tap on a tile
// jumps to its section; a tap anywhere else, Esc (Main.qml) or idle return closes it.
// The section list is computed in Python (kiosk/qt/sections.py).
//
// Signals: chosen(int slideIndex), closeRequested().
Item {
    id: root

    required property SectionModel sections
    required property int currentSection    // row of the section on screen, -1 for none
    required property string title
    required property string closeLabel

    signal chosen(int slideIndex)
    signal closeRequested()

    // For a screen reader: a dialog named « Sommaire », its tiles buttons.
    Accessible.role: Accessible.Dialog
    Accessible.name: title

    readonly property int count: sections.count
    readonly property int columns: Theme.portrait ? (count <= 5 ? 1 : 2)
        : (count <= 4 ? 2 : count <= 9 ? 3 : 4)
    readonly property int rows: Math.max(1, Math.ceil(count / columns))
    readonly property real gridWidth: width - 2 * Theme.marginX
    readonly property real tileWidth: (gridWidth - (columns - 1) * Theme.gap) / columns

    // Built when first opened, not at start: the show's first frame does not wait for a
    // menu nobody has asked for yet. Kept afterwards: a second opening is instant.
    property bool wanted: false
    onVisibleChanged: if (visible) wanted = true
    Component.onCompleted: if (visible) wanted = true  // made while already shown

    Loader {
        anchors.fill: parent
        active: root.wanted
        sourceComponent: Item {
            id: menu

            readonly property real gridTop: header.y + header.height + Theme.gap
            readonly property real gridHeight: height - gridTop - Theme.marginBottom * 0.6
            // Tall enough for three lines of a title, and never under 1.6 touch targets;
            // when the tiles cannot all fit, the grid scrolls.
            readonly property real tileHeight: Math.max(Theme.touchTarget * 1.6,
                Math.min(Theme.tileTextSize * 6.5, (gridHeight - (root.rows - 1) * Theme.gap) / root.rows))
            // Every tile's title at one size: the largest at which the longest still fits.
            readonly property real titleSize: {
                let size = Theme.tileTextSize;
                for (let i = 0; i < tiles.count; ++i) {
                    const tile = tiles.itemAt(i);
                    // qmllint's one warning here (missing-property): Repeater.itemAt() is
                    // typed Item, but every tile is the delegate below, which declares fitSize.
                    if (tile)
                        size = Math.min(size, tile.fitSize);
                }
                return size;
            }

            // Over the slide, and taking every press: a tap outside the tiles closes the menu.
            Rectangle {
                anchors.fill: parent
                color: Theme.background
                opacity: Theme.overlayOpacity
            }
            MouseArea {
                anchors.fill: parent
                onClicked: root.closeRequested()
            }

            Item {
                id: header
                x: Theme.marginX
                y: Math.max(Theme.marginTop * 0.6, Theme.controlInset)
                width: root.gridWidth
                height: Math.max(close.height, heading.implicitHeight)

                Text {
                    id: heading
                    objectName: "menuTitle"
                    anchors.verticalCenter: parent.verticalCenter
                    text: root.title
                    color: Theme.foreground
                    font.family: Theme.displayFamily
                    font.weight: Font.Bold
                    font.pixelSize: Theme.menuTitleSize
                    font.letterSpacing: Theme.menuTitleSize * Theme.displayTracking
                }

                TouchButton {
                    id: close
                    objectName: "closeMenuButton"
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    icon: "close"
                    text: root.closeLabel
                    onClicked: root.closeRequested()
                }
            }

            Flickable {
                id: scroller
                x: Theme.marginX
                y: menu.gridTop
                width: root.gridWidth
                height: menu.gridHeight
                contentWidth: width
                contentHeight: grid.height
                interactive: contentHeight > height + 1
                clip: interactive
                boundsBehavior: Flickable.StopAtBounds

                Grid {
                    id: grid
                    columns: root.columns
                    spacing: Theme.gap

                    Repeater {
                        id: tiles
                        model: root.sections

                        delegate: Item {
                            id: tile

                            required property int index
                            required property string title
                            required property int slideIndex
                            required property int number

                            readonly property bool here: index === root.currentSection
                            readonly property real fitSize: titleText.fitPixelSize
                            width: root.tileWidth
                            height: menu.tileHeight
                            objectName: "tile" + index
                            Accessible.role: Accessible.Button
                            Accessible.name: tile.title
                            Accessible.onPressAction: root.chosen(tile.slideIndex)

                            Rectangle {
                                anchors.fill: parent
                                radius: Theme.tileRadius
                                color: tap.pressed ? Theme.controlPressed : Theme.controlFill
                                border.color: tile.here ? Theme.accent : "transparent"
                                border.width: Theme.accentBarThickness * 0.6
                            }

                            Text {
                                id: numberText
                                x: Theme.tileTextSize * 0.8
                                y: Theme.tileTextSize * 0.7
                                text: (tile.number < 10 ? "0" : "") + tile.number
                                Accessible.ignored: true   // the tile is named by its title
                                color: Theme.accent
                                font.family: Theme.displayFamily
                                font.weight: Font.Bold
                                font.pixelSize: Theme.tileTextSize * 0.8
                            }

                            FitText {
                                id: titleText
                                x: numberText.x
                                y: numberText.y + numberText.height + Theme.tileTextSize * 0.25
                                width: tile.width - 2 * x
                                maxHeight: tile.height - y - Theme.tileTextSize * 0.6
                                text: tile.title
                                textFormat: Text.PlainText
                                maxPixelSize: Theme.tileTextSize
                                capPixelSize: menu.titleSize
                                weight: Font.DemiBold
                            }

                            MouseArea {
                                id: tap
                                anchors.fill: parent
                                onClicked: root.chosen(tile.slideIndex)
                            }
                        }
                    }
                }
            }
        }
    }
}
