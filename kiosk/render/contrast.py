"""Every text and background pair the show draws, and its WCAG 2.2 contrast, checked.

The table ``PAIRS`` names each pair by what is read (a role of text, or a control's
boundary), its colour and what lies under it (palette roles of ``kiosk/render/palette.py``,
the names ``Theme.qml`` gives them, with the opacities the QML draws them at), its size
class, and the QML files that draw it. ``tests/render/test_contrast.py`` keeps the table
honest: it scans those files for every colour they use, and samples a rendered Display's
pixels against the colours composited here.

Translucent colours are composited over what is under them as Qt Quick blends them: in
sRGB, channel by channel (``top * alpha + under * (1 - alpha)``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.deck.model import Theme
from kiosk.render.palette import (
    AA_LARGE,
    AA_TEXT,
    FOREGROUND_TARGET,
    PHOTO_SCRIM,
    Palette,
    contrast,
    parse_hex,
    to_hex,
)

# WCAG 2.2 AAA (1.4.6): 7:1 for body text, 4.5:1 for large text.
AAA_TEXT = 7.0
AAA_LARGE = 4.5
# WCAG 2.2 AA (1.4.11): a control's boundary and an indicator, 3:1. WCAG has no AAA level
# for them: high contrast asks the same.
AA_GRAPHIC = 3.0

# The opacities the QML draws with (tests/render/test_contrast.py reads them back there).
# (Theme.controlLine is the palette's ``line``: outlines, the other slides' dots.)
CONTROL_FILL = 0.13  # Theme.controlFill: a TouchButton, a menu tile
CONTROL_PRESSED = 0.24  # Theme.controlPressed: a pressed one
STAFF_KEY = 0.09  # StaffButton.qml: a key's fill
STAFF_KEY_PRESSED = 0.16  # pressed: its label still 7:1 in high contrast
STAFF_TINT = 0.25  # StaffButton.qml: a pressed emphasised key, the accent tinted
STAFF_FIELD = 0.7  # StaffPanel.qml: the log's and the folder field's ground


class Size(enum.Enum):
    """What a pair's colour draws, and so what it needs."""

    BODY = "text"  # AA 4.5:1, AAA 7:1
    # At least 24 px (18.66 px bold) on the smallest screen the show supports (1024x768):
    # titles, figures, the countdown. AA 3:1, AAA 4.5:1.
    LARGE = "large text"
    GRAPHIC = "control"  # a control's boundary, an indicator (1.4.11): 3:1 at both levels


class Level(enum.Enum):
    AA = "AA"
    AAA = "AAA"


NEEDS: Mapping[tuple[Level, Size], float] = {
    (Level.AA, Size.BODY): AA_TEXT,
    (Level.AA, Size.LARGE): AA_LARGE,
    (Level.AA, Size.GRAPHIC): AA_GRAPHIC,
    (Level.AAA, Size.BODY): AAA_TEXT,
    (Level.AAA, Size.LARGE): AAA_LARGE,
    (Level.AAA, Size.GRAPHIC): AA_GRAPHIC,
}


@dataclass(frozen=True, slots=True)
class Paint:
    """A palette role (``Theme.<role>``) or a fixed ``#rrggbb``, at an opacity."""

    role: str
    alpha: float = 1.0


@dataclass(frozen=True, slots=True)
class Pair:
    """One colour drawn over one ground: ``ground`` is bottom first, its first layer opaque."""

    name: str
    text: Paint
    ground: tuple[Paint, ...]
    size: Size
    where: tuple[str, ...]  # QML files under kiosk/qml/Kiosk/ that draw it


@dataclass(frozen=True, slots=True)
class Verdict:
    """A pair in one palette: the colours as composited, their ratio and what it needs."""

    pair: Pair
    colour: str
    ground: str
    ratio: float
    needs: float

    @property
    def ok(self) -> bool:
        # Ratios are compared as WCAG states them, to two decimals is enough: 4.499 is no 4.5.
        return self.ratio >= self.needs

    def describe(self) -> str:
        """``muted text #8899aa on background #ffffff is 2.9:1, needs 4.5:1``."""
        return (
            f"{self.pair.name} {self.colour} on {_ground_name(self.pair)} {self.ground}"
            f" is {_ratio(self.ratio)}:1, needs {_ratio(self.needs)}:1"
        )


def _ratio(value: float) -> str:
    # Rounded down: a 4.46:1 pair is never written as the 4.5:1 it fails.
    return f"{int(value * 10) / 10:.1f}"


def _ground_name(pair: Pair) -> str:
    top = pair.ground[-1]
    names = {
        "background": "background",
        "surface": "surface",
        "accent": "accent",
        "foreground": "foreground",
        "#ffffff": "white",
        "#000000": "black",
    }
    name = names.get(top.role, top.role)
    if len(pair.ground) > 1 and top.alpha < 1:
        under = pair.ground[-2].role
        name = f"{name} at {top.alpha:.0%} over {names.get(under, under)}"
    return name


