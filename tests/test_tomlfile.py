"""TOML files: where a key is (a line for each finding), and one key written back in place."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from kiosk.tomlfile import key_line, syntax_error_line, write_key

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "kiosk.example.toml"


def write(tmp_path: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- where a key is ---------------------------------------------------------------------------


def test_key_line_in_tables_and_dotted_keys() -> None:
    text = "a = 1\nb.c = 2\n[t]\na = 3\n[t.u]\nx = 4\n[[arr]]\ny = 5\n"
    assert key_line(text, "a") == 1
    assert key_line(text, "b") == 2
    assert key_line(text, "a", ("t",)) == 4
    assert key_line(text, "u", ("t",)) == 5
    assert key_line(text, "x", ("t", "u")) == 6
    assert key_line(text, "arr") == 7
    assert key_line(text, "y", ("arr",)) == 8
    assert key_line(text, "missing") == 1
    assert key_line("ab = 1\na = 2\n", "a") == 2  # not a prefix match


def test_syntax_error_line_parsing() -> None:
    assert syntax_error_line("Invalid value (at line 12, column 3)", "") == 12
    assert syntax_error_line("Unclosed array (at end of document)", "a\nb\nc") == 3
    assert syntax_error_line("Unclosed array (at end of document)", "") == 1


def test_write_key_replaces_the_line_and_keeps_the_others(tmp_path: Path) -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    path = write(tmp_path, original)
    write_key(path, "staff_pin_hash", "scrypt$abc")
    new = path.read_text(encoding="utf-8")
    old_lines, new_lines = original.splitlines(), new.splitlines()
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [('staff_pin_hash = ""', 'staff_pin_hash = "scrypt$abc"')]


def test_write_key_adds_a_missing_key_before_the_first_table(tmp_path: Path) -> None:
    path = write(tmp_path, "# mine\nscreen = 1\n\n[extra]\nx = 1\n")
    write_key(path, "staff_pin_hash", "h")
    assert path.read_text(encoding="utf-8") == (
        '# mine\nscreen = 1\n\nstaff_pin_hash = "h"\n[extra]\nx = 1\n'
    )
    assert tomllib.loads(path.read_text(encoding="utf-8"))["staff_pin_hash"] == "h"


def test_write_key_ignores_the_same_name_inside_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, "[other]\nstaff_pin_hash = 'x'\n")
    write_key(path, "staff_pin_hash", "h")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"staff_pin_hash": "h", "other": {"staff_pin_hash": "x"}}


def test_write_key_creates_the_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "kiosk.toml"
    write_key(path, "staff_pin_hash", "h")
    assert path.read_text(encoding="utf-8") == 'staff_pin_hash = "h"\n'
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0  # holds the PIN hash: private to the user


def test_write_key_keeps_the_file_mode(tmp_path: Path) -> None:
    path = write(tmp_path, "screen = 1\n")
    path.chmod(0o640)
    write_key(path, "staff_pin_hash", "h")
    assert path.stat().st_mode & 0o777 == 0o640


def test_write_key_refuses_a_broken_file_and_leaves_it(tmp_path: Path) -> None:
    path = write(tmp_path, "screen = \n")
    with pytest.raises(tomllib.TOMLDecodeError):
        write_key(path, "staff_pin_hash", "h")
    assert path.read_text(encoding="utf-8") == "screen = \n"


def test_write_key_refuses_what_it_cannot_replace_safely(tmp_path: Path) -> None:
    text = 'staff_pin_hash = """\nold\n"""\n'
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match="by hand"):
        write_key(path, "staff_pin_hash", "h")
    assert path.read_text(encoding="utf-8") == text
