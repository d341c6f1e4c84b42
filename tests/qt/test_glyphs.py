"""The bundled fonts' character maps, read without Qt, agree with what Qt draws from them."""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtGui import QRawFont

from kiosk.render.glyphs import cmap_points, covered, describe, font_files, undrawable


@pytest.mark.parametrize("path", font_files(), ids=lambda p: p.name)
def test_each_fonts_cmap_is_the_characters_qt_draws_with_it(qapp: Any, path: Any) -> None:
    ours = set(cmap_points(path.read_bytes()))
    raw = QRawFont(str(path), 32)
    assert raw.isValid()
    sample = set(random.Random(path.name).sample(range(0x20, 0x2FFFF), 6000)) | ours
    disagree = [p for p in sorted(sample) if raw.supportsCharacter(p) != (p in ours)]
    assert disagree == [], [hex(p) for p in disagree[:20]]


def test_what_a_french_or_slidev_deck_needs_is_covered() -> None:
    text = "« Près de 70\u202f% » — l’AICT… 4\u00a0700 € ✓ → 📝🎨🧑\u200d💻🛠 {}[]<>|\\`~^"
    assert undrawable(text) == []
    assert undrawable("漢字 ䷀") == ["漢", "字", "䷀"]
    assert describe(["䷀"]) == "« ䷀ » (U+4DC0)"
    assert len(covered()) > 4000
