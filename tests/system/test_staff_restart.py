"""The staff PIN pad's lockout outlives the show: real `kiosk run`, real keys, a restart."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import KioskProcess

pytestmark = pytest.mark.slow

PIN = "2468"


def press_shortcut_until(kiosk: KioskProcess, text: str, tries: int = 10) -> None:
    """Ctrl+Alt+K until the log says ``text``: the staff overlay is built just after the
    first frame, and a press before it reaches the show instead."""
    since = len(kiosk.log)
    kiosk.x("xdotool", "windowactivate", "--sync", kiosk.window())
    for _ in range(tries):
        kiosk.x("xdotool", "key", "ctrl+alt+k")
        if any(text in line for line in kiosk.read_log(1.0)[since:]):
            return
    pytest.fail(f"Ctrl+Alt+K never led to {text!r}:\n" + "".join(kiosk.log))


def open_pad_and_type(kiosk: KioskProcess, *entries: str) -> None:
    press_shortcut_until(kiosk, "staff: PIN pad opened")
    for entry in entries:
        kiosk.x("xdotool", "type", "--delay", "20", entry)
        kiosk.x("xdotool", "key", "Return")


def test_a_lockout_survives_a_restart_of_the_show(
    openbox: str, kiosk_on: Callable[..., KioskProcess], tmp_path: Path
) -> None:
    settings = tmp_path / "config" / "kiosk" / "kiosk.toml"
    settings.parent.mkdir(parents=True)
    command = [sys.executable, "-m", "kiosk", "pin", "set", "--config", str(settings)]
    done = subprocess.run(command, input=f"{PIN}\n{PIN}\n", text=True, capture_output=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr

    kiosk = kiosk_on(openbox)
    open_pad_and_type(kiosk, "1111", "2222", "3333", "4444", "5555")
    kiosk.wait_log("a wrong PIN (4 since the start; 1 tries left before a lockout)", 10)
    kiosk.wait_log(
        "a wrong PIN (5 since the start), 5 in a row: pad locked for 30 s"
        " (lockout 1; the next one lasts 1 min)",
        10,
    )
    state = tmp_path / "state" / "kiosk" / "staff-pin.json"
    assert json.loads(state.read_text(encoding="utf-8"))["lockouts"] == 1
    assert kiosk.stop() == 0  # as a pulled plug or a crash would, the lock still running

    (tmp_path / "first-frame.json").unlink()  # the next start writes its own
    again = kiosk_on(openbox)
    open_pad_and_type(again, PIN)
    line = again.wait_log("the PIN pad is still locked for", 10)
    seconds = int(line.split("still locked for ")[1].split(" s")[0])
    assert 25 <= seconds <= 30, line
    # The right PIN, typed while locked, does not open the panel.
    log = again.read_log(1.0)
    assert not [entry for entry in log if "panel unlocked" in entry]
