"""Settings: one frozen object, from a TOML file and the command line, every default commented.

The settings file is plain TOML with top-level keys only (see ``kiosk.example.toml`` and
``docs/settings.md``). It is found by :func:`find_config_file` and read by
:func:`load_settings`, which never fails: a bad value is reported as a :class:`Finding`
(key, file, line) and its default used, so the booth still shows.

The staff PIN is never stored, only a salted scrypt hash of it (:mod:`kiosk.pinhash`);
``kiosk pin set`` writes it (:func:`write_setting`, with :mod:`kiosk.tomlfile`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import BUNDLED_DECK
from kiosk.deck.model import Finding, Severity
from kiosk.pinhash import is_pin_hash
from kiosk.suggest import did_you_mean
from kiosk.tomlfile import key_line, syntax_error_line, write_key

CONFIG_NAME = "kiosk.toml"
APP_NAME = "kiosk"

TRANSITIONS = ("fade", "slide", "none")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
ROTATIONS = (0, 90, 180, 270)
RENDERERS = ("auto", "opengl", "software")  # kiosk.system.renderer says what each means
LOG_LEVELS = ("debug", "info", "warning", "error")
MIN_IDLE_TIMEOUT_S = 30  # the brief's floor: a visitor reading a card must not be cut off


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a booth operator can set; each default is what an unconfigured booth uses."""

    # Deck file or folder. A relative path in the settings file is relative to that file.
    deck: Path = BUNDLED_DECK
    # Language tag the loop starts in and returns to, e.g. "fr"; "" = the deck's default.
    language: str = ""
    # The stand's name, recorded with every show start so several booths' statistics can be
    # told apart ("Hall B, stand 12"); "" = the machine's host name. A place, never a person.
    booth_name: str = ""
    # Seconds per slide in the attract loop, for slides and decks that set no `duration:`.
    slide_duration_s: float = 10.0
    # Seconds without a touch before the "still there?" countdown; at least 30.
    idle_timeout_s: float = 60.0
    # Seconds the "still there?" countdown lasts before the loop restarts; 0 = no countdown.
    countdown_s: float = 10.0
    # How one slide gives way to the next: "fade", "slide" or "none".
    transition: str = "fade"
    # Milliseconds a transition lasts.
    transition_ms: int = 400
    # True: no transitions nor what moves with them, no moving hints (motion-sensitive visitors).
    reduced_motion: bool = False
    # True: the black screen (B or "." on a clicker) stays until the next key or touch, with
    # no countdown and no return to the cover; False: the idle return ends it as any visit.
    black_until_key: bool = False
    # Screen number to show on; 0 is the first (primary) screen.
    screen: int = 0
    # Degrees to turn the slides clockwise: 0, 90, 180 or 270 (portrait totems).
    rotation: int = 0
    # How Qt Quick draws: "auto" (Qt's software renderer where OpenGL is itself software,
    # such as Mesa's llvmpipe, else the GPU), "opengl" or "software". Read at start.
    renderer: str = "auto"
    # Salted hash of the staff PIN, written by `kiosk pin set`; "" = no PIN set. Never the PIN.
    staff_pin_hash: str = ""
    # Corner where a long press opens the staff PIN pad: top-left, top-right, bottom-left, …
    staff_corner: str = "top-left"
    # Seconds the staff corner must be held.
    staff_hold_s: float = 3.0
    # True: record anonymous visitor statistics in the local database.
    statistics: bool = True
    # Least severe log messages kept: "debug", "info", "warning" or "error".
    log_level: str = "info"


SETTING_NAMES = tuple(f.name for f in dataclasses.fields(Settings))


class SettingsError(ValueError):
    """A command-line override has a bad value: a usage error (exit status 2)."""


# --- validation: each rule returns the value to use or raises ValueError(why) -------------


def _number(low: float, high: float, unit: str) -> Callable[[Any], float]:
    def rule(value: Any) -> float:
        # bool is an int in Python, but `true` is never a duration.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number of {unit}, not {_show(value)}")
        if not low <= value <= high:
            raise ValueError(f"must be {_fmt(low)} to {_fmt(high)} {unit}, not {_fmt(value)}")
        return float(value)

    return rule


