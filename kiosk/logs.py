"""Logging: a rotating file in the state folder, Qt's messages routed in, a crash handler.

Call order at start (the composition root does it): :func:`setup_logging`, then
:func:`install_excepthook`, then :func:`log_startup_banner`; wrap the Qt event loop in
:func:`route_qt_messages`. The staff status panel reads :func:`tail` of the returned path.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import logging.handlers
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from types import TracebackType
from typing import TextIO

LOG_NAME = "kiosk.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000  # per file: days of a booth at "info", and quick to open
BACKUP_COUNT = 5  # kiosk.log.1 … kiosk.log.5 kept besides the current file
RETRY_S = 30.0  # seconds between tries of a log file that could not be written
FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}

# Handlers this module added to the root logger carry this name, so a second call to
# setup_logging (a reload, a test) replaces them instead of doubling every line.
_HANDLER_NAME = "kiosk.logs"

log = logging.getLogger("kiosk")
crash_log = logging.getLogger("kiosk.crash")
banner_log = logging.getLogger("kiosk.banner")


def default_state_dir() -> Path:
    """The platform's state folder for kiosk (``~/.local/state/kiosk`` on Linux)."""
    import platformdirs

    return platformdirs.user_state_path("kiosk")


def log_dir(state_dir: Path | None = None) -> Path:
    return (state_dir or default_state_dir()) / "logs"


def setup_logging(level: str, verbose: bool, state_dir: Path | None = None) -> Path:
    """Send every log record at ``level`` or above to a rotating file; return its path.

    The file is ``<state_dir>/logs/kiosk.log`` (``state_dir`` defaults to the platform's
    state folder), rotated at 1 MB with 5 old files kept. ``verbose`` also copies the
    records to standard error. A folder that cannot be written (read-only home) falls back
    to the temporary folder, so logging never stops the show; a file that cannot be written
    later (full disk, folder gone) sends the lines to standard error until it can again
    (:class:`ResilientFileHandler`). Python warnings are logged too.
    """
    numeric = LEVELS.get(level.lower())
    if numeric is None:
        raise ValueError(f"log level must be one of {', '.join(LEVELS)}, not {level!r}")
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()

    formatter = logging.Formatter(FORMAT)
    path, file_handler, problem = _open_log_file(log_dir(state_dir), echoed=verbose)
    handlers: list[logging.Handler] = [file_handler]
    if verbose:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        # Levels live on loggers, not handlers, so the banner logger can pass at any level.
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(numeric)
    # The banner is written whatever `log_level` says: the first lines must say what ran.
    banner_log.setLevel(logging.INFO)
    logging.captureWarnings(True)
    if problem:
        log.warning(
            "cannot write logs in %s (%s); writing them to %s", problem[0], problem[1], path
        )
    return path


def set_level(level: str) -> None:
    """Keep records at ``level`` or above from now on (a settings reload); see LEVELS."""
    numeric = LEVELS.get(level.lower())
    if numeric is None:
        raise ValueError(f"log level must be one of {', '.join(LEVELS)}, not {level!r}")
    logging.getLogger().setLevel(numeric)


def _open_log_file(
    folder: Path, echoed: bool = False
) -> tuple[Path, logging.Handler, tuple[Path, OSError] | None]:
    try:
        return folder / LOG_NAME, ResilientFileHandler(folder / LOG_NAME, echoed=echoed), None
    except OSError as exc:
        fallback = Path(tempfile.gettempdir()) / "kiosk-logs" / LOG_NAME
        return fallback, ResilientFileHandler(fallback, echoed=echoed), (folder, exc)


def _stderr() -> TextIO | None:
    return sys.stderr  # looked up at each use: None under pythonw, replaced by tests


class ResilientFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file, which never stops the show nor prints a traceback.

    When the file cannot be written (disk full, folder made read-only or deleted, a file
    where the folder should be), the lines go to standard error instead (the journal under
    systemd; a file in the temporary folder when there is no standard error), and that is
    said there once, with the reason. The file is tried again at most every ``retry_s``
    seconds; when it works, one line in it says so and the lines go there again.
    The standard handler would print a traceback for every line instead, and lose them.

    ``echoed``: another handler already copies every line to standard error (--verbose),
    so only the notices go there. ``clock`` (monotonic seconds) is injected for the tests.
    """

    def __init__(
        self,
        path: Path,
        *,
        echoed: bool = False,
        retry_s: float = RETRY_S,
        clock: Callable[[], float] = time.monotonic,
        fallback: Callable[[], TextIO | None] = _stderr,
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        self._echoed = echoed
        self._retry_s = retry_s
        self._clock = clock
        self._fallback = fallback
        self._spare: TextIO | None = None  # the temporary folder's file, when stderr fails
        self._spare_failed = False
        self._down_since: float | None = None  # when the file failed; None: it works
        self._retry_at = 0.0
        self._missed = 0  # lines that went to the fallback while the file was down

    @property
    def down(self) -> bool:
        """Whether the lines go to the fallback now, not to the file."""
        return self._down_since is not None

    def _open(self) -> io.TextIOWrapper:
        # The folder may have been deleted since the start: made again, as at the start.
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:  # called with the handler's lock held
        text = self._format(record)
        now = self._clock()
        if self._down_since is not None:
            if now < self._retry_at:
                self._to_fallback(text, record=True)
                return
            if not self._try_again(now):
                self._to_fallback(text, record=True)
                return
        try:
            self._follow_path()
            if self.shouldRollover(record):
                self.doRollover()
            self._write(text)
        except OSError as exc:
            self._fail(exc, now)
            self._to_fallback(text, record=True)

    def _format(self, record: logging.LogRecord) -> str:
        try:
            return self.format(record)
        except Exception:  # a bad %-format in some call: the line, not a traceback
            return f"{record.levelname} {record.name}: {record.msg!r} % {record.args!r}"

    def _write(self, text: str) -> None:
        stream = self.stream if self.stream is not None else self._open()
        self.stream = stream
        stream.write(text + self.terminator)
        stream.flush()  # now, so a full disk is seen on this line, not at exit

    def _follow_path(self) -> None:
        """A log file deleted or replaced under us (folder removed, rotated by hand): reopen,
        instead of writing on into a file nobody can read any more."""
        if self.stream is None:
            return
        try:
            on_disk = os.stat(self.baseFilename)
        except FileNotFoundError:
            on_disk = None
        ours = os.fstat(self.stream.fileno())
        if on_disk is None or (on_disk.st_dev, on_disk.st_ino) != (ours.st_dev, ours.st_ino):
            self._drop_stream()

    def _drop_stream(self) -> None:
        stream, self.stream = self.stream, None
        if stream is not None:
            with suppress(OSError, ValueError):  # unflushed lines on a full disk: lost anyway
                stream.close()

    def _fail(self, exc: OSError, now: float) -> None:
        self._drop_stream()
        self._down_since, self._retry_at, self._missed = now, now + self._retry_s, 0
        reason = exc.strerror or str(exc)
        self._to_fallback(
            self._notice(
                f"log file {self.baseFilename} cannot be written ({reason}):"
                f" logging to {self._fallback_name()} until it can"
            )
        )

    def _try_again(self, now: float) -> bool:
        self._drop_stream()
        try:
            self.stream = self._open()
            down_s = now - (self._down_since or now)
            self._write(
                self._notice(
                    f"log file writable again after {down_s:.0f} s; {self._missed} lines"
                    f" went to {self._fallback_name()} meanwhile"
                )
            )
        except OSError:
            self._drop_stream()
            self._retry_at = now + self._retry_s
            return False
        self._to_fallback(self._notice(f"logging to {self.baseFilename} again"))
        self._down_since = None
        return True

    def _notice(self, text: str) -> str:
        notice = logging.LogRecord(__name__, logging.WARNING, __file__, 0, text, None, None)
        return self._format(notice)

    def _fallback_name(self) -> str:
        if not self._spare_failed and self._spare is None and self._fallback() is not None:
            return "standard error"
        return str(self._spare_path())

    def _spare_path(self) -> Path:
        return Path(tempfile.gettempdir()) / "kiosk-logs" / f"kiosk-{os.getpid()}.log"

    def _to_fallback(self, text: str, record: bool = False) -> None:
        """Write a line to standard error, else to the temporary folder; never raise."""
        if record:
            self._missed += 1
            if self._echoed and self._spare is None:
                return  # --verbose: the stderr handler writes it there already
        stream = self._fallback() if self._spare is None else None
        if stream is not None:
            try:
                stream.write(text + "\n")
                stream.flush()
                return
            except (OSError, ValueError, AttributeError):
                pass  # stderr closed or gone: the temporary folder's file, below
        self._write_spare(text)

    def _write_spare(self, text: str) -> None:
        if self._spare_failed:
            return  # nowhere left to write: the show goes on without logs
        try:
            if self._spare is None:
                path = self._spare_path()
                path.parent.mkdir(parents=True, exist_ok=True)
                self._spare = path.open("a", encoding="utf-8")
                self._spare.write(
                    self._notice(f"log file {self.baseFilename} cannot be written: logging here")
                    + "\n"
                )
            self._spare.write(text + "\n")
            self._spare.flush()
        except (OSError, ValueError):
            self._spare_failed = True

    def close(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            self._drop_stream()
            if self._spare is not None:
                with suppress(OSError, ValueError):
                    self._spare.close()
                self._spare = None
        # Closed already: the base class only unregisters it (and must not flush).
        with suppress(OSError, ValueError):
            super().close()


def describe_platform() -> str:
    """``platform.platform()``'s text, without the ``uname -p`` process it starts on Linux.

    That process (some 10 ms, before the cover) only fills in the processor, which
    ``platform`` leaves out anyway where ``uname -p`` says "unknown" or repeats the machine
    (Debian, Ubuntu, Raspberry Pi OS): the kernel's names and the C library say the rest.
    Elsewhere ``platform`` itself answers.
    """
    if not sys.platform.startswith("linux"):
        import platform

        return platform.platform()
    uname = os.uname()
    parts = [uname.sysname, uname.release, uname.machine]
    try:  # how platform.libc_ver() asks, without reading the interpreter's binary
        libc = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError):
        libc = ""
    if libc:
        parts += ["with", libc.replace(" ", "", 1)]
    return "-".join(parts)


def python_version() -> str:
    """``platform.python_version()`` (``3.11.7``, ``3.12.0rc1``), from ``sys.version``."""
    return sys.version.split()[0]


def log_startup_banner(
    version: str,
    deck: Path | str,
    screen: int | str,
    settings_file: Path | None,
    platform_text: str | None = None,
) -> None:
    """The first lines of every run: what ran, on what, with which settings, and no network.

    ``screen`` is the number or a description such as ``"0: HDMI-1 1920x1080"``;
    ``settings_file`` is ``None`` when no file was found (defaults used);
    ``platform_text`` is :func:`describe_platform`'s, worked out here when not given.
    """
    from kiosk import BUNDLED_DECK  # here: kiosk/__init__ imports nothing of ours

    deck_text = f"{deck} (bundled)" if Path(deck) == BUNDLED_DECK else str(deck)
    lines = [
        f"kiosk {version} starting (pid {os.getpid()})",
        f"python {python_version()} on {platform_text or describe_platform()}",
        f"deck: {deck_text}",
        f"screen: {screen}",
        f"settings: {settings_file if settings_file else 'none found, defaults used'}",
        "network: not used",
    ]
    for line in lines:
        banner_log.info("%s", line)


# --- crashes ---------------------------------------------------------------------------------


def install_excepthook(fault_file: Path | None = None) -> Callable[[], None]:
    """Log every uncaught exception instead of printing it, and let the show go on.

    Covers the main thread (``sys.excepthook``, which PySide calls for an exception in a
    slot), other threads (``threading.excepthook``) and exceptions Python cannot raise
    anywhere (``sys.unraisablehook``, e.g. in ``__del__``). Nothing is shown, nothing exits.
    With ``fault_file``, a hard crash (segfault in Qt or a driver) dumps every thread's
    Python stack there, for the next start to find.

    Returns a function that puts the previous hooks back (for tests, and a clean exit).
    """
    previous = (sys.excepthook, threading.excepthook, sys.unraisablehook)

    def main_hook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            crash_log.info("interrupted")
            return
        crash_log.critical("uncaught exception; the show goes on", exc_info=(kind, value, tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # a thread's normal way out
            return
        name = args.thread.name if args.thread else "unknown thread"
        crash_log.critical(
            "uncaught exception in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
        )

    def unraisable_hook(args: sys.UnraisableHookArgs) -> None:
        value = args.exc_value or args.exc_type()
        crash_log.error(
            "%s: %r",
            args.err_msg or "exception ignored",
            args.object,
            exc_info=(args.exc_type, value, args.exc_traceback),
        )

    sys.excepthook = main_hook
    threading.excepthook = thread_hook
    sys.unraisablehook = unraisable_hook

    fault_stream: TextIO | None = None
    if fault_file is not None:
        try:
            fault_file.parent.mkdir(parents=True, exist_ok=True)
            # Kept open for the process's life: faulthandler writes with no Python running.
            fault_stream = fault_file.open("a", encoding="utf-8")
            faulthandler.enable(file=fault_stream, all_threads=True)
        except OSError as exc:
            log.warning("no crash dump file %s: %s", fault_file, exc)

    def uninstall() -> None:
        sys.excepthook, threading.excepthook, sys.unraisablehook = previous
        if fault_stream is not None:
            faulthandler.disable()
            fault_stream.close()

    return uninstall


# --- Qt's own messages -----------------------------------------------------------------------


def route_qt_messages() -> AbstractContextManager[None]:
    """Within the block, Qt's messages (QML warnings, platform notes) go to ``logging``.

    The work is :func:`kiosk.qt.logbridge.qt_messages_to_logging` (logger
    ``kiosk.qt.messages``, QtMsgType mapped to logging levels), which ``kiosk.show.run``
    already wraps around the show; this is the same thing, named from here, imported late so
    this module works without Qt.
    """
    from kiosk.qt.logbridge import qt_messages_to_logging

    return qt_messages_to_logging()


# --- reading it back -------------------------------------------------------------------------


def tail(path: Path, n: int) -> list[str]:
    """The last ``n`` lines of the log at ``path`` (without line ends); ``[]`` if none.

    Reads backwards from the end in blocks, so a 1 MB log costs a few kilobytes to read.
    """
    if n <= 0:
        return []
    block = 8192
    try:
        with path.open("rb") as stream:
            end = stream.seek(0, os.SEEK_END)
            data = b""
            position = end
            # n + 1 line ends: the first line read may be cut in the middle.
            while position > 0 and data.count(b"\n") <= n:
                step = min(block, position)
                position -= step
                stream.seek(position)
                data = stream.read(step) + data
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[-n:]
