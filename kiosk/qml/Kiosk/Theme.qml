pragma Singleton
import QtQuick
import Kiosk

// Every colour, size, font and duration of the display, in one place.
// Sizes are fractions of the screen height (u = 1 %), so a slide scales with the screen;
// portrait screens (totems) get their own ratios and the layouts reflow.
// The legibility numbers are shared with `kiosk check` through kiosk/render/legibility.py:
// keep them equal (tests/qt/test_behaviour.py compares them).
QtObject {
    id: theme

    // Set by Main.qml: the size of the drawing area, the deck's brand, the screen's pixels
    // per millimetre (Screen.pixelDensity; 0 when the screen does not say) and the show's
    // clock (DisplayOptions.time_scale: tests run every animation in a few milliseconds).
    property real viewWidth: 1920
    property real viewHeight: 1080
    property DeckInfo brand: null
    property real pixelDensity: 0
    property real timeScale: 1
    // The visitor's text size (« Aa », kiosk/qt/access.py): every type size of the slides
    // and the menu is multiplied by it, so each layout reflows through its fit rules.
    property real textScaleChosen: 1
    // The show's scale, always a number: a torn-down show's binding (tests build many in one
    // process; the Theme is shared) may hand in undefined, NaN for every size below.
    readonly property real textScale: isFinite(textScaleChosen) && textScaleChosen > 0 ? textScaleChosen : 1
    // Titles and figures, already large, grow half as much: the reading text gets the room.
    readonly property real headingScale: 1 + (textScale - 1) / 2
    readonly property bool highContrast: brand ? brand.highContrast : false

    readonly property bool portrait: viewHeight > viewWidth * 1.05
    readonly property real u: viewHeight / 100

    // Colours: the deck's, made legible (WCAG AA) by kiosk/qt/deckinfo.py; in high
    // contrast (« Aa ») black or white behind text at 7:1 at least (kiosk/render/palette.py).
    readonly property color background: brand ? brand.background : "#0f2a44"
    readonly property color foreground: brand ? brand.foreground : "#ffffff"
    readonly property color accent: brand ? brand.accent : "#f2b134"
    readonly property color muted: brand ? brand.muted : "#b7bfc7"
    readonly property color surface: brand ? brand.surface : "#203951"
    readonly property color codeString: brand ? brand.codeString : "#8fd19e"   // strings in code
    readonly property color qrDark: "#000000"
    readonly property color qrLight: "#ffffff"

    // Fonts: bundled in assets/fonts/ and loaded before QML (kiosk/qt/fonts.py).
    readonly property string family: "Inter"
    readonly property string displayFamily: "Inter"   // titles and figures
    readonly property string monoFamily: "JetBrains Mono"   // code; emoji come from Noto Emoji
    readonly property real displayTracking: -0.015    // ems: large type set a little tighter

    // Legibility (shared with `kiosk check`).
    readonly property real bodyFloorRatio: 0.033
    readonly property real bodyRatio: portrait ? 0.036 : 0.044
    readonly property real measureEms: 23

    // Type sizes in pixels, at the visitor's text size (the floor stays: `kiosk check`
    // warns where a larger size would still shrink under it).
    readonly property real bodySize: viewHeight * bodyRatio * textScale
    // A short text slide's body, set a step larger when all of it fits (DefaultLayout):
    // well under the title, so the hierarchy stays. Not on a portrait screen, whose width,
    // not the measure, already bounds the line: larger type there only means shorter lines.
    readonly property real bodyStepSize: portrait ? 0 : u * 5.2 * textScale
    readonly property real floorSize: viewHeight * bodyFloorRatio
    // The last resort: text shrinks down to this rather than being cut (`kiosk check` warns
    // long before, at the legibility floor).
    readonly property real minimumSize: Math.max(6, u * 0.5)
    readonly property real smallSize: u * (portrait ? 2.3 : 3.0) * textScale   // sources, captions
    readonly property real titleSize: u * (portrait ? 4.8 : 6.6) * headingScale
    readonly property real coverTitleSize: u * (portrait ? 5.6 : 9.2) * headingScale
    readonly property real coverSubtitleSize: u * (portrait ? 3.8 : 5.0) * textScale
    readonly property real sectionTitleSize: u * (portrait ? 5.8 : 8.4) * headingScale
    readonly property real statementSize: u * (portrait ? 5.0 : 7.0) * textScale
    readonly property real quoteSize: u * (portrait ? 4.4 : 6.0) * textScale
    readonly property real quoteMarkSize: u * (portrait ? 12 : 24) * headingScale
    readonly property real figureSize: u * (portrait ? 16 : 30) * headingScale
    readonly property real factStatementSize: u * (portrait ? 4.0 : 4.8) * textScale
    readonly property real endTitleSize: u * (portrait ? 5.0 : 9.0) * headingScale

    // The size of a text under a heading (a section's lead, a cover's subtitle): at a larger
    // text size, as large as asked but under the heading as it fitted (a long word may
    // keep a title small), and never smaller than at the normal size.
    function underHeading(size: real, heading: real): real {
        return textScale > 1 ? Math.max(size / textScale, Math.min(size, heading * 0.85)) : size;
    }

    // Grid: margins, gaps and the widest line of body text.
    readonly property real marginX: Math.max(viewWidth * 0.07, u * 5)
    readonly property real marginTop: u * (portrait ? 7 : 9)
    readonly property real marginBottom: u * (portrait ? 7 : 10)   // leaves room for the footer
    readonly property real gap: u * 3.2
    // Where a text block shorter than its area sits: this share of the room left goes
    // above it, the rest below (the optical centre is a little above the middle).
    readonly property real balance: 0.42
    readonly property real measure: bodySize * measureEms
    readonly property real accentBarLength: u * 7
    readonly property real accentBarThickness: Math.max(2, u * 0.7)
    readonly property real qrSide: portrait ? viewWidth * 0.5 : u * 40   // about 10 cm on a 24" screen
    // The QR code of a link a text slide names: beside the text on a landscape screen (30 %
    // of its height, about 9 cm on a 24" one: scanned from a metre), under it on a portrait
    // one (0.42 of the content's width). kiosk/render/fit.py makes the same room.
    readonly property real linkQrSide: Math.min((viewWidth - 2 * marginX) * (portrait ? 0.42 : 0.26),
                                                u * (portrait ? 22 : 30))
    // What a code beside the text takes from the text's width: the code and two gaps.
    readonly property real linkQrColumn: linkQrSide + gap * 2

    // Footer: position dots and the time-left bar.
    readonly property real dotSize: Math.max(4, u * 0.9)
    readonly property real dotSpacing: dotSize * 0.9
    readonly property real footerY: viewHeight - u * 4.5
    readonly property real timeBarHeight: Math.max(2, u * 0.45)
    readonly property real figureRise: u * 3   // how far a fact's figure rises as it enters

    // Motion, in milliseconds of the show's clock: every animation's duration goes through
    // `ms()`. Reduced motion turns transitions (and what moves with them) off. (How long a transition
    // lasts is a setting: Main.qml's transitionMs.)
    function ms(duration: real): int {
        return Math.max(1, Math.round(duration * timeScale));
    }
    // The time bar moves in steps at least this far apart, not every frame: a thin bar
    // needs no 60 fps, and each step is a frame (bench/bench_loop.py: at 2 s a slide, 250
    // ms steps were 8 of a change's 19 frames). Not scaled: it is no animation, and at a
    // test's scale it would redraw without pause.
    readonly property int timeBarStepMs: 500
    // After a fade, the pause before the next neighbour slide is built (a few frames).
    readonly property int settleMs: ms(60)

    // Touch: every control at least 15 mm on this screen, and never under 96 px at 1080p
    // (scaled with the screen's short side).
    readonly property real shortSide: Math.min(viewWidth, viewHeight)
    // The screen's pixels per millimetre: Qt's where the screen says, else a 55-inch one's
    // at this resolution (the booth's large screen: 1.6 px/mm at 1920x1080).
    readonly property real density: pixelDensity > 0 ? pixelDensity
        : Math.sqrt(viewWidth * viewWidth + viewHeight * viewHeight) / (55 * 25.4)
    readonly property real touchTarget: Math.max(15 * density, shortSide * 96 / 1080)
    readonly property real swipeDistance: Math.max(u * 8, 10 * density)   // a swipe
    // A touch that is no swipe is a tap, however its finger rolled on the glass (30 to 50
    // px is common): a touch always does something (issue 12). Only a long press, several
    // fingers or a swipe's length without its sideways line are not taps.
    readonly property real tapSlop: swipeDistance

    // Controls: the bar in the footer (arrows, position, Sommaire, language) and overlays.
    readonly property real controlTextSize: Math.max(touchTarget * 0.34, u * (portrait ? 2.2 : 3.0))
    readonly property real controlGap: touchTarget * 0.2
    // The attract loop's « Touchez l’écran »: seen from 3 m, as large as the body text; its
    // fingertip taps every few seconds.
    readonly property real inviteSize: viewHeight * bodyRatio   // (never scaled: the loop resets the choices)
    readonly property int inviteEveryMs: 6000
    readonly property real controlInset: Math.min(marginX, touchTarget * 0.6)   // from the side
    // The bar's centre line: in the bottom margin, and never so low that a control's 15 mm
    // run off the screen's edge or over the time bar (a small, dense screen).
    readonly property real controlBarY: Math.min(viewHeight - marginBottom / 2,
                                                 viewHeight - timeBarHeight - touchTarget / 2)
    readonly property color controlFill: Qt.rgba(foreground.r, foreground.g, foreground.b, 0.13)
    // Outlines and indicators (the other slides' dots, a key's edge): at least 3:1 on the
    // background and the surface, from the palette (kiosk/render/contrast.py checks them).
    readonly property color controlLine: brand ? brand.line : "#738391"
    // A pressed control's fill: its label still at 4.5:1 on it.
    readonly property color controlPressed: Qt.rgba(foreground.r, foreground.g, foreground.b, 0.24)
    readonly property real iconStroke: Math.max(2, touchTarget * 0.045)
    readonly property real overlayOpacity: 1   // menu and « Toujours là ? » hide the slide: no ghost of a figure behind
    readonly property real menuTitleSize: u * (portrait ? 4.4 : 6.0) * headingScale
    readonly property real tileTextSize: u * (portrait ? 3.4 : 5.2) * textScale
    readonly property real tileRadius: u * 1.2
    readonly property real countdownSize: u * (portrait ? 12 : 18)
}
