"""The staff panel's controller: a rate-limited PIN pad, the show's status, the staff's actions.

The QML side (``kiosk/qml/Kiosk/staff/``) only calls this object; the app connects its
signals to the rest of the show. Flow::

    open() (the shortcut) or openByGesture() (the corner)
        -> padOpen, opened() -> submit(pin) -> right: panelOpen, unlocked()
                                            -> wrong: pinRejected(triesLeft); the fifth
                                               wrong PIN locks the pad (lockedSeconds)
    panel: resume() | reload() | exportStats(folder) | quit()  -> ...Requested signals
    cancel(), resume() or a quiet timeout -> closed()

The tries and lockouts are a :class:`kiosk.system.pingate.PinGate`'s: each lockout longer
than the last (30 s, 1 min, 5 min, 15 min, then 1 h), until the right PIN; a booth's gate
keeps them across restarts (``remember_lockouts``). Every wrong PIN and every lockout is
logged, and the panel shows how many there were. The status rows' text is
:mod:`kiosk.staffstatus`'s; the export folders (removable media, the Documents folder, the
last one exported to, kept across restarts by ``remember_export_folder``) come from
:mod:`kiosk.system.drives`.

**No PIN set** (``staff_pin_hash = ""``): the keyboard shortcut opens the panel at once,
with a notice that no PIN is set and how to set one (``kiosk pin set``): someone who has
just installed the kiosk and started it can get out again. The corner's long press, all a
visitor can reach on a touch screen, does nothing until a PIN is set.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.logs import tail
from kiosk.pinhash import check_pin
from kiosk.qt.translation import staff_text
from kiosk.system.drives import (
    Choice,
    RememberedFolder,
    documents_folder,
    export_folder_candidates,
)
from kiosk.system.pingate import MAX_TRIES, REFRESH_S, SCHEDULE_S, PinGate

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

LOCKOUT_S = SCHEDULE_S[0]  # how long the first lockout lasts (MAX_TRIES wrong PINs)
PAD_TIMEOUT_MS = 30_000  # an untouched pad closes: a visitor may have found the corner
PANEL_TIMEOUT_MS = 180_000  # an open panel forgotten by staff goes back to the show
REFRESH_MS = 5_000  # status refresh while the panel is open
LOG_LINES = 20  # about what the panel's log box holds at 1080p
SHORTCUT = "Ctrl+Alt+K"  # the keyboard way to the pad (StaffCorner.qml reads `shortcut`)


if TYPE_CHECKING:  # kiosk.staffstatus is imported where used: the panel's work, not the start
    from kiosk.staffstatus import StaffStatus

    StatusSource = Callable[[], StaffStatus]


@QmlElement
@QmlUncreatable("StaffController is made by the app")
class StaffController(QObject):  # type: ignore[operator]
    """The PIN pad and the staff panel's state, and the actions behind them.

    ``pin_hash`` is ``Settings.staff_pin_hash`` ("": none set, see the module docstring);
    ``windowed`` says the show is a preview window. ``status_source`` is called for a
    fresh :class:`StaffStatus` when the panel opens and every few seconds while it is open;
    ``log_path`` is the log file whose last lines the panel shows. ``clock``, the timings,
    the lockouts (``max_tries`` and ``schedule_s``, or one fixed ``lockout_s``; a running
    lock's time left is written down every ``lock_refresh_s``),
    ``export_folders`` (the removable media for the statistics) and ``documents`` (the
    fallback folder) are injectable for tests.

    Signals:
        padOpenChanged(), panelOpenChanged(), lockedSecondsChanged(), triesLeftChanged(),
        statusChanged(), messageChanged(), exportFoldersChanged(): property changes.
        opened(): the pad appeared; freeze the show (``Playback.enter_staff``).
        closed(): pad and panel are gone (cancel, resume, timeout); resume the show
            (``Playback.leave_staff``).
        unlocked(): the right PIN was entered; the panel is open.
        pinRejected(int): a wrong PIN; the argument is the tries left (0: now locked).
        resumeRequested(): the staff pressed Resume (``closed()`` follows).
        reloadRequested(): reload the deck now (e.g. ``DeckWatcher.reload_now``), then
            ``show_result``.
        exportRequested(str): export the statistics into this folder, then ``show_result``.
        quitRequested(): end the show.
    """

    padOpenChanged = Signal()
    panelOpenChanged = Signal()
    lockedSecondsChanged = Signal()
    triesLeftChanged = Signal()
    statusChanged = Signal()
    messageChanged = Signal()
    exportFoldersChanged = Signal()

    opened = Signal()
    closed = Signal()
    unlocked = Signal()
    pinRejected = Signal(int)
    resumeRequested = Signal()
    reloadRequested = Signal()
    exportRequested = Signal(str)
    quitRequested = Signal()

    def __init__(
        self,
        pin_hash: str,
        *,
        windowed: bool = False,
        status_source: StatusSource | None = None,
        log_path: Path | None = None,
        max_tries: int = MAX_TRIES,
        lockout_s: float | None = None,
        schedule_s: Sequence[float] = SCHEDULE_S,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = 1_000,
        pad_timeout_ms: int = PAD_TIMEOUT_MS,
        panel_timeout_ms: int = PANEL_TIMEOUT_MS,
        refresh_ms: int = REFRESH_MS,
        lock_refresh_s: float = REFRESH_S,
        export_folders: Callable[[], list[Path]] | None = None,
        documents: Callable[[], Path] = documents_folder,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._pin_hash = pin_hash
        self._windowed = windowed
        self._status_source = status_source
        self._log_path = log_path
        self._clock = clock
        self._started = clock()
        schedule = (lockout_s,) if lockout_s is not None else tuple(schedule_s)
        self._gate = PinGate(
            max_tries=max_tries, schedule_s=schedule, refresh_s=lock_refresh_s, clock=clock
        )
        self._find_folders = export_folders or export_folder_candidates
        self._documents = documents
        self._remembered: RememberedFolder | None = None
        self._chosen = ""
        self._pad_open = False
        self._panel_open = False
        self._last_locked_seconds = 0
        self._gesture_refused = False
        self._status: dict[str, Any] = {}
        self._message = ""
        self._message_ok = True
        self._folders: list[str] = []
        self._removable: list[str] = []  # those of _folders that are removable media
        self._ticker = QTimer(self)  # counts the lockout down for the pad
        self._ticker.setInterval(max(1, tick_ms))
        self._ticker.timeout.connect(self._tick)
        self._quiet = QTimer(self)  # closes a pad or panel nobody touches
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._timed_out)
        self._pad_timeout_ms = max(1, pad_timeout_ms)
        self._panel_timeout_ms = max(1, panel_timeout_ms)
        self._refresher = QTimer(self)
        self._refresher.setInterval(max(1, refresh_ms))
        self._refresher.timeout.connect(self.refreshStatus)
        self._keeper = QTimer(self)  # writes a running lock's time left down now and then
        self._keeper.setInterval(max(1, int(lock_refresh_s * 1000)))
        self._keeper.timeout.connect(self._keep_lock)
        if not pin_hash:
            log.warning(
                "no staff PIN set: %s opens the staff panel without one, the corner does"
                " nothing; set one with `kiosk pin set`",
                SHORTCUT,
            )

    def remember_lockouts(self, state_file: Path) -> None:
        """Keep the tries and lockouts in ``state_file`` from now on, across restarts
        (see kiosk/system/pingate.py); read at the pad's first use. Before any entry."""
        self._gate = self._gate.kept_in(state_file)
        # A lock from before a restart is written down as it runs too, the pad open or
        # not; the first look is a refresh interval away, well after the first frame.
        self._keeper.start()

    def remember_export_folder(self, state_file: Path) -> None:
        """Keep the folder the staff export to in ``state_file``, across restarts: offered
        first whenever it is there again (read when the panel opens)."""
        self._remembered = RememberedFolder(state_file)

    @property
    def gate(self) -> PinGate:
        return self._gate

    def set_pin_hash(self, pin_hash: str) -> None:
        """Another staff PIN (a settings reload), checked from the next entry on. Only from
        one PIN to another: whether one is set at all is fixed for the show (``pinSet``)."""
        if bool(pin_hash) != bool(self._pin_hash):
            raise ValueError("a PIN can replace a PIN, not be added or removed while running")
        self._pin_hash = pin_hash

    # --- properties for QML ----------------------------------------------------------------

    def _get_pad_open(self) -> bool:
        return self._pad_open

    def _get_panel_open(self) -> bool:
        return self._panel_open

    def _get_locked_seconds(self) -> int:
        return max(0, math.ceil(self._gate.locked_seconds()))

    def _get_locked_for(self) -> str:
        from kiosk.staffstatus import format_duration

        return format_duration(self._get_locked_seconds(), exact=True, staff_text=staff_text)

    def _get_tries_left(self) -> int:
        return self._gate.tries_left()

    def _get_pin_set(self) -> bool:
        return bool(self._pin_hash)

    def _get_status(self) -> dict[str, Any]:
        return self._status

    def _get_message(self) -> str:
        return self._message

    def _get_message_ok(self) -> bool:
        return self._message_ok

    def _get_export_folders(self) -> list[str]:
        return self._folders

    def _get_export_folder(self) -> str:
        return self._chosen or str(self._documents())

    def _get_documents_folder(self) -> str:
        return str(self._documents())

    def _get_shortcut(self) -> str:
        return SHORTCUT

    padOpen = Property(bool, _get_pad_open, notify=padOpenChanged)
    panelOpen = Property(bool, _get_panel_open, notify=panelOpenChanged)
    lockedSeconds = Property(int, _get_locked_seconds, notify=lockedSecondsChanged)
    lockedFor = Property(str, _get_locked_for, notify=lockedSecondsChanged)  # "4 min 10 s"
    triesLeft = Property(int, _get_tries_left, notify=triesLeftChanged)
    pinSet = Property(bool, _get_pin_set, constant=True)
    status = Property(dict, _get_status, notify=statusChanged)
    message = Property(str, _get_message, notify=messageChanged)
    messageOk = Property(bool, _get_message_ok, notify=messageChanged)
    exportFolders = Property(list, _get_export_folders, notify=exportFoldersChanged)
    exportFolder = Property(str, _get_export_folder, notify=exportFoldersChanged)
    documentsFolder = Property(str, _get_documents_folder, constant=True)
    shortcut = Property(str, _get_shortcut, constant=True)  # the keyboard way to the pad

    # --- the pad ------------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        """The shortcut: show the PIN pad, or with no PIN set the panel itself (nothing if
        either is open already)."""
        if self._pad_open or self._panel_open:
            return
        if not self._pin_hash:
            log.warning("staff: panel opened from the keyboard without a PIN (none is set)")
            self.opened.emit()
            self._unlock()
            return
        log.info("staff: PIN pad opened")
        self._set_pad(True)
        self._quiet.start(self._pad_timeout_ms)
        locked = self._get_locked_seconds()  # the first use reads the gate's file
        if locked:
            self._ticker.start()
            self._keeper.start()
        self._last_locked_seconds = locked
        self.lockedSecondsChanged.emit()
        self.triesLeftChanged.emit()
        self.opened.emit()

    @Slot()
    def openByGesture(self) -> None:
        """The corner's long press: the PIN pad, or nothing while no PIN is set (on a touch
        screen it is all a visitor can reach)."""
        if not self._pin_hash:
            if not self._gesture_refused:
                log.info("staff: the corner does nothing while no staff PIN is set")
                self._gesture_refused = True
            return
        self.open()

    @Slot()
    def cancel(self) -> None:
        """Close the pad or the panel without doing anything; the show resumes."""
        self._close()

    @Slot()
    def activity(self) -> None:
        """Someone is using the pad or panel (a key, a digit): keep it open."""
        if self._pad_open:
            self._quiet.start(self._pad_timeout_ms)
        elif self._panel_open:
            self._quiet.start(self._panel_timeout_ms)

    @Slot(str, result=bool)
    def submit(self, pin: str) -> bool:
        """Check ``pin``; True opens the panel. Refused unasked while locked or not open."""
        if not self._pad_open:
            return False
        self.activity()
        if self._get_locked_seconds() or not self._pin_hash:
            return False
        if not pin:  # OK pressed with nothing typed: a slip, not a guess
            return False
        if check_pin(pin, self._pin_hash):
            self._gate.succeeded()
            self._keeper.stop()
            log.info("staff: panel unlocked")
            self._unlock()
            return True
        attempt = self._gate.failed()
        if attempt.locked_s:
            from kiosk.staffstatus import format_duration

            self._last_locked_seconds = self._get_locked_seconds()
            log.warning(
                "staff: a wrong PIN (%d since the start), %d in a row: pad locked for %s"
                " (lockout %d; the next one lasts %s)",
                self._gate.failed_since_start,
                self._gate.max_tries,
                format_duration(attempt.locked_s, exact=True),
                attempt.lockouts,
                format_duration(self._gate.lockout_length(attempt.lockouts + 1), exact=True),
            )
            self._ticker.start()
            self._keeper.start()
            self.lockedSecondsChanged.emit()
            self.pinRejected.emit(0)
        else:
            log.warning(
                "staff: a wrong PIN (%d since the start; %d tries left before a lockout)",
                self._gate.failed_since_start,
                attempt.tries_left,
            )
            self.pinRejected.emit(attempt.tries_left)
        self.triesLeftChanged.emit()
        return False

    def _unlock(self) -> None:
        self.triesLeftChanged.emit()
        self._set_pad(False)
        self._set_panel(True)
        self._set_message("", True)
        self.refreshExportFolders()
        self.refreshStatus()
        self._refresher.start()
        self._quiet.start(self._panel_timeout_ms)
        self.unlocked.emit()

    def _tick(self) -> None:
        seconds = self._get_locked_seconds()
        if seconds != self._last_locked_seconds:
            self._last_locked_seconds = seconds
            self.lockedSecondsChanged.emit()
        if seconds == 0:
            self._ticker.stop()
            self.triesLeftChanged.emit()  # a fresh set of tries

    def _keep_lock(self) -> None:
        self._gate.refresh()
        if not self._gate.locked_seconds():
            self._keeper.stop()

    # --- the panel's actions --------------------------------------------------------------

    @Slot()
    def resume(self) -> None:
        """Back to the show."""
        if self._panel_open:
            log.info("staff: resume")
            self.resumeRequested.emit()
        self._close()

    @Slot()
    def reload(self) -> None:
        if self._panel_open:
            log.info("staff: reload asked")
            self.activity()
            self.reloadRequested.emit()

    @Slot(str)
    def exportStats(self, folder: str) -> None:
        if self._panel_open:
            folder = folder.strip()
            if not folder:
                self._set_message(staff_text("Choose a folder first."), False)
                return
            log.info("staff: export of the statistics to %s asked", folder)
            self.activity()
            if self._remembered is not None:  # offered first next time, if still there
                self._remembered.write(Choice(folder, folder in self._removable))
            self.exportRequested.emit(folder)

    @Slot()
    def quit(self) -> None:
        if self._panel_open:
            log.info("staff: quit asked")
            self.quitRequested.emit()

    def show_result(self, text: str, ok: bool = True) -> None:
        """The app's answer to an action (reload, export), shown on the panel."""
        self._set_message(text, ok)
        self.refreshStatus()

    # --- status -------------------------------------------------------------------------

    def set_status_source(self, source: StatusSource | None) -> None:
        self._status_source = source

    @Slot()
    def refreshStatus(self) -> None:
        """Ask the app for a fresh status now (done on unlock and while the panel is open)."""
        from kiosk.staffstatus import StaffStatus

        status = StaffStatus()
        if self._status_source is not None:
            try:
                status = self._status_source()
            except Exception:  # a broken source must not close the panel or the show
                log.exception("staff: the status could not be read")
        self._status = self._status_map(status)
        self.statusChanged.emit()

    def _status_map(self, status: StaffStatus) -> dict[str, Any]:
        from kiosk.staffstatus import PinTries, status_rows

        gate = self._gate
        tries = PinTries(
            pin_set=bool(self._pin_hash),
            wrong_since_start=gate.failed_since_start,
            last_wrong_at=gate.last_failed_at,
            locked_s=self._get_locked_seconds(),
        )
        return status_rows(
            status,
            tries,
            now=self._clock(),
            started=self._started,
            log_lines=tail(self._log_path, LOG_LINES) if self._log_path else [],
            staff_text=staff_text,
        )

    @Slot()
    def refreshExportFolders(self) -> None:
        """Look for removable media again (a stick plugged in after the start): they come
        first, then the last folder exported to if it is there and not one of them, then
        Documents. The one chosen is the last exported to when it is there, else the
        first stick, else Documents."""
        try:
            found = [str(p) for p in self._find_folders()]
        except OSError:
            log.exception("staff: could not list the removable media")
            found = []
        self._removable = list(found)
        documents = str(self._documents())
        choice = self._remembered.read() if self._remembered is not None else None
        last = choice.folder if choice is not None else None
        # A stick not plugged in is not offered, even if its mount point is still there.
        if (
            choice is not None
            and not choice.removable
            and choice.folder not in found
            and choice.folder != documents
            and _is_folder(choice.folder)
        ):
            found.append(choice.folder)
        if documents not in found:
            found.append(documents)
        chosen = last if last in found else found[0]
        if found != self._folders or chosen != self._chosen:
            self._folders = found
            self._chosen = chosen
            self.exportFoldersChanged.emit()

    # --- state ----------------------------------------------------------------------------

    def _timed_out(self) -> None:
        log.info(
            "staff: nobody at the %s: back to the show", "panel" if self._panel_open else "pad"
        )
        self._close()

    def _close(self) -> None:
        if not (self._pad_open or self._panel_open):
            return
        self._quiet.stop()
        self._refresher.stop()
        self._ticker.stop()
        self._set_pad(False)
        self._set_panel(False)
        log.info("staff: closed")
        self.closed.emit()

    def _set_pad(self, value: bool) -> None:
        if value != self._pad_open:
            self._pad_open = value
            self.padOpenChanged.emit()

    def _set_panel(self, value: bool) -> None:
        if value != self._panel_open:
            self._panel_open = value
            self.panelOpenChanged.emit()

    def _set_message(self, text: str, ok: bool) -> None:
        if (text, ok) != (self._message, self._message_ok):
            self._message, self._message_ok = text, ok
            self.messageChanged.emit()


def _is_folder(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except OSError:  # a path too long, a stale mount: not offered
        return False
