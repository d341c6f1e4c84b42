"""Record visitor statistics from the UI thread without ever making it wait.

The app calls plain methods (``slide_viewed(...)``, ``visit_started()``...). Each one stamps
the event with the clocks and puts it on a ``queue.SimpleQueue``, which never blocks; one
writer thread takes events off the queue and commits them as soon as they come, in small
transactions (whatever arrived while the previous commit ran, at most ``max_batch``). So a
killed process loses only the events of the last instant, far less than a second.

Statistics are never worth stopping the show for, and never lost in silence. Before each
write the writer checks that the file at the path is still the one it opened: a database
deleted, replaced or overwritten with garbage while the show runs (or corrupt at the start)
is set aside under a stamped name (renamed or, when only the open connection still sees its
events, copied; never deleted), a warning is logged, and recording goes on in a fresh one
with no event of the failed write lost. A database that cannot be opened or written
(read-only folder, disk full) is reported once in the log, the events are dropped, and the
opening is tried again now and then. A database locked by another process is waited for,
and the events are kept and written when the lock goes. ``health()`` says, for the staff
panel, whether events are being recorded and if not why.

Pure Python, no Qt: the app connects its signals to these methods.
"""

from __future__ import annotations

import errno
import logging
import math
import os
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kiosk.staffstatus import StaffWords, staff_words
from kiosk.stats.model import Event, EventKind
from kiosk.stats.store import (
    COMPANIONS,
    SchemaTooNew,
    Store,
    aside_name,
    default_path,
    is_corrupt,
    set_aside,
)
from kiosk.wallclock import EARLIEST, LATEST

log = logging.getLogger(__name__)

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_FULL = (sqlite3.SQLITE_FULL,)
_NOT_WRITABLE = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)


class _Stop:
    """Queue marker: write what is left, then end the writer thread."""


@dataclass(frozen=True)
class _OnScreen:
    """The slide ``slide_shown`` is timing, since ``since`` on the monotonic clock."""

    index: int
    title: str
    language: str
    qr: bool
    since: float


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _BUSY  # extended codes keep the base in 8 bits


def _error_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def plain_reason(exc: BaseException, path: Path | None) -> StaffWords:
    """Why events cannot be written, in words staff can act on (the error itself is logged)."""
    code = _error_code(exc)
    if code in _FULL or getattr(exc, "errno", None) == errno.ENOSPC:
        return staff_words("the disk is full")
    if isinstance(exc, SchemaTooNew):
        return staff_words("it was made by a newer kiosk; it is left as it is")
    if code in _NOT_WRITABLE or isinstance(exc, PermissionError):
        if path is None:
            return staff_words("cannot write to its folder")
        return staff_words("cannot write to %1", path.parent)
    return staff_words("the database cannot be written (see the log)")


def new_session_id() -> str:
    """Random, so it says nothing about the machine or the people in front of it."""
    return secrets.token_hex(8)


