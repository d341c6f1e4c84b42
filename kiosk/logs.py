"""Logging: a rotating file in the state folder, Qt's messages routed in, a crash handler.

Call order at start (the composition root does it): :func:`setup_logging`, then
:func:`install_excepthook`, then :func:`log_startup_banner`; wrap the Qt event loop in
:func:`route_qt_messages`. The staff status panel reads :func:`tail` of the returned path.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import tempfile
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import TextIO

LOG_NAME = "kiosk.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000  # per file: days of a booth at "info", and quick to open
BACKUP_COUNT = 5  # kiosk.log.1 … kiosk.log.5 kept besides the current file
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
    to the temporary folder, so logging never stops the show. Python warnings are logged too.
    """
    numeric = LEVELS.get(level.lower())
    if numeric is None:
        raise ValueError(f"log level must be one of {', '.join(LEVELS)}, not {level!r}")
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()

    formatter = logging.Formatter(FORMAT)
    path, file_handler, problem = _open_log_file(log_dir(state_dir))
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


def _open_log_file(
    folder: Path,
) -> tuple[Path, logging.Handler, tuple[Path, OSError] | None]:
    try:
        return folder / LOG_NAME, _rotating(folder), None
    except OSError as exc:
        fallback = Path(tempfile.gettempdir()) / "kiosk-logs"
        return fallback / LOG_NAME, _rotating(fallback), (folder, exc)


def _rotating(folder: Path) -> logging.Handler:
    folder.mkdir(parents=True, exist_ok=True)
    return logging.handlers.RotatingFileHandler(
        folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def describe_platform_soon() -> Callable[[], str]:
    """Start working out ``platform.platform()`` on a thread; return a function that waits for it.

    On Linux it runs `uname -p`: some 10 ms, mostly spent waiting for that process, which
    the start of the show need not wait for; the banner collects the answer.
    """
    found: list[str] = []
    thread = threading.Thread(
        target=lambda: found.append(platform.platform()), name="platform-probe", daemon=True
    )
    thread.start()

    def wait() -> str:
        thread.join()
        return found[0] if found else platform.platform()

    return wait


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
    ``platform_text`` is ``platform.platform()``, worked out here when not given.
    """
    from kiosk import BUNDLED_DECK  # here: kiosk/__init__ imports nothing of ours

    deck_text = f"{deck} (bundled)" if Path(deck) == BUNDLED_DECK else str(deck)
    lines = [
        f"kiosk {version} starting (pid {os.getpid()})",
        f"python {platform.python_version()} on {platform_text or platform.platform()}",
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
    ``kiosk.qt.messages``, QtMsgType mapped to logging levels), which ``kiosk.app.run``
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
