"""Language variants: found beside the main file, checked slide for slide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.deck import load_deck_set
from kiosk.deck.variants import DeckNotFound, figures

FR = """---
lang: fr
---

# Couverture

---
layout: fact
source: AFD
---

# 4\u202f700

collectivités

---
layout: fact
source: CUF
---

# 0,2 à 0,5\u202f%

du budget
"""

EN = """---
lang: en
---

# Cover

---
layout: fact
source: AFD
---

# 4,700

local authorities

---
layout: fact
source: CUF
---

# 0.2 to 0.5%

of the budget
"""


def test_folder_loads_default_then_translations(write: Callable[..., Path], tmp_path: Path) -> None:
    write(FR)
    write(EN, "slides.en.md")
    deck_set = load_deck_set(tmp_path)
    assert deck_set.languages == ("fr", "en")
    assert deck_set.all_findings == ()
    assert deck_set.language("en").slides[1].figure == "4,700"
    assert deck_set.language("de") is deck_set.default


def test_main_file_path_also_finds_translations(write: Callable[..., Path]) -> None:
    main = write(FR)
    write(EN, "slides.en.md")
    assert load_deck_set(main).languages == ("fr", "en")


def test_a_translation_alone_can_be_checked(write: Callable[..., Path]) -> None:
    write(FR)
    english = write(EN, "slides.en.md")
    assert load_deck_set(english).languages == ("en",)


def test_different_slide_count_is_an_error(write: Callable[..., Path], tmp_path: Path) -> None:
    write(FR)
    write(EN + "\n---\n\n# Extra\n", "slides.en.md")
    findings = load_deck_set(tmp_path).findings
    assert [(f.file.name, f.line, f.message) for f in findings] == [
        (
            "slides.en.md",
            1,
            "4 slides in `en` but 3 in `fr` (slides.md); translations must match slide for slide",
        )
    ]


def test_different_layout_is_an_error_at_the_slide(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    write(FR)
    write(EN.replace("layout: fact\nsource: CUF", "layout: statement"), "slides.en.md")
    findings = load_deck_set(tmp_path).findings
    assert [(f.line, f.message) for f in findings] == [
        (16, "slide 3 is `statement` but `fact` in slides.md:16")
    ]


def test_different_figure_is_an_error(write: Callable[..., Path], tmp_path: Path) -> None:
    write(FR)
    write(EN.replace("# 4,700", "# 4,600"), "slides.en.md")
    findings = load_deck_set(tmp_path).findings
    assert [(f.line, f.message) for f in findings] == [
        (7, 'fact figure "4,600" does not match "4\u202f700" in slides.md:7')
    ]


def test_same_language_twice_is_an_error(write: Callable[..., Path], tmp_path: Path) -> None:
    write(FR)
    write(FR, "slides.en.md")
    findings = load_deck_set(tmp_path).findings
    assert "language `fr` already used" in findings[0].message


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("4\u202f700", "fr", (4700.0,)),
        ("4,700", "en", (4700.0,)),
        ("0,2 à 0,5\u202f%", "fr", (0.2, 0.5)),
        ("0.2 to 0.5%", "en", (0.2, 0.5)),
        ("Près de 70\u202f%", "fr", (70.0,)),
        ("MEAE · AFD · UE", "fr", ()),
    ],
)
def test_figures_are_read_the_way_each_language_writes_them(
    text: str, language: str, expected: tuple[float, ...]
) -> None:
    assert figures(text, language) == expected


def test_missing_path_raises_deck_not_found(tmp_path: Path) -> None:
    with pytest.raises(DeckNotFound):
        load_deck_set(tmp_path / "nope")
    with pytest.raises(DeckNotFound):
        load_deck_set(tmp_path)  # a folder with no Markdown at all
