"""The unattended layer: lockdown, staff panel wiring, statistics hooks, reload, quit."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtTest import QTest

from kiosk.app import Display, DisplayOptions, StaffSetup
from kiosk.booth import Booth
from kiosk.pinhash import hash_pin
from kiosk.qt.playback import Mode
from kiosk.qt.staff import StaffController

_spec = importlib.util.spec_from_file_location(
    "interaction_decks", Path(__file__).parent.parent / "interaction" / "conftest.py"
)
_decks = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["interaction_decks"] = _decks
_spec.loader.exec_module(_decks)  # type: ignore[union-attr]

PIN = "2468"


class FakeRecorder:
    """Records the calls the booth makes, by name."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.healthy: tuple[bool, str] = (True, "")

    def health(self) -> tuple[bool, str]:
        return self.healthy

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self.calls.append((name, args))

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


@pytest.fixture
def show(qapp: QGuiApplication, qtbot: Any) -> Iterator[Any]:
    made: list[Display] = []

    def build(**options: Any) -> tuple[Display, Booth, FakeRecorder, list[str]]:
        staff = StaffController(hash_pin(PIN), windowed=False)
        settings: dict[str, Any] = {"reduced_motion": True, "size": (1280, 720), **options}
        display = Display(_decks.make_deck_set(), DisplayOptions(**settings), StaffSetup(staff))
        made.append(display)
        recorder, quits = FakeRecorder(), []
        booth = Booth(
            display,
            staff,
            recorder=recorder,
            quit_app=lambda: quits.append("quit"),  # type: ignore[arg-type]
            parent=display,
        )
        booth.lock_down()
        display.window.resize(1280, 720)
        display.window.show()
        qtbot.waitUntil(lambda: display.window.contentItem().width() == 1280)
        display.playback.start()
        booth.start(None)
        return display, booth, recorder, quits

    yield build
    for display in made:
        display.window.hide()
        display.deleteLater()
    qapp.processEvents()


def test_close_requests_are_refused_in_kiosk_mode(show) -> None:
    display, booth, _, _ = show()
    event = QCloseEvent()
    QGuiApplication.sendEvent(display.window, event)
    assert not event.isAccepted()
    assert display.window.isVisible()
    booth.guard.allow()  # the staff's Quit
    allowed = QCloseEvent()
    QGuiApplication.sendEvent(display.window, allowed)
    assert allowed.isAccepted()


def test_the_pin_pad_freezes_the_show_and_closing_it_restarts_the_loop(show) -> None:
    display, booth, _, _ = show()
    display.playback.activity()
    display.navigator.goTo(3)
    booth.staff.open()
    assert display.playback.current_mode is Mode.STAFF
    assert not booth.staff.submit("0000")
    assert booth.staff.submit(PIN)
    assert booth.staff.property("panelOpen")
    booth.staff.resume()
    assert display.playback.current_mode is Mode.ATTRACT
    assert display.navigator.index() == 0


def test_quit_behind_the_pin_allows_the_close_and_exits(show) -> None:
    display, booth, _, quits = show()
    booth.staff.open()
    booth.staff.submit(PIN)
    booth.staff.quit()
    assert quits == ["quit"]
    event = QCloseEvent()
    QGuiApplication.sendEvent(display.window, event)
    assert event.isAccepted()


def test_statistics_follow_the_show(show, qtbot) -> None:
    display, _, recorder, _ = show()
    assert recorder.names()[:2] == ["show_started", "slide_shown"]
    display.playback.activity()
    display.navigator.next()
    names = recorder.names()
    assert "visit_started" in names
    assert names.count("slide_shown") >= 2
    shown = [args for name, args in recorder.calls if name == "slide_shown"]
    assert shown[-1][0] == 1


def test_a_loop_counts_only_in_attract_mode(show) -> None:
    display, booth, recorder, _ = show()
    display.navigator.last()
    display.navigator.next()  # wraps in attract: one loop
    display.playback.activity()
    display.navigator.last()
    display.navigator.next()  # a visitor going past the end: not a loop
    assert booth.loops == 1
    assert recorder.names().count("loop_completed") == 1


def test_status_for_the_staff_panel(show) -> None:
    _, booth, _, _ = show()
    status = booth.status()
    assert status.loops == 0
    assert status.screen_awake == "non demandé"  # a French booth: its staff read French
    assert (status.statistics, status.statistics_ok) == ("enregistrées", True)


def test_the_staff_panel_says_why_statistics_are_not_recorded(show) -> None:
    _, booth, recorder, _ = show()
    recorder.healthy = (False, "the disk is full")
    status = booth.status()
    assert (status.statistics, status.statistics_ok) == (
        "non enregistrées\u202f: le disque est plein",
        False,
    )
    recorder.healthy = (
        False,
        "cannot write to /media/stick (attempt to write a readonly database)",
    )
    assert booth.status().statistics.endswith(
        ": cannot write to /media/stick (attempt to write a readonly database)"
    )
    booth.recorder = None
    assert (booth.status().statistics, booth.status().statistics_ok) == ("désactivées", False)


def test_the_staff_panel_says_in_its_language_that_the_screen_may_blank(show) -> None:
    from PySide6.QtDBus import QDBusConnection

    from kiosk.system.awake import ScreenAwake

    _, booth, _, _ = show()
    # No session bus and no xset: nothing can keep the screen on (a bare Wayland session).
    booth.awake = ScreenAwake(
        platform="linux",
        bus=lambda: QDBusConnection.connectToBus("unix:path=/nonexistent/kiosk-bus", "no-bus"),
        which=lambda name: None,
    )
    booth.awake.acquire()
    status = booth.status()
    assert not status.screen_awake_ok
    assert status.screen_awake.startswith("l’écran peut s’éteindre\u202f: no session bus")
    booth.awake = None
    assert booth.status().screen_awake_ok  # never asked for (a preview window)


def test_opening_the_menu_is_counted(show) -> None:
    display, booth, recorder, _ = show()
    booth.attach(recorder=recorder)  # type: ignore[arg-type]
    display.window.setProperty("menuOpen", True)
    assert "menu_opened" in recorder.names()


def test_a_jump_from_the_menu_is_counted_with_its_slide(show, qtbot) -> None:
    display, _, recorder, _ = show()
    window = display.window
    display.playback.activity()
    window.setProperty("menuOpen", True)
    qtbot.waitUntil(lambda: _visible_item(window, "tile4") is not None)
    tile = _visible_item(window, "tile4")  # « Diplomatie »: slide 8 of the test deck
    with qtbot.waitSignal(window.frameSwapped, timeout=2000):
        window.update()  # the menu's tiles are laid out
    centre = tile.mapToScene(QPointF(tile.width() / 2, tile.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    jumps = [args for name, args in recorder.calls if name == "menu_jumped"]
    assert jumps == [(8,)] and display.navigator.index() == 8
    assert not window.property("menuOpen")


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


def test_the_show_window_has_the_staff_pad_once_on_screen(show, qtbot) -> None:
    display, booth, _, _ = show()
    window = display.window
    qtbot.waitUntil(lambda: window.findChild(QObject, "pinPad") is not None, timeout=2000)
    window.requestActivate()
    QTest.keyClick(
        window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert booth.staff.property("padOpen")
    qtbot.waitUntil(lambda: window.findChild(QObject, "pinPad").isVisible())
    assert display.playback.current_mode is Mode.STAFF
