"""The statistics feed: the show's signals (visits, loops, slides, menu) reach the recorder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from kiosk.app import Display, DisplayOptions
from kiosk.stats.feed import StatsFeed


class FakeRecorder:
    """Records the calls the feed makes, by name."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self.calls.append((name, args))

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


@pytest.fixture
def show(qapp: QGuiApplication, qtbot: Any) -> Iterator[Any]:
    """A show on screen, its feed recording from the start (as the booth's does)."""
    made: list[Display] = []

    def build(**options: Any) -> tuple[Display, StatsFeed, FakeRecorder]:
        settings: dict[str, Any] = {"reduced_motion": True, "size": (1280, 720), **options}
        display = Display(make_deck_set(), DisplayOptions(**settings))
        made.append(display)
        feed = StatsFeed(
            display.playback,
            display.navigator,
            display.language,
            display.sections,
            display.deck,
            display,
        )
        recorder = FakeRecorder()
        display.window.resize(1280, 720)
        display.window.show()
        qtbot.waitUntil(lambda: display.window.contentItem().width() == 1280)
        display.playback.start()
        feed.start(recorder)  # type: ignore[arg-type]
        return display, feed, recorder

    yield build
    for display in made:
        display.window.hide()
        display.deleteLater()
    qapp.processEvents()


def test_statistics_follow_the_show(show, qtbot) -> None:
    display, _, recorder = show()
    assert recorder.names()[:2] == ["show_started", "slide_shown"]
    display.playback.activity()
    display.navigator.next()
    names = recorder.names()
    assert "visit_started" in names
    assert names.count("slide_shown") >= 2
    shown = [args for name, args in recorder.calls if name == "slide_shown"]
    assert shown[-1][0] == 1


def test_a_loop_counts_only_in_attract_mode(show) -> None:
    display, feed, recorder = show()
    display.navigator.last()
    display.navigator.next()  # wraps in attract: one loop
    display.playback.activity()
    display.navigator.last()
    display.navigator.next()  # a visitor going past the end: not a loop
    assert feed.loops == 1
    assert recorder.names().count("loop_completed") == 1


def test_opening_the_menu_is_counted(show) -> None:
    display, _, recorder = show()
    display.sections.setProperty("open", True)
    assert "menu_opened" in recorder.names()


def test_a_jump_from_the_menu_is_counted_with_its_slide(show, qtbot) -> None:
    display, _, recorder = show()
    window = display.window
    display.playback.activity()
    display.sections.setProperty("open", True)
    qtbot.waitUntil(lambda: _visible_item(window, "tile4") is not None)
    tile = _visible_item(window, "tile4")  # « Diplomatie »: slide 8 of the test deck
    with qtbot.waitSignal(window.frameSwapped, timeout=2000):
        window.update()  # the menu's tiles are laid out
    centre = tile.mapToScene(QPointF(tile.width() / 2, tile.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    jumps = [args for name, args in recorder.calls if name == "menu_jumped"]
    assert jumps == [(8,)] and display.navigator.index() == 8
    assert not display.sections.property("open")


def _visible_item(window: Any, name: str) -> Any:
    """The visible item called ``name`` in the window's visual tree (tiles are a
    Repeater's: not QObject children), or None."""
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        if item.objectName() == name and item.isVisible() and item.width() > 0:
            return item
        pending.extend(item.childItems())
    return None


def test_the_feed_takes_its_recorder_once(show) -> None:
    _, feed, _ = show()
    with pytest.raises(RuntimeError):
        feed.start(FakeRecorder())  # type: ignore[arg-type]
