import QtQuick
import Kiosk

// The show's window: the slides, the position dots and the time bar, turned by
// `contentRotation` for portrait totems on a landscape output. Input here only calls the
// navigator and the autoplay; every input pauses the loop, which resumes after a minute
// of quiet.
Window {
    id: window

    required property SlideModel slides
    required property Navigator navigator
    required property Autoplay autoplay
    required property DeckInfo deck
    required property bool reducedMotion
    required property int contentRotation      // 0, 90, 180 or 270 degrees
    required property bool closable            // preview window: Escape closes it

    title: deck.title.length > 0 ? deck.title : "kiosk"
    color: Theme.background

    Binding { target: Theme; property: "viewWidth"; value: stage.width }
    Binding { target: Theme; property: "viewHeight"; value: stage.height }
    Binding { target: Theme; property: "brand"; value: window.deck }

    function userInput() {
        autoplay.pause();
        idle.restart();
    }

    Timer {
        id: idle
        interval: Theme.idleResumeMs
        onTriggered: {
            window.navigator.first();
            window.autoplay.start();
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

        Keys.onPressed: event => {
            switch (event.key) {
            case Qt.Key_Right:
            case Qt.Key_Down:
            case Qt.Key_PageDown:
            case Qt.Key_Space:
            case Qt.Key_Return:
            case Qt.Key_Enter:
                window.userInput();
                window.navigator.next();
                break;
            case Qt.Key_Left:
            case Qt.Key_Up:
            case Qt.Key_PageUp:
            case Qt.Key_Backspace:
                window.userInput();
                window.navigator.previous();
                break;
            case Qt.Key_Home:
                window.userInput();
                window.navigator.first();
                break;
            case Qt.Key_End:
                window.userInput();
                window.navigator.last();
                break;
            case Qt.Key_B:
            case Qt.Key_Period:
                window.userInput();
                blackout.visible = !blackout.visible;
                break;
            case Qt.Key_Escape:
                if (window.closable)
                    window.close();
                break;
            default:
                return;
            }
            event.accepted = true;
        }

        SlideView {
            id: slideView
            objectName: "slideView"
            anchors.fill: parent
            visible: !window.deck.empty
            slides: window.slides
            navigator: window.navigator
            reducedMotion: window.reducedMotion
            language: window.deck.language
        }

        EmptyScreen {
            anchors.fill: parent
            visible: window.deck.empty
            title: window.deck.title
        }

        ProgressDots {
            x: Theme.marginX
            y: Theme.footerY - height / 2
            count: window.slides.count
            current: window.navigator.current
        }

        TimeBar {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: implicitHeight
            autoplay: window.autoplay
        }

        // Tap the right or left part of the screen; swipe left or right.
        TapHandler {
            onTapped: (point, button) => {
                window.userInput();
                if (point.position.x > stage.width * 0.4)
                    window.navigator.next();
                else
                    window.navigator.previous();
            }
        }
        DragHandler {
            target: null
            yAxis.enabled: false
            onActiveChanged: {
                if (active)
                    return;
                window.userInput();
                const dx = centroid.position.x - centroid.pressPosition.x;
                if (dx < -Theme.swipeThreshold)
                    window.navigator.next();
                else if (dx > Theme.swipeThreshold)
                    window.navigator.previous();
            }
        }

        Rectangle {
            id: blackout
            anchors.fill: parent
            color: "black"
            visible: false
        }
    }
}
