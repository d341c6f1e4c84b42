"""`kiosk pin set`: asked twice at a terminal, the settings file updated in place; and fed
from a pipe, as the real command: no prompt, no warning, no traceback."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.commands import pin as pin_command
from kiosk.config import load_settings
from kiosk.pinhash import check_pin

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


# --- in this process: the prompts, the file ----------------------------------------------


def write(tmp_path: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_pin(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    pin_command.add_parser(parser.add_subparsers(dest="command"))
    namespace = parser.parse_args(["pin", *args])
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    result: int = namespace.handler(namespace)
    return result


def stored_hash(path: Path) -> str:
    value: str = tomllib.loads(path.read_text(encoding="utf-8"))["staff_pin_hash"]
    return value


def test_pin_set_from_stdin_updates_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "# booth\nscreen = 1\n")
    assert run_pin(["set", "--config", str(path), "--pin-stdin"], monkeypatch, "2468\n") == 0
    assert check_pin("2468", stored_hash(path))
    assert path.read_text(encoding="utf-8").startswith("# booth\nscreen = 1\n")
    assert str(path) in capsys.readouterr().out
    # and again: the line is replaced, not added
    assert run_pin(["set", "--config", str(path), "--pin-stdin"], monkeypatch, "97531\n") == 0
    assert check_pin("97531", stored_hash(path))
    assert path.read_text(encoding="utf-8").count("staff_pin_hash") == 1


def test_pin_set_asks_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["1357", "1357"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr(pin_command, "_interactive", lambda: True)  # at a terminal
    path = tmp_path / "kiosk.toml"
    assert run_pin(["set", "--config", str(path)], monkeypatch) == 0
    assert check_pin("1357", stored_hash(path))


def test_pin_set_refuses_two_different_pins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["1357", "1358"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr(pin_command, "_interactive", lambda: True)  # at a terminal
    path = tmp_path / "kiosk.toml"
    assert run_pin(["set", "--config", str(path)], monkeypatch) == 2
    assert not path.exists()
    assert "differ" in capsys.readouterr().err


@pytest.mark.parametrize("pin", ["12", "abcd", ""])
def test_pin_set_refuses_a_bad_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pin: str
) -> None:
    path = tmp_path / "kiosk.toml"
    assert run_pin(["set", "--config", str(path), "--pin-stdin"], monkeypatch, pin + "\n") == 2
    assert not path.exists()


def test_pin_set_on_a_broken_file_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "screen = [\n")
    assert run_pin(["set", "--config", str(path), "--pin-stdin"], monkeypatch, "2468\n") == 1
    assert "not valid TOML" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "screen = [\n"


def test_pin_set_defaults_to_the_user_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "config" / "kiosk.toml"
    monkeypatch.setattr(pin_command, "user_config_file", lambda: target)
    assert run_pin(["set", "--pin-stdin"], monkeypatch, "2468\n") == 0
    assert check_pin("2468", stored_hash(target))
