"""Unattended operation around one Display: lockdown, staff panel, awake screen, reload, stats.

The Display shows a deck and answers visitors; the Booth is what lets it run for days
with nobody technical nearby. It owns:

- lockdown (kiosk mode only): a frameless window on top whose close requests (Alt+F4,
  the window manager, Ctrl+W…) are refused, so only the staff panel or a signal ends it,
  and that is put back fullscreen when something hides, resizes or destroys it;
- the staff panel: the PIN pad freezes the show, its actions reload the deck, export
  the statistics, resume or quit;
- the screen kept awake and the pointer hidden while the show runs;
- hot reload: a checked new deck replaces the old one, a broken one never does;
- the visitor statistics, fed from the playback, navigator, language and menu.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from kiosk.deck.model import Deck, DeckSet
from kiosk.qt.playback import Mode
from kiosk.qt.staff import StaffController, StaffStatus
from kiosk.qt.translation import staff_text

if TYPE_CHECKING:
    from kiosk.app import Display
    from kiosk.live_settings import LiveSettings
    from kiosk.stats.recorder import Recorder
    from kiosk.system.awake import ScreenAwake
    from kiosk.system.window import WindowKeeper
    from kiosk.watch import DeckWatcher, ReloadOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BoothSettings:
    """What the unattended layer needs from the settings file."""

    pin_hash: str = ""  # Settings.staff_pin_hash
    staff_corner: str = "top-left"
    staff_hold_s: float = 3.0
    statistics: bool = True
    log_file: Path | None = None  # shown in the staff panel's status
    stats_path: Path | None = None  # None: the platform's data folder
    watch: bool = True  # reload the deck when its files change


def build_booth(
    display: Display, staff: StaffController, deck_path: Path, settings: BoothSettings
) -> Booth:
    """The Booth for a show; kiosk mode locks the window down at once.

    Its services (watcher, statistics, awake screen, pointer) are made by
    ``start_services`` once the first frame is on screen: their imports, the
    database and the file hashing must not delay the cover.
    """
    from kiosk.system.pingate import default_state_file

    # The PIN's tries and lockouts survive a restart (read at the pad's first use).
    staff.remember_lockouts(default_state_file())
    booth = Booth(display, staff, stats_path=settings.stats_path, parent=display)
    if not display.options.windowed:
        booth.lock_down()
    return booth


def start_services(
    booth: Booth, deck_path: Path, settings: BoothSettings, deck_set: DeckSet | None
) -> None:
    """Make and start the booth's services (after the first frame)."""
    from kiosk.stats.recorder import Recorder
    from kiosk.system.awake import ScreenAwake
    from kiosk.system.cursor import CursorHider
    from kiosk.watch import DeckWatcher

    display = booth.display
    kiosk_mode = not display.options.windowed
    booth.attach(
        watcher=DeckWatcher(deck_path, parent=display) if settings.watch else None,
        recorder=Recorder(settings.stats_path, enabled=settings.statistics),
        awake=ScreenAwake() if kiosk_mode else None,
    )
    if kiosk_mode:
        booth.cursor = CursorHider(display.window)
    booth.start(deck_set)


