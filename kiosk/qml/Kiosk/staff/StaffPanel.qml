pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The staff panel, behind the PIN: the show's status and log on one side, big buttons on
// the other (stacked on a portrait screen). Resume, Reload, Export statistics (to a folder:
// a USB stick when one is plugged in) and Quit, which asks for a second tap.
FocusScope {
    id: panel

    required property StaffController controller

    readonly property bool portrait: height > width
    // Controls: 15 mm at least, else about a twelfth of the short side, as long as the
    // actions' column (about 10 keys with the heading) fits the height: 90 px at 1080p.
    readonly property real key: Math.max(15 * Theme.density,
                                         Math.min(Math.min(width, height) * 0.083,
                                                  (height - 2 * margin) / 10))
    // Where 15 mm keys make the actions' column taller than the screen (a small, dense
    // one), the gaps between them give way first.
    readonly property real gap: key * (key * 10 > height - 2 * margin ? 0.1 : 0.24)
    readonly property real textSize: Math.max(14, key * 0.25)
    readonly property real margin: Math.min(width, height) * 0.05
    property string folder: controller.exportFolder
    property bool confirmQuit: false

    // Labels of the status rows and the keys of controller.status they show.
    readonly property var rows: [
        [qsTr("Booth"), "booth"],
        [qsTr("Running for"), "uptime"],
        [qsTr("Loops done"), "loops"],
        [qsTr("Visits today"), "visitsToday"],
        [qsTr("Deck"), "deck"],
        [qsTr("Content hash"), "deckHash"],
        [qsTr("Last reload"), "lastReload"],
        [qsTr("Screen awake"), "awake"],
        [qsTr("Statistics"), "statistics"],
        [qsTr("Wrong PINs"), "pinTries"]
    ]

    onVisibleChanged: {
        confirmQuit = false;
        folder = Qt.binding(() => panel.controller.exportFolder);
    }

    Keys.onPressed: event => {
        if (event.key === Qt.Key_Escape)
            panel.controller.resume();
        else
            panel.controller.activity();
        event.accepted = true;   // no key reaches the show behind the panel
    }

    Timer {
        id: quitWindow
        interval: 4000
        onTriggered: panel.confirmQuit = false
    }

    Rectangle {
        id: card
        objectName: "panelCard"
        anchors.fill: parent
        anchors.margins: panel.margin
        radius: panel.key * 0.25
        color: Theme.surface
        border.width: Math.max(1, panel.key * 0.012)
        border.color: Qt.rgba(Theme.foreground.r, Theme.foreground.g, Theme.foreground.b, 0.16)

        Text {
            id: heading
            x: panel.key * 0.5
            y: panel.key * 0.4
            text: qsTr("Staff panel")
            color: Theme.foreground
            font.family: Theme.family
            font.weight: Font.Bold
            font.pixelSize: panel.key * 0.42
        }

        // No PIN set: the shortcut opened this panel with no PIN asked; say so, and how
        // to set one, above everything else.
        Text {
            id: noPin
            objectName: "noPinNotice"
            x: panel.key * 0.5
            y: heading.y + heading.height + panel.gap
            width: statusArea.width   // in landscape, beside the actions
            visible: !panel.controller.pinSet
            text: qsTr("No staff PIN is set: anyone with a keyboard can open this panel. Set one with: kiosk pin set")
            color: Theme.accent
            wrapMode: Text.Wrap
            font.family: Theme.family
            font.weight: Font.DemiBold
            font.pixelSize: panel.textSize
        }

        // Status and log: the left column, or the top part in portrait.
        Item {
            id: statusArea
            x: panel.key * 0.5
            y: noPin.visible ? noPin.y + noPin.implicitHeight + panel.gap * 1.5
                : heading.y + heading.height + panel.gap * 1.5
            width: panel.portrait ? card.width - panel.key : card.width * 0.58 - panel.key * 0.75
            height: panel.portrait
                ? card.height - y - actions.height - panel.key
                : card.height - y - panel.key * 0.5

            Column {
                id: table
                width: parent.width
                spacing: panel.gap * 0.5
                // The labels' column: as wide as its longest label (French ones are long),
                // up to 45 % of the table, the values taking the rest.
                readonly property real labelWidth: Math.min(table.width * 0.45, Math.ceil(
                    Math.max(labelMetrics.advanceWidth(qsTr("Last action")),
                             ...panel.rows.map(row => labelMetrics.advanceWidth(row[0])))) + 1)

                FontMetrics {
                    id: labelMetrics
                    font.family: Theme.family
                    font.pixelSize: panel.textSize
                }

                Repeater {
                    model: panel.rows
                    delegate: Row {
                        id: row
                        required property var modelData
                        readonly property string key: modelData[1]
                        readonly property bool bad: (key === "lastReload"
                            && panel.controller.status.lastReloadOk === false)
                            || (key === "statistics"
                                && panel.controller.status.statisticsOk === false)
                            || (key === "awake"
                                && panel.controller.status.awakeOk === false)
                            || (key === "pinTries"
                                && panel.controller.status.pinTriesOk === false)
                        width: table.width
                        spacing: panel.gap

                        Text {
                            width: table.labelWidth
                            text: row.modelData[0]
                            color: Theme.muted
                            font.family: Theme.family
                            font.pixelSize: panel.textSize
                            elide: Text.ElideRight
                        }
                        Text {
                            objectName: "status-" + row.key
                            width: table.width - x
                            text: String(panel.controller.status[row.key] ?? "")
                            color: row.bad ? Theme.accent : Theme.foreground
                            font.family: Theme.family
                            font.pixelSize: panel.textSize
                            font.weight: row.bad ? Font.DemiBold : Font.Normal
                            wrapMode: row.key === "deck" ? Text.NoWrap : Text.Wrap
                            maximumLineCount: 3
                            elide: row.key === "deck" ? Text.ElideLeft : Text.ElideRight
                        }
                    }
                }

                // What the last action (reload, export) gave, from the app.
                Row {
                    width: table.width
                    spacing: panel.gap
                    visible: panel.controller.message.length > 0

                    Text {
                        width: table.labelWidth
                        text: qsTr("Last action")
                        color: Theme.muted
                        font.family: Theme.family
                        font.pixelSize: panel.textSize
                        elide: Text.ElideRight
                    }
                    Text {
                        objectName: "message"
                        width: table.width - x
                        wrapMode: Text.Wrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        text: panel.controller.message
                        color: panel.controller.messageOk ? Theme.foreground : Theme.accent
                        font.family: Theme.family
                        font.weight: panel.controller.messageOk ? Font.Normal : Font.DemiBold
                        font.pixelSize: panel.textSize
                    }
                }
            }

            // Today's visits by the hour they started: the day's rhythm at a glance (the
            // hours of a booth's usual day, and any other hour with a visit).
            Item {
                id: hourChart
                objectName: "hourChart"
                anchors.top: table.bottom
                anchors.topMargin: panel.gap * 1.5
                width: parent.width
                height: Math.min(panel.key * 1.6, panel.height * 0.1)

                readonly property var counts: panel.controller.status.visitsByHour ?? []
                readonly property int first: panel.controller.status.hoursFirst ?? 9
                readonly property int last: panel.controller.status.hoursLast ?? 18
                readonly property int most: Math.max(1, ...counts)
                readonly property real smallSize: Math.max(11, panel.textSize * 0.7)

                // The label in the table's label column, the bars in its value column.
                Text {
                    id: chartLabel
                    width: table.labelWidth
                    text: qsTr("Visits today by hour")
                    color: Theme.muted
                    wrapMode: Text.Wrap
                    font.family: Theme.family
                    font.pixelSize: panel.textSize
                }

                Row {
                    id: bars
                    x: table.labelWidth + panel.gap
                    width: parent.width - x
                    height: parent.height

                    Repeater {
                        model: hourChart.last - hourChart.first + 1
                        delegate: Item {
                            id: slot
                            objectName: "hourBar"
                            required property int index
                            readonly property int hour: hourChart.first + index
                            readonly property int count: hourChart.counts[hour] ?? 0
                            width: bars.width / (hourChart.last - hourChart.first + 1)
                            height: bars.height

                            Text {
                                id: hourLabel
                                anchors.bottom: parent.bottom
                                anchors.horizontalCenter: parent.horizontalCenter
                                text: slot.hour
                                color: Theme.muted
                                font.family: Theme.family
                                font.pixelSize: hourChart.smallSize
                            }
                            Rectangle {
                                id: bar
                                anchors.bottom: hourLabel.top
                                anchors.bottomMargin: 2
                                anchors.horizontalCenter: parent.horizontalCenter
                                width: parent.width * 0.7
                                height: (slot.height - hourLabel.height - countLabel.height - 4)
                                    * slot.count / hourChart.most
                                radius: Math.min(width, height) * 0.1
                                color: Theme.accent
                            }
                            Text {
                                id: countLabel
                                anchors.bottom: bar.top
                                anchors.horizontalCenter: parent.horizontalCenter
                                text: slot.count
                                opacity: slot.count > 0 ? 1 : 0
                                color: Theme.foreground
                                font.family: Theme.family
                                font.pixelSize: hourChart.smallSize
                            }
                        }
                    }
                }
            }

            // The last lines of the log, newest at the bottom; what does not fit is cut at
            // the top, and each line at its end.
            Rectangle {
                id: logBox
                objectName: "log"
                anchors.top: hourChart.bottom
                anchors.topMargin: panel.gap * 1.5
                anchors.bottom: parent.bottom
                width: parent.width
                radius: panel.key * 0.1
                color: Qt.rgba(Theme.background.r, Theme.background.g, Theme.background.b, 0.7)
                clip: true

                Column {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: panel.gap
                    spacing: 2

                    Repeater {
                        model: String(panel.controller.status.log ?? "").split("\n")
                        delegate: Text {
                            required property string modelData
                            width: parent.width
                            text: modelData
                            color: Theme.muted
                            font.family: Theme.family
                            font.pixelSize: Math.max(12, panel.textSize * 0.72)
                            elide: Text.ElideRight
                        }
                    }
                }
            }
        }

        // Actions: the right column, or the bottom part in portrait.
        Column {
            id: actions
            x: panel.portrait ? panel.key * 0.5 : card.width * 0.58 + panel.key * 0.25
            y: panel.portrait ? card.height - height - panel.key * 0.5
                : heading.y + heading.height + panel.gap * 1.5
            width: panel.portrait ? card.width - panel.key : card.width * 0.42 - panel.key * 0.75
            spacing: panel.gap

            StaffButton {
                objectName: "resume"
                width: parent.width
                size: panel.key
                emphasis: true
                text: qsTr("Resume the show")
                onClicked: panel.controller.resume()
            }

            StaffButton {
                objectName: "reload"
                width: parent.width
                size: panel.key
                text: qsTr("Reload the deck")
                onClicked: panel.controller.reload()
            }

            // Export: where to, then the button. A tap on a found folder picks it.
            Rectangle {
                width: parent.width
                height: exportColumn.height + panel.gap * 2
                radius: panel.key * 0.16
                color: "transparent"
                border.width: Math.max(1, panel.key * 0.012)
                border.color: Qt.rgba(Theme.foreground.r, Theme.foreground.g, Theme.foreground.b, 0.16)

                Column {
                    id: exportColumn
                    x: panel.gap
                    y: panel.gap
                    width: parent.width - 2 * panel.gap
                    spacing: panel.gap * 0.7

                    Text {
                        text: qsTr("Export statistics to")
                        color: Theme.muted
                        font.family: Theme.family
                        font.pixelSize: panel.textSize
                    }

                    Rectangle {
                        width: parent.width
                        height: panel.key * 0.7
                        radius: panel.key * 0.1
                        color: Qt.rgba(Theme.background.r, Theme.background.g, Theme.background.b, 0.7)
                        border.width: field.activeFocus ? 2 : 1
                        border.color: field.activeFocus ? Theme.accent
                            : Qt.rgba(Theme.foreground.r, Theme.foreground.g, Theme.foreground.b, 0.22)

                        TextInput {
                            id: field
                            objectName: "folder"
                            Accessible.name: qsTr("Export statistics to")   // its label, above
                            anchors.fill: parent
                            anchors.leftMargin: panel.gap
                            anchors.rightMargin: panel.gap
                            verticalAlignment: TextInput.AlignVCenter
                            clip: true
                            text: panel.folder
                            onTextEdited: {
                                panel.folder = text;
                                panel.controller.activity();
                            }
                            color: Theme.foreground
                            selectionColor: Theme.accent
                            selectedTextColor: Theme.background   // 4.5:1 on the accent
                            font.family: Theme.family
                            font.pixelSize: panel.textSize
                            Keys.onEscapePressed: panel.controller.resume()
                        }
                    }

                    // The sticks, the last folder exported to and Documents, as keys a
                    // finger can pick: the field above is for a keyboard, if there is one.
                    Flow {
                        width: parent.width
                        spacing: panel.gap * 0.5

                        Repeater {
                            model: panel.controller.exportFolders
                            delegate: StaffButton {
                                required property string modelData
                                objectName: "folderChoice"
                                size: Math.max(15 * Theme.density, panel.key * 0.8)
                                textSize: panel.textSize
                                text: modelData === panel.controller.documentsFolder
                                    ? qsTr("Documents folder")
                                    : modelData.split(/[\\/]/).filter(s => s.length > 0).pop() ?? modelData
                                emphasis: modelData === panel.folder
                                onClicked: {
                                    panel.folder = modelData;
                                    panel.controller.activity();
                                }
                            }
                        }
                    }

                    StaffButton {
                        objectName: "export"
                        width: parent.width
                        size: panel.key
                        text: qsTr("Export statistics")
                        onClicked: panel.controller.exportStats(panel.folder)
                    }
                }
            }

            StaffButton {
                objectName: "quit"
                width: parent.width
                size: panel.key
                emphasis: panel.confirmQuit
                text: panel.confirmQuit ? qsTr("Tap again to quit") : qsTr("Quit the show")
                onClicked: {
                    if (panel.confirmQuit) {
                        panel.confirmQuit = false;
                        panel.controller.quit();
                    } else {
                        panel.confirmQuit = true;
                        quitWindow.restart();
                        panel.controller.activity();
                    }
                }
            }
        }
    }
}
