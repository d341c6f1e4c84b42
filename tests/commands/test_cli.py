"""The `kiosk` command line: every subcommand answers --help; usage errors exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.cli import main

COMMANDS = ["run", "check", "export", "stats", "pin", "autostart"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys) -> None:
    assert main([command, "--help"]) == 0
    assert f"usage: kiosk {command}" in capsys.readouterr().out


def test_top_level_help_lists_every_command(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_unknown_flag_is_a_usage_error(capsys) -> None:
    assert main(["check", "--nope"]) == 2


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith("kiosk ")
