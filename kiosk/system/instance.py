"""One kiosk-mode show at a time per data folder: a lock that a crash cannot leave stuck.

Two shows side by side would both write one statistics database, and whichever stopped
first would let the screen blank under the other. The first show holds an exclusive lock on
``show.lock`` in the data folder (where the statistics live): ``flock`` on Unix,
``msvcrt.locking`` on Windows. The kernel drops it when the process ends, however it ends
(SIGKILL, a crash, a power cut), so nothing is ever left to clean by hand. The file holds the
holder's PID, start time and deck, for the message the second one prints.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

LOCK_NAME = "show.lock"
# Windows locks a byte range, and a locked range cannot be read by the other process:
# the lock is on one byte past the text, which stays readable.
_WINDOWS_LOCK_OFFSET = 4096


@dataclass(frozen=True, slots=True)
class Holder:
    """What the running show wrote in the lock file (empty strings when unreadable)."""

    pid: str
    started: str
    deck: str

    def describe(self) -> str:
        if not self.pid:
            return "details unknown"
        return f"pid {self.pid}, started {self.started}, deck {self.deck}"


class ShowRunning(Exception):
    """Another kiosk-mode show holds the lock."""

    def __init__(self, holder: Holder, path: Path) -> None:
        super().__init__(f"another show is already running ({holder.describe()})")
        self.holder = holder
        self.path = path


def default_folder() -> Path:
    """The statistics' folder (kiosk.stats.store.default_path), without importing sqlite3."""
    import platformdirs

    return platformdirs.user_data_path("kiosk")


class ShowLock:
    """The held lock; :meth:`release` (or the process's end) lets the next show start."""

    def __init__(self, file: IO[str], path: Path) -> None:
        self._file: IO[str] | None = file
        self.path = path

    def release(self) -> None:
        file, self._file = self._file, None
        if file is None:
            return
        try:
            file.seek(0)
            file.truncate()  # a later reader sees no stale PID
            _unlock(file)
        except OSError:
            pass
        finally:
            file.close()

    def __enter__(self) -> ShowLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire(deck: Path | str, folder: Path | None = None) -> ShowLock | None:
    """Take the one-show lock in ``folder`` (default: the data folder) for ``deck``.

    Raises :class:`ShowRunning` when another live process holds it. Returns ``None``, with a
    warning, when the folder cannot hold a lock file (read-only home): the show still runs.
    """
    folder = default_folder() if folder is None else folder
    path = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # "a+": created if missing, never truncated before the lock is ours.
        file = open(path, "a+", encoding="utf-8")  # noqa: SIM115  (held for the show's life)
    except OSError as exc:
        log.warning(
            "cannot make the one-show lock %s (%s): a second show would not be stopped", path, exc
        )
        return None
    try:
        locked = _try_lock(file)
    except OSError as exc:
        file.close()
        log.warning("cannot lock %s (%s): a second show would not be stopped", path, exc)
        return None
    if not locked:
        holder = read_holder(file)
        file.close()
        raise ShowRunning(holder, path)
    try:
        file.seek(0)
        file.truncate()
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        file.write(f"{os.getpid()}\n{started}\n{deck}\n")
        file.flush()
    except OSError as exc:  # a full disk: the lock holds all the same, the message is vaguer
        log.warning("cannot write %s (%s)", path, exc)
    return ShowLock(file, path)


def read_holder(file: IO[str]) -> Holder:
    try:
        file.seek(0)
        lines = file.read(_WINDOWS_LOCK_OFFSET).splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    pid, started, deck = ([*lines, "", "", ""])[:3]
    return Holder(pid.strip(), started.strip(), deck.strip())


if sys.platform == "win32":
    import msvcrt

    def _try_lock(file: IO[str]) -> bool:
        fd = file.fileno()
        position = os.lseek(fd, 0, os.SEEK_CUR)
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, position, os.SEEK_SET)
        return True

    def _unlock(file: IO[str]) -> None:
        fd = file.fileno()
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(file: IO[str]) -> bool:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(file: IO[str]) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_UN)
