"""Process signals for a running show: SIGHUP reloads, the stopping signals end it cleanly.

Also the exit status a show reports after stopping on a signal (:func:`signal_exit_status`).
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


# Signals that end the show cleanly, the screen released and the statistics flushed: the
# usual stops (exit status 0), then every other catchable one whose default action would kill
# the process with nothing logged (exit status 128 + its number, as a shell reports a death
# by signal: systemd's Restart=on-failure starts the show again). Not SIGPIPE nor SIGXFSZ
# (Python ignores them), nor the faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT: the crash
# file's, kiosk.logs), nor those whose default is to ignore (SIGCHLD, SIGWINCH, SIGURG…).
# getattr: Windows has only SIGINT, SIGTERM and SIGBREAK of these.
CLEAN_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name)
)
STOP_SIGNALS = CLEAN_STOP_SIGNALS + tuple(
    getattr(signal, name)
    for name in (
        "SIGUSR1",
        "SIGUSR2",
        "SIGQUIT",
        "SIGALRM",
        "SIGVTALRM",
        "SIGPROF",
        "SIGXCPU",
        "SIGIO",
        "SIGPWR",
        "SIGBREAK",
    )
    if hasattr(signal, name)
)
SIGNAL_EXIT_BASE = 128


def signal_exit_status(signum: int) -> int:
    """The show's exit status after stopping on ``signum``: 0 for SIGINT and SIGTERM (asked
    for), 128 + the number for the others (a failure, as a death by that signal)."""
    return 0 if signum in CLEAN_STOP_SIGNALS else SIGNAL_EXIT_BASE + signum


@contextmanager
def quit_on_signals(
    app: QGuiApplication, reload: Callable[[], None] | None = None
) -> Iterator[None]:
    """Within the block, a signal never kills the show unlogged: SIGHUP calls ``reload``
    (the daemons' convention: read the deck and the settings again); the STOP_SIGNALS quit
    the event loop cleanly, with the exit status of :func:`signal_exit_status`.

    Python only runs its signal handlers between bytecodes, and Qt's loop may sleep for
    hours on a static slide; a wake-up socket watched by Qt wakes it, with no polling. The
    work itself is queued to the event loop: a Python signal handler may run in the middle
    of any other Python code, logging included.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def drain() -> None:
        with suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)

    def stop(signum: int) -> None:
        name = signal.Signals(signum).name
        if signum in CLEAN_STOP_SIGNALS:
            log.info("stopping on %s", name)
        else:
            log.warning("stopping on %s (signal %d)", name, signum)
        app.exit(signal_exit_status(signum))

    def hang_up() -> None:
        if reload is None:
            log.info("SIGHUP: nothing to reload in this show")
            return
        try:
            reload()
        except Exception:  # never the end of the show
            log.exception("SIGHUP: the reload failed")

    def on_signal(signum: int, _frame: object) -> None:
        action = hang_up if signum == hup else lambda: stop(signum)
        QTimer.singleShot(0, app, action)

    hup = getattr(signal, "SIGHUP", None)
    caught = STOP_SIGNALS + ((hup,) if hup is not None else ())
    handlers = {sig: signal.signal(sig, on_signal) for sig in caught}
    try:
        yield
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()
