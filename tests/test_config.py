"""Settings: every key parsed, every invalid value reported with its line, defaults applied."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import pytest

from kiosk import BUNDLED_DECK
from kiosk.config import (
    SETTING_NAMES,
    Settings,
    SettingsError,
    find_config_file,
    load_settings,
    write_setting,
)
from kiosk.deck.model import Severity
from kiosk.pinhash import check_pin, hash_pin

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "kiosk.example.toml"


def write(tmp_path: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(findings: list[Any]) -> list[Any]:
    return [f for f in findings if f.severity is Severity.ERROR]


# --- defaults -------------------------------------------------------------------------------


def test_defaults_are_the_documented_ones() -> None:
    assert Settings() == Settings(
        deck=BUNDLED_DECK,
        language="",
        slide_duration_s=10.0,
        idle_timeout_s=60.0,
        countdown_s=10.0,
        transition="fade",
        transition_ms=400,
        reduced_motion=False,
        black_until_key=False,
        screen=0,
        rotation=0,
        staff_pin_hash="",
        staff_corner="top-left",
        staff_hold_s=3.0,
        statistics=True,
        log_level="info",
    )


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().screen = 1  # type: ignore[misc]


def test_no_file_gives_defaults() -> None:
    assert load_settings(None, {}) == (Settings(), [])


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, ""), {}) == (Settings(), [])


def test_every_default_is_commented_with_its_unit() -> None:
    """The dataclass is the reference: each field has a comment line right above it."""
    source = (REPO / "kiosk" / "config.py").read_text(encoding="utf-8")
    body = source.split("class Settings:", 1)[1].split("\n\n\n", 1)[0]
    lines = body.splitlines()
    for name in SETTING_NAMES:
        index = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{name}:"))
        assert lines[index - 1].strip().startswith("#"), name


# --- every key parsed -----------------------------------------------------------------------

EVERY_KEY = """\
deck = "my-deck"
language = "en"
booth_name = "Hall B, stand 12"
slide_duration_s = 8.5
idle_timeout_s = 90
countdown_s = 0
transition = "slide"
transition_ms = 250
reduced_motion = true
black_until_key = true
screen = 1
rotation = 270
renderer = "software"
staff_pin_hash = "{hash}"
staff_corner = "bottom-right"
staff_hold_s = 5
statistics = false
log_level = "debug"
"""


def test_every_key_parsed(tmp_path: Path) -> None:
    stored = hash_pin("2468")
    path = write(tmp_path, EVERY_KEY.format(hash=stored))
    settings, findings = load_settings(path, {})
    assert findings == []
    assert settings == Settings(
        deck=tmp_path / "my-deck",  # relative to the settings file, not the working folder
        language="en",
        booth_name="Hall B, stand 12",
        slide_duration_s=8.5,
        idle_timeout_s=90.0,
        countdown_s=0.0,
        transition="slide",
        transition_ms=250,
        reduced_motion=True,
        black_until_key=True,
        screen=1,
        rotation=270,
        renderer="software",
        staff_pin_hash=stored,
        staff_corner="bottom-right",
        staff_hold_s=5.0,
        statistics=False,
        log_level="debug",
    )
    # every setting has a line in the test file
    assert {line.split(" =")[0] for line in EVERY_KEY.splitlines()} == set(SETTING_NAMES)


def test_numbers_are_floats_where_durations_are(tmp_path: Path) -> None:
    settings, _ = load_settings(write(tmp_path, "idle_timeout_s = 45\n"), {})
    assert isinstance(settings.idle_timeout_s, float)
    assert settings.idle_timeout_s == 45.0


def test_absolute_deck_path_kept(tmp_path: Path) -> None:
    deck = tmp_path / "elsewhere" / "slides.md"
    settings, findings = load_settings(write(tmp_path, f"deck = '{deck}'\n"), {})
    assert (settings.deck, findings) == (deck, [])


def test_choices_are_case_insensitive(tmp_path: Path) -> None:
    settings, findings = load_settings(write(tmp_path, 'transition = "None"\n'), {})
    assert (settings.transition, findings) == ("none", [])


# --- every invalid value reported with its line ---------------------------------------------

INVALID = [
    ("deck", "3", "must be a path"),
    ("deck", '""', "must be a path"),
    ("language", '"French"', "language tag"),
    ("language", "1", "language tag"),
    ("booth_name", "12", "must be a name in quotes"),
    ("booth_name", '"' + "x" * 81 + '"', "at most 80 characters"),
    ("slide_duration_s", '"ten"', "must be a number of seconds"),
    ("slide_duration_s", "0", "must be 1 to 3600 seconds, not 0"),
    ("slide_duration_s", "true", "must be a number of seconds, not true"),
    ("idle_timeout_s", "10", "must be 30 to 86400 seconds, not 10"),
    ("idle_timeout_s", "29.5", "not 29.5"),
    ("countdown_s", "-1", "must be 0 to 600 seconds"),
    ("transition", '"wipe"', 'must be one of "fade", "slide", "none", not "wipe"'),
    ("transition_ms", "400.5", "whole number of milliseconds"),
    ("transition_ms", "9000", "must be 0 to 5000 milliseconds"),
    ("reduced_motion", '"yes"', "must be true or false"),
    ("black_until_key", "1", "must be true or false"),
    ("screen", "-1", "must be 0 to 63"),
    ("screen", '"HDMI-1"', "whole number"),
    ("rotation", "45", "must be one of 0, 90, 180, 270, not 45"),
    ("rotation", "90.0", "must be one of 0, 90, 180, 270"),
    ("renderer", '"vulkan"', 'must be one of "auto", "opengl", "software", not "vulkan"'),
    ("staff_pin_hash", '"1234"', "kiosk pin set"),
    ("staff_pin_hash", '"scrypt$1$8$1$AAAA$AAAA"', "kiosk pin set"),
    ("staff_corner", '"middle"', "must be one of"),
    ("staff_hold_s", "0.5", "must be 1 to 30 seconds"),
    ("statistics", "1", "must be true or false, not 1"),
    ("log_level", '"verbose"', "must be one of"),
    ("log_level", "[1, 2]", "not a list"),
    ("screen", "{ n = 1 }", "not a table"),
]


@pytest.mark.parametrize(("key", "value", "message"), INVALID)
def test_invalid_value_reported_with_key_file_line_and_default_used(
    tmp_path: Path, key: str, value: str, message: str
) -> None:
    good = "statistics = false" if key != "statistics" else 'language = "fr"'
    path = write(tmp_path, f"# booth settings\n\n{good}\n{key} = {value}\n")
    settings, findings = load_settings(path, {})
    [finding] = findings
    assert finding.severity is Severity.ERROR
    assert (finding.file, finding.line) == (path, 4)
    assert f"`{key}`" in finding.message
    assert message in finding.message
    assert "using the default" in finding.message
    assert getattr(settings, key) == getattr(Settings(), key)
    assert settings != Settings()  # the good key still applies


def test_every_setting_has_an_invalid_case() -> None:
    assert {key for key, _, _ in INVALID} == set(SETTING_NAMES)


def test_several_errors_each_on_its_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, "screen = -3\n\n# comment\nrotation = 12\nidle_timeout_s = 5\n")
    _, findings = load_settings(path, {})
    assert [(f.line, f.message.split("`")[1]) for f in findings] == [
        (1, "screen"),
        (4, "rotation"),
        (5, "idle_timeout_s"),
    ]


def test_quoted_key_and_spacing_found(tmp_path: Path) -> None:
    path = write(tmp_path, '\n\n  "screen"   =   "two"\n')
    _, findings = load_settings(path, {})
    assert [f.line for f in findings] == [3]


def test_invalid_multiline_value_points_at_its_key(tmp_path: Path) -> None:
    path = write(tmp_path, "statistics = true\nlog_level = [\n  'info',\n]\n")
    _, [finding] = load_settings(path, {})
    assert finding.line == 2


# --- unknown keys ---------------------------------------------------------------------------


def test_unknown_key_warned_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "screen = 1\nidle_timout_s = 90\n")
    settings, [finding] = load_settings(path, {})
    assert finding.severity is Severity.WARNING
    assert (finding.file, finding.line) == (path, 2)
    assert finding.message == (
        "unknown setting `idle_timout_s` (ignored): did you mean `idle_timeout_s`?"
    )
    assert settings == Settings(screen=1)


def test_unknown_table_warned_at_its_header(tmp_path: Path) -> None:
    path = write(tmp_path, "screen = 1\n\n[staff]\nscreen = 2\n")
    settings, [finding] = load_settings(path, {})
    assert finding.severity is Severity.WARNING
    assert finding.line == 3
    assert "`staff`" in finding.message
    assert settings.screen == 1  # `screen` under [staff] is not the top-level key


def test_known_key_written_as_table_is_an_error_at_its_header(tmp_path: Path) -> None:
    path = write(tmp_path, "log_level = 'info'\n[deck]\npath = 'x'\n")
    _, [finding] = load_settings(path, {})
    assert (finding.severity, finding.line) == (Severity.ERROR, 2)


# --- syntax errors and unreadable files -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("screen = 1\nrotation = \n", 2),
        ("screen = 1\n\nlanguage = 'fr\n", 3),
        ("[a]\nx = 1\n[a]\n", 3),
        ("screen = 1\nlog_level = [\n'info',\n", 3),  # "at end of document": the last line
    ],
)
def test_syntax_error_reported_with_its_line_and_defaults_used(
    tmp_path: Path, text: str, line: int
) -> None:
    path = write(tmp_path, text)
    settings, [finding] = load_settings(path, {})
    assert finding.severity is Severity.ERROR
    assert (finding.file, finding.line) == (path, line)
    assert "TOML syntax error" in finding.message
    assert settings == Settings()


def test_missing_file_is_an_error_with_defaults(tmp_path: Path) -> None:
    settings, [finding] = load_settings(tmp_path / "nope.toml", {})
    assert (finding.severity, finding.line) == (Severity.ERROR, 1)
    assert "not found" in finding.message
    assert settings == Settings()


def test_file_not_utf8_is_an_error_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes("language = 'fr'\n# Réglages\n".encode("latin-1"))
    settings, [finding] = load_settings(path, {})
    assert finding.severity is Severity.ERROR
    assert settings == Settings()


def test_bom_and_crlf_accepted(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes("\ufeffscreen = 2\r\nrotation = 90\r\n".encode())
    assert load_settings(path, {}) == (Settings(screen=2, rotation=90), [])


# --- command-line overrides -----------------------------------------------------------------


def test_overrides_win_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "screen = 1\nrotation = 90\nlanguage = 'fr'\n")
    settings, findings = load_settings(
        path, {"screen": 2, "language": "en", "deck": Path("cli-deck"), "rotation": None}
    )
    assert findings == []
    # `None` means "flag not given": the file's value stays
    assert (settings.screen, settings.language, settings.rotation) == (2, "en", 90)
    assert settings.deck == Path("cli-deck")  # relative to where the command runs


def test_override_replaces_an_invalid_file_value(tmp_path: Path) -> None:
    path = write(tmp_path, "idle_timeout_s = 5\n")
    settings, [finding] = load_settings(path, {"idle_timeout_s": 120})
    assert settings.idle_timeout_s == 120.0
    assert finding.line == 1  # the file is still wrong, and `kiosk check` says so


@pytest.mark.parametrize(
    ("overrides", "message"),
    [({"idle_timeout_s": 10}, "idle_timeout_s must be 30"), ({"scren": 1}, "unknown setting")],
)
def test_bad_override_is_a_usage_error(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(None, overrides)


# --- finding the file -----------------------------------------------------------------------


def test_find_config_file_order(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "slides.md").write_text("# x\n", encoding="utf-8")
    user = tmp_path / "user" / "kiosk.toml"
    explicit = tmp_path / "given.toml"

    assert find_config_file(None, deck_dir, user_file=user) is None
    user.parent.mkdir()
    user.write_text("", encoding="utf-8")
    assert find_config_file(None, deck_dir, user_file=user) == user
    (deck_dir / "kiosk.toml").write_text("", encoding="utf-8")
    assert find_config_file(None, deck_dir, user_file=user) == deck_dir / "kiosk.toml"
    # a deck given as its Markdown file: the settings beside it
    assert find_config_file(None, deck_dir / "slides.md", user_file=user) == deck_dir / "kiosk.toml"
    # --config wins, even when missing (load_settings then reports it)
    assert find_config_file(explicit, deck_dir, user_file=user) == explicit


def test_default_user_file_is_in_the_platform_config_folder() -> None:
    import platformdirs

    from kiosk.config import user_config_file

    assert user_config_file() == platformdirs.user_config_path("kiosk") / "kiosk.toml"


# --- the example file and the documentation -------------------------------------------------


def test_example_file_has_every_key_with_its_default() -> None:
    settings, findings = load_settings(EXAMPLE, {})
    assert findings == []
    assert settings == Settings()
    text = EXAMPLE.read_text(encoding="utf-8")
    for name in SETTING_NAMES:
        assert re.search(rf"^#? ?{name} = ", text, re.MULTILINE), name


def test_docs_table_lists_every_key() -> None:
    text = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `(\w+)` \|", text, re.MULTILINE)
    assert documented == list(SETTING_NAMES)


# --- the staff PIN's hash as a setting -------------------------------------------------------


def test_stored_hash_is_a_valid_setting(tmp_path: Path) -> None:
    stored = hash_pin("13579")
    settings, findings = load_settings(write(tmp_path, f'staff_pin_hash = "{stored}"\n'), {})
    assert findings == []
    assert check_pin("13579", settings.staff_pin_hash)


def test_a_settings_file_that_is_a_pipe_or_a_device_is_reported_never_read(
    tmp_path: Path,
) -> None:
    """A FIFO would block the start for good, a link to /dev/zero fill the memory."""
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        settings, findings = load_settings(path)
        assert settings == Settings()
        assert [(f.line, f.severity) for f in findings] == [(1, Severity.ERROR)]
        assert "not a regular file" in findings[0].message, findings[0].message


def test_write_setting_refuses_an_unknown_name_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    with pytest.raises(ValueError, match="unknown setting 'staff_pin'"):
        write_setting(path, "staff_pin", "h")
    assert not path.exists()


def test_write_setting_writes_a_known_one(tmp_path: Path) -> None:
    path = write(tmp_path, "screen = 1\n")
    write_setting(path, "staff_pin_hash", "h")
    assert path.read_text(encoding="utf-8") == 'screen = 1\nstaff_pin_hash = "h"\n'