class Recorder:
    """The app's one entry point for statistics. Call its methods from one thread.

    Wiring in the app: ``show_started()`` once the show is on screen; ``Playback.visitStarted``
    and ``visitEnded`` to ``visit_started()``/``visit_ended()``; ``Navigator.wrapped`` to
    ``loop_completed()`` while in the attract loop; ``Navigator.currentChanged`` and a language
    change to ``slide_shown(current, title, language, qr=...)`` (the recorder measures the
    dwell; or measure it yourself and call ``slide_viewed``/``qr_shown``); the menu's opening
    and choice to ``menu_opened()``/``menu_jumped(index)``; the language button to
    ``language_switched(from_, to)``; a choice in the « Aa » panel to ``access_used(what)``;
    ``close()`` at exit (SIGTERM included) to flush.

    ``path``: the database (default: ``stats.sqlite3`` in the platform's data folder).
    ``enabled=False`` makes every method a no-op (statistics switched off in the settings).
    ``clock`` (wall, for the day) and ``monotonic`` (for lengths) are injectable for tests;
    so is ``store_factory``, called in the writer thread to open the database.
    ``busy_timeout``: seconds a commit waits for another process's lock before retrying
    later. ``retry_interval``: seconds between retries while the database is locked.
    ``reopen_interval``: seconds between attempts to open a database that could not be.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        enabled: bool = True,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        busy_timeout: float = 2.0,
        retry_interval: float = 0.5,
        max_batch: int = 500,
        max_pending: int = 100_000,
        reopen_interval: float = 30.0,
        store_factory: Callable[[], Store] | None = None,
        booth: str = "",
    ) -> None:
        self._path = path
        # The stand's name on each show start (`booth_name`, else the machine's host name):
        # it names a place, never a person.
        self.booth = booth.strip() or booth_name_default()
        self._clock = clock
        self._monotonic = monotonic
        self._busy_timeout = busy_timeout
        self._retry_interval = retry_interval
        self._max_batch = max_batch
        self._max_pending = max_pending  # while locked: bounded memory over a 3-day show
        self._reopen_interval = reopen_interval
        self._store_factory = store_factory or self._open_store
        self._queue: queue.SimpleQueue[Event | threading.Event | _Stop] = queue.SimpleQueue()
        # Caller-thread state: the current session and visit.
        self._session = new_session_id()
        self._session_origin = monotonic()
        self._visits = 0  # visits so far in this session
        self._seq = 0  # events so far in this session: their order, whatever the clock says
        self._visit: int | None = None  # the visit in progress
        self._visit_origin = 0.0
        self._on_screen: _OnScreen | None = None  # for slide_shown(): the slide being timed
        self._bad_call_logged = False
        # Writer-thread state.
        self._store: Store | None = None
        self._last_open = 0.0  # time.monotonic() of the last attempt to open the database
        self._failing = False  # a write failed and was logged; log again only after a success
        self._closed = not enabled
        # What health() reports; written by the writer thread, read from any.
        self._health_lock = threading.Lock()
        self._health: tuple[bool, StaffWords | None] = (
            (True, None) if enabled else (False, staff_words("off in the settings"))
        )
        self._thread: threading.Thread | None = None
        if enabled:
            # Daemon: a forgotten close() must not keep the process alive; what the thread
            # had not committed is then lost, as with a kill.
            self._thread = threading.Thread(target=self._run, name="kiosk-stats", daemon=True)
            self._thread.start()

    # -- what the app calls ------------------------------------------------------------

    @property
    def session(self) -> str:
        """The current session id (random, new at each ``show_started``)."""
        return self._session

    @property
    def path(self) -> Path:
        """The database written (the platform's data folder unless told otherwise)."""
        return self._db_path()

    @property
    def enabled(self) -> bool:
        """Whether this recorder records at all (False: statistics off in the settings)."""
        return self._thread is not None

    @property
    def in_visit(self) -> bool:
        return self._visit is not None

    def health(self) -> tuple[bool, str]:
        """Whether events are being recorded: ``(True, "")``, or ``(False, why)`` in plain
        English words (off in the settings, folder not writable, disk full...). Thread-safe."""
        ok, words = self.health_words()
        return ok, str(words) if words is not None else ""

    def health_words(self) -> tuple[bool, StaffWords | None]:
        """The same, the reason as :class:`StaffWords` for the staff panel's language."""
        with self._health_lock:
            return self._health

    def show_started(self) -> None:
        """The show started: a new session. A visit still open is forgotten, not ended."""
        on_screen = self._leave_slide()
        self._session = new_session_id()
        self._session_origin = self._monotonic()
        self._visits = 0
        self._seq = 0
        self._visit = None
        self._record(EventKind.SHOW_START, booth=self.booth)
        self._resume_slide(on_screen)

    def loop_completed(self) -> None:
        """The attract loop showed every slide and starts again."""
        self._record(EventKind.LOOP_COMPLETED)

    def visit_started(self) -> None:
        """First touch, click or key in the attract loop. Ignored during a visit, so it can
        be called on every interaction."""
        if self._visit is not None:
            return
        on_screen = self._leave_slide()  # what the loop showed until now was no visit
        self._visits += 1
        self._visit = self._visits
        self._visit_origin = self._monotonic()
        self._record(EventKind.VISIT_START)
        self._resume_slide(on_screen)

    def visit_ended(self) -> None:
        """Back to the attract loop (idle timeout). Ignored outside a visit."""
        if self._visit is None:
            return
        on_screen = self._leave_slide()  # the visit's last slide belongs to the visit
        length = self._monotonic() - self._visit_origin
        self._record(EventKind.VISIT_END, seconds=length)
        self._visit = None
        self._resume_slide(on_screen)

    def slide_viewed(self, index: int, title: str, language: str, seconds: float) -> None:
        """Slide ``index`` (from 0) left the screen after ``seconds`` on it."""
        self._record(
            EventKind.SLIDE_VIEW, slide=index, title=title, language=language, seconds=seconds
        )

    def slide_shown(self, index: int, title: str, language: str, *, qr: bool = False) -> None:
        """Slide ``index`` is now on screen (``qr``: it shows a QR code): the recorder times
        it itself and records the view, and the QR code's time, when the next slide is
        shown, at ``slide_left()`` or ``close()``. Calling it again for the same slide in
        another language ends one view and starts the other. A view is split where a visit
        starts or ends, so loop time and visitor time are never mixed.

        Use either this or ``slide_viewed``/``qr_shown``, not both.
        """
        self._leave_slide()
        try:
            self._on_screen = _OnScreen(
                int(index), str(title), str(language), bool(qr), self._monotonic()
            )
        except (TypeError, ValueError) as exc:
            self._bad_call(EventKind.SLIDE_VIEW, exc)

    def slide_left(self) -> None:
        """The slide left the screen and none took its place (black screen, staff panel)."""
        self._leave_slide()

    def menu_opened(self) -> None:
        self._record(EventKind.MENU_OPEN)

    def menu_jumped(self, index: int) -> None:
        """A menu tile was chosen, leading to slide ``index``."""
        self._record(EventKind.MENU_JUMP, slide=index)

    def language_switched(self, from_: str, to: str) -> None:
        self._record(EventKind.LANGUAGE_SWITCH, language=to, from_language=from_)

    def access_used(self, choice: str) -> None:
        """A choice in the « Aa » panel: ``choice`` says what ("text_size:large")."""
        self._record(EventKind.ACCESS_USED, title=choice)

    def qr_shown(self, index: int, seconds: float) -> None:
        """A QR code on slide ``index`` left the screen after ``seconds``."""
        self._record(EventKind.QR_SHOWN, slide=index, seconds=seconds)

    def flush(self, timeout: float | None = 5.0) -> bool:
        """Wait until every event recorded so far is committed (or dropped); for tests and
        before an export. Returns False on timeout. Blocks: not for the UI thread."""
        if self._thread is None or not self._thread.is_alive():
            return True
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float | None = 10.0) -> None:
        """Write what is queued and stop the writer thread. Later calls record nothing."""
        if self._closed:
            return
        self._leave_slide()
        self._closed = True
        self._set_health(False, staff_words("stopped with the show"))
        if self._thread is not None:
            self._queue.put(_Stop())
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("statistics: writer still busy after %ss; giving up", timeout)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- caller thread ------------------------------------------------------------------

    def _record(self, kind: EventKind, **fields: Any) -> None:
        if self._closed:
            return
        self._seq += 1
        try:
            event = Event(
                ts=self._wall_time(),
                session=self._session,
                kind=kind,
                session_offset=self._monotonic() - self._session_origin,
                visit=self._visit,
                slide=None if fields.get("slide") is None else int(fields["slide"]),
                title=None if fields.get("title") is None else str(fields["title"]),
                language=None if fields.get("language") is None else str(fields["language"]),
                from_language=(
                    None if fields.get("from_language") is None else str(fields["from_language"])
                ),
                seconds=None if fields.get("seconds") is None else float(fields["seconds"]),
                seq=self._seq,
                booth=None if fields.get("booth") is None else str(fields["booth"]),
            )
        except (TypeError, ValueError) as exc:  # a wiring mistake must not break the show
            self._bad_call(kind, exc)
            return
        self._queue.put(event)  # SimpleQueue.put never blocks

    def _wall_time(self) -> float:
        """The wall clock for ``ts``, whatever it says: a reading Python cannot hold (a
        clock beyond 2262 without ``kiosk.wallclock.guard``), or not a finite number, is
        replaced by the system clock clamped to what can be held: never an exception in the
        caller's thread, never a value the database refuses."""
        try:
            ts = float(self._clock())
        except (OverflowError, OSError, ValueError):
            ts = math.nan
        if not math.isfinite(ts):
            ts = min(max(time.clock_gettime(time.CLOCK_REALTIME), EARLIEST), LATEST)
        return ts

    def _bad_call(self, kind: EventKind, exc: Exception) -> None:
        if not self._bad_call_logged:
            log.warning("statistics: %s event dropped, bad value: %s", kind, exc)
            self._bad_call_logged = True

    def _leave_slide(self) -> _OnScreen | None:
        """Record the view of the slide ``slide_shown`` was timing, if any; return it."""
        shown, self._on_screen = self._on_screen, None
        if shown is not None:
            seconds = self._monotonic() - shown.since
            self.slide_viewed(shown.index, shown.title, shown.language, seconds)
            if shown.qr:
                self.qr_shown(shown.index, seconds)
        return shown

    def _resume_slide(self, shown: _OnScreen | None) -> None:
        """Go on timing the same slide after a visit or session boundary."""
        if shown is not None:
            self._on_screen = replace(shown, since=self._monotonic())

    # -- writer thread ------------------------------------------------------------------

    def _set_health(self, ok: bool, reason: StaffWords | None = None) -> None:
        with self._health_lock:
            self._health = (ok, reason)

    def _open_store(self) -> Store:
        return Store.open(self._path, busy_timeout=self._busy_timeout)

    def _run(self) -> None:
        try:
            self._loop()
        except Exception:  # a bug here must not grow the queue for days: stop recording
            self._closed = True
            self._set_health(False, staff_words("stopped by an internal error (see the log)"))
            log.exception("statistics: writer failed; statistics off until restart")

    def _loop(self) -> None:
        self._store = self._open_or_fresh()
        pending: list[Event] = []
        waiting: list[threading.Event] = []  # flush() callers, released once pending is empty
        stopping = False
        while not stopping:
            # Nothing pending: sleep until an event comes. Pending (database locked): wake
            # up to retry even if nothing new arrives.
            try:
                item = self._queue.get(timeout=self._retry_interval if pending else None)
            except queue.Empty:
                item = None
            taken = 0
            while item is not None:
                if isinstance(item, _Stop):
                    stopping = True
                elif isinstance(item, threading.Event):
                    waiting.append(item)
                else:
                    pending.append(item)
                    taken += 1
                if taken >= self._max_batch:
                    break  # commit now; a burst must not delay the first events' commit
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    item = None
            pending = self._write(pending)
            if not pending:
                for done in waiting:
                    done.set()
                waiting.clear()
        if pending:
            log.warning(
                "statistics: %d events not written at close (database locked)", len(pending)
            )
        for done in waiting:
            done.set()
        self._close_store()

    def _close_store(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            try:
                store.close()
            except Exception as exc:  # close can fail on a vanished disk; nothing left to do
                log.debug("statistics: close failed: %s", exc)

    def _db_path(self) -> Path:
        return default_path() if self._path is None else self._path

    def _open_or_fresh(self) -> Store | None:
        """Open the database; one that is not a sound database is set aside and a fresh one
        started. None (logged once, in ``health()``) if it cannot be opened."""
        self._last_open = time.monotonic()
        try:
            store = self._store_factory()
        except Exception as exc:
            if not is_corrupt(exc):
                self._cannot_open(exc)
                return None
            try:
                aside = set_aside(self._db_path(), "corrupt")
                store = self._store_factory()
            except Exception as again:
                self._cannot_open(again)
                return None
            log.warning(
                "statistics: %s is not a sound database (%s); set aside as %s, recording"
                " in a fresh one",
                self._db_path(),
                exc,
                aside.name,
            )
        if self._failing:
            log.info("statistics: recording again")
            self._failing = False
        self._set_health(True)
        return store

    def _cannot_open(self, exc: BaseException) -> None:
        reason = plain_reason(exc, self._db_path())
        self._set_health(False, staff_words("cannot open the database: %1", reason))
        if not self._failing:
            log.warning("statistics off: cannot open the database (%s); events are dropped", exc)
            self._failing = True

    def _recover(self, change: str) -> None:
        """The file at the path is no longer the sound database we opened (``change``:
        "vanished", "replaced" or "corrupt"): keep it aside, start a fresh one."""
        store = self._store
        assert store is not None
        path = store.path
        kept = "nothing could be kept"
        if change == "corrupt":
            self._close_store()
            try:
                kept = f"set aside as {set_aside(path, 'corrupt').name}"
            except OSError as exc:
                kept = f"it could not be set aside: {exc}"
        else:
            # Deleted or renamed over: only our connection still sees its events. Copy
            # them out before closing it (the close checkpoints into the orphaned file).
            target = aside_name(path, change)
            try:
                store.copy_to(target)
                kept = f"its events kept in {target.name}"
            except Exception as exc:
                kept = f"its events could not be kept: {exc}"
            self._close_store()
            # The close may leave our -wal and -shm at the path (SQLite keeps them when its
            # file was renamed over): the fresh database must not read them as its own.
            for end in COMPANIONS:
                companion = f"{path}{end}"
                if os.path.lexists(companion):
                    try:
                        os.rename(companion, f"{target}{end}")
                    except OSError as exc:
                        log.warning("statistics: cannot move %s aside: %s", companion, exc)
        log.warning(
            "statistics: the database %s was %s while the show ran; %s; recording goes on%s",
            path,
            {"vanished": "deleted", "replaced": "replaced", "corrupt": "damaged"}[change],
            kept,
            " in the new file" if change == "replaced" else " in a fresh one",
        )
        self._store = self._open_or_fresh()

    def _write(self, pending: list[Event]) -> list[Event]:
        """Commit ``pending`` in transactions of at most ``max_batch``; return what must be
        retried (the database was locked), or [] when written or dropped."""
        if not pending:
            return pending
        if self._store is None:
            if time.monotonic() - self._last_open >= self._reopen_interval:
                self._store = self._open_or_fresh()
            if self._store is None:
                log.debug("statistics: %d events dropped", len(pending))
                return []
        recovered = False  # one recovery per write: a fresh database failing again is logged
        while pending:
            store = self._store
            if store is None:  # the recovery could not open a fresh one: health says why
                log.debug("statistics: %d events dropped", len(pending))
                return []
            batch = pending[: self._max_batch]
            change = store.still_at_path() if not recovered else None
            if change is not None:
                recovered = True
                self._recover(change)
                continue
            try:
                store.add(batch)
            except sqlite3.Error as exc:
                if _is_busy(exc):
                    log.debug("statistics: database locked, will retry: %s", exc)
                    self._set_health(
                        False, staff_words("waiting: the database is locked by another program")
                    )
                    return self._bounded(pending)
                if is_corrupt(exc) and not recovered:
                    recovered = True
                    self._recover("corrupt")
                    continue  # the same batch, into the fresh database
                self._failed(exc, len(pending))
                return []
            except Exception as exc:  # OSError, or a bug: the writer thread must survive
                self._failed(exc, len(pending))
                return []
            del pending[: len(batch)]
        if self._failing:
            log.info("statistics: writing again")
            self._failing = False
        self._set_health(True)
        return pending

    def _bounded(self, pending: list[Event]) -> list[Event]:
        excess = len(pending) - self._max_pending
        if excess > 0:
            log.warning("statistics: database locked too long; %d oldest events dropped", excess)
            del pending[:excess]
        return pending

    def _failed(self, exc: BaseException, count: int) -> None:
        self._set_health(False, plain_reason(exc, self._db_path()))
        if not self._failing:
            log.warning("statistics: cannot write (%s); events are dropped until it works", exc)
            self._failing = True
        log.debug("statistics: %d events dropped", count)


def booth_name_default() -> str:
    """The machine's host name: what a booth is called when its settings name none."""
    import socket

    return socket.gethostname() or "kiosk"
