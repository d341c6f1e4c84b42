"""Settings read again under a running show (SIGHUP): applied at once, at the next start, or kept."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication

from kiosk.app import Display, DisplayOptions, StaffSetup
from kiosk.booth import Booth, ShowControls
from kiosk.config import Settings, load_settings
from kiosk.live_settings import LiveSettings
from kiosk.pinhash import hash_pin
from kiosk.qt.staff import StaffController

OLD_PIN, NEW_PIN = "2468", "1357"
SCALE = 0.01  # the show's clock 100 times fast: 30 s of idle timeout is 300 ms


@pytest.fixture
def booth(qapp: QGuiApplication, qtbot: Any) -> Iterator[Callable[..., tuple[Display, Booth]]]:
    made: list[Display] = []

    def build(pin: str = OLD_PIN, **options: Any) -> tuple[Display, Booth]:
        staff = StaffController(hash_pin(pin) if pin else "", windowed=False)
        settings: dict[str, Any] = {
            "reduced_motion": True,
            "size": (640, 360),
            "time_scale": SCALE,
            **options,
        }
        display = Display(make_deck_set(), DisplayOptions(**settings), StaffSetup(staff))
        made.append(display)
        booth = Booth(ShowControls.of(display), staff, quit_app=lambda: None, parent=display)
        display.window.show()
        display.playback.start()
        return display, booth

    yield build
    for display in made:
        display.window.hide()
        display.deleteLater()
    # Deleted now, in this test: left to the next test's event loop, a show's last
    # bindings were read there (its Python objects gone) and failed it with warnings.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()


def follow(booth: Booth, started: Settings, file: Path, overrides: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    """The booth reads ``file`` again on SIGHUP, as `kiosk run` has it do."""

    def reread() -> tuple[Settings, Path, list[Any]]:
        settings, findings = load_settings(file, overrides or {})
        return settings, file, findings

    display = booth.parent()  # the booth is its display's
    booth.settings = LiveSettings(display, booth.staff, started, reread)


@pytest.fixture
def root_level() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    root.setLevel(level)


def test_a_longer_idle_timeout_applies_to_the_running_show(
    booth: Any, tmp_path: Path, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    display, show = booth(idle_timeout_s=30)
    file = tmp_path / "kiosk.toml"
    file.write_text("idle_timeout_s = 90\n", encoding="utf-8")
    follow(show, Settings(idle_timeout_s=30), file)

    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()

    assert "SIGHUP: reloading the deck and the settings" in caplog.text
    assert "settings: idle_timeout_s = 90.0: applied" in caplog.text
    display.playback.activity()  # a visitor
    # The old timeout (300 ms) passes with no « Toujours là ? »; the new one (900 ms) brings it.
    with qtbot.assertNotEmitted(display.playback.countdownChanged, wait=500):
        pass
    with qtbot.waitSignal(display.playback.countdownChanged, timeout=3000):
        pass
    assert display.playback.property("countdown") == 10


def test_a_new_default_slide_time_applies_and_the_rest_waits_for_the_next_start(
    booth: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture, root_level: None
) -> None:
    display, show = booth(default_duration_s=10)
    assert display.autoplay.property("interval") == 100  # 10 s at the show's clock
    file = tmp_path / "kiosk.toml"
    file.write_text(
        'slide_duration_s = 20\ntransition = "none"\nlog_level = "warning"\n', encoding="utf-8"
    )
    follow(show, Settings(slide_duration_s=10), file)

    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()

    assert display.autoplay.property("interval") == 200
    assert display.slides.durations()[0] == 20
    assert logging.getLogger().level == logging.WARNING
    assert "settings: slide_duration_s = 20.0: applied" in caplog.text
    assert "settings: log_level = 'warning': applied" in caplog.text
    assert "settings: transition = 'none': takes effect at the next start" in caplog.text

    caplog.clear()
    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()  # the same file again
    assert ": applied" not in caplog.text
    assert "transition = 'none': takes effect at the next start" in caplog.text  # still waiting


def test_a_black_screen_that_waits_for_the_next_key_applies_at_once(
    booth: Any, tmp_path: Path, qtbot: Any
) -> None:
    display, show = booth()
    file = tmp_path / "kiosk.toml"
    file.write_text("black_until_key = true\n", encoding="utf-8")
    follow(show, Settings(), file)
    display.playback.activity()  # a presenter's key…
    display.window.setProperty("black", True)  # …blanked the screen
    show.reload_deck_and_settings()
    assert display.window.property("blackUntilKey") is True
    # The black screen shown now waits: no countdown after the idle timeout (300 ms).
    with qtbot.assertNotEmitted(display.playback.countdownChanged, wait=600):
        pass


def test_a_new_staff_pin_replaces_the_old_one(
    booth: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _, show = booth()
    file = tmp_path / "kiosk.toml"
    new_hash = hash_pin(NEW_PIN)
    file.write_text(f'staff_pin_hash = "{new_hash}"\n', encoding="utf-8")
    follow(show, Settings(staff_pin_hash="set at start"), file)

    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()

    assert "settings: staff_pin_hash = (a new hash): applied" in caplog.text
    assert new_hash not in caplog.text  # not even the hash goes to the log
    staff = show.staff
    staff.open()
    assert not staff.submit(OLD_PIN)
    assert staff.submit(NEW_PIN)


def test_a_pin_set_where_there_was_none_waits_for_the_next_start(
    booth: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _, show = booth(pin="")
    file = tmp_path / "kiosk.toml"
    file.write_text(f'staff_pin_hash = "{hash_pin(NEW_PIN)}"\n', encoding="utf-8")
    follow(show, Settings(), file)
    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()
    assert "staff_pin_hash = (a new hash): takes effect at the next start" in caplog.text
    assert not show.staff.property("pinSet")


def test_a_settings_file_with_errors_changes_nothing(
    booth: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    display, show = booth(idle_timeout_s=30)
    file = tmp_path / "kiosk.toml"
    file.write_text("slide_duration_s = 20\nidle_timeout_s = 5\n", encoding="utf-8")
    follow(show, Settings(idle_timeout_s=30), file)

    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()

    assert f"settings: {file}:2: error: `idle_timeout_s` must be 30 to 86400" in caplog.text
    assert f"settings: {file} has errors: the current settings are kept" in caplog.text
    assert "applied" not in caplog.text
    assert display.slides.durations()[0] != 20
    assert display.options.idle_timeout_s == 30

    file.write_text("idle_timeout_s = [\n", encoding="utf-8")  # not even TOML
    caplog.clear()
    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()
    assert f"{file}:" in caplog.text and "TOML syntax error" in caplog.text
    assert "the current settings are kept" in caplog.text


def test_the_command_line_still_wins_over_the_file(
    booth: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _, show = booth()
    file = tmp_path / "kiosk.toml"
    file.write_text('language = "en"\n', encoding="utf-8")
    follow(show, Settings(language="fr"), file, overrides={"language": "fr"})  # --lang fr
    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()
    assert "nothing changed" in caplog.text
    assert "language" not in caplog.text.replace("read again", "")


def test_a_reader_that_fails_keeps_the_settings(
    booth: Any, caplog: pytest.LogCaptureFixture
) -> None:
    display, show = booth()

    def broken() -> Any:
        raise OSError("the disk went away")

    show.settings = LiveSettings(display, show.staff, Settings(), broken)
    with caplog.at_level(logging.INFO):
        show.reload_deck_and_settings()  # no exception
    assert "settings not read again (the disk went away)" in caplog.text