# --- the show's pairs ------------------------------------------------------------------

_BG = (Paint("background"),)
_SURFACE = (Paint("surface"),)
_BUTTON = (Paint("background"), Paint("foreground", CONTROL_FILL))
_BUTTON_PRESSED = (Paint("background"), Paint("foreground", CONTROL_PRESSED))
_KEY = (Paint("surface"), Paint("foreground", STAFF_KEY))
_KEY_PRESSED = (Paint("surface"), Paint("foreground", STAFF_KEY_PRESSED))
_FIELD = (Paint("surface"), Paint("background", STAFF_FIELD))

_SLIDES = (
    "CoverLayout.qml",
    "DefaultLayout.qml",
    "SectionLayout.qml",
    "FactLayout.qml",
    "StatementLayout.qml",
    "QuoteLayout.qml",
    "CenterLayout.qml",
    "EndLayout.qml",
    "ImageLayout.qml",
    "TwoColsLayout.qml",
    "EmptyScreen.qml",
    "components/FitText.qml",
)
_BACKDROP = (
    "components/Backdrop.qml",
    "CoverLayout.qml",
    "SectionLayout.qml",
    "EndLayout.qml",
    "EmptyScreen.qml",
)
_ACCESS = "components/AccessPanel.qml"
_STAFF_CARD = ("staff/PinPad.qml", "staff/StaffPanel.qml")

