"""Which characters the bundled fonts draw, read from their files' cmap tables, without Qt.

`kiosk check` warns about a character none of them has, and the parser leaves it out of the
slide (kiosk.deck.markdown_ext), so the booth never draws an empty box: the look must not
depend on the fonts a booth PC happens to have. The fonts are those of ``assets/fonts/``
(Inter, JetBrains Mono for code, Noto Emoji); the cmap formats read are 4 (the Basic
Multilingual Plane) and 12 (all planes), which every one of them carries.
"""

from __future__ import annotations

import functools
import struct
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kiosk import ASSETS_DIR

FONT_DIR = ASSETS_DIR / "fonts"
# Characters drawn by shaping, never by a glyph of their own: joiners, variation selectors,
# combining marks (an accent on a letter), spaces and controls (line breaks).
_NO_GLYPH_NEEDED = frozenset({"Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"})


def font_files(folder: Path = FONT_DIR) -> list[Path]:
    return sorted([*folder.glob("*.otf"), *folder.glob("*.ttf")])


@functools.cache
def covered(folder: Path = FONT_DIR) -> frozenset[int]:
    """Every code point some font in ``folder`` maps to a glyph."""
    points: set[int] = set()
    for path in font_files(folder):
        points.update(cmap_points(path.read_bytes()))
    return frozenset(points)


def undrawable(text: str, folder: Path = FONT_DIR) -> list[str]:
    """The characters of ``text`` no bundled font draws, each once, in order of appearance."""
    if text.isascii():  # Inter has every printable ASCII character: the common case
        return []
    have = covered(folder)
    found: dict[str, None] = {}
    for char in text:
        if ord(char) < 0x80 or ord(char) in have or char in found:
            continue
        if unicodedata.category(char) in _NO_GLYPH_NEEDED:
            continue
        found[char] = None
    return list(found)


def describe(chars: Iterable[str]) -> str:
    """« 😀 » (U+1F600) and the like, for a finding."""
    return ", ".join(f"« {c} » (U+{ord(c):04X})" for c in chars)


def cmap_points(data: bytes) -> Iterator[int]:
    """The code points of a TrueType/OpenType font's Unicode cmap subtables."""
    tables = _table_directory(data)
    if b"cmap" not in tables:
        return
    base = tables[b"cmap"]
    _, count = struct.unpack_from(">HH", data, base)
    seen_formats: set[int] = set()
    for k in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * k)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if not unicode:
            continue
        start = base + offset
        (form,) = struct.unpack_from(">H", data, start)
        if form in seen_formats:
            continue
        if form == 4:
            seen_formats.add(form)
            yield from _format_4(data, start)
        elif form == 12:
            seen_formats.add(form)
            yield from _format_12(data, start)


def _table_directory(data: bytes) -> dict[bytes, int]:
    (tables,) = struct.unpack_from(">H", data, 4)
    offsets = {}
    for k in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * k)
        offsets[tag] = offset
    return offsets


def _format_4(data: bytes, start: int) -> Iterator[int]:
    (segments_x2,) = struct.unpack_from(">H", data, start + 6)
    segments = segments_x2 // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + segments_x2)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 2 * segments_x2)
    range_offsets_at = start + 16 + 3 * segments_x2
    range_offsets = struct.unpack_from(f">{segments}H", data, range_offsets_at)
    for k in range(segments):
        first, last = starts[k], ends[k]
        if first == 0xFFFF:
            continue
        for point in range(first, last + 1):
            if range_offsets[k] == 0:
                glyph = (point + deltas[k]) & 0xFFFF
            else:
                at = range_offsets_at + 2 * k + range_offsets[k] + 2 * (point - first)
                (glyph,) = struct.unpack_from(">H", data, at)
                if glyph:
                    glyph = (glyph + deltas[k]) & 0xFFFF
            if glyph:
                yield point


def _format_12(data: bytes, start: int) -> Iterator[int]:
    (groups,) = struct.unpack_from(">I", data, start + 12)
    for k in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * k)
        if glyph:
            yield from range(first, last + 1)
        else:  # the group starts at glyph 0 (.notdef): its first code point has no glyph
            yield from range(first + 1, last + 1)