class CloseGuard(QObject):
    """Refuses the window system's close requests on the show window (Alt+F4, a close button).

    The app's own ways out (SIGTERM, the staff's Quit) use ``exit()``, which, unlike Qt 6's
    ``quit()``, does not ask the windows to close first.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed = False

    def allow(self) -> None:
        self._allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt API name
        if event.type() == QEvent.Type.Close and not self._allowed:
            log.info("close request refused (kiosk mode: staff quit from the staff panel)")
            event.ignore()
            return True
        return False


class Booth(QObject):
    """Wires the unattended services around ``display``; see the module docstring.

    Signals:
        exportFinished(str, bool): the statistics export thread ended (message, success);
            delivered on the UI thread.
    """

    exportFinished = Signal(str, bool)

    def __init__(
        self,
        display: Display,
        staff: StaffController,
        *,
        watcher: DeckWatcher | None = None,
        recorder: Recorder | None = None,
        awake: ScreenAwake | None = None,
        stats_path: Path | None = None,
        quit_app: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.display = display
        self.staff = staff
        self.watcher = watcher
        self.recorder = recorder
        self.awake = awake
        self._stats_path = stats_path
        self._quit_app = quit_app or _quit_application
        self.loops = 0
        self._visits = 0
        self._visits_day = time.localtime().tm_yday
        self._language = display.language.current_tag()
        self.guard = CloseGuard(self)
        self.cursor: QObject | None = None
        self.settings: LiveSettings | None = None  # read again on SIGHUP (kiosk.app.run)
        self.keeper: WindowKeeper | None = None  # kiosk mode (lock_down)
        self._wire_staff()
        self._wire_statistics()
        if watcher is not None:
            watcher.deckChanged.connect(self._deck_changed)
        self.exportFinished.connect(self.staff.show_result)

    def attach(
        self,
        *,
        watcher: DeckWatcher | None = None,
        recorder: Recorder | None = None,
        awake: ScreenAwake | None = None,
    ) -> None:
        """Services made after construction (see ``start_services``)."""
        self.watcher, self.recorder, self.awake = watcher, recorder, awake
        if watcher is not None:
            watcher.deckChanged.connect(self._deck_changed)
        self._watch_menu()

    # --- start and stop ----------------------------------------------------------------

    def lock_down(self) -> None:
        """Kiosk mode: no frame, always on top, close requests refused, the window kept
        fullscreen on screen (kiosk.system.window)."""
        window = self.display.window
        window.setFlags(
            window.flags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        window.installEventFilter(self.guard)
        from kiosk.system.window import WindowKeeper

        # Puts the window back when it is hidden, minimised, resized or destroyed.
        self.keeper = WindowKeeper(window, lambda: self.display._screen(quiet=True), parent=self)
        self.keeper.start()

    def start(self, deck_set: DeckSet | None) -> None:
        """Once the show is on screen: keep it awake, watch the deck, count the show."""
        if self.awake is not None:
            outcome = self.awake.acquire()
            log.info("screen awake: %s", outcome)
        if self.watcher is not None:
            self.watcher.start(deck_set)
        if self.recorder is not None:
            self.recorder.show_started()
            self._slide_shown()

    def stop(self) -> None:
        """On the way out (quit, SIGTERM): flush statistics, release the screen, stop watching."""
        if self.watcher is not None:
            self.watcher.stop()
        if self.recorder is not None:
            self.recorder.close()
        if self.awake is not None:
            self.awake.release()
        if self.keeper is not None:
            self.keeper.stop()

    # --- staff -------------------------------------------------------------------------

    def _wire_staff(self) -> None:
        playback = self.display.playback
        self.staff.opened.connect(playback.enter_staff)
        self.staff.closed.connect(playback.leave_staff)
        self.staff.reloadRequested.connect(self._reload)
        self.staff.exportRequested.connect(self._export)
        self.staff.quitRequested.connect(self._quit)
        self.staff.set_status_source(self.status)

    def status(self) -> StaffStatus:
        """What the staff panel shows about the show."""
        outcome = self.watcher.last_outcome if self.watcher is not None else None
        deck = self.display.deck()
        statistics_ok, reason = (False, "") if self.recorder is None else self.recorder.health()
        if self.recorder is None:
            statistics = staff_text("off")
        elif statistics_ok:
            statistics = staff_text("recording")
        else:  # the fixed reasons are translated; the rest keep their file and error names
            statistics = staff_text("not recorded: %1", staff_text(reason))
        screen_awake, screen_awake_ok = staff_text("not requested"), True
        if self.awake is not None:
            screen_awake, screen_awake_ok = self.awake.outcome, self.awake.active
            if not screen_awake_ok:  # said in the staff's language; the reason as logged
                from kiosk.system.awake import MAY_BLANK  # loaded with the awake service

                reason = screen_awake.removeprefix(MAY_BLANK)
                screen_awake = staff_text("the screen may blank: %1", reason)
        return StaffStatus(
            loops=self.loops,
            visits_today=self._visits,
            deck_path=str(self.watcher.path if self.watcher else (deck.path if deck else "")),
            deck_hash=self.watcher.content_hash if self.watcher is not None else "",
            last_reload=outcome.text if outcome else "",
            last_reload_ok=outcome.ok if outcome else True,
            last_reload_at=outcome.at if outcome else None,
            screen_awake=screen_awake,
            screen_awake_ok=screen_awake_ok,
            statistics=statistics,
            statistics_ok=statistics_ok,
        )

    def _reload(self) -> None:
        if self.watcher is None:
            self.staff.show_result(staff_text("no deck file to reload"), False)
            return
        # The deck is read and checked in the background: its outcome comes by signal.
        # A reload already running is followed by this one: the staff see the latter's.
        watcher, skip = self.watcher, [self.watcher.busy]

        def finished(outcome: ReloadOutcome) -> None:
            if skip[0]:
                skip[0] = False
                return
            watcher.reloadFinished.disconnect(finished)
            self.staff.show_result(outcome.text, outcome.ok)

        watcher.reloadFinished.connect(finished)
        watcher.reload_now()

    def _export(self, folder: str) -> None:
        recorder, source = self.recorder, self._stats_path

        def work() -> None:  # off the UI thread: a USB stick can be slow
            from kiosk.stats.report import export_csv
            from kiosk.stats.store import default_path

            try:
                if recorder is not None:
                    recorder.flush()
                target = Path(folder) / f"kiosk-stats-{time.strftime('%Y%m%d-%H%M%S')}.csv"
                count = export_csv(source or default_path(), target)
            except Exception as exc:  # told to the staff, never raised
                log.warning("statistics export to %s failed: %s", folder, exc)
                self.exportFinished.emit(staff_text("export failed: %1", exc), False)
                return
            log.info("statistics exported: %d events to %s", count, target)
            self.exportFinished.emit(staff_text("%1 events written to %2", count, target), True)

        threading.Thread(target=work, name="stats-export", daemon=True).start()

    def _quit(self) -> None:
        log.info("quit from the staff panel")
        self.guard.allow()
        if self.keeper is not None:
            self.keeper.stop()  # the window goes: nothing to put back
        self._quit_app()

    # --- hot reload -----------------------------------------------------------------------

    def _deck_changed(self, deck_set: DeckSet) -> None:
        log.info("deck reloaded: %s", ", ".join(deck_set.languages))
        self.display.set_deck(deck_set)

    def reload_deck_and_settings(self) -> None:
        """SIGHUP, the daemons' convention: read the deck and the settings file again.

        The deck goes through the watcher's checked reload (a broken one never replaces
        the deck on screen); the settings through kiosk.live_settings (what applies at once,
        what at the next start, a broken file changing nothing). Never raises.
        """
        log.info("SIGHUP: reloading the deck and the settings")
        if self.watcher is None:
            log.info("SIGHUP: no deck watcher (not started yet, or watch off): deck not read")
        else:
            try:
                # In the background: the watcher logs the outcome, and signals it as usual.
                self.watcher.reload_now()
            except Exception:  # the show goes on with the deck it has
                log.exception("SIGHUP: the deck reload failed")
        if self.settings is not None:
            self.settings.reload()

    # --- statistics -------------------------------------------------------------------------

    def _wire_statistics(self) -> None:
        display = self.display
        display.playback.visitStarted.connect(self._visit_started)
        display.playback.visitEnded.connect(self._visit_ended)
        display.navigator.wrapped.connect(self._wrapped)
        display.navigator.currentChanged.connect(self._slide_shown)
        display.language.switched.connect(self._language_switched)
        display.playback.modeChanged.connect(self._mode_changed)
        self._watch_menu()

    def _watch_menu(self) -> None:
        # « Sommaire » is built when first opened; its state lives on the window.
        if self.recorder is None or getattr(self, "_menu_watched", False):
            return
        self._menu_watched = True
        window = self.display.window
        try:
            window.menuOpenChanged.connect(self._menu_changed)  # type: ignore[attr-defined]
            window.menuJumped.connect(self._menu_jumped)  # type: ignore[attr-defined]
        except AttributeError:  # a scene without the menu (tests of other parts)
            log.debug("no menu on the show window")

    def _menu_changed(self) -> None:
        if self.recorder is not None and self.display.window.property("menuOpen"):
            self.recorder.menu_opened()

    def _menu_jumped(self, slide_index: int) -> None:
        if self.recorder is not None:
            self.recorder.menu_jumped(slide_index)

    def _visit_started(self) -> None:
        today = time.localtime().tm_yday
        if today != self._visits_day:
            self._visits, self._visits_day = 0, today
        self._visits += 1
        if self.recorder is not None:
            self.recorder.visit_started()

    def _visit_ended(self) -> None:
        if self.recorder is not None:
            self.recorder.visit_ended()

    def _wrapped(self) -> None:
        # The navigator also wraps when a visitor goes past the last slide: not a loop.
        if self.display.playback.current_mode is Mode.ATTRACT:
            self.loops += 1
            if self.recorder is not None:
                self.recorder.loop_completed()

    def _slide_shown(self) -> None:
        if self.recorder is None:
            return
        deck: Deck | None = self.display.deck()
        index = self.display.navigator.index()
        if deck is None or not 0 <= index < len(deck.slides):
            return
        slide = deck.slides[index]
        has_qr = bool(slide.qr) or slide.layout == "end"
        self.recorder.slide_shown(index, slide.title or slide.figure, deck.language, qr=has_qr)

    def _language_switched(self, language: str) -> None:
        if self.recorder is not None and language != self._language:
            self.recorder.language_switched(self._language, language)
            QTimer.singleShot(0, self._slide_shown)  # the same slide, in the new language
        self._language = language

    def _mode_changed(self) -> None:
        if self.recorder is not None and self.display.playback.current_mode is Mode.STAFF:
            self.recorder.slide_left()  # the staff panel covers the slide


def _quit_application(*_: Any) -> None:
    app = QGuiApplication.instance()
    if app is not None:
        app.exit(0)