PAIRS: tuple[Pair, ...] = (
    # Slides: the layouts' text on the deck's background.
    Pair("text", Paint("foreground"), _BG, Size.BODY, _SLIDES),
    # Figures, links and code keywords: at body size too (a link in a paragraph).
    Pair(
        "accent text",
        Paint("accent"),
        _BG,
        Size.BODY,
        (
            "FactLayout.qml",
            "CoverLayout.qml",
            "EndLayout.qml",
            "QuoteLayout.qml",
            "components/FitText.qml",
        ),
    ),
    Pair(
        "muted text",
        Paint("muted"),
        _BG,
        Size.BODY,
        (
            "FactLayout.qml",
            "StatementLayout.qml",
            "QuoteLayout.qml",
            "SectionLayout.qml",
            "components/QrPanel.qml",
            "components/FitText.qml",
            "components/ProgressDots.qml",
            "components/StillThere.qml",
        ),
    ),
    Pair("code string", Paint("codeString"), _BG, Size.BODY, ("components/FitText.qml",)),
    # The section slide's bar and the accent bars: an indicator of a slide's kind.
    Pair(
        "accent bar",
        Paint("accent"),
        _BG,
        Size.GRAPHIC,
        ("components/AccentBar.qml", "SectionLayout.qml"),
    ),
    # Cover, section and end slides: text may cross the backdrop's rings.
    Pair("text over the backdrop", Paint("foreground"), _SURFACE, Size.BODY, _BACKDROP),
    Pair("accent text over the backdrop", Paint("accent"), _SURFACE, Size.BODY, _BACKDROP),
    Pair("muted text over the backdrop", Paint("muted"), _SURFACE, Size.BODY, _BACKDROP),
    # A full-bleed picture: the text starts where the scrim is 94 % opaque, over any photo.
    *(
        Pair(
            f"{what} over a {photo} photo",
            Paint(role),
            (Paint(hex_), Paint("background", PHOTO_SCRIM)),
            Size.BODY,
            ("ImageLayout.qml",),
        )
        for photo, hex_ in (("white", "#ffffff"), ("black", "#000000"))
        for what, role in (("text", "foreground"), ("accent text", "accent"))
    ),
    # The footer: the invitation, where the loop is, the time left.
    Pair(
        "invitation",
        Paint("foreground"),
        _BG,
        Size.BODY,
        ("components/ControlBar.qml", "components/StillThere.qml", "components/SectionMenu.qml"),
    ),
    Pair("fingertip", Paint("accent"), _BG, Size.GRAPHIC, ("components/ControlBar.qml",)),
    # (The ring a tap of the fingertip leaves, 150 ms every 6 s at 70 %, is decoration.)
    Pair("current dot", Paint("accent"), _BG, Size.GRAPHIC, ("components/ProgressDots.qml",)),
    Pair(
        "other dots",
        Paint("line"),
        _BG,
        Size.GRAPHIC,
        ("components/ProgressDots.qml",),
    ),
    Pair("time bar", Paint("accent"), _BG, Size.GRAPHIC, ("components/TimeBar.qml",)),
    # Buttons (arrows, « Sommaire », the language, closing the menu) and the menu's tiles.
    Pair(
        "button label",
        Paint("foreground"),
        _BUTTON,
        Size.BODY,
        (
            "components/TouchButton.qml",
            "components/Icon.qml",
            "components/SectionMenu.qml",
            "components/FitText.qml",
        ),
    ),
    Pair(
        "pressed button label",
        Paint("foreground"),
        _BUTTON_PRESSED,
        Size.BODY,
        ("components/TouchButton.qml", "components/SectionMenu.qml"),
    ),
    Pair(
        "button outline",
        Paint("line"),
        _BG,
        Size.GRAPHIC,
        ("components/TouchButton.qml",),
    ),
    Pair(
        "chosen button outline",
        Paint("accent"),
        _BUTTON,
        Size.GRAPHIC,
        ("components/TouchButton.qml", "components/SectionMenu.qml"),
    ),
    Pair("tile number", Paint("accent"), _BUTTON, Size.LARGE, ("components/SectionMenu.qml",)),
    # The « Aa » panel: a card in the background colour over the slide, its switch.
    Pair("« Aa » panel text", Paint("foreground"), _BG, Size.BODY, (_ACCESS,)),
    Pair("« Aa » panel outline", Paint("line"), _BG, Size.GRAPHIC, (_ACCESS,)),
    Pair("switch on", Paint("accent"), _BG, Size.GRAPHIC, (_ACCESS,)),
    Pair("switch knob, on", Paint("background"), (Paint("accent"),), Size.GRAPHIC, (_ACCESS,)),
    Pair("switch knob, off", Paint("foreground"), _BUTTON, Size.GRAPHIC, (_ACCESS,)),
    # « Toujours là ? »: the seconds left in their ring.
    Pair("countdown", Paint("accent"), _BG, Size.LARGE, ("components/StillThere.qml",)),
    Pair("countdown ring", Paint("accent"), _BG, Size.GRAPHIC, ("components/StillThere.qml",)),
    # Staff: the PIN pad and the panel, cards in the surface colour.
    Pair("staff text", Paint("foreground"), _SURFACE, Size.BODY, _STAFF_CARD),
    Pair("staff muted text", Paint("muted"), _SURFACE, Size.BODY, _STAFF_CARD),
    Pair("staff warning", Paint("accent"), _SURFACE, Size.BODY, _STAFF_CARD),
    Pair("PIN dots", Paint("accent"), _SURFACE, Size.GRAPHIC, ("staff/PinPad.qml",)),
    Pair("PIN dot outline", Paint("muted"), _SURFACE, Size.GRAPHIC, ("staff/PinPad.qml",)),
    Pair("hour bars", Paint("accent"), _SURFACE, Size.GRAPHIC, ("staff/StaffPanel.qml",)),
    Pair("staff key label", Paint("foreground"), _KEY, Size.BODY, ("staff/StaffButton.qml",)),
    Pair(
        "pressed staff key label",
        Paint("foreground"),
        _KEY_PRESSED,
        Size.BODY,
        ("staff/StaffButton.qml",),
    ),
    Pair(
        "staff key outline",
        Paint("line"),
        _SURFACE,
        Size.GRAPHIC,
        ("staff/StaffButton.qml", "staff/StaffPanel.qml"),
    ),
    Pair(
        "emphasised staff key label",
        Paint("background"),
        (Paint("accent"),),
        Size.BODY,
        ("staff/StaffButton.qml",),
    ),
    Pair(
        "pressed emphasised staff key label",
        Paint("background"),
        (Paint("accent"), Paint("foreground", STAFF_TINT)),
        Size.BODY,
        ("staff/StaffButton.qml",),
    ),
    Pair(
        "emphasised staff key",
        Paint("accent"),
        _SURFACE,
        Size.GRAPHIC,
        ("staff/StaffButton.qml",),
    ),
    Pair("staff log", Paint("muted"), _FIELD, Size.BODY, ("staff/StaffPanel.qml",)),
    Pair("folder field text", Paint("foreground"), _FIELD, Size.BODY, ("staff/StaffPanel.qml",)),
    Pair(
        "selected folder text",
        Paint("background"),
        (Paint("accent"),),
        Size.BODY,
        ("staff/StaffPanel.qml",),
    ),
    Pair("focused field outline", Paint("accent"), _FIELD, Size.GRAPHIC, ("staff/StaffPanel.qml",)),
    Pair(
        "hold ring track",
        Paint("line"),
        _BG,
        Size.GRAPHIC,
        ("staff/HoldRing.qml",),
    ),
    Pair("hold ring", Paint("accent"), _BG, Size.GRAPHIC, ("staff/HoldRing.qml",)),
)

