"""`kiosk export`: one PNG per slide at the asked size, and a PDF with one page per slide."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk import BUNDLED_DECK
from kiosk.cli import main
from kiosk.deck import load_deck_set


def pdf_pages(path: Path) -> int:
    """Pages in a PDF written by Qt (one uncompressed page object each)."""
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_of_the_bundled_deck(qapp: Any, tmp_path: Path, lang: str) -> None:
    expected = len(load_deck_set(BUNDLED_DECK).language(lang).slides)
    out, pdf = tmp_path / "png", tmp_path / "deck.pdf"

    status = main(
        ["export", "--out", str(out), "--pdf", str(pdf), "--size", "960x540", "--lang", lang]
    )

    assert status == 0
    files = sorted(out.glob("*.png"))
    assert len(files) == expected
    assert files[0].name == "slide-01.png"
    for file in files:
        image = QImage(str(file))
        assert (image.width(), image.height()) == (960, 540), file
    assert pdf_pages(pdf) == expected


def test_export_a_portrait_png_set(qapp: Any, tmp_path: Path) -> None:
    assert main(["export", "--out", str(tmp_path), "--size", "540x960"]) == 0
    image = QImage(str(tmp_path / "slide-01.png"))
    assert (image.width(), image.height()) == (540, 960)
    # Not a blank page: the cover draws text in several colours.
    colours = {image.pixel(x, y) for x in range(0, 540, 9) for y in range(0, 960, 9)}
    assert len(colours) > 8


def test_export_needs_somewhere_to_write(qapp: Any) -> None:
    assert main(["export"]) == 2


def test_export_of_a_missing_deck_is_a_usage_error(qapp: Any, tmp_path: Path) -> None:
    assert main(["export", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 2


def test_export_of_a_deck_with_errors_writes_what_it_can_and_exits_1(
    qapp: Any, tmp_path: Path
) -> None:
    (tmp_path / "slides.md").write_text("# Bonjour\n\nUne diapositive.\n", encoding="utf-8")
    (tmp_path / "slides.en.md").write_text(
        "# Hello\n\nOne slide.\n\n---\n\n# Two\n\nA second slide the French lacks.\n",
        encoding="utf-8",
    )
    status = main(["export", str(tmp_path), "--out", str(tmp_path / "png"), "--size", "640x360"])
    assert status == 1
    assert len(list((tmp_path / "png").glob("*.png"))) == 1
