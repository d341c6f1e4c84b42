import QtQuick
import Kiosk

// Text that takes the largest size up to `maxPixelSize` at which it fits `width` and
// `maxHeight`: shrunk, never clipped or overflowing. Its height is the height it paints,
// so the next item can be placed right under it.
//
// The fit is a binary search on a hidden twin `Text`, run synchronously whenever an input
// changes, so a slide is laid out before its first frame (no visible reflow); its result
// is kept (FitSizes) for the next time the same text is fitted in the same box.
//
// A larger step (`stepPixelSize` in `stepWidth`, both above the usual size and width) is
// taken when the whole text fits at it: a short slide's text set large, in a measure as
// many ems wide. `stepped` says so; the layout then gives the item that width.
Item {
    id: root

    property string text
    property int textFormat: Text.RichText
    property real maxPixelSize: Theme.bodySize
    property real minPixelSize: Theme.minimumSize
    property real maxHeight: 1e9
    property real capPixelSize: 1e9         // an outside cap, to share one size between items
    property bool singleLine: false
    property string family: Theme.family
    property int weight: Font.Normal
    property bool italic: false
    property real tracking: weight >= Font.Bold ? Theme.displayTracking : 0   // letter spacing, in ems
    property color color: Theme.foreground
    property real stepPixelSize: 0
    property real stepWidth: 0
    readonly property bool stepped: stepPixelSize > maxPixelSize && fitted === stepPixelSize
    // Code is set as written: no ligatures (JetBrains Mono would draw => as one arrow).
    readonly property bool hasCode: textFormat === Text.RichText && text.indexOf("<code") >= 0
    readonly property var features: hasCode ? { "calt": 0, "liga": 0 } : ({})
    property int horizontalAlignment: Text.AlignLeft

    readonly property real fitPixelSize: fitted
    readonly property real pixelSize: Math.min(fitted, capPixelSize)
    property alias label: label

    property real fitted: maxPixelSize
    property bool completed: false

    implicitHeight: text.length > 0 ? label.implicitHeight : 0

    // Rich text spacing in ems of the current size (Qt's defaults are fixed pixels): lists
    // indented enough for their bullets to stay inside the item at any size.
    // Plain text (titles, figures) never breaks at a hyphen: « Rejoignez-\nnous ! » is worse
    // than a slightly smaller size, so hyphens become non-breaking ones (U+2011).
    function styled(body: string, size: real): string {
        if (textFormat === Text.PlainText)
            return body.replace(/-/g, "\u2011");
        if (textFormat !== Text.RichText || body.length === 0)
            return body;
        const em = v => Math.round(v * size) + "px";
        return "<style>ul, ol { margin-left: " + em(0.5) + "; margin-top: 0; margin-bottom: 0 }"
            + " li { margin-bottom: " + em(0.32) + " }"
            + " p { margin-top: 0; margin-bottom: " + em(0.5) + " }"
            + " a { color: " + Theme.accent + "; text-decoration: underline }"
            + (body.indexOf("<code") >= 0 ? codeStyle(em) : "") + "</style>" + body;
    }

    // Code (kiosk/deck/code.py): the bundled monospace font, and each token's role in the
    // deck's colours: keywords and numbers in the accent, strings green, comments muted.
    function codeStyle(em): string {
        return " code, pre { font-family: '" + Theme.monoFamily + "' }"
            + " pre { margin-top: 0; margin-bottom: " + em(0.5) + " }"
            + " .kw, .nu { color: " + Theme.accent + " }"
            + " .st { color: " + Theme.codeString + " }"
            + " .cm { color: " + Theme.muted + "; font-style: italic }"
            + " .fn { font-weight: 600 }";
    }

    // What a screen reader says of the text: rich text without its tags (an image by its
    // alt text), entities read as characters. Worked out when the text changes, not per
    // frame: a few regular expressions over a slide's text, once as it is built.
    function plain(html: string): string {
        const named = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
        return html.replace(/<img\b[^>]*?\balt="([^"]*)"[^>]*>/gi, " $1 ")
            .replace(/<(br|\/p|\/li|\/h[1-6]|\/tr|\/pre|\/blockquote)\b[^>]*>/gi, "\n")
            .replace(/<[^>]*>/g, "")
            .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, code) =>
                code[0] !== "#" ? (named[code.toLowerCase()] ?? entity)
                : String.fromCodePoint(parseInt(code[1] === "x" || code[1] === "X"
                                                ? code.slice(2) : code.slice(1),
                                                code[1] === "x" || code[1] === "X" ? 16 : 10)))
            .replace(/[ \t]*\n\s*/g, "\n")
            .trim();
    }

    function fits(size: real): bool {
        measure.text = styled(text, size);
        measure.font.pixelSize = size;
        measure.font.letterSpacing = size * tracking;
        return measure.implicitHeight <= root.maxHeight + 0.5 && measure.contentWidth <= measure.width + 0.5;
    }

    function fitKey(boxWidth: real): string {
        return [text, boxWidth, maxHeight, maxPixelSize, minPixelSize, textFormat, singleLine,
                family, weight, italic, tracking, stepPixelSize, stepWidth].join("\u0001");
    }

    function refit() {
        if (!completed || width <= 0 || text.length === 0)
            return;
        const key = fitKey(width);
        const known = FitSizes.find(key);
        if (known > 0) {
            fitted = known;
            return;
        }
        const found = search();
        FitSizes.keep(key, found);
        // Stepped, the layout widens the item to the step's width next: known there too,
        // so that refit finds it instead of measuring the same text again.
        if (stepPixelSize > maxPixelSize && found === stepPixelSize)
            FitSizes.keep(fitKey(stepWidth), found);
        fitted = found;
    }

    // The larger step if the text fits whole at it, else the largest whole size that
    // fits, between the bounds. These functions test the inputs themselves, never a
    // binding made of them (`stepped`, `hasCode`): called from an input's change handler,
    // they may run before such a binding is brought up to date.
    function search(): real {
        if (stepPixelSize > maxPixelSize && stepWidth > 0) {
            measure.width = stepWidth;
            if (fits(stepPixelSize))
                return stepPixelSize;
        }
        measure.width = width;
        let hi = Math.floor(maxPixelSize);
        let lo = Math.max(1, Math.ceil(minPixelSize));
        if (fits(hi))
            return hi;
        if (!fits(lo))
            return lo;   // `kiosk check` warns about such a slide before the show
        while (hi - lo > 1) {
            const mid = Math.floor((hi + lo) / 2);
            if (fits(mid))
                lo = mid;
            else
                hi = mid;
        }
        return lo;
    }

    onWidthChanged: refit()
    onMaxHeightChanged: refit()
    onTextChanged: refit()
    onMaxPixelSizeChanged: refit()
    onMinPixelSizeChanged: refit()
    onStepPixelSizeChanged: refit()
    onStepWidthChanged: refit()
    Component.onCompleted: {
        completed = true;
        refit();
    }

    Text {
        id: measure
        visible: false
        textFormat: root.textFormat
        wrapMode: root.singleLine ? Text.NoWrap : Text.WordWrap
        font.family: root.family
        font.weight: root.weight
        font.italic: root.italic
        font.features: root.features
    }

    Text {
        id: label
        width: root.width
        text: root.styled(root.text, root.pixelSize)
        textFormat: root.textFormat
        wrapMode: root.singleLine ? Text.NoWrap : Text.WordWrap
        horizontalAlignment: root.horizontalAlignment
        color: root.color
        font.family: root.family
        font.weight: root.weight
        font.italic: root.italic
        font.pixelSize: Math.max(1, root.pixelSize)
        font.letterSpacing: Math.max(1, root.pixelSize) * root.tracking
        font.features: root.features
        Accessible.role: Accessible.StaticText
        Accessible.name: root.textFormat === Text.PlainText ? root.text : root.plain(root.text)
        Accessible.ignored: root.text.length === 0
    }
}
