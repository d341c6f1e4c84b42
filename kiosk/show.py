"""The show as a process: read the deck, build the display and the booth, run until stopped.

``kiosk run`` calls :func:`run`; it loads the deck (from the cache of parsed decks when
it can), makes the :class:`~kiosk.app.Display`, in kiosk mode the booth around it
(kiosk.booth), starts the booth's services once the first frame is on screen, and runs
the event loop under :func:`~kiosk.system.signals.quit_on_signals`.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app import Display, StaffSetup, prepare_application
from kiosk.deck import Deck, DeckSet, Finding, Severity
from kiosk.qt.staff import StaffController
from kiosk.system import renderer
from kiosk.system.signals import quit_on_signals

if TYPE_CHECKING:
    from kiosk.app import DisplayOptions
    from kiosk.booth import Booth
    from kiosk.boothsettings import BoothSettings
    from kiosk.config import Settings
    from kiosk.live_settings import SettingsReader

log = logging.getLogger(__name__)

# Diagnostics for the tests and the benchmark, off unless set: a JSON file to write when the
# first frame is on screen (monotonic time, window and screen geometry), and whether to save
# a grab of that frame beside it. Nothing else reads them.
FIRST_FRAME_ENV = "KIOSK_FIRST_FRAME"
FIRST_FRAME_GRAB_ENV = "KIOSK_FIRST_FRAME_GRAB"


def deck_cache_dir() -> Path:
    """Where parsed decks are kept between runs (the platform's cache folder)."""
    import platformdirs

    return Path(platformdirs.user_cache_path("kiosk")) / "decks"


def choose_deck(deck_set: DeckSet | None, language: str | None) -> Deck | None:
    """The deck in ``language`` (or the default one), or None when there is none."""
    if deck_set is None or not deck_set.decks:
        return None
    if language and language not in deck_set.languages:
        log.warning(
            "no %r version of the deck (it has %s): showing %r",
            language,
            ", ".join(deck_set.languages),
            deck_set.default.language,
        )
    return deck_set.language(language) if language else deck_set.default


def load_for_display(
    path: Path, cache_dir: Path | None = None, language_setting: str = ""
) -> DeckSet | None:
    """Read a deck and every translation for the show; findings are logged.

    From the cache of parsed decks when the deck folder has not changed since the last
    run (``cache_dir``, None: no cache), which is faster than parsing even the main file
    alone. A deck with errors still shows every slide the parser could build. A deck that
    cannot be read at all gives None, and the show displays its neutral screen. Only a
    missing path raises (DeckNotFound).
    """
    from kiosk.deck.variants import DeckNotFound, load_deck_set

    try:
        if cache_dir is None:
            deck_set = load_deck_set(path, language_setting)
        else:
            from kiosk.deck.cache import cached_deck_set

            deck_set = cached_deck_set(path, cache_dir, language_setting)
    except DeckNotFound:
        raise
    except Exception:  # a parser bug must not keep the booth dark: log it, show the brand
        log.exception("could not read the deck %s", path)
        return None
    log_findings(deck_set.all_findings)
    return deck_set


def log_findings(findings: Sequence[Finding]) -> None:
    for finding in findings:
        level = logging.ERROR if finding.severity is Severity.ERROR else logging.WARNING
        log.log(level, "%s", finding)


def run(
    deck_path: Path,
    options: DisplayOptions,
    unattended: BoothSettings | None = None,
    *,
    started_settings: Settings | None = None,
    reread_settings: SettingsReader | None = None,
) -> int:
    """Show the deck at ``deck_path`` until the window closes or a signal arrives.

    With ``unattended`` (what `kiosk run` passes), the booth's services run around the
    show: staff panel, hot reload, statistics and, in kiosk mode, lockdown, awake screen
    and hidden pointer (kiosk.booth). ``started_settings`` are those it starts with and
    ``reread_settings`` reads them again (same file, same command line): SIGHUP does,
    and applies what it can (kiosk.live_settings). Returns the exit status: 0, or
    128 + N after stopping on signal N (see kiosk.system.signals).
    """
    from kiosk.qt.logbridge import qt_messages_to_logging

    if hup := getattr(signal, "SIGHUP", None):
        # While the show starts it reads the deck and settings anyway: a SIGHUP then (an
        # early `systemctl reload`) must not kill it. quit_on_signals takes over below.
        signal.signal(hup, signal.SIG_IGN)
    with qt_messages_to_logging():
        app = prepare_application()
        # before any window: it cannot change after
        renderer.use(options.renderer, deck_cache_dir().parent / "opengl.txt")
        deck_set = load_for_display(deck_path, deck_cache_dir(), options.language or "")
        shown = choose_deck(deck_set, options.language)  # warns of a missing language
        if shown is None or not shown.slides:
            log.error("nothing to show in %s: showing the neutral screen", deck_path)
        staff = None
        if unattended is not None:
            controller = StaffController(
                unattended.pin_hash, windowed=options.windowed, log_path=unattended.log_file
            )
            staff = StaffSetup(controller, unattended.staff_corner, unattended.staff_hold_s)
        display = Display(deck_set, options, staff)
        if probe := os.environ.get(FIRST_FRAME_ENV):  # the first of the first frame's hooks
            display.report_first_frame(Path(probe), grab=bool(os.environ.get(FIRST_FRAME_GRAB_ENV)))
        lockdown = None
        if unattended is not None and not options.windowed:
            from kiosk.system.lockdown import Lockdown

            # Before the window is shown: the window manager reads its frame and stacking
            # when it maps it. Kept on screen from its first frame on.
            lockdown = Lockdown(display.window, display.target_screen, parent=display)
            display.after_first_frame(lockdown.keep)
        display.show()
        # Collections resume now: `kiosk run` pauses them while the show starts.
        display.after_first_frame(gc.enable)
        booth: Booth | None = None
        if unattended is not None and staff is not None:
            controller, booth_settings = staff.controller, unattended
            # The display by a weak reference: it is deleted below, before Qt's messages
            # stop being logged, and its hooks must not keep it.
            showing = weakref.ref(display)

            def start_booth() -> None:
                # After the first frame: the booth's module and wiring, the statistics
                # database, the watcher's hashing of the deck's files and the D-Bus calls
                # must not delay the cover.
                nonlocal booth
                from kiosk.booth import build_booth, make_services

                on_screen = showing()
                if on_screen is None:
                    return
                booth = build_booth(on_screen, controller, deck_path, booth_settings, lockdown)
                if started_settings is not None and reread_settings is not None:
                    from kiosk.live_settings import LiveSettings

                    booth.settings = LiveSettings(
                        on_screen, controller, started_settings, reread_settings
                    )
                kiosk_mode = not options.windowed
                services = make_services(
                    on_screen.window, deck_path, booth_settings, kiosk_mode, booth
                )
                booth.start(deck_set, services)

            display.after_first_frame(start_booth)

        def reload_deck_and_settings() -> None:
            if booth is not None:
                booth.reload_deck_and_settings()
            else:  # the deck and the settings are being read anyway
                log.info("SIGHUP before the show was on screen: nothing more to read")

        try:
            reload = reload_deck_and_settings if unattended is not None else None
            with quit_on_signals(app, reload):
                status = app.exec()
        finally:
            if booth is not None:
                booth.stop()  # statistics flushed, screen released, also on SIGTERM
        del display
    return status
