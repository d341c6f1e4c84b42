"""Colour arithmetic for WCAG contrast, and the deck's palette: brand colours made legible."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.deck.model import Theme

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")

# WCAG 2.x AA: 4.5:1 for body text, 3:1 for large text (figures, titles).
AA_TEXT = 4.5
AA_LARGE = 3.0
# The show's body text aims higher than AA: read from 3 m, in a bright hall.
FOREGROUND_TARGET = 7.0
# The scrim under a full-bleed picture's text (ImageLayout.qml), where the text starts.
PHOTO_SCRIM = 0.94


def parse_hex(colour: str) -> tuple[int, int, int]:
    """``"#0f2a44"`` -> ``(15, 42, 68)``. Raises ValueError for anything else."""
    match = _HEX.match(colour.strip())
    if not match:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = match.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c))) for c in rgb))


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``colour`` (0 black .. 1 white)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, 1 .. 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, t: float) -> str:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    ra, rb = parse_hex(a), parse_hex(b)
    return to_hex(tuple(x + (y - x) * t for x, y in zip(ra, rb, strict=True)))  # type: ignore[arg-type]


def legible(colour: str, background: str, minimum: float) -> str:
    """``colour``, or the closest mix of it towards black or white that reaches ``minimum``.

    A deck may brand itself with any accent; on its background the accent must stay
    readable, so it is darkened or lightened (towards the side with more room) just enough.
    """
    if contrast(colour, background) >= minimum:
        return to_hex(parse_hex(colour))
    target = "#000000" if luminance(background) > 0.18 else "#ffffff"
    for step in range(1, 101):
        candidate = mix(colour, target, step / 100)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


def legible_on(colour: str, grounds: tuple[str, ...], minimum: float) -> str:
    """``colour``, or the closest mix of it towards black or white (away from the first
    ground) that reaches ``minimum`` on every one of ``grounds``."""
    target = "#000000" if luminance(grounds[0]) > 0.18 else "#ffffff"
    candidate = to_hex(parse_hex(colour))
    for step in range(0, 101):
        candidate = mix(colour, target, step / 100)
        if all(contrast(candidate, ground) >= minimum for ground in grounds):
            return candidate
    return candidate


def safe(colour: str, fallback: str) -> str:
    """``colour`` if it is a valid ``#rrggbb``, else ``fallback``."""
    try:
        return to_hex(parse_hex(colour))
    except ValueError:
        return fallback


class Palette:
    """The colours one deck is drawn with, each checked against WCAG AA on its background;
    with ``high``, its high-contrast colours (:func:`high_contrast`, AAA 7:1)."""

    def __init__(self, theme: Theme, high: bool = False) -> None:
        default = Theme()
        self.background = safe(theme.background, default.background)
        fg = safe(theme.foreground, default.foreground)
        # A deck may pick a foreground too close to its background: fix it, not the show.
        self.foreground = legible(fg, self.background, FOREGROUND_TARGET)
        # Panels and decorations: barely off the background. Text crosses it (the backdrop's
        # rings, the staff cards), so the text colours below pass on it too.
        self.surface = mix(self.background, self.foreground, 0.07)
        # Every ground text is set on besides the background: the surface, and the scrim of
        # a full-bleed photo where its text starts (over a white or a black photo).
        grounds = (
            self.background,
            self.surface,
            mix(self.background, "#ffffff", 1 - PHOTO_SCRIM),
            mix(self.background, "#000000", 1 - PHOTO_SCRIM),
        )
        # Figures and titles are large text (AA 3:1), but we aim for body contrast anyway
        # (a link in a paragraph is in the accent too).
        self.accent = legible_on(safe(theme.primary, default.primary), grounds, AA_TEXT)
        # Secondary text (sources, captions): a quieter foreground that still passes AA.
        muted = mix(self.foreground, self.background, 0.3)
        quiet_enough = contrast(muted, self.background) >= AA_TEXT + 0.5 and all(
            contrast(muted, ground) >= AA_TEXT for ground in grounds
        )
        self.muted = muted if quiet_enough else self.foreground
        # Outlines of controls and indicators (the other slides' dots): the foreground a
        # third of the way from the background, and at least 3:1 on it (WCAG 1.4.11).
        self.line = legible_on(mix(self.foreground, self.background, 0.65), grounds[:2], AA_LARGE)
        self.dark = theme.dark
        # Strings in code: a green apart from the accent (keywords, numbers), at body contrast.
        green = "#8fd19e" if contrast("#ffffff", self.background) > 4.5 else "#1e6b34"
        self.code_string = legible(green, self.background, AA_TEXT)
        if high:
            colours = high_contrast(self.background, self.foreground, self.accent, self.muted)
            self.background, self.foreground = colours.background, colours.foreground
            self.accent, self.muted = colours.accent, colours.muted
            self.surface = colours.surface
            self.line = mix(self.foreground, self.background, 0.25)
            self.code_string = legible_on(green, (self.background, self.surface), AAA_TEXT)


# WCAG 2.x AAA: 7:1 for body text. High contrast (the « Aa » control) meets it everywhere.
AAA_TEXT = 7.0

# The built-in pairs high contrast falls back on: light on black, or dark on white.
_WHITE, _BLACK = "#ffffff", "#000000"


@dataclass(frozen=True, slots=True)
class HighContrast:
    """A deck's colours for high contrast: every text colour at least 7:1 on ``background``,
    ``surface`` (panels) and a photo's scrim."""

    background: str
    foreground: str
    accent: str
    muted: str
    surface: str


def high_contrast(background: str, foreground: str, accent: str, muted: str) -> HighContrast:
    """The high-contrast colours of a deck drawn ``foreground`` on ``background``.

    A deck that sets light text on a dark ground gets black behind it, one that sets dark
    on light gets white: the deck's own look, pushed to the end of its scale. Each of the
    deck's text colours is kept where it reaches AAA (7:1) on every ground text is set on;
    else the foreground is the built-in white (or black), the accent the deck's moved
    towards it just enough (still its hue: figures stay in the brand's colour where they
    can), and quieter text (sources) is set in the foreground.
    """
    dark = luminance(background) <= luminance(foreground)
    ground, ink = (_BLACK, _WHITE) if dark else (_WHITE, _BLACK)

    def grounds(text: str) -> tuple[str, ...]:
        # The background, panels, and a full-bleed photo's scrim over a white or black one.
        return (
            ground,
            mix(ground, text, 0.1),
            mix(ground, _WHITE, 1 - PHOTO_SCRIM),
            mix(ground, _BLACK, 1 - PHOTO_SCRIM),
        )

    def passes(colour: str, text: str) -> bool:
        return all(contrast(colour, g) >= AAA_TEXT for g in grounds(text))

    text = to_hex(parse_hex(foreground)) if passes(foreground, foreground) else ink
    figure = legible_on(accent, grounds(text), AAA_TEXT)
    quiet = to_hex(parse_hex(muted)) if passes(muted, text) else text
    return HighContrast(ground, text, figure, quiet, mix(ground, text, 0.1))
