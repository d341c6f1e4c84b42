"""Colour arithmetic for WCAG contrast: ratios, and an accent nudged until it is legible."""

from __future__ import annotations

import re

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")

# WCAG 2.x AA: 4.5:1 for body text, 3:1 for large text (figures, titles).
AA_TEXT = 4.5
AA_LARGE = 3.0


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


def safe(colour: str, fallback: str) -> str:
    """``colour`` if it is a valid ``#rrggbb``, else ``fallback``."""
    try:
        return to_hex(parse_hex(colour))
    except ValueError:
        return fallback
