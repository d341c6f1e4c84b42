pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The slides, one on screen at a time, cross-faded.
//
// A holder (and the layout it builds) exists only for the slides that are wanted: the
// current one, the one fading out, and the current one's neighbours (wrapping around the
// loop). So a deck of any size keeps at most three laid-out slides, plus the one fading
// out, and swapping in a deck of 16,000 slides makes three holders, not 16,000 (a Repeater
// over the model made one per row: most of a second frozen, bench/bench_reload.py). The
// next slide is built and laid out before it is shown: no blank or half-laid-out frame. At
// start the neighbours wait for the first frame (`warm`), so the cover shows as early as it
// can. A ListView with `cacheBuffer` would bound the count too, but it cannot cross-fade in
// place nor wrap from the last slide to the first without scrolling through the whole deck.
Item {
    id: view

    required property SlideModel slides
    required property Navigator navigator
    required property bool reducedMotion
    required property string language
    // "fade" (cross-fade), "slide" (the new slide pushes the old one sideways) or "none",
    // and how long it lasts (ms): the settings' or the deck's, through Main.qml.
    required property string transition
    required property int transitionMs
    // "Slide %1 of %2" in the visitor's language: each slide's accessible description.
    property string positionLabel: "%1 / %2"
    readonly property bool animated: !reducedMotion && transition !== "none" && transitionMs > 0
    property int direction: 1       // 1: forward (comes from the right), -1: backward

    readonly property int current: navigator.current
    readonly property int count: slides.count
    property int previous: -1       // the slide fading out under the current one
    property int lastShown: -1
    property real fade: 1           // opacity of the current slide while it fades in
    property bool warm: false       // the window's, after the first frame: neighbours may load
    // The slide whose neighbours are kept built. It catches up with `current` once a fade
    // has finished, so no slide is built or destroyed while one fades in (that work would
    // stall the fade's frames and delay the first one).
    property int anchor: 0

    // The rings behind cover, section and end slides (Backdrop), drawn here once for the
    // slide shown and the one fading out, not by each: from one such slide to another they
    // stay still. Both copies fading dimmed them to 75 % halfway and drew their whole
    // squares again at every step, as much as a slide's text (bench/bench_loop.py).
    // Sliding, each slide brings its own along.
    readonly property bool sliding: transition === "slide"
    property bool currentBackdrop: false
    property bool previousBackdrop: false

    function hasBackdrop(index: int): bool {
        if (index < 0 || index >= count)
            return false;
        const layout = slides.slide(index).layout;
        return layout === "cover" || layout === "section" || layout === "end";
    }

    Backdrop {
        z: 0
        visible: !view.sliding && opacity > 0
        opacity: view.previous < 0 || view.currentBackdrop === view.previousBackdrop
                 ? (view.currentBackdrop ? 1 : 0)
                 : view.currentBackdrop ? view.fade : 1 - view.fade
    }

    // One Component per layout file, made the first time a slide needs it.
    property var components: ({})

    function component(layout: string): Component {
        const file = fileFor(layout);
        if (!components[file])
            components[file] = Qt.createComponent(file);
        return components[file];
    }

    function fileFor(layout: string): string {
        switch (layout) {
        case "cover": return "CoverLayout.qml";
        case "section": return "SectionLayout.qml";
        case "fact": return "FactLayout.qml";
        case "statement": return "StatementLayout.qml";
        case "quote": return "QuoteLayout.qml";
        case "center": return "CenterLayout.qml";
        case "end": return "EndLayout.qml";
        case "image":
        case "image-left":
        case "image-right": return "ImageLayout.qml";
        case "two-cols": return "TwoColsLayout.qml";
        default: return "DefaultLayout.qml";
        }
    }

    onCurrentChanged: {
        fadeIn.stop();
        settle.stop();
        // Forward unless going back one step (a wrap from the last slide to the cover is forward).
        direction = (current === lastShown - 1 || (lastShown === 0 && current === count - 1
                     && count > 2)) ? -1 : 1;
        previous = animated ? lastShown : -1;
        lastShown = current;
        previousBackdrop = currentBackdrop;
        currentBackdrop = hasBackdrop(current);
        if (!animated || previous < 0) {
            fade = 1;
            anchor = current;
        } else {
            fade = 0;
            fadeIn.begin();
        }
        syncHolders();
    }
    Component.onCompleted: {
        lastShown = current;
        currentBackdrop = hasBackdrop(current);
        anchor = current;
        syncHolders();
    }

    // The fade in steps of 45 ms (22 a second, under the 50 ms between two frames that
    // bench/bench_interaction.py allows): each step is a frame of both slides' text, and
    // the frames are what a fade costs (a 60 Hz animation drew 24 for 400 ms;
    // bench/bench_loop.py). The curve, half straight and half sine, eases in and out yet
    // keeps every step of a 400 ms fade under 15 % of the way, less than InOutQuad's
    // largest at 30 steps a second (17 %). The first step is taken with the change itself:
    // a frame of the new slide at 0 would show nothing new, yet cost as much as a step.
    Timer {
        id: fadeIn
        property int step: 0
        readonly property int steps: Math.max(1, Math.round(Theme.ms(view.transitionMs) / interval))
        interval: 45
        repeat: true
        function begin() {
            step = 0;
            restart();
            advance();
        }
        onTriggered: advance()
        function advance() {
            step += 1;
            const t = Math.min(1, step / steps);
            view.fade = (t + (1 - Math.cos(Math.PI * t)) / 2) / 2;
            if (t >= 1) {
                stop();
                view.previous = -1;
                settle.restart();
            }
        }
    }

    // The neighbours follow a moment after the fade, once its last frame is on screen:
    // building one takes a few frames' time, and the fade's end must not wait for it.
    Timer {
        id: settle
        interval: Theme.settleMs
        onTriggered: view.anchor = view.current
    }

    // The holders that exist, by slide index.
    property var holders: ({})

    function wantedIndices(): var {
        const wanted = [];
        if (count === 0)
            return wanted;
        const add = index => {
            if (index >= 0 && index < count && wanted.indexOf(index) < 0)
                wanted.push(index);
        };
        add(current);
        add(previous);
        if (warm) {
            add((anchor + 1) % count);
            add((anchor - 1 + count) % count);
            add(anchor);
        }
        return wanted;
    }

    // Makes the holders that are wanted and destroys the others; called whenever what is
    // wanted may have changed.
    function syncHolders() {
        const wanted = wantedIndices();
        const kept = {};
        for (const key in holders) {
            const holder = holders[key];
            if (wanted.indexOf(holder.index) >= 0) {
                kept[holder.index] = holder;
            } else {
                holder.unbuild();
                holder.destroy();
            }
        }
        for (const index of wanted) {
            if (!kept[index])
                kept[index] = holderComponent.createObject(view, { index: index });
        }
        holders = kept;
    }

    function dropHolders() {
        for (const key in holders) {
            holders[key].unbuild();
            holders[key].destroy();
        }
        holders = {};
    }

    onPreviousChanged: syncHolders()
    onAnchorChanged: syncHolders()
    onWarmChanged: syncHolders()
    onCountChanged: syncHolders()

    Connections {
        target: view.slides
        // A reset (a deck of another length): every holder goes, the built slides hidden at
        // once, and those of the new deck are made.
        function onModelAboutToBeReset() { view.dropHolders(); }
        function onModelReset() {
            view.currentBackdrop = view.hasBackdrop(view.current);
            view.previousBackdrop = view.hasBackdrop(view.previous);
            view.syncHolders();
        }
        function onRevised() {
            view.currentBackdrop = view.hasBackdrop(view.current);
            view.previousBackdrop = view.hasBackdrop(view.previous);
            for (const key in view.holders)
                view.holders[key].revise();
        }
    }

    Component {
        id: holderComponent

        Item {
            id: holder

            // Only the row: the slide's data is read when it is built (SlideModel.slide).
            required property int index

            readonly property bool isCurrent: index === view.current
            readonly property bool isPrevious: index === view.previous

            width: view.width
            height: view.height
            visible: isCurrent || (isPrevious && view.fade < 1)
            readonly property bool sliding: view.sliding
            // The slide's entrance (SlideBase.entrance): its fade-in; done for the others.
            readonly property real entrance: isCurrent && !sliding ? view.fade : 1
            // Fading: the new slide's items at `fade` over the old one's at 1 - `fade`, on
            // the window's background that both slides share. Each text is drawn from its
            // glyph cache at that opacity, inside its own bounds: the software renderer
            // repaints only those, and nothing is laid out again. A layer per slide (the
            // slide drawn once into a window-sized image, the image blended) cost twice
            // as much: two whole-window images drawn at each change and blended in full
            // every frame, on the CPU either way where OpenGL is llvmpipe.
            opacity: sliding ? 1 : isCurrent ? view.fade : isPrevious ? 1 - view.fade : 1
            // Sliding (not the default): the new slide comes in from the side as the old
            // one leaves, each drawn once into a layer that moves, as before the fades
            // went without layers (bench/bench_interaction.py measured it then).
            x: !sliding ? 0
               : isCurrent ? (1 - view.fade) * view.width * view.direction
               : isPrevious ? -view.fade * view.width * view.direction : 0
            z: isCurrent ? 2 : 1
            layer.enabled: sliding && visible && view.fade < 1

            // A layer's empty pixels are drawn dark by the software renderer: a moving
            // slide brings its background along.
            Rectangle {
                anchors.fill: parent
                visible: holder.sliding
                color: Theme.background
            }

            // What the layout is given: the slide's data, and where and how it is shown.
            function slideProperties(): var {
                const properties = view.slides.slide(index);
                properties.language = view.language;
                properties.slideIndex = index;
                properties.reducedMotion = view.reducedMotion;
                properties.ownBackdrop = view.sliding;
                return properties;
            }

            // The layout built for this slide, made with createObject, not a Loader:
            // Loader.setSource(url, properties) kept every properties object alive in the JS
            // heap, about 1 KB a slide change that no garbage collection took back (Qt 6.12;
            // bench/bench_soak.py).
            property Item content: null   // a SlideBase (a type PySide can read: the tests do)

            function build() {
                const properties = slideProperties();
                properties.shown = isCurrent;
                properties.width = width;
                properties.height = height;
                const made = view.component(properties.layout);
                content = made.createObject(holder, properties);
                if (content === null)
                    console.error("cannot build a", properties.layout, "slide:", made.errorString());
                else {
                    (content as SlideBase).entrance = Qt.binding(() => holder.entrance);
                    (content as SlideBase).position = Qt.binding(
                        () => view.positionLabel.arg(holder.index + 1).arg(view.count));
                }
            }

            function unbuild() {
                if (content === null)
                    return;
                content.visible = false;   // destroy() waits for the event loop; hide it now
                content.destroy();
                content = null;
            }

            // The rows changed in place (another language, a reload). A layout of the same
            // kind takes the new text where it stands: building it again would cost a few
            // frames. A slide whose layout changed is built again.
            function revise() {
                if (content === null)
                    return;
                const properties = slideProperties();
                if (view.fileFor((content as SlideBase).layout) !== view.fileFor(properties.layout)) {
                    unbuild();
                    build();
                    return;
                }
                for (const name in properties)
                    content[name] = properties[name];
            }

            Component.onCompleted: build()
            onIsCurrentChanged: if (content !== null) (content as SlideBase).shown = isCurrent
            onWidthChanged: if (content !== null) content.width = width
            onHeightChanged: if (content !== null) content.height = height
        }
    }
}
