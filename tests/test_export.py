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


# --- handouts: the slide alone, its text real -----------------------------------------------

HINTS = {"fr": "Touchez l’écran", "en": "Tap the screen"}


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, as a reader's tool extracts it (poppler's pdftotext)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: scripts/install.sh --test installs poppler-utils")
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=60, check=True
    )
    return done.stdout.decode("utf-8").split("\f")[:-1]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("\u202f", " ").replace("\u00a0", " "))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_handout_pdf_carries_each_slide_s_text_and_no_booth_control(
    qapp: Any, tmp_path: Path, lang: str
) -> None:
    deck = load_deck_set(BUNDLED_DECK).language(lang)
    pdf = tmp_path / "handout.pdf"
    assert main(["export", "--pdf", str(pdf), "--size", "960x540", "--lang", lang]) == 0
    pages = page_texts(pdf)
    assert len(pages) == len(deck.slides)
    for slide, page in zip(deck.slides, pages, strict=True):
        found = words(page)
        # The slide's own words, where a reader selects and searches them: its title (or
        # figure, with its sign) and its text.
        for field in (slide.title, slide.figure, re.sub(r"<[^>]+>", " ", slide.body)):
            for word in words(field)[:12]:
                assert word in found, (slide.index, word, page)
        if slide.figure:
            assert slide.figure.replace("\u202f", " ").replace("\u00a0", " ") in page.replace(
                "\u202f", " "
            ).replace("\u00a0", " "), (slide.figure, page)
        # And nothing of the booth's: no hint, no counter.
        assert HINTS[lang] not in page, page
        assert not re.search(rf"\b{slide.index + 1} / {len(deck.slides)}\b", page)
    raw = pdf.read_bytes()
    assert b"<dc:language><rdf:Bag><rdf:li>" + lang.encode() + b"</rdf:li>" in raw
    title = subprocess_output(["pdfinfo", str(pdf)])
    assert re.search(rf"^Title:\s+{re.escape(deck.title)}$", title, re.M), title


def subprocess_output(command: list[str]) -> str:
    import subprocess

    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout


def test_a_sign_off_copy_may_show_the_booth_s_controls(qapp: Any, tmp_path: Path) -> None:
    from kiosk.app import prepare_application
    from kiosk.export import render_pages

    prepare_application()
    deck = load_deck_set(BUNDLED_DECK).default
    handout = render_pages(deck, (960, 540))
    signed = render_pages(deck, (960, 540), controls=True)
    hint = HINTS["fr"]
    # What is drawn on each page: the controls' texts only on the sign-off copy.
    assert all(hint not in [line.text for line in page.lines] for page in handout)
    assert all(hint in [line.text for line in page.lines] for page in signed)
    assert handout[3].image != signed[3].image
    # The CLI's flag is the same option.
    pdf = tmp_path / "signed.pdf"
    assert main(["export", "--pdf", str(pdf), "--size", "960x540", "--controls"]) == 0
    assert all(hint in page for page in page_texts(pdf))


def word_heights(pdf: Path, word: str) -> list[float]:
    """The height (pt) of each box pdftotext finds around ``word`` in the PDF's text."""
    page = subprocess_output(["pdftotext", "-bbox", str(pdf), "-"])
    return [
        float(m.group(2)) - float(m.group(1))
        for m in re.finditer(rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}<', page)
    ]


def test_export_as_a_visitor_who_chose_larger_text_and_high_contrast(
    qapp: Any, tmp_path: Path
) -> None:
    (tmp_path / "slides.md").write_text(
        "---\nlang: fr\n---\n\n# Un titre\n\nDes partenariats dans la durée.\n",
        encoding="utf-8",
    )
    heights, corners = {}, {}
    for size, contrast in (("normal", "normal"), ("large", "normal"), ("larger", "high")):
        pdf, out = tmp_path / f"{size}.pdf", tmp_path / size
        flags = ["--text-size", size, "--contrast", contrast]
        status = main(["export", str(tmp_path), "--pdf", str(pdf), "--out", str(out), *flags])
        assert status == 0
        (found,) = word_heights(pdf, "partenariats")  # the body's word, in the text layer
        heights[size] = found
        corners[size] = QImage(str(out / "slide-01.png")).pixelColor(5, 5).name()
    assert heights["normal"] < heights["large"] < heights["larger"], heights
    assert heights["larger"] >= heights["normal"] * 1.4
    assert corners["normal"] == corners["large"] != "#000000"  # the deck's own colours
    assert corners["larger"] == "#000000"  # high contrast: light text on black


def test_export_refuses_an_unknown_text_size(qapp: Any, tmp_path: Path) -> None:
    assert main(["export", "--out", str(tmp_path), "--text-size", "huge"]) == 2
