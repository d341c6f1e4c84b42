"""Keyboard and presenter clickers on the real show window: every key, black screen, Esc."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

Key = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shown(booth: Callable[..., Any]) -> Any:
    b = booth()
    b.navigator.goTo(4)
    return b


@pytest.mark.parametrize(
    ("key", "modifiers", "slide"),
    [
        (Key.Key_Right, None, 5),
        (Key.Key_Left, None, 3),
        (Key.Key_PageDown, None, 5),
        (Key.Key_PageUp, None, 3),
        (Key.Key_Space, None, 5),
        (Key.Key_Space, SHIFT, 3),
        (Key.Key_Down, None, 5),
        (Key.Key_Up, None, 3),
        (Key.Key_Home, None, 0),
        (Key.Key_End, None, 9),
    ],
    ids=lambda v: getattr(v, "name", str(v)),
)
def test_each_key_moves_as_a_clicker_expects(shown: Any, key, modifiers, slide) -> None:
    shown.key(key, modifiers or Qt.KeyboardModifier.NoModifier)
    assert shown.slide == slide


def test_a_key_is_visitor_activity(shown: Any) -> None:
    assert shown.mode == "attract"
    shown.key(Key.Key_A)  # any key, even one that does nothing
    assert shown.mode == "visitor"
    assert not shown.display.autoplay.running
    assert shown.slide == 4


@pytest.mark.parametrize("key", [Key.Key_B, Key.Key_Period])
def test_b_and_period_toggle_the_black_screen(shown: Any, key) -> None:
    assert not shown.shown("blackout")
    shown.key(key)
    assert shown.shown("blackout")
    assert shown.mode == "visitor"
    shown.key(key)
    assert not shown.shown("blackout")
    assert shown.slide == 4


def test_on_a_black_screen_the_next_input_only_brings_the_slide_back(shown: Any) -> None:
    shown.key(Key.Key_B)
    shown.key(Key.Key_Right)
    assert not shown.shown("blackout") and shown.slide == 4
    shown.key(Key.Key_B)
    shown.tap(1700, 540)  # a touch on the black screen
    assert not shown.shown("blackout") and shown.slide == 4
    shown.key(Key.Key_B)
    shown.key(Key.Key_Escape)
    assert not shown.shown("blackout") and shown.slide == 4


def test_escape_closes_the_menu_and_never_quits(shown: Any) -> None:
    shown.key(Key.Key_Escape)  # nothing open: nothing happens
    assert shown.window.isVisible()
    shown.tap(960, 540)
    shown.press("contentsButton")
    shown.key(Key.Key_Escape)
    assert not shown.shown("sectionMenu")
    shown.key(Key.Key_Escape)
    assert shown.window.isVisible() and shown.slide == 4


def test_a_key_while_the_menu_is_open_closes_it_and_moves(shown: Any) -> None:
    shown.tap(960, 540)
    shown.press("contentsButton")
    shown.key(Key.Key_PageDown)
    assert not shown.shown("sectionMenu")
    assert shown.slide == 5
