"""The show's own controls: « Sommaire », the language button, the hint, touch target sizes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from made_decks import SECTION_STARTS
from PySide6.QtCore import QRectF


@pytest.fixture
def visitor(booth: Callable[..., Any]) -> Any:
    b = booth()
    b.tap(960, 540)
    assert b.mode == "visitor"
    return b


# --- « Sommaire » -------------------------------------------------------------------------


def test_the_menu_lists_the_sections_as_tiles(visitor: Any) -> None:
    sections = visitor.display.sections
    assert [s.slide for s in sections.sections()] == list(SECTION_STARTS)
    titles = [s.title for s in sections.sections()]
    assert titles[3] == "Contrairement aux idées reçues"  # `section: true`: the slide's title
    assert titles[4] == "Diplomatie"  # `section: <title>`
    assert not visitor.shown("sectionMenu")
    visitor.press("contentsButton")
    assert visitor.shown("sectionMenu")
    for row, title in enumerate(titles):
        assert visitor.shown(f"tile{row}")
        assert title in visitor.texts(f"tile{row}")


def test_a_tile_jumps_to_its_section_and_closes_the_menu(visitor: Any) -> None:
    visitor.press("contentsButton")
    visitor.press("tile2")
    assert visitor.slide == 4
    assert not visitor.shown("sectionMenu")
    visitor.press("contentsButton")
    visitor.press("tile4")  # at the right of the screen: no tap reaches the slides under it
    assert visitor.slide == 8
    assert not visitor.shown("sectionMenu")


def test_the_menu_closes_on_a_tap_outside_its_tiles(visitor: Any) -> None:
    visitor.press("contentsButton")
    last = visitor.rect(f"tile{len(SECTION_STARTS) - 1}")
    visitor.tap(1700, last.bottom() + 60)  # under the tiles, in the right third
    assert not visitor.shown("sectionMenu")
    assert visitor.slide == 0  # the tap closed the menu, nothing else


def test_the_menu_closes_with_its_close_button_and_with_escape(visitor: Any) -> None:
    from PySide6.QtCore import Qt

    visitor.press("contentsButton")
    visitor.press("closeMenuButton")
    assert not visitor.shown("sectionMenu")
    visitor.press("contentsButton")
    visitor.key(Qt.Key.Key_Escape)
    assert not visitor.shown("sectionMenu")
    assert visitor.window.isVisible()


def test_the_menu_marks_the_section_on_screen(visitor: Any) -> None:
    visitor.navigator.goTo(6)  # in the section that starts at slide 5
    assert visitor.display.sections.sectionAt(6) == 3
    visitor.press("contentsButton")
    assert visitor.item("sectionMenu").property("currentSection") == 3


def test_the_menu_button_shows_in_visitor_mode(booth: Callable[..., Any]) -> None:
    b = booth()
    assert not b.shown("contentsButton")
    b.tap(960, 540)
    assert b.shown("contentsButton")


# --- language -------------------------------------------------------------------------------


def test_the_language_button_names_the_other_language_in_it(booth: Callable[..., Any]) -> None:
    b = booth()
    assert b.shown("languageButton")  # in the loop too: an English speaker sees it at once
    assert b.texts("languageButton") == ["English"]
    b.press("languageButton")
    assert b.display.deck().language == "en"
    assert b.texts("languageButton") == ["Français"]


def test_switching_language_keeps_the_slide(visitor: Any) -> None:
    visitor.navigator.goTo(5)
    visitor.press("languageButton")
    assert visitor.display.deck().language == "en"
    assert visitor.slide == 5
    assert visitor.display.deck().slides[5].title == "Contrary to received ideas"
    assert visitor.texts("contentsButton") == ["Contents"]
    visitor.press("contentsButton")
    assert "Diplomatie" in visitor.texts("tile4")  # that deck's own section keys
    assert visitor.texts("menuTitle") == ["Contents"]
    visitor.press("closeMenuButton")
    visitor.press("languageButton")
    assert visitor.display.deck().language == "fr" and visitor.slide == 5


def test_a_deck_in_one_language_has_no_language_button(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth(decks(languages=("fr",)))
    assert not b.shown("languageButton")


def test_the_settings_language_is_the_default_one(
    booth: Callable[..., Any],
) -> None:
    b = booth(language="en")
    assert b.display.deck().language == "en"
    assert b.language.default_tag() == "en"
    assert b.texts("languageButton") == ["Français"]


# --- the hint -----------------------------------------------------------------------------


def test_the_attract_loop_shows_a_discreet_hint_in_its_language(booth: Callable[..., Any]) -> None:
    b = booth()
    assert b.shown("hint")
    assert "Touchez l’écran" in b.texts("hint")
    b.language.toggle()
    assert "Tap the screen" in b.texts("hint")
    b.tap(960, 540)
    assert not b.shown("hint")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800), (1024, 768)])
def test_the_hint_and_the_controls_fit_the_screen(booth: Callable[..., Any], size) -> None:
    b = booth(size=size)
    assert b.shown("hint")
    for name in ("hint", "languageButton"):
        rect = b.rect(name)
        assert rect.left() >= 0 and rect.right() <= size[0], name
        assert rect.bottom() <= size[1], name
    b.tap(size[0] / 2, size[1] / 2)
    names = ["previousButton", "nextButton", "contentsButton", "languageButton"]
    rects = [b.rect(name) for name in names]
    for name, rect in zip(names, rects, strict=True):
        assert rect.left() >= 0 and rect.right() <= size[0] and rect.bottom() <= size[1], name
    for i, first in enumerate(rects):  # side by side, never over each other
        for second in rects[i + 1 :]:
            assert not first.intersects(second)


# --- touch targets ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (3840, 2160)])
def test_touch_targets_are_at_least_15_mm_and_96_px_at_1080p(
    booth: Callable[..., Any], size
) -> None:
    b = booth(size=size)
    b.tap(size[0] / 2, size[1] / 2)
    density = b.window.screen().physicalDotsPerInch() / 25.4  # Screen.pixelDensity
    floor = max(15 * density, 96 * min(size) / 1080)
    b.press("contentsButton")
    for name in ("previousButton", "nextButton", "languageButton", "closeMenuButton", "tile0"):
        rect = b.rect(name)
        assert min(rect.width(), rect.height()) >= floor - 0.5, (name, rect)


def test_a_long_menu_scrolls_and_keeps_its_tiles_large(booth: Callable[..., Any]) -> None:
    from pathlib import Path

    from kiosk.deck.model import Deck, DeckSet, Layout, Slide

    here = Path("/deck/slides.md")
    slides = tuple(
        Slide(index=i, file=here, line=i + 1, layout=Layout.SECTION, title=f"Partie {i + 1}")
        for i in range(40)
    )
    deck = Deck(path=here, root=here.parent, language="fr", title="Long", slides=slides)
    b = booth(DeckSet((deck,)))
    b.tap(960, 540)
    b.press("contentsButton")
    floor = 96
    first, last = b.rect("tile0"), b.rect("tile39")
    assert min(first.width(), first.height()) >= floor
    assert last.bottom() > b.height  # below the fold: the grid scrolls to it
    b.swipe((960, 900), (960, 300), steps=12, pause_ms=16)  # a finger scrolls the menu
    b.qtbot.waitUntil(lambda: b.rect("tile0").top() < first.top() - 100, timeout=3000)
    assert b.shown("sectionMenu")
    assert b.slide == 0  # scrolling moved no slide


SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 768), (3840, 2160)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_invitation_is_seen_from_3_m_and_never_over_the_slide_s_text(
    booth: Callable[..., Any], size: tuple[int, int]
) -> None:
    from kiosk import BUNDLED_DECK
    from kiosk.deck import load_deck_set
    from kiosk.qt.textlines import drawn_text_items

    b = booth(load_deck_set(BUNDLED_DECK), size=size, start=False)
    portrait = size[1] > size[0]
    body = size[1] * (0.036 if portrait else 0.044)  # Theme.bodySize
    for _language in range(2):
        b.language.toggle()
        for index in range(b.display.slides.rowCount()):
            b.display.navigator.goTo(index)
            b.settle()
            assert b.shown("hint"), (size, index)
            text = b.item("hintText")
            assert text.property("font").pixelSize() >= body - 1, (size, index)
            invitation = b.rect("hint")
            slide = b.item("slideView")
            for item in drawn_text_items(slide):
                box = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
                assert not box.intersects(invitation), (size, index, item.property("text"))
    b.tap(size[0] / 2, size[1] / 2)
    assert not b.shown("hint")  # gone during a visit
