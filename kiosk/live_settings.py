"""Settings read again under a running show (SIGHUP): what changes at once, what at the next start.

The settings file is read the way the show read it at start (same file search, same
command-line overrides on top: the ``reread`` callable of :class:`LiveSettings`). What a
running show can take cheaply and safely is applied at once: the staff PIN (one PIN for
another), the idle timeout and the countdown, the default time of a slide, the log level.
Every other change is logged as taking effect at the next start. A file with errors changes
nothing: its findings are logged with file and line, and the show keeps its settings.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.deck.model import Finding, Severity

if TYPE_CHECKING:
    from kiosk.app import Display
    from kiosk.config import Settings
    from kiosk.qt.staff import StaffController

log = logging.getLogger(__name__)

# What `kiosk run` reads: the settings, the file they came from (None: defaults), findings.
SettingsReader = Callable[[], "tuple[Settings, Path | None, list[Finding]]"]

# Settings a running show applies at once; the others wait for the next start.
LIVE = (
    "staff_pin_hash",
    "idle_timeout_s",
    "countdown_s",
    "slide_duration_s",
    "black_until_key",
    "log_level",
)


class LiveSettings:
    """The settings a show runs with, and :meth:`reload` to read and apply them again."""

    def __init__(
        self,
        display: Display,
        staff: StaffController | None,
        current: Settings,
        reread: SettingsReader,
    ) -> None:
        self._display = display
        self._staff = staff
        self.current = current  # what is in effect now
        self._reread = reread

    def reload(self) -> None:
        """Read the settings again and apply what can be; never raises."""
        try:
            new, path, findings = self._reread()
        except Exception as exc:  # a bad override cannot appear now; a bug must not stop us
            log.error("settings not read again (%s): the current settings are kept", exc)
            return
        where = path if path is not None else "no settings file, defaults"
        for finding in findings:
            level = logging.ERROR if finding.severity is Severity.ERROR else logging.WARNING
            log.log(level, "settings: %s", finding)
        if any(finding.severity is Severity.ERROR for finding in findings):
            log.error("settings: %s has errors: the current settings are kept", where)
            return
        changed = [
            field.name
            for field in dataclasses.fields(new)
            if getattr(new, field.name) != getattr(self.current, field.name)
        ]
        if not changed:
            log.info("settings: read again from %s, nothing changed", where)
            return
        applied: dict[str, object] = {}
        # The log level last: its line is written before the level may hide it.
        changed.sort(key=lambda name: name == "log_level")
        for name in changed:
            value = getattr(new, name)
            shown = "(a new hash)" if name == "staff_pin_hash" else repr(_plain(value))
            if name == "log_level":
                log.info("settings: %s = %s: applied", name, shown)
                self._apply(name, value)
                applied[name] = value
            elif name in LIVE and self._apply(name, value):
                applied[name] = value
                log.info("settings: %s = %s: applied", name, shown)
            else:
                log.info("settings: %s = %s: takes effect at the next start", name, shown)
        # Only what is in effect: a change waiting for the next start is said again next time.
        self.current = dataclasses.replace(self.current, **applied)  # type: ignore[arg-type]

    def _apply(self, name: str, value: object) -> bool:
        display = self._display
        if name == "staff_pin_hash":
            assert isinstance(value, str)
            if self._staff is None or bool(value) != bool(self.current.staff_pin_hash):
                return False  # setting or removing the PIN changes the pad: at the next start
            self._staff.set_pin_hash(value)
        elif name in ("idle_timeout_s", "countdown_s"):
            assert isinstance(value, float)
            if name == "idle_timeout_s":
                display.options = dataclasses.replace(display.options, idle_timeout_s=value)
            else:
                display.options = dataclasses.replace(display.options, countdown_s=value)
            tick_ms, ticks = display.options.countdown_ticks()
            display.playback.set_timings(
                idle_timeout_ms=display.options.idle_timeout_ms(),
                countdown_ms=tick_ms * ticks,
                tick_ms=tick_ms,
            )
        elif name == "slide_duration_s":
            assert isinstance(value, float)
            display.options = dataclasses.replace(display.options, default_duration_s=value)
            display.slides.set_default_duration(value)
            display.autoplay.set_durations(display.slides.durations())
        elif name == "black_until_key":
            assert isinstance(value, bool)
            display.options = dataclasses.replace(display.options, black_until_key=value)
            display.window.setProperty("blackUntilKey", value)  # a black screen now follows
        elif name == "log_level":
            from kiosk.logs import set_level

            assert isinstance(value, str)
            set_level(value)
        return True


def _plain(value: object) -> object:
    return str(value) if isinstance(value, Path) else value