# Colours the QML draws that carry no text and mark no control, and why they need no ratio.
DECORATIONS: Mapping[tuple[str, str], str] = {
    ("components/Backdrop.qml", "surface"): "rings barely off the background, by design",
    ("ImageLayout.qml", "surface"): "the ground of a picture still loading: no text on it",
    ("TwoColsLayout.qml", "surface"): "the rule between the columns, beside their text",
    ("staff/PinPad.qml", "foreground"): "the card's faint edge (the card is no control)",
    ("staff/StaffPanel.qml", "foreground"): "the card's and export box's faint edges",
    ("staff/StaffOverlay.qml", "background"): "the scrim over the show, under the opaque cards",
    ("components/SectionMenu.qml", "background"): "the menu's opaque ground",
    ("components/StillThere.qml", "background"): "the countdown's opaque ground",
    ("Main.qml", "background"): "the window's ground, under every slide",
    ("SlideView.qml", "background"): "each slide's opaque ground",
}


# --- evaluating them -------------------------------------------------------------------


def roles(palette: Palette) -> dict[str, str]:
    """The palette's colours by the names Theme.qml gives them."""
    return {
        "background": palette.background,
        "foreground": palette.foreground,
        "accent": palette.accent,
        "muted": palette.muted,
        "surface": palette.surface,
        "codeString": palette.code_string,
        "line": palette.line,
    }


def composite(top: str, alpha: float, under: str) -> str:
    """``top`` at opacity ``alpha`` over the opaque ``under``, blended as Qt Quick does."""
    a, b = parse_hex(top), parse_hex(under)
    return to_hex((x * alpha + y * (1 - alpha) for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def _solid(paint: Paint, colours: Mapping[str, str]) -> str:
    return paint.role if paint.role.startswith("#") else colours[paint.role]


def ground_of(pair: Pair, colours: Mapping[str, str]) -> str:
    """The opaque colour under ``pair``'s text: its layers composited bottom up."""
    result = _solid(pair.ground[0], colours)
    for layer in pair.ground[1:]:
        result = composite(_solid(layer, colours), layer.alpha, result)
    return result


def colour_of(pair: Pair, colours: Mapping[str, str]) -> str:
    """The colour ``pair``'s text is seen in: composited over its ground when translucent."""
    colour = _solid(pair.text, colours)
    if pair.text.alpha < 1:
        colour = composite(colour, pair.text.alpha, ground_of(pair, colours))
    return colour


def verdicts(colours: Mapping[str, str], level: Level = Level.AA) -> list[Verdict]:
    """Every pair of the show in these colours (``roles(palette)``), against ``level``."""
    found = []
    for pair in PAIRS:
        colour, ground = colour_of(pair, colours), ground_of(pair, colours)
        found.append(
            Verdict(pair, colour, ground, contrast(colour, ground), NEEDS[(level, pair.size)])
        )
    return found


def failures(colours: Mapping[str, str], level: Level = Level.AA) -> list[Verdict]:
    """The pairs that fall short of ``level``."""
    return [v for v in verdicts(colours, level) if not v.ok]


# --- a deck's colours, for `kiosk check` -----------------------------------------------


def adjustments(theme: Theme) -> list[str]:
    """What the palette changed of the colours a deck set, and why: one line each.

    A colour equal to a built-in default is the show's, not the author's: not reported."""
    palette = Palette(theme)
    defaults = (Theme(), Theme(background="#f7f5f0", foreground="#14213d", dark=False))
    found = []
    for key, drawn, needs, why in (
        ("foreground", palette.foreground, FOREGROUND_TARGET, "the show keeps body text at 7:1"),
        ("primary", palette.accent, AA_TEXT, "WCAG AA"),
    ):
        given = getattr(theme, key)
        if any(given == getattr(d, key) for d in defaults):
            continue
        try:
            given = to_hex(parse_hex(given))
        except ValueError:  # reported by the deck's own check
            continue
        if given != drawn:
            found.append(
                f"themeConfig: {key} {given} on background {palette.background}"
                f" is {_ratio(contrast(given, palette.background))}:1, needs"
                f" {_ratio(needs)}:1 ({why}): drawn as {drawn}"
                f" ({_ratio(contrast(drawn, palette.background))}:1)"
            )
    return found


def colour_failures(theme: Theme, level: Level = Level.AA) -> list[str]:
    """The show's pairs that fail ``level`` in this deck's colours, even as the palette
    drew them: one line per colour and ground, naming every pair that draws it."""
    grouped: dict[tuple[str, str, float], list[Verdict]] = {}
    for verdict in failures(roles(Palette(theme)), level):
        grouped.setdefault((verdict.colour, verdict.ground, verdict.needs), []).append(verdict)
    found = []
    for group in grouped.values():
        names = ", ".join(v.pair.name for v in group)
        first = group[0]
        found.append(
            f"themeConfig: {names} {first.colour} on {_ground_name(first.pair)} {first.ground}"
            f" is {_ratio(first.ratio)}:1, needs {_ratio(first.needs)}:1 (WCAG {level.value});"
            " no colour passes on both: a background nearer white or black leaves room"
        )
    return found
