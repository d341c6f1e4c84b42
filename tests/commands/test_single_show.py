"""One kiosk-mode show per data folder: a second one exits 1 naming the first; a killed
show leaves nothing stuck; a --windowed preview runs beside it and records nothing."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system import instance

# The line reader of tests/system's conftest (conftest files are not importable by name).
_spec = importlib.util.spec_from_file_location(
    "system_fixtures", Path(__file__).parents[1] / "system" / "conftest.py"
)
_fixtures = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_fixtures)  # type: ignore[union-attr]
Lines = _fixtures.Lines

XDG_KINDS = ("CONFIG", "CACHE", "STATE", "DATA")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Offscreen, no session bus, every folder of ours in ``tmp_path``."""
    values = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QT_", "DISPLAY", "WAYLAND", "DBUS_", "XDG_"))
    }
    values.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        **{f"XDG_{kind}_HOME": str(tmp_path / kind.lower()) for kind in XDG_KINDS},
    )
    return values


class Show:
    """A real `kiosk run --verbose` whose log lines are read as they come."""

    def __init__(self, env: dict[str, str], *flags: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--verbose", *flags],
            env=env,
            cwd=env["HOME"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert self.process.stderr is not None
        self.lines = Lines(self.process.stderr)
        self.seen: list[str] = []

    def wait_for(self, text: str, timeout: float = 60) -> str:
        while True:
            line = self.lines.next(timeout).decode("utf-8", "replace")
            if not line:
                pytest.fail(f"no line with {text!r} within {timeout} s:\n{''.join(self.seen)}")
            self.seen.append(line)
            if text in line:
                return line

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def shows() -> Iterator[list[Show]]:
    """Every show a test starts, stopped at the end whatever happened."""
    started: list[Show] = []
    try:
        yield started
    finally:
        for show in started:
            show.stop()


def second(env: dict[str, str], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "run", *flags],
        env=env,
        cwd=env["HOME"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_second_show_exits_1_naming_the_first(env: dict[str, str], shows: list[Show]) -> None:
    first = Show(env)
    shows.append(first)
    first.wait_for("watching")  # its services run: the lock was taken long before

    result = second(env)

    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kiosk run: another show is already running (pid ")
    assert f"pid {first.process.pid}," in lines[0]
    assert "slides" in lines[0]  # the bundled deck's path
    assert "use --windowed for a preview" in lines[0]
    assert first.process.poll() is None  # the first show goes on


def test_a_killed_show_leaves_no_stuck_lock(
    env: dict[str, str], shows: list[Show], tmp_path: Path
) -> None:
    first = Show(env)
    shows.append(first)
    first.wait_for("watching")
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(20)
    lock_file = tmp_path / "data" / "kiosk" / instance.LOCK_NAME
    assert lock_file.read_text(encoding="utf-8").startswith(f"{first.process.pid}\n")

    again = Show(env)
    shows.append(again)
    again.wait_for("watching")  # it started, where the lock file still holds the dead pid
    assert again.process.poll() is None


def test_a_windowed_preview_runs_beside_the_show_and_records_nothing(
    env: dict[str, str], shows: list[Show], tmp_path: Path
) -> None:
    first = Show(env)
    shows.append(first)
    first.wait_for("watching")

    preview = Show(env, "--windowed")
    shows.append(preview)
    preview.wait_for("preview window: statistics not recorded")
    preview.wait_for("watching")
    assert preview.process.poll() is None
    assert first.process.poll() is None


def test_a_windowed_preview_alone_makes_no_statistics_database(
    env: dict[str, str], shows: list[Show], tmp_path: Path
) -> None:
    preview = Show(env, "--windowed")
    shows.append(preview)
    preview.wait_for("watching")  # the services, statistics included, have started
    preview.process.send_signal(signal.SIGTERM)
    assert preview.process.wait(30) == 0
    assert not (tmp_path / "data" / "kiosk" / "stats.sqlite3").exists()
    assert not (tmp_path / "data" / "kiosk" / instance.LOCK_NAME).exists()  # no lock either


def test_lock_in_process(tmp_path: Path) -> None:
    held = instance.acquire("deck.md", tmp_path)
    assert held is not None
    with pytest.raises(instance.ShowRunning) as caught:
        instance.acquire("other.md", tmp_path)
    assert caught.value.holder.pid == str(os.getpid())
    assert caught.value.holder.deck == "deck.md"
    held.release()
    assert (tmp_path / instance.LOCK_NAME).read_text(encoding="utf-8") == ""
    with instance.acquire("other.md", tmp_path) as again:  # type: ignore[union-attr]
        assert again is not None


def test_an_unwritable_folder_gives_no_lock_but_no_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert instance.acquire("deck.md", blocker / "kiosk") is None  # a file where the folder goes
