"""The staff way out of a real show window: no PIN set, and lockouts that outlive a restart."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from kiosk.app import Display, DisplayOptions, StaffSetup
from kiosk.booth import Booth, BoothServices, build_booth
from kiosk.boothsettings import BoothSettings
from kiosk.pinhash import hash_pin
from kiosk.qt.playback import Mode
from kiosk.qt.staff import StaffController

PIN = "2468"
SHORTCUT_KEYS = (
    Qt.Key.Key_K,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
)


@pytest.fixture
def booth_show(
    qapp: QGuiApplication, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., tuple[Display, Booth]]]:
    """A kiosk-mode show made as `kiosk run` makes it (build_booth), its state folder here."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    made: list[Display] = []

    def build(pin_hash: str) -> tuple[Display, Booth]:
        staff = StaffController(pin_hash, windowed=False)
        options = DisplayOptions(reduced_motion=True, size=(1280, 720))
        # Held 1 s: longer than a tap can last (Qt's press-and-hold, 0.8 s).
        display = Display(make_deck_set(), options, StaffSetup(staff, "top-left", 1.0))
        made.append(display)
        booth = build_booth(display, staff, tmp_path / "deck", BoothSettings(pin_hash=pin_hash))
        display.window.resize(1280, 720)
        display.window.show()
        qtbot.waitUntil(lambda: display.window.contentItem().width() == 1280)
        display.playback.start()
        window = display.window
        qtbot.waitUntil(lambda: window.findChild(QObject, "staffPanel") is not None, timeout=2000)
        window.requestActivate()
        return display, booth

    yield build
    for display in made:
        display.window.hide()
        display.deleteLater()
    qapp.processEvents()


def test_without_a_pin_the_shortcut_opens_the_panel_and_the_corner_stays_inert(
    booth_show: Callable[..., tuple[Display, Booth]], qtbot: Any
) -> None:
    display, booth = booth_show("")
    window = display.window
    with qtbot.assertNotEmitted(booth.staff.opened, wait=0):
        QTest.mousePress(
            window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, 8)
        )
        qtbot.wait(1400)  # well past the corner's 1 s hold
        QTest.mouseRelease(
            window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, 8)
        )
    assert not booth.staff.property("panelOpen")

    with qtbot.waitSignal(booth.staff.unlocked, timeout=1000):
        QTest.keyClick(window, *SHORTCUT_KEYS)
    assert display.playback.current_mode is Mode.STAFF
    qtbot.waitUntil(lambda: window.findChild(QObject, "staffPanel").isVisible())
    assert not window.findChild(QObject, "pinPad").isVisible()
    notice = window.findChild(QObject, "noPinNotice")
    assert notice.isVisible() and "kiosk pin set" in notice.property("text")
    # Behind it, Quit: the way out for a newcomer who started the show.
    assert window.findChild(QObject, "quit").isVisible()
    with qtbot.waitSignal(booth.staff.closed, timeout=1000):
        QTest.keyClick(window, Qt.Key.Key_Escape)
    assert display.playback.current_mode is not Mode.STAFF


def test_a_lockout_outlives_the_show(
    booth_show: Callable[..., tuple[Display, Booth]], tmp_path: Path, qtbot: Any
) -> None:
    pin_hash = hash_pin(PIN)
    display, booth = booth_show(pin_hash)
    assert booth.staff.gate.path == tmp_path / "state" / "kiosk" / "staff-pin.json"
    QTest.keyClick(display.window, *SHORTCUT_KEYS)
    assert booth.staff.property("padOpen")
    for _ in range(5):
        booth.staff.submit("0000")
    assert booth.staff.property("lockedSeconds") == 30
    booth.staff.cancel()
    display.window.hide()

    # The show again, as after a crash or a pulled plug.
    display, booth = booth_show(pin_hash)
    QTest.keyClick(display.window, *SHORTCUT_KEYS)
    assert booth.staff.property("padOpen")
    assert 29 <= booth.staff.property("lockedSeconds") <= 30
    assert booth.staff.submit(PIN) is False


def test_an_export_with_no_stick_goes_to_documents_and_is_remembered(
    booth_show: Callable[..., tuple[Display, Booth]],
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fresh booth PC: no stick, no Documents folder yet; the staff only tap."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    display, booth = booth_show("")
    booth.staff._find_folders = lambda: []  # no stick plugged in on this machine
    window = display.window
    QTest.keyClick(window, *SHORTCUT_KEYS)
    qtbot.waitUntil(lambda: window.findChild(QObject, "staffPanel").isVisible())
    assert booth.staff.property("exportFolder") == str(home / "Documents")

    export = window.findChild(QObject, "export")
    centre = export.mapToScene(export.boundingRect().center()).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: any((home / "Documents").glob("kiosk-stats-*.csv")), timeout=5000)
    qtbot.waitUntil(lambda: booth.staff.property("message") != "")
    assert booth.staff.property("messageOk"), booth.staff.property("message")
    kept = tmp_path / "state" / "kiosk" / "staff-export.json"
    assert str(home / "Documents") in kept.read_text()
    # The report PDF beside the CSV, under the same name, in the staff's language.
    (csv_file,) = (home / "Documents").glob("kiosk-stats-*.csv")
    report = csv_file.with_suffix(".pdf")
    assert report.read_bytes().startswith(b"%PDF")
    assert report.name in booth.staff.property("message")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(report), "-"], capture_output=True, text=True, check=True
        ).stdout
        language = display.language.default_tag()
        assert ("Rapport de fréquentation" if language == "fr" else "Visitor report") in text


def test_the_panel_counts_todays_visits_by_hour_across_a_restart(
    booth_show: Callable[..., tuple[Display, Booth]],
    tmp_path: Path,
    qtbot: Any,
) -> None:
    """Visits recorded earlier today (a show before a restart) and this run's, by hour."""
    from kiosk.stats.recorder import Recorder

    db = tmp_path / "stats.sqlite3"
    earlier = Recorder(db, booth="Hall A")
    earlier.show_started()
    for _ in range(3):
        earlier.visit_started()
        earlier.visit_ended()
    earlier.close()
    hour = time.localtime().tm_hour
    display, booth = booth_show("")
    recorder = Recorder(db, booth="Hall A")
    booth.start(None, BoothServices(recorder=recorder))
    qtbot.waitUntil(lambda: booth.feed.visits_by_hour[hour] == 3)  # read off the UI thread
    display.playback.activity()  # a visitor now
    qtbot.waitUntil(lambda: booth.feed.visits_today == 4)
    status = booth.status()
    assert status.visits_by_hour[hour] == 4 and sum(status.visits_by_hour) == 4
    booth.stop()
