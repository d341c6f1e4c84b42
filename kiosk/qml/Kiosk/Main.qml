pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The show's window: the slides, the footer's controls, the section menu, « Toujours là ? »
// and the black screen, turned by `contentRotation` for portrait totems on a landscape
// output.
//
// Input only calls `go()` (the navigator) and toggles the menu or the black screen here;
// who drives the show (attract loop, visitor, idle return) is the Playback's business: it
// hears every touch, click and key through the window's event filter
// (kiosk/qt/activity.py) before they arrive here, so nothing below reports activity.
Window {
    id: window

    required property SlideModel slides
    required property SectionModel sections
    required property Navigator navigator
    required property Autoplay autoplay
    required property Playback playback
    required property Language language
    required property DeckInfo deck
    // The visitor's reading choices (« Aa »: text size, contrast, motion; kiosk/qt/access.py).
    required property Access access
    // No transitions: the settings', the platform's or the visitor's wish.
    readonly property bool reducedMotion: !access || access.reducedMotion !== false
    // The clicker's black screen waits for the next key (settings: black_until_key).
    required property bool blackUntilKey
    // The booth's controls on the slide; false: the slide alone (a handout's page).
    required property bool controls
    required property int contentRotation      // 0, 90, 180 or 270 degrees
    // The size it is shown at, so the scene is laid out once (kiosk.app: planned_size).
    required width
    required height

    // The staff PIN pad and panel (kiosk.booth); null in previews, exports and tests.
    property StaffController staff: null
    // Where the hidden long press is, and how long (s) it is held: the settings'.
    required property string staffCorner
    required property real staffHoldSeconds
    // How slides follow each other: the deck's `transition:` or the settings' (kiosk.app).
    required property string transition
    required property int transitionMs
    // The show's clock (DisplayOptions.time_scale): every animation follows it (Theme.ms).
    required property real timeScale
    // Set once the first frame is on screen: what it did not need may be built.
    property bool warm: false

    // The visitor's choices here; idle return undoes them (resetRequested). Whether
    // « Sommaire » is open is the sections model's `open` (kiosk/qt/sections.py).
    property bool black: false
    onBlackChanged: {
        if (black)
            sections.open = false;  // « Sommaire » lies above the black: closed with it
        holdIdle();
    }
    onBlackUntilKeyChanged: holdIdle()  // the settings, read again (SIGHUP)
    // (The initial properties are set in no set order: the playback may not be there yet.)
    function holdIdle() {
        if (playback)
            playback.holdIdle(black && blackUntilKey);
    }
    readonly property bool attract: playback.mode === Playback.ATTRACT

    title: deck.title.length > 0 ? deck.title : "kiosk"
    color: Theme.background

    Binding { target: Theme; property: "viewWidth"; value: stage.width }
    Binding { target: Theme; property: "viewHeight"; value: stage.height }
    Binding { target: Theme; property: "brand"; value: window.deck }
    Binding { target: Theme; property: "pixelDensity"; value: window.Screen.pixelDensity }
    Binding { target: Theme; property: "timeScale"; value: window.timeScale }
    // While a show is torn down, Access may be gone or read as undefined: each use allows it.
    Binding { target: Theme; property: "textScaleChosen"; value: window.access ? window.access.textScale : 1 }

    // Every way of moving through the deck ends here: "next", "previous", "first", "last".
    // The first input on a black screen only brings the slide back.
    function go(where: string) {
        if (black) {
            black = false;
            return;
        }
        window.sections.open = false;
        window.access.open = false;
        switch (where) {
        case "next": navigator.next(); break;
        case "previous": navigator.previous(); break;
        case "first": navigator.first(); break;
        case "last": navigator.last(); break;
        }
    }

    // Esc closes what is on top (the countdown closes itself: the key is activity), and
    // never quits: a visitor must not be able to end the show.
    function dismiss() {
        if (black)
            black = false;
        else if (window.access.open)
            window.access.open = false;
        else
            window.sections.open = false;
    }

    Connections {
        target: window.playback
        function onResetRequested() {
            window.sections.open = false;
            window.black = false;
        }
    }

    Item {
        id: stage

        readonly property bool sideways: window.contentRotation % 180 !== 0
        width: sideways ? window.height : window.width
        height: sideways ? window.width : window.height
        anchors.centerIn: parent
        rotation: window.contentRotation
        focus: true

        // Presenter clickers send these: PageDown/PageUp (most), arrows, space, B or "."
        // for their blank button.
        Keys.onPressed: event => {
            const back = (event.modifiers & Qt.ShiftModifier) !== 0;
            switch (event.key) {
            case Qt.Key_Space:
                window.go(back ? "previous" : "next");
                break;
            case Qt.Key_Right:
            case Qt.Key_Down:
            case Qt.Key_PageDown:
            case Qt.Key_Return:
            case Qt.Key_Enter:
                window.go("next");
                break;
            case Qt.Key_Left:
            case Qt.Key_Up:
            case Qt.Key_PageUp:
            case Qt.Key_Backspace:
                window.go("previous");
                break;
            case Qt.Key_Home:
                window.go("first");
                break;
            case Qt.Key_End:
                window.go("last");
                break;
            case Qt.Key_B:
            case Qt.Key_Period:
                window.black = !window.black;
                break;
            case Qt.Key_Escape:
                window.dismiss();
                break;
            default:
                return;
            }
            event.accepted = true;
        }

        SlideView {
            id: slideView
            objectName: "slideView"
            warm: window.warm
            anchors.fill: parent
            visible: !window.deck.empty
            slides: window.slides
            navigator: window.navigator
            reducedMotion: window.reducedMotion
            language: window.deck.language
            transition: window.transition
            transitionMs: window.transitionMs
            positionLabel: window.language.slideOf
        }

        // Built only for a deck with nothing to show (hidden, it would still fit its title),
        // and read only then: by its file's URL.
        Loader {
            id: emptyScreen
            anchors.fill: parent
            active: window.deck.empty
            Component.onCompleted: setSource(Qt.resolvedUrl("EmptyScreen.qml"), {
                title: window.deck.title
            })
        }
        Binding {
            target: emptyScreen.item
            property: "title"
            value: window.deck.title
            when: emptyScreen.status === Loader.Ready
        }

        // Swipes and taps anywhere on the slide (kiosk/qt/gesture.py): one step at most
        // per gesture, however many fingers; the controls above take their own presses.
        GestureArea {
            objectName: "gestureArea"
            anchors.fill: parent
            swipeDistance: Theme.swipeDistance
            tapSlop: Theme.tapSlop
            acceptsMouse: window.warm // from the first frame on (kiosk.qt.gesture)
            onStepped: step => window.go(step > 0 ? "next" : "previous")
            // For a screen reader: the slide surface, named by where the show is.
            Accessible.role: Accessible.Pane
            Accessible.name: window.language.slideOf.arg(window.navigator.current + 1)
                .arg(window.slides.count)
        }

        ControlBar {
            objectName: "controlBar"
            x: 0
            y: Theme.controlBarY - height / 2
            width: parent.width
            height: implicitHeight
            visible: !window.deck.empty && window.controls
            count: window.slides.count
            current: window.navigator.current
            attract: window.attract
            hint: window.language.hint
            contentsLabel: window.language.contentsLabel
            previousLabel: window.language.previousLabel
            nextLabel: window.language.nextLabel
            positionLabel: window.language.slideOf
            languageLabel: window.language.switchLabel
            languageShown: window.language.multiple
            contentsShown: window.sections.count > 1
            reducedMotion: window.reducedMotion
            onPrevious: window.go("previous")
            onNext: window.go("next")
            onContentsRequested: window.sections.open = true
            onLanguageRequested: window.language.toggle()
            accessLabel: (window.access && window.access.title) || "Aa"
            accessOpen: (window.access && window.access.open) === true
            onAccessRequested: window.access.open = !window.access.open
        }

        Item {   // (the bar shows itself while the loop runs; a handout has none)
            anchors.fill: parent
            visible: window.controls
            TimeBar {
                objectName: "timeBar"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: implicitHeight
                autoplay: window.autoplay
            }
        }

        // The clickers' blank button: black over the slide and its controls; a touch brings
        // the slide back. Under « Toujours là ? »: whoever blanked the screen sees the
        // countdown coming (unless the settings keep it black until the next key).
        Rectangle {
            objectName: "blackout"
            anchors.fill: parent
            color: "black"
            visible: window.black
            Accessible.role: Accessible.Pane
            Accessible.name: window.language.blackScreen
            MouseArea {
                anchors.fill: parent
                onClicked: window.black = false
            }
        }

        // « Sommaire » and « Toujours là ? » (Overlays.qml), loaded by its file's URL once
        // the first frame is on screen, or at once if the menu is asked for before.
        Loader {
            anchors.fill: parent
            active: window.warm || window.sections.open || (window.access && window.access.open) === true
            Component.onCompleted: setSource(Qt.resolvedUrl("Overlays.qml"), {
                sections: window.sections,
                access: window.access,
                navigator: window.navigator,
                playback: window.playback,
                language: window.language
            })
        }

        // Last, so it lies above everything: while open it takes every touch and key.
        // Built just after the first frame (`warm`), which it would delay by a few
        // dozen milliseconds; built at once, not asynchronously (kiosk.app.Display.warm_up).
        // By its file's URL, not as an inline component: an inline one has Qt read and
        // compile the staff's five files (some 700 lines) before the first frame.
        Loader {
            anchors.fill: parent
            active: window.staff !== null && window.warm
            Component.onCompleted: setSource(Qt.resolvedUrl("staff/StaffOverlay.qml"), {
                controller: window.staff,
                corner: window.staffCorner,
                holdSeconds: window.staffHoldSeconds
            })
        }
    }
}
