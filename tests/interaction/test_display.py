"""The display's side of issue 4: a reload keeps the show's place, durations, the deck cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtQuick import QQuickItem

from kiosk.app import DisplayOptions
from kiosk.deck.model import DeckSet, Layout
from kiosk.qt.slidemodel import DEFAULT_DURATION_S, SlideModel, slide_duration
from kiosk.show import load_for_display

# --- a change of deck ---------------------------------------------------------------------


def test_a_reload_keeps_the_visitor_and_the_slide(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth()
    b.tap(960, 540)
    b.navigator.goTo(6)
    b.display.set_deck(decks())
    assert b.mode == "visitor" and b.slide == 6
    assert not b.display.autoplay.running


def test_a_reload_keeps_the_loop_running_and_the_language(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth()
    b.navigator.goTo(2)
    b.language.toggle()
    b.display.set_deck(decks())
    assert b.mode == "attract" and b.display.autoplay.running
    assert b.slide == 2 and b.display.deck().language == "en"


def test_a_reload_to_a_shorter_deck_goes_to_the_cover(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth()
    b.navigator.goTo(8)
    b.display.set_deck(decks(count=5))
    assert b.slide == 0 and b.navigator.size() == 5
    assert [s.slide for s in b.display.sections.sections()] == [0, 1, 4]


def test_a_reload_without_the_shown_language_falls_back_to_the_default(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth()
    b.navigator.goTo(3)
    b.language.toggle()
    b.display.set_deck(decks(languages=("fr",)))
    assert b.display.deck().language == "fr" and b.slide == 3
    assert not b.shown("languageButton")


def test_a_single_deck_is_shown_as_a_one_language_set(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth(decks().decks[1])  # the English deck alone
    assert b.display.deck().language == "en"
    assert not b.language.property("multiple")


def _layouts(b: Any) -> dict[int, Any]:
    """The slide layouts built now, by slide index."""
    found: dict[int, Any] = {}

    def visit(item: Any) -> None:
        if (layout := item.property("content")) is not None:  # a slide holder's layout
            found[layout.property("slideIndex")] = layout
        for child in item.childItems():
            visit(child)

    visit(b.window.contentItem())
    return found


def test_a_language_switch_updates_the_built_slides_in_place(
    booth: Callable[..., Any], qtbot: Any
) -> None:
    # Rebuilding the slides on every switch cost memory the QML engine never gave back
    # (bench/bench_soak.py): the model swaps the rows in place and the layouts take the
    # new words where they stand.
    b = booth()
    b.navigator.goTo(3)  # the fact card: 4 700, then its neighbours
    before = _layouts(b)
    assert sorted(before) == [2, 3, 4]
    with qtbot.assertNotEmitted(b.display.slides.modelAboutToBeReset):
        b.language.toggle()
    after = _layouts(b)
    assert after.keys() == before.keys()
    assert all(after[i] == before[i] for i in after)  # the same objects: nothing rebuilt
    assert after[3].property("figure") == "4,700" and after[3].property("language") == "en"
    assert after[2].property("title") == "Our links are everywhere"
    figure = after[3].findChild(QQuickItem, "figure")
    drawn = [c.property("text") for c in figure.childItems() if c.inherits("QQuickText")]
    assert "4,700" in drawn  # drawn, not only handed over


def test_a_reload_that_changes_a_slides_layout_builds_it_again(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth()
    b.navigator.goTo(3)
    fact = _layouts(b)[3]
    deck_set = decks()
    changed = DeckSet(
        tuple(
            replace(
                deck,
                slides=tuple(
                    replace(s, layout=Layout.STATEMENT, figure="") if s.index == 3 else s
                    for s in deck.slides
                ),
            )
            for deck in deck_set.decks
        )
    )
    b.display.set_deck(changed)
    rebuilt = _layouts(b)[3]
    assert rebuilt != fact and rebuilt.property("layout") == "statement"
    assert b.slide == 3


def test_a_reload_to_a_deck_of_another_length_resets_the_rows(
    booth: Callable[..., Any], decks: Callable[..., Any], qtbot: Any
) -> None:
    b = booth()
    with qtbot.waitSignal(b.display.slides.modelReset):
        b.display.set_deck(decks(count=5))
    assert sorted(_layouts(b)) == [0, 1, 4]  # the cover and its neighbours, rebuilt


# --- durations: the slide's, else the deck's, else the settings' --------------------------


def test_duration_precedence(decks: Callable[..., Any]) -> None:
    deck = decks(languages=("fr",)).default
    slide = deck.slides[2]
    assert slide_duration(slide, deck) == DEFAULT_DURATION_S
    assert slide_duration(slide, deck, 7.0) == 7.0  # the settings' default
    with_deck = replace(deck, duration=12.0)
    assert slide_duration(slide, with_deck, 7.0) == 12.0  # the headmatter wins
    own = replace(slide, duration=4.0)
    assert slide_duration(own, with_deck, 7.0) == 4.0  # the slide's own wins
    assert slide_duration(slide, deck, 0) == DEFAULT_DURATION_S  # nonsense: the built-in


def test_the_loop_uses_the_settings_default_duration(decks: Callable[..., Any], qapp) -> None:
    deck = decks(languages=("fr",)).default
    slides = (replace(deck.slides[0], duration=3.0), *deck.slides[1:])
    model = SlideModel(replace(deck, slides=slides), default_duration_s=8.0)
    assert model.durations()[:3] == [3.0, 8.0, 8.0]


def test_display_options_carry_the_settings_default(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth(default_duration_s=6.0, time_scale=0.001)
    assert b.display.slides.durations()[0] == 6.0
    assert b.display.autoplay.property("interval") == 6  # ms: scaled for the tests


# --- start: every language, from the cache -------------------------------------------------


def test_the_show_reads_every_language_at_start_through_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk import BUNDLED_DECK
    from kiosk.deck import cache

    cache_dir = tmp_path / "decks"
    first = load_for_display(BUNDLED_DECK, cache_dir)
    assert first is not None and first.languages == ("fr", "en")
    assert list(cache_dir.glob("*.pickle"))

    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed again although the deck did not change")

    monkeypatch.setattr("kiosk.deck.variants.load_deck_set", no_parsing)
    again = load_for_display(BUNDLED_DECK, cache_dir)
    assert again == first
    assert cache.load(cache_dir, BUNDLED_DECK / "slides.md", BUNDLED_DECK) == first


def test_default_options_are_the_booths() -> None:
    options = DisplayOptions()
    assert options.idle_timeout_s == 60 and options.countdown_s == 10
    assert options.default_duration_s == 10 and options.time_scale == 1
    assert options.idle_timeout_ms() == 60_000 and options.countdown_ticks() == (1000, 10)


# --- transitions ----------------------------------------------------------------------------


def test_the_rings_of_cover_and_section_stay_still_between_them_and_fade_with_the_rest(
    booth: Callable[..., Any],
) -> None:
    b = booth(reduced_motion=False, start=False)  # the cover: rings behind its text
    view = b.item("slideView")
    b.qtbot.waitUntil(lambda: view.property("fade") >= 1, timeout=2000)
    disc = (1750, 850)  # inside the filled ring at the bottom right (Backdrop), no text
    background = b.window.color()
    ring = b.window.grabWindow().pixelColor(*disc)
    assert ring != background
    b.navigator.goTo(1)  # a section: the same rings
    for fade in (0.25, 0.5, 0.75):  # the fade's own steps move on from each
        view.setProperty("fade", fade)
        assert view.property("previous") == 0
        # Still: both slides' copies fading dimmed them to 75 % halfway.
        assert b.window.grabWindow().pixelColor(*disc) == ring, fade
    b.qtbot.waitUntil(lambda: view.property("previous") == -1, timeout=2000)
    assert b.window.grabWindow().pixelColor(*disc) == ring
    b.navigator.goTo(2)  # a text slide, no rings: they fade out with the section
    view.setProperty("fade", 0.5)
    halfway = b.window.grabWindow().pixelColor(*disc)
    assert halfway not in (ring, background)
    assert min(ring.red(), background.red()) <= halfway.red() <= max(ring.red(), background.red())
    b.qtbot.waitUntil(lambda: view.property("previous") == -1, timeout=2000)
    assert b.window.grabWindow().pixelColor(*disc) == background


def test_a_fade_is_a_cross_fade_that_never_dims_the_screen(booth: Callable[..., Any]) -> None:
    b = booth(reduced_motion=False, start=False, time_scale=0.25)  # a 100 ms fade (Theme.ms)
    b.navigator.goTo(2)
    b.qtbot.waitUntil(lambda: b.item("slideView").property("fade") >= 1, timeout=2000)
    background = b.window.color()
    assert b.window.grabWindow().pixelColor(1800, 300) == background  # right of the text
    b.navigator.next()
    view = b.item("slideView")
    view.setProperty("fade", 0.5)  # halfway (the animation moves on from here)
    assert view.property("previous") == 2  # the old slide is still there, under the new
    assert b.window.grabWindow().pixelColor(1800, 300) == background
