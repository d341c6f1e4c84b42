"""Signals to a real `kiosk run`: SIGHUP reloads and the show goes on; the others end it cleanly."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# The line reader of this folder's conftest (conftest files are not importable by name).
_spec = importlib.util.spec_from_file_location(
    "system_fixtures", Path(__file__).with_name("conftest.py")
)
_fixtures = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_fixtures)  # type: ignore[union-attr]
Lines = _fixtures.Lines

pytestmark = pytest.mark.slow

XDG_KINDS = ("CONFIG", "CACHE", "STATE", "DATA")


@dataclass
class Show:
    process: subprocess.Popen[bytes]
    stderr: Lines
    config: Path
    log_file: Path
    seen: list[str]

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """The next stderr line (--verbose: the log) holding ``text``; fails after timeout."""
        while True:
            line = self.stderr.next(timeout).decode("utf-8", "replace")
            if not line:
                pytest.fail(f"no line with {text!r} within {timeout} s; got:\n{''.join(self.seen)}")
            self.seen.append(line)
            if text in line:
                return line

    def rest(self) -> str:
        """Everything it wrote to stderr (after it exited)."""
        while line := self.stderr.next(5):
            self.seen.append(line.decode("utf-8", "replace"))
        return "".join(self.seen)


@pytest.fixture
def verbose() -> bool:
    """Whether the show runs with --verbose (the log on stderr too); a test may say not."""
    return True


@pytest.fixture
def show(
    tmp_path: Path, session_bus: str, fake_service: Any, verbose: bool
) -> Iterator[tuple[Show, Any]]:
    """`kiosk run` (kiosk mode, offscreen) with a settings file, the fake screensaver on a
    private bus; yielded once its services run (the screensaver was asked to inhibit)."""
    screensaver = fake_service("screensaver")
    config = tmp_path / "kiosk.toml"
    config.write_text('idle_timeout_s = 60\nlog_level = "info"\n', encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "DISPLAY", "WAYLAND", "DBUS_"))
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DBUS_SESSION_BUS_ADDRESS=session_bus,
        **{f"XDG_{kind}_HOME": str(tmp_path / kind.lower()) for kind in XDG_KINDS},
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "run",
            *(["--verbose"] if verbose else []),
            "--config",
            str(config),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    running = Show(
        process,
        Lines(process.stderr),
        config,
        tmp_path / "state" / "kiosk" / "logs" / "kiosk.log",
        [],
    )
    try:
        calls = screensaver.calls(1, timeout=90)
        assert [c["member"] for c in calls] == ["Inhibit"], running.rest()
        running.wait_for("watching")  # the deck watcher runs too
        yield running, screensaver
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_sighup_reloads_the_deck_and_the_settings_and_the_show_goes_on(
    show: tuple[Show, Any],
) -> None:
    running, screensaver = show
    running.config.write_text(
        'idle_timeout_s = 45\nlog_level = "info"\ntransition = "none"\n', encoding="utf-8"
    )

    os.kill(running.process.pid, signal.SIGHUP)

    running.wait_for("SIGHUP: reloading the deck and the settings")
    running.wait_for("settings: idle_timeout_s = 45.0: applied")
    running.wait_for("settings: transition = 'none': takes effect at the next start")
    # The deck, read again in the background (no file changed: only SIGHUP asked for it).
    running.wait_for("kiosk.watch: reloaded ")
    assert running.process.poll() is None, "SIGHUP ended the show"

    # A second SIGHUP with a broken file: the findings with file and line, nothing applied.
    running.config.write_text("idle_timeout_s = 5\n", encoding="utf-8")
    os.kill(running.process.pid, signal.SIGHUP)
    line = running.wait_for("settings: " + str(running.config))
    assert f"{running.config}:1: error: `idle_timeout_s` must be 30 to 86400" in line
    running.wait_for("has errors: the current settings are kept")
    assert running.process.poll() is None

    os.kill(running.process.pid, signal.SIGTERM)
    assert running.process.wait(30) == 0
    text = running.rest()
    assert "Traceback" not in text, text
    assert text.count(": applied") == 1, text  # the broken file applied nothing
    assert [c["member"] for c in screensaver.calls(2)] == ["Inhibit", "UnInhibit"]
    assert "SIGHUP: reloading the deck and the settings" in running.log_file.read_text("utf-8")


@pytest.mark.parametrize("name", ["SIGUSR1", "SIGQUIT"])
def test_a_killing_signal_is_logged_and_releases_the_screen(
    show: tuple[Show, Any], name: str
) -> None:
    running, screensaver = show
    number = getattr(signal, name)

    os.kill(running.process.pid, number)

    assert running.process.wait(30) == 128 + number
    text = running.rest()
    assert f"WARNING  kiosk.system.signals: stopping on {name} (signal {int(number)})" in text, text
    assert "Traceback" not in text, text
    calls = screensaver.calls(2)
    assert [c["member"] for c in calls] == ["Inhibit", "UnInhibit"], text
    assert calls[1]["args"] == [calls[0]["cookie"]]
    assert f"stopping on {name}" in running.log_file.read_text("utf-8")


@pytest.fixture
def full_disk(tmp_path: Path) -> None:
    """The show's log file is /dev/full: every write fails with ENOSPC, as on a full disk."""
    folder = tmp_path / "state" / "kiosk" / "logs"
    folder.mkdir(parents=True)
    (folder / "kiosk.log").symlink_to("/dev/full")


@pytest.mark.parametrize("verbose", [False])  # as at a booth: nothing asked on stderr
def test_a_full_disk_sends_the_log_to_stderr_said_once_and_the_show_goes_on(
    full_disk: None, show: tuple[Show, Any]
) -> None:
    running, screensaver = show
    os.kill(running.process.pid, signal.SIGHUP)
    running.wait_for("SIGHUP: reloading the deck and the settings")  # still logged, on stderr
    assert running.process.poll() is None

    os.kill(running.process.pid, signal.SIGUSR1)

    assert running.process.wait(30) == 138
    text = running.rest()
    assert "Traceback" not in text and "Logging error" not in text, text
    notices = [line for line in text.splitlines() if "cannot be written" in line]
    assert len(notices) == 1, text
    assert "(No space left on device): logging to standard error until it can" in notices[0]
    assert "kiosk.banner: kiosk " in text and "stopping on SIGUSR1 (signal 10)" in text
    assert [c["member"] for c in screensaver.calls(2)] == ["Inhibit", "UnInhibit"]