def _whole(low: int, high: int, unit: str) -> Callable[[Any], int]:
    def rule(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number of {unit}, not {_show(value)}")
        if not low <= value <= high:
            raise ValueError(f"must be {low} to {high} {unit}, not {value}")
        return value

    return rule


def _choice(options: tuple[Any, ...]) -> Callable[[Any], Any]:
    def rule(value: Any) -> Any:
        if isinstance(value, str) and all(isinstance(o, str) for o in options):
            value = value.lower()
        # Exact types: `true == 1` and `90.0 == 90` in Python, but neither is a valid choice.
        if type(value) not in {type(o) for o in options} or value not in options:
            listed = ", ".join(f'"{o}"' if isinstance(o, str) else str(o) for o in options)
            raise ValueError(f"must be one of {listed}, not {_show(value)}")
        return value

    return rule


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {_show(value)}")
    return value


def _path(value: Any) -> Path:
    if isinstance(value, Path):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a path in quotes, not {_show(value)}")
    return Path(value).expanduser()


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")


def _language(value: Any) -> str:
    if not isinstance(value, str) or (value and not _LANGUAGE.fullmatch(value)):
        raise ValueError(f'must be a language tag such as "fr" or "en", or "", not {_show(value)}')
    return value


def _booth_name(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 80 or any(ord(c) < 32 for c in value):
        raise ValueError(
            f"must be a name in quotes, on one line, at most 80 characters, not {_show(value)}"
        )
    return value.strip()


def _pin_hash(value: Any) -> str:
    if not isinstance(value, str) or (value and not is_pin_hash(value)):
        raise ValueError("is not a PIN hash written by `kiosk pin set`; run it again")
    return value


_RULES: dict[str, Callable[[Any], Any]] = {
    "deck": _path,
    "language": _language,
    "booth_name": _booth_name,
    "slide_duration_s": _number(1, 3600, "seconds"),
    "idle_timeout_s": _number(MIN_IDLE_TIMEOUT_S, 86400, "seconds"),
    "countdown_s": _number(0, 600, "seconds"),
    "transition": _choice(TRANSITIONS),
    "transition_ms": _whole(0, 5000, "milliseconds"),
    "reduced_motion": _boolean,
    "black_until_key": _boolean,
    "screen": _whole(0, 63, "(0 is the first screen)"),
    "rotation": _choice(ROTATIONS),
    "renderer": _choice(RENDERERS),
    "staff_pin_hash": _pin_hash,
    "staff_corner": _choice(CORNERS),
    "staff_hold_s": _number(1, 30, "seconds"),
    "statistics": _boolean,
    "log_level": _choice(LOG_LEVELS),
}
assert set(_RULES) == set(SETTING_NAMES), "every setting needs exactly one rule"


def _fmt(number: float) -> str:
    return f"{number:g}"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


# --- finding and reading the file ------------------------------------------------------------


def user_config_file() -> Path:
    """The settings file in the user's config folder (e.g. ``~/.config/kiosk/kiosk.toml``)."""
    import platformdirs  # only here: the pure parts of this module need no third-party import

    return platformdirs.user_config_path(APP_NAME) / CONFIG_NAME


# A settings file is a few dozen lines; past this it is not one.
MAX_SETTINGS_BYTES = 1024 * 1024


def find_config_file(
    explicit: Path | None, deck: Path, user_file: Path | None = None
) -> Path | None:
    """The settings file to read: ``--config FILE``; else ``kiosk.toml`` beside the deck; else
    the user's config file (``user_file``, default :func:`user_config_file`); else ``None``.

    ``explicit`` is returned even when missing, so :func:`load_settings` reports it.
    """
    if explicit is not None:
        return explicit
    folder = deck if deck.is_dir() else deck.parent
    for candidate in (folder / CONFIG_NAME, user_file or user_config_file()):
        if candidate.is_file():
            return candidate
    return None


def load_settings(
    path: Path | None, overrides: Mapping[str, Any] | None = None
) -> tuple[Settings, list[Finding]]:
    """Settings from the file at ``path`` (``None``: no file), then ``overrides`` on top.

    Never fails on the file: an unreadable file or a TOML syntax error gives one error and
    every default; an invalid value gives an error with its line and that key's default; an
    unknown key gives a warning. ``overrides`` (setting name -> value, ``None`` meaning "not
    given") come from the command line: a bad one raises :class:`SettingsError`.
    """
    values: dict[str, Any] = {}
    findings: list[Finding] = []
    if path is not None:
        values, findings = _read_file(path)
    for name, value in (overrides or {}).items():
        if name not in _RULES:
            raise SettingsError(f"unknown setting {name!r}")
        if value is None:
            continue
        try:
            values[name] = _RULES[name](value)
        except ValueError as exc:
            raise SettingsError(f"{name} {exc}") from None
    return Settings(**values), findings


def _read_file(path: Path) -> tuple[dict[str, Any], list[Finding]]:
    from kiosk.files import read_bytes_bounded

    try:
        # Bounded and never blocking: a named pipe or a link to a device given as the
        # settings file would otherwise hang the start or fill the memory.
        raw = read_bytes_bounded(path, MAX_SETTINGS_BYTES)
        if len(raw) > MAX_SETTINGS_BYTES:
            return {}, [
                _error(
                    path,
                    1,
                    f"settings file over {MAX_SETTINGS_BYTES:,} bytes: not read; using the"
                    " defaults",
                )
            ]
        text = raw.decode("utf-8-sig")  # Notepad may add a BOM
    except FileNotFoundError:
        return {}, [_error(path, 1, "settings file not found; using the defaults")]
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return {}, [
            _error(path, 1, f"cannot read the settings file ({reason}); using the defaults")
        ]
    import tomllib  # here: a booth with no settings file starts without it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = syntax_error_line(str(exc), text)
        return {}, [_error(path, line, f"TOML syntax error: {exc}; using the defaults")]
    values: dict[str, Any] = {}
    findings: list[Finding] = []
    for key, value in data.items():
        line = key_line(text, key)
        rule = _RULES.get(key)
        if rule is None:
            hint = did_you_mean(key, _RULES)
            findings.append(
                Finding(path, line, Severity.WARNING, f"unknown setting `{key}` (ignored){hint}")
            )
            continue
        try:
            converted = rule(value)
        except ValueError as exc:
            default = getattr(Settings(), key)
            findings.append(
                _error(path, line, f"`{key}` {exc}; using the default, {_show_default(default)}")
            )
            continue
        if key == "deck" and not converted.is_absolute():
            converted = path.parent / converted  # wherever the booth was started from
        values[key] = converted
    return values, findings


def _error(path: Path, line: int, message: str) -> Finding:
    return Finding(path, line, Severity.ERROR, message)


def _show_default(value: Any) -> str:
    return str(value) if isinstance(value, Path) else _show(value)


# --- updating one setting in place (for `kiosk pin set`) ------------------------------------


def write_setting(path: Path, name: str, value: str) -> None:
    """Set the setting ``name`` to ``value`` in the settings file at ``path``, keeping every
    other line as it is (:func:`kiosk.tomlfile.write_key`, which says what it raises)."""
    if name not in _RULES:
        raise ValueError(f"unknown setting {name!r}")
    write_key(path, name, value)
