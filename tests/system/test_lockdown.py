"""Kiosk mode's lockdown of the show window: close requests refused until the staff's Quit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication

from kiosk.app import Display, DisplayOptions
from kiosk.system.lockdown import Lockdown


@pytest.fixture
def show(qapp: QGuiApplication, qtbot: Any) -> Iterator[Any]:
    """A show on screen, locked down as in kiosk mode."""
    made: list[Display] = []

    def build() -> tuple[Display, Lockdown]:
        options = DisplayOptions(reduced_motion=True, size=(1280, 720))
        display = Display(make_deck_set(), options)
        made.append(display)
        lockdown = Lockdown(display.window, display.target_screen, parent=display)
        display.window.resize(1280, 720)
        display.window.show()
        qtbot.waitUntil(lambda: display.window.contentItem().width() == 1280)
        return display, lockdown

    yield build
    for display in made:
        display.window.hide()
        display.deleteLater()
    qapp.processEvents()


def test_close_requests_are_refused_in_kiosk_mode(show) -> None:
    display, lockdown = show()
    event = QCloseEvent()
    QGuiApplication.sendEvent(display.window, event)
    assert not event.isAccepted()
    assert display.window.isVisible()
    lockdown.guard.allow()  # the staff's Quit
    allowed = QCloseEvent()
    QGuiApplication.sendEvent(display.window, allowed)
    assert allowed.isAccepted()


def test_the_window_is_frameless_and_on_top(show) -> None:
    display, _ = show()
    flags = display.window.flags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
