"""Transitions: fade, slide or none, from the deck's `transition:` or the settings."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import QObject

from kiosk.app import Display, DisplayOptions, slide_transition


@pytest.mark.parametrize(
    ("deck_value", "setting", "expected"),
    [
        ("slide-left", "fade", "slide"),
        ("fade-out", "slide", "fade"),
        ("none", "fade", "none"),
        ("", "slide", "slide"),
        ("zoom", "none", "none"),
    ],
)
def test_the_deck_wins_over_the_settings(deck_value: str, setting: str, expected: str) -> None:
    deck_set = make_deck_set()
    decks = tuple(dataclasses.replace(d, transition=deck_value) for d in deck_set.decks)
    assert slide_transition(dataclasses.replace(deck_set, decks=decks), setting) == expected


def show(qapp: Any, qtbot: Any, transition: str) -> Display:
    display = Display(
        make_deck_set(),
        DisplayOptions(
            size=(960, 540), windowed=True, autoplay=False, transition=transition, transition_ms=300
        ),
    )
    display.window.resize(960, 540)
    display.window.show()
    qtbot.waitUntil(lambda: display.window.contentItem().width() == 960)
    return display


def current_holder(display: Display) -> QObject:
    view = display.window.findChild(QObject, "slideView")
    holders = [c for c in view.childItems() if c.property("isCurrent")]
    assert len(holders) == 1
    return holders[0]


def test_slide_transition_moves_the_new_slide_in_from_the_side(qapp, qtbot) -> None:
    display = show(qapp, qtbot, "slide")
    display.navigator.next()
    qtbot.waitUntil(lambda: 0 < current_holder(display).property("x") < 960, timeout=1000)
    qtbot.waitUntil(lambda: current_holder(display).property("x") == 0, timeout=2000)
    assert current_holder(display).property("opacity") == 1
    display.window.close()
    display.deleteLater()


def test_no_transition_shows_the_next_slide_at_once(qapp, qtbot) -> None:
    display = show(qapp, qtbot, "none")
    display.navigator.next()
    view = display.window.findChild(QObject, "slideView")
    assert view.property("fade") == 1
    assert view.property("previous") == -1
    display.window.close()
    display.deleteLater()
