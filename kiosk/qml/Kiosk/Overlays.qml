pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// What lies over the slides only when asked for: « Sommaire », the « Aa » panel and
// « Toujours là ? ».
//
// Main.qml loads this file by its URL once the first frame is on screen (or at once when
// the menu is opened before): as inline components there, Qt would read and compile the
// menu's and the countdown's files before the cover, which needs neither.
Item {
    id: overlays

    required property SectionModel sections
    required property Navigator navigator
    required property Playback playback
    required property Language language
    required property Access access

    // « Toujours là ? » shows as soon as the countdown starts, but leaves a turn of the
    // event loop after it stops: the touch that cancels it reaches the Playback (through
    // the event filter) before the scene, and the overlay must still be there to take
    // that touch, or it would also turn the slide under it.
    property bool stillThere: playback.countdown > 0

    Connections {
        target: overlays.playback
        function onCountdownChanged() {
            if (overlays.playback.countdown > 0)
                overlays.stillThere = true;
            else
                Qt.callLater(() => overlays.stillThere = overlays.playback.countdown > 0);
        }
    }

    SectionMenu {
        objectName: "sectionMenu"
        anchors.fill: parent
        visible: overlays.sections.open
        sections: overlays.sections
        // (count: the rows may change with the language or a reload)
        currentSection: overlays.sections.open && overlays.sections.count > 0
            ? overlays.sections.sectionAt(overlays.navigator.current) : -1
        title: overlays.language.contentsLabel
        closeLabel: overlays.language.closeLabel
        onChosen: slideIndex => {
            overlays.sections.open = false;
            overlays.navigator.goTo(slideIndex);
            overlays.sections.choose(slideIndex);  // for the statistics (kiosk.stats.feed)
        }
        onCloseRequested: overlays.sections.open = false
    }

    // « Aa »: built the first time it opens (nobody may ever ask), under the countdown.
    property bool accessWanted: false
    Component.onCompleted: if (access.open) accessWanted = true  // opened before this loaded
    Connections {
        target: overlays.access
        ignoreUnknownSignals: true   // a show torn down: its Access may go first
        function onOpenChanged() {
            if (overlays.access.open)
                overlays.accessWanted = true;
        }
    }
    Loader {
        objectName: "accessPanelLoader"
        anchors.fill: parent
        active: overlays.accessWanted
        visible: (overlays.access && overlays.access.open) === true
        sourceComponent: AccessPanel {
            access: overlays.access
            closeLabel: overlays.language.closeLabel
        }
    }

    StillThere {
        objectName: "stillThere"
        anchors.fill: parent
        visible: overlays.stillThere
        secondsLeft: Math.max(1, overlays.playback.countdown)
        title: overlays.language.stillThere
        prompt: overlays.language.touchToContinue
        backIn: overlays.language.backIn
    }
}
