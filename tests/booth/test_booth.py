"""The unattended layer: staff panel wiring, its status, quit.

Lockdown: tests/system/test_lockdown.py; statistics: tests/stats/test_feed.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtTest import QTest

from kiosk.app import Display, DisplayOptions, StaffSetup
from kiosk.booth import Booth, BoothServices, ShowControls
from kiosk.pinhash import hash_pin
from kiosk.qt.playback import Mode
from kiosk.qt.staff import StaffController
from kiosk.staffstatus import StaffWords, staff_words
from kiosk.system.lockdown import Lockdown

PIN = "2468"


class FakeRecorder:
    """Records the calls the booth (its statistics feed) makes, by name."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.healthy: tuple[bool, StaffWords | None] = (True, None)

    def health_words(self) -> tuple[bool, StaffWords | None]:
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
        display = Display(make_deck_set(), DisplayOptions(**settings), StaffSetup(staff))
        made.append(display)
        recorder, quits = FakeRecorder(), []
        booth = Booth(
            ShowControls.of(display),
            staff,
            lockdown=Lockdown(display.window, display.target_screen, parent=display),
            quit_app=lambda: quits.append("quit"),  # type: ignore[arg-type]
            parent=display,
        )
        display.window.resize(1280, 720)
        display.window.show()
        # Shown and laid out; not a given size: in kiosk mode the window keeper may put it
        # back to full screen (the offscreen screen's size) before the resize lands, as it
        # once did in CI. These tests are about the show's modes, not its geometry.
        qtbot.waitExposed(display.window)
        qtbot.waitUntil(lambda: display.window.contentItem().width() > 0)
        display.playback.start()
        booth.start(None, BoothServices(recorder=recorder))  # type: ignore[arg-type]
        return display, booth, recorder, quits

    yield build
    for display in made:
        display.window.hide()
        display.deleteLater()
    qapp.processEvents()


def test_the_pin_pad_freezes_the_show_and_closing_it_gives_the_visitor_their_place(
    show,
) -> None:
    # « Reprendre la présentation » and « Annuler » both go back to the mode and slide that
    # were on screen before the pad opened (issue 12, point 5), not to the cover.
    display, booth, _, _ = show()
    display.playback.activity()
    display.navigator.goTo(3)
    booth.staff.open()
    assert display.playback.current_mode is Mode.STAFF
    assert not booth.staff.submit("0000")
    assert booth.staff.submit(PIN)
    assert booth.staff.property("panelOpen")
    booth.staff.resume()
    assert display.playback.current_mode is Mode.VISITOR
    assert display.navigator.index() == 3
    booth.staff.open()
    booth.staff.cancel()
    assert display.playback.current_mode is Mode.VISITOR
    assert display.navigator.index() == 3


def test_quit_behind_the_pin_allows_the_close_and_exits(show) -> None:
    display, booth, _, quits = show()
    booth.staff.open()
    booth.staff.submit(PIN)
    booth.staff.quit()
    assert quits == ["quit"]
    event = QCloseEvent()
    QGuiApplication.sendEvent(display.window, event)
    assert event.isAccepted()


def test_status_for_the_staff_panel(show) -> None:
    _, booth, _, _ = show()
    status = booth.status()
    assert status.loops == 0
    assert status.screen_awake == "non demandé"  # a French booth: its staff read French
    assert (status.statistics, status.statistics_ok) == ("enregistrées", True)


def test_the_staff_panel_says_why_statistics_are_not_recorded(show) -> None:
    _, booth, recorder, _ = show()
    recorder.healthy = (False, staff_words("the disk is full"))
    status = booth.status()
    assert (status.statistics, status.statistics_ok) == (
        "non enregistrées\u202f: le disque est plein",
        False,
    )
    # In the panel's language throughout: the folder by its name, the error in the log.
    words = staff_words(
        "cannot open the database: %1", staff_words("cannot write to %1", "/media/s")
    )
    recorder.healthy = (False, words)
    assert booth.status().statistics == (
        "non enregistrées\u202f: impossible d’ouvrir la base\u202f: impossible d’écrire dans /media/s"
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
    assert status.screen_awake == (
        "l’écran peut s’éteindre\u202f: rien ici ne le garde allumé (voir le journal)"
    )
    booth.awake = None
    assert booth.status().screen_awake_ok  # never asked for (a preview window)


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


def test_the_booth_takes_its_services_once(show) -> None:
    _, booth, _, _ = show()
    with pytest.raises(RuntimeError):
        booth.start(None, BoothServices())
