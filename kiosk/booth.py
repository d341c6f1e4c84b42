"""Unattended operation around one show: the staff panel's actions, hot reload, its services.

The Display shows a deck and answers visitors; the Booth is what lets it run for days
with nobody technical nearby. It routes:

- the staff panel: the PIN pad freezes the show, its actions reload the deck, export
  the statistics, resume or quit, and its status says how the show is doing;
- hot reload (and SIGHUP): a checked new deck replaces the old one, a broken one never does;
- the services started once the first frame is on screen (:class:`BoothServices`): the
  deck watcher, the statistics recorder, the awake screen, the hidden pointer.

What it does not do itself lives beside it: the lockdown of the window in kiosk mode
(kiosk.system.lockdown), the statistics fed from the show's signals (kiosk.stats.feed).
It is handed only the parts of the show it drives (:class:`ShowControls`), never the
whole Display.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QWindow

from kiosk.boothsettings import BoothSettings
from kiosk.deck.model import Deck, DeckSet
from kiosk.qt.staff import StaffController
from kiosk.qt.translation import staff_text
from kiosk.staffstatus import StaffStatus
from kiosk.stats.feed import StatsFeed

if TYPE_CHECKING:
    from kiosk.app import Display
    from kiosk.live_settings import LiveSettings
    from kiosk.qt.access import Access
    from kiosk.qt.language import Language
    from kiosk.qt.navigator import Navigator
    from kiosk.qt.playback import Playback
    from kiosk.qt.sections import SectionModel
    from kiosk.stats.recorder import Recorder
    from kiosk.system.awake import ScreenAwake
    from kiosk.system.lockdown import Lockdown
    from kiosk.watch import DeckWatcher, ReloadOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ShowControls:
    """The parts of a show the booth and its statistics drive and read, and nothing more."""

    playback: Playback
    navigator: Navigator
    language: Language
    sections: SectionModel
    set_deck: Callable[[DeckSet], None]  # show another deck (a reload)
    deck: Callable[[], Deck | None]  # the deck on screen
    access: Access | None = None  # the « Aa » choices (their use is counted)

    @classmethod
    def of(cls, display: Display) -> ShowControls:
        return cls(
            playback=display.playback,
            navigator=display.navigator,
            language=display.language,
            sections=display.sections,
            set_deck=display.set_deck,
            deck=display.deck,
            access=display.access,
        )


@dataclass(frozen=True, slots=True)
class BoothServices:
    """What the booth starts once the first frame is on screen; each may be absent."""

    watcher: DeckWatcher | None = None  # hot reload; None: watch off
    recorder: Recorder | None = None  # the statistics
    awake: ScreenAwake | None = None  # kiosk mode: the screen kept on
    cursor: QObject | None = None  # kiosk mode: the pointer hidden (kiosk.system.cursor)


def build_booth(
    display: Display,
    staff: StaffController,
    deck_path: Path,
    settings: BoothSettings,
    lockdown: Lockdown | None = None,
) -> Booth:
    """The Booth for a show, with kiosk mode's ``lockdown`` of its window (if any).

    `kiosk run` makes it once the first frame is on screen (kiosk.show), and the lockdown
    before the window is shown. Its services (watcher, statistics, awake screen, pointer)
    are made by :func:`make_services` then too, and handed to :meth:`Booth.start`.
    """
    from kiosk.system import drives, pingate

    # The PIN's tries and lockouts survive a restart (read at the pad's first use), and
    # so does the folder the staff export to (read when the panel opens).
    staff.remember_lockouts(pingate.default_state_file())
    staff.remember_export_folder(drives.default_state_file())
    return Booth(
        ShowControls.of(display),
        staff,
        lockdown=lockdown,
        stats_path=settings.stats_path,
        parent=display,
    )


def make_services(
    window: QWindow, deck_path: Path, settings: BoothSettings, kiosk_mode: bool, parent: QObject
) -> BoothServices:
    """The booth's services (after the first frame): the watcher a child of ``parent``; in
    kiosk mode, the awake screen and the pointer hidden over ``window``."""
    from kiosk.stats.recorder import Recorder
    from kiosk.system.awake import ScreenAwake
    from kiosk.system.cursor import CursorHider
    from kiosk.watch import DeckWatcher

    return BoothServices(
        watcher=(
            DeckWatcher(deck_path, language_setting=settings.language, parent=parent)
            if settings.watch
            else None
        ),
        recorder=Recorder(
            settings.stats_path, enabled=settings.statistics, booth=settings.booth_name
        ),
        awake=ScreenAwake() if kiosk_mode else None,
        cursor=CursorHider(window) if kiosk_mode else None,
    )


class Booth(QObject):
    """Routes the staff's actions and hot reload around a show; see the module docstring.

    Made once the show's first frame is on screen (kiosk.show), before the staff's panel
    is built; its services come with :meth:`start`.

    Signals:
        exportFinished(str, bool): the statistics export thread ended (message, success);
            delivered on the UI thread.
    """

    exportFinished = Signal(str, bool)

    def __init__(
        self,
        show: ShowControls,
        staff: StaffController,
        *,
        lockdown: Lockdown | None = None,
        stats_path: Path | None = None,
        quit_app: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self.staff = staff
        self.lockdown = lockdown  # kiosk mode (kiosk.system.lockdown)
        self.feed = StatsFeed(
            show.playback,
            show.navigator,
            show.language,
            show.sections,
            show.deck,
            self,
            access=show.access,
        )
        self.watcher: DeckWatcher | None = None
        self.recorder: Recorder | None = None
        self.awake: ScreenAwake | None = None
        self.cursor: QObject | None = None
        self.settings: LiveSettings | None = None  # read again on SIGHUP (kiosk.show.run)
        self._started = False
        self._stats_path = stats_path
        self._quit_app = quit_app or _quit_application
        self._wire_staff()
        self.exportFinished.connect(self.staff.show_result)

    # --- start and stop ----------------------------------------------------------------

    def start(self, deck_set: DeckSet | None, services: BoothServices = BoothServices()) -> None:
        """Once the show is on screen, with its services: keep it awake, watch the deck,
        count the show. Once only."""
        if self._started:
            raise RuntimeError("the booth is already started")
        self._started = True
        self.watcher, self.recorder = services.watcher, services.recorder
        self.awake, self.cursor = services.awake, services.cursor
        if self.watcher is not None:
            self.watcher.deckChanged.connect(self._deck_changed)
        if self.awake is not None:
            outcome = self.awake.acquire()
            log.info("screen awake: %s", outcome)
        if self.watcher is not None:
            self.watcher.start(deck_set)
        if self.recorder is not None:
            self.feed.start(self.recorder)
            self._read_earlier_visits(self.recorder)

    def _read_earlier_visits(self, recorder: Recorder) -> None:
        """Today's visits before this start (a restart at noon keeps the morning's on the
        panel), read from the database off the UI thread and handed to the feed as a plain
        value (no signal: the show may be gone, in tests, before the thread ends)."""
        from kiosk.stats.recorder import Recorder

        if not isinstance(recorder, Recorder) or not recorder.enabled:
            return
        path, session, yday = recorder.path, recorder.session, time.localtime().tm_yday
        feed = self.feed

        def work() -> None:
            import datetime as dt

            from kiosk.stats.handout import visits_by_hour

            try:
                hours = visits_by_hour(path, dt.date.today(), besides=session)
            except Exception as exc:  # the chart shows this run's visits only
                log.info("statistics: today's earlier visits not read (%s)", exc)
                return
            feed.add_earlier(hours, yday)

        threading.Thread(target=work, name="stats-today", daemon=True).start()

    def stop(self) -> None:
        """On the way out (quit, SIGTERM): flush statistics, release the screen, stop watching."""
        if self.watcher is not None:
            self.watcher.stop()
        if self.recorder is not None:
            self.recorder.close()
        if self.awake is not None:
            self.awake.release()
        if self.lockdown is not None:
            self.lockdown.stop()

    # --- staff -------------------------------------------------------------------------

    def _wire_staff(self) -> None:
        playback = self._show.playback
        self.staff.opened.connect(playback.enter_staff)
        self.staff.closed.connect(playback.leave_staff)
        self.staff.reloadRequested.connect(self._reload)
        self.staff.exportRequested.connect(self._export)
        self.staff.quitRequested.connect(self._quit)
        self.staff.set_status_source(self.status)

    def status(self) -> StaffStatus:
        """What the staff panel shows about the show."""
        outcome = self.watcher.last_outcome if self.watcher is not None else None
        deck = self._show.deck()
        if self.recorder is None:
            statistics_ok, statistics = False, staff_text("off")
        else:
            statistics_ok, reason = self.recorder.health_words()
            if statistics_ok or reason is None:
                statistics = staff_text("recording")
            else:
                statistics = staff_text("not recorded: %1", reason.say(staff_text))
        screen_awake, screen_awake_ok = staff_text("not requested"), True
        if self.awake is not None:
            screen_awake = self.awake.staff_words.say(staff_text)
            screen_awake_ok = self.awake.active
        return StaffStatus(
            loops=self.feed.loops,
            visits_today=self.feed.visits_today,
            visits_by_hour=self.feed.visits_by_hour,
            deck_path=str(self.watcher.path if self.watcher else (deck.path if deck else "")),
            deck_hash=self.watcher.content_hash if self.watcher is not None else "",
            last_reload=_said(outcome) if outcome else "",
            last_reload_ok=outcome.ok if outcome else True,
            last_reload_at=outcome.at if outcome else None,
            screen_awake=screen_awake,
            screen_awake_ok=screen_awake_ok,
            statistics=statistics,
            statistics_ok=statistics_ok,
            booth=_booth_of(self.recorder),
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
            self.staff.show_result(_said(outcome), outcome.ok)

        watcher.reloadFinished.connect(finished)
        watcher.reload_now()

    def _export(self, folder: str) -> None:
        recorder, source = self.recorder, self._stats_path
        language = self._show.language.default_tag()  # the staff's: the panel's own

        def work() -> None:  # off the UI thread: a USB stick can be slow
            from kiosk.stats.report import export_csv
            from kiosk.stats.store import default_path
            from kiosk.system.drives import documents_folder

            try:
                if recorder is not None:
                    recorder.flush()
                if Path(folder) == documents_folder():  # the fallback, on a fresh machine
                    Path(folder).mkdir(parents=True, exist_ok=True)
                target = Path(folder) / f"kiosk-stats-{time.strftime('%Y%m%d-%H%M%S')}.csv"
                count = export_csv(source or default_path(), target)
            except Exception as exc:  # told to the staff, never raised
                log.warning("statistics export to %s failed: %s", folder, exc)
                self.exportFinished.emit(_export_failure(exc), False)
                return
            log.info("statistics exported: %d events to %s", count, target)
            report = target.with_suffix(".pdf")
            try:
                export_report(source or default_path(), report, language)
            except Exception as exc:  # the CSV is there: said, with what went wrong
                log.warning("statistics report %s not written: %s", report, exc)
                self.exportFinished.emit(
                    staff_text(
                        "%1 events written to %2; the report could not be written (see the log)",
                        count,
                        target,
                    ),
                    False,
                )
                return
            log.info("statistics report written to %s", report)
            self.exportFinished.emit(
                staff_text(
                    "%1 events written to %2, and the report %3", count, target, report.name
                ),
                True,
            )

        threading.Thread(target=work, name="stats-export", daemon=True).start()

    def _quit(self) -> None:
        log.info("quit from the staff panel")
        if self.lockdown is not None:
            self.lockdown.release()  # the window may close; nothing to put back
        self._quit_app()

    # --- hot reload -----------------------------------------------------------------------

    def _deck_changed(self, deck_set: DeckSet) -> None:
        log.info("deck reloaded: %s", ", ".join(deck_set.languages))
        self._show.set_deck(deck_set)

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


def export_report(db_path: Path, target: Path, language: str) -> None:
    """The report of the booth's database as a PDF (kiosk.stats.handout_pdf), whole or not
    at all; for the staff's export, off the UI thread. Raises ``OSError`` and the rest."""
    from kiosk.stats.handout import read_figures
    from kiosk.stats.handout_doc import build_document
    from kiosk.stats.handout_pdf import write_pdf

    figures, problems = read_figures([db_path] if db_path.exists() else [], language=language)
    if problems:
        raise RuntimeError("; ".join(problems))
    write_pdf(build_document(figures, language), target)


def _export_failure(error: BaseException) -> str:
    """Why an export failed, in the staff's language and in words they can act on; the
    error itself is in the log."""
    code = getattr(error, "errno", None)
    if code == errno.ENOSPC:
        return staff_text("export failed: the drive is full")
    if code == errno.EROFS:
        return staff_text("export failed: the drive is read-only")
    if code in (errno.EACCES, errno.EPERM):
        return staff_text("export failed: the folder cannot be written to")
    if code == errno.ENOENT:
        return staff_text("export failed: the folder is gone (was the drive taken out?)")
    return staff_text("export failed (see the log)")


def _said(outcome: ReloadOutcome) -> str:
    """A reload's outcome in the staff's language (the log keeps its English ``text``)."""
    return outcome.words.say(staff_text) if outcome.words is not None else outcome.text


def _quit_application(*_: Any) -> None:
    app = QGuiApplication.instance()
    if app is not None:
        app.exit(0)


def _booth_of(recorder: object) -> str:
    """The stand's name the recorder writes down, or "" when there is no recorder."""
    booth = getattr(recorder, "booth", "")
    return booth if isinstance(booth, str) else ""
