"""`kiosk pin set` fed from a pipe, as the real command: no prompt, no warning, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import check_pin, load_settings

KIOSK = Path(sys.executable).with_name("kiosk")  # the console script install.sh makes


def pin_set(config: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KIOSK), "pin", "set", "--config", str(config)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        # No controlling terminal, as under cron, systemd or ssh without -t: getpass could
        # not even fall back to /dev/tty.
        start_new_session=True,
        env={**os.environ, "PYTHONWARNINGS": "default"},
    )


def stored(config: Path) -> str:
    settings, findings = load_settings(config)
    assert not findings
    return settings.staff_pin_hash


@pytest.mark.parametrize(
    "stdin", ["2468\n2468\n", "2468\n", "2468"], ids=["twice", "once", "no-newline"]
)
def test_a_pin_from_a_pipe_is_stored_without_a_warning(tmp_path: Path, stdin: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("# booth 3\nidle_timeout_s = 90\n", encoding="utf-8")
    done = pin_set(config, stdin)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no GetPassWarning, no prompt
    assert done.stdout == f"Staff PIN set in {config}\n"
    assert check_pin("2468", stored(config))
    assert config.read_text(encoding="utf-8").startswith("# booth 3\nidle_timeout_s = 90\n")


@pytest.mark.parametrize(
    ("stdin", "says"),
    [
        ("2468\n1357\n", "the two PINs differ; nothing changed"),
        ("", "no PIN given on standard input"),
        ("12\n12\n", "a PIN is 4 to 12 digits; nothing changed"),
    ],
    ids=["differ", "empty", "too-short"],
)
def test_a_bad_pin_from_a_pipe_changes_nothing(tmp_path: Path, stdin: str, says: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_timeout_s = 90\n", encoding="utf-8")
    done = pin_set(config, stdin)
    assert done.returncode == 2
    assert done.stderr == f"kiosk pin set: {says}\n"  # one line, no traceback, no warning
    assert config.read_text(encoding="utf-8") == "idle_timeout_s = 90\n"
