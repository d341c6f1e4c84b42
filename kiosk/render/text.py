"""Small text transformations for display: quote marks, link captions, count-up frames."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_OPENING = '«“"„‘'
_CLOSING = '»”"“’'
_SPACES = " \u00a0\u202f\t\n"


def strip_outer_quotes(text: str) -> str:
    """The quoted words without their outer quotation marks (the layout draws its own).

    ``« Bonjour. »`` -> ``Bonjour.``; text that is not wrapped in a pair is returned as is.
    """
    stripped = text.strip(_SPACES)
    if len(stripped) >= 2 and stripped[0] in _OPENING and stripped[-1] in _CLOSING:
        return stripped[1:-1].strip(_SPACES)
    return text


def link_caption(url: str) -> str:
    """What to print under a QR code: the address without scheme, ``www.`` or final slash."""
    caption = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    caption = caption.removeprefix("www.")
    return caption.rstrip("/")


# A number as written in a figure: "4 700", "4,700", "0,2", "65", "1.5".
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")


@dataclass(frozen=True, slots=True)
class _Number:
    value: float
    decimals: int
    group: str  # thousands separator as written ("" when none)
    point: str  # decimal separator as written


def _read(raw: str, language: str) -> _Number:
    comma_decimal = not language.lower().startswith("en")
    point = "," if comma_decimal else "."
    group = ""
    integer, decimals_text = raw, ""
    # Split off the decimal part: the last separator followed by other than 3 digits, or
    # the language's decimal mark.
    match = re.match(r"^(.*?)([.,])(\d+)$", raw)
    if match and (match.group(2) == point or len(match.group(3)) != 3):
        integer, point, decimals_text = match.group(1), match.group(2), match.group(3)
    seps = re.findall(r"[ \u00a0\u202f,.]", integer)
    if seps:
        group = seps[0]
    digits = re.sub(r"\D", "", integer)
    value = float(f"{digits}.{decimals_text}" if decimals_text else digits)
    return _Number(value, len(decimals_text), group, point)


def _write(number: _Number, value: float) -> str:
    text = f"{value:.{number.decimals}f}"
    integer, _, fraction = text.partition(".")
    if number.group:
        head = len(integer) % 3 or 3
        chunks = [integer[:head]] + [integer[i : i + 3] for i in range(head, len(integer), 3)]
        integer = number.group.join(chunks)
    return integer + (number.point + fraction if fraction else "")


def count_up_frames(figure: str, language: str, steps: int = 36) -> list[str]:
    """The figure as it counts up from zero: ``steps`` strings, the last one ``figure`` itself.

    Every number in the figure counts up together ("0,2 à 0,5 %"); the words around them
    stay; the time curve eases out, so the count slows as it lands. A figure without a
    number gives one frame: itself.
    """
    parts = _NUMBER.split(figure)
    raws = _NUMBER.findall(figure)
    if not raws or steps < 2:
        return [figure]
    numbers = [_read(raw, language) for raw in raws]
    frames: list[str] = []
    for step in range(steps - 1):
        t = step / (steps - 1)
        eased = 1 - (1 - t) ** 3
        out = [parts[0]]
        for number, tail in zip(numbers, parts[1:], strict=True):
            scale = 10**number.decimals
            value = math.floor(number.value * eased * scale + 1e-9) / scale
            out += [_write(number, value), tail]
        frames.append("".join(out))
    frames.append(figure)
    return frames
