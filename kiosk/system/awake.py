"""Keeping the screen awake while the show runs, with the platform's own mechanism.

:class:`ScreenAwake` asks the platform not to blank the screen or sleep, and gives it back:

- **Linux**: ``org.freedesktop.ScreenSaver.Inhibit`` over the session bus (GNOME, KDE, Xfce,
  Cinnamon, MATE), then ``org.freedesktop.PowerManagement.Inhibit``, both with QtDBus on a
  private connection; then, on a bare X server, ``xset s off -dpms`` (the previous values are
  put back on release).
- **Windows**: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED |
  ES_SYSTEM_REQUIRED)``, cleared with ``ES_CONTINUOUS`` alone.
- **macOS**: ``caffeinate -d -i -w <our pid>``, stopped on release.

Every attempt is logged; :meth:`ScreenAwake.acquire` returns one line saying what worked or
why nothing did, for the start banner and the staff status. When the process dies without
releasing, the D-Bus services drop a vanished client's inhibitions, Windows clears a dead
thread's state and ``caffeinate -w`` exits with us; only the ``xset`` fallback outlives a
crash (the next start does the same again, and a log-out resets it).
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

APP_NAME = "kiosk"
REASON = "Booth presentation running"
# A D-Bus service that does not answer must not hold the show's start for long.
DBUS_TIMEOUT_MS = 2_000
COMMAND_TIMEOUT_S = 5.0

# winbase.h
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002

NOT_ACQUIRED = "not inhibited: not asked yet"


@dataclass(frozen=True, slots=True)
class DBusInhibitor:
    """A D-Bus service with ``Inhibit(s application, s reason) -> u cookie`` and
    ``UnInhibit(u cookie)``."""

    service: str
    path: str
    interface: str


SCREENSAVER = DBusInhibitor(
    "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"
)
POWER_MANAGEMENT = DBusInhibitor(
    "org.freedesktop.PowerManagement",
    "/org/freedesktop/PowerManagement/Inhibit",
    "org.freedesktop.PowerManagement.Inhibit",
)
DBUS_INHIBITORS = (SCREENSAVER, POWER_MANAGEMENT)

BusFactory = Callable[[], "QDBusConnection"]
Runner = Callable[..., "subprocess.CompletedProcess[str]"]


class ScreenAwake:
    """Inhibits the screensaver and display sleep between :meth:`acquire` and :meth:`release`.

    Every argument after the first two is for tests: ``platform`` is a ``sys.platform`` value;
    ``bus`` opens a *private* session-bus connection (one this object may close: closing it
    is what makes the D-Bus services forget us for sure); ``kernel32`` stands for
    ``ctypes.windll.kernel32``; ``which``, ``run``, ``popen``, ``environ`` and ``pid`` for
    their ``shutil``, ``subprocess`` and ``os`` namesakes. Usable as a context manager.
    """

    def __init__(
        self,
        app_name: str = APP_NAME,
        reason: str = REASON,
        *,
        platform: str = sys.platform,
        bus: BusFactory | None = None,
        kernel32: Any = None,
        which: Callable[[str], str | None] = shutil.which,
        run: Runner = subprocess.run,
        popen: Callable[..., Any] = subprocess.Popen,
        environ: Mapping[str, str] | None = None,
        pid: int | None = None,
    ) -> None:
        self._app_name = app_name
        self._reason = reason
        self._platform = platform
        self._bus_factory = bus
        self._kernel32 = kernel32
        self._which = which
        self._run = run
        self._popen = popen
        self._environ = os.environ if environ is None else environ
        self._pid = os.getpid() if pid is None else pid
        self._outcome = NOT_ACQUIRED
        self._undo: Callable[[], None] | None = None

    # --- what the app reads ------------------------------------------------------------

    @property
    def active(self) -> bool:
        """Whether an inhibition is held now."""
        return self._undo is not None

    @property
    def outcome(self) -> str:
        """One line: how the screen is kept awake, or why it is not (for the staff status)."""
        return self._outcome

    # --- acquire and release -----------------------------------------------------------

    def acquire(self) -> str:
        """Inhibit the screensaver and display sleep; return a one-line outcome. Never raises.

        Calling it again while active changes nothing.
        """
        if self._undo is not None:
            return self._outcome
        reasons: list[str] = []
        try:
            if self._platform.startswith("linux") or "bsd" in self._platform:
                done = self._dbus(reasons) or self._xset(reasons)
            elif self._platform == "win32":
                done = self._windows(reasons)
            elif self._platform == "darwin":
                done = self._caffeinate(reasons)
            else:
                reasons.append(f"no known mechanism on {self._platform}")
                done = None
        except Exception as error:  # a broken platform API must not stop the show
            log.exception("screen awake: unexpected failure")
            reasons.append(f"unexpected failure: {error}")
            done = None
        if done is None:
            self._outcome = "not inhibited: " + ("; ".join(reasons) or "no mechanism")
            log.warning("screen awake: %s (the screen may blank)", self._outcome)
        else:
            self._outcome, self._undo = done
            log.info("screen awake: %s", self._outcome)
        return self._outcome

    def release(self) -> None:
        """Give the inhibition back, if one is held. Never raises; calling it twice is fine."""
        undo, self._undo = self._undo, None
        if undo is None:
            return
        try:
            undo()
        except Exception:
            log.exception("screen awake: could not release the inhibition")
        self._outcome = "released"
        log.info("screen awake: released")

    def __enter__(self) -> ScreenAwake:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()

    # --- Linux: D-Bus -----------------------------------------------------------------

    def _dbus(self, reasons: list[str]) -> tuple[str, Callable[[], None]] | None:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

        bus = self._bus_factory() if self._bus_factory else _private_session_bus(id(self))
        if not bus.isConnected():
            why = bus.lastError().message() or "not connected"
            log.info("screen awake: no session bus (%s)", why)
            reasons.append(f"no session bus ({why})")
            QDBusConnection.disconnectFromBus(bus.name())
            return None
        for target in DBUS_INHIBITORS:
            call = QDBusMessage.createMethodCall(
                target.service, target.path, target.interface, "Inhibit"
            )
            call.setArguments([self._app_name, self._reason])
            reply = bus.call(call, QDBus.CallMode.Block, DBUS_TIMEOUT_MS)
            values = reply.arguments()
            if (
                reply.type() == QDBusMessage.MessageType.ReplyMessage
                and values
                and isinstance(values[0], int)
            ):
                cookie = int(values[0])
                log.info("screen awake: Inhibit on %s gave cookie %d", target.interface, cookie)
                release = _DBusRelease(bus, target, cookie)
                return f"inhibited via {target.interface} (cookie {cookie})", release
            why = reply.errorMessage() or reply.errorName() or f"unexpected reply {values!r}"
            log.info("screen awake: Inhibit on %s failed: %s", target.interface, why)
            reasons.append(f"{target.interface}: {why}")
        QDBusConnection.disconnectFromBus(bus.name())
        return None

    # --- Linux: a bare X server -------------------------------------------------------

    def _xset(self, reasons: list[str]) -> tuple[str, Callable[[], None]] | None:
        xset = self._which("xset")
        display = self._environ.get("DISPLAY", "")
        if not xset:
            reasons.append("no xset program")
            return None
        if not display:
            reasons.append("no X display for xset")
            return None
        query = self._command([xset, "q"])
        restore = _xset_restore(query.stdout if query and query.returncode == 0 else "")
        done = self._command([xset, "s", "off", "-dpms"])
        if done is None or done.returncode != 0:
            why = (done.stderr.strip() if done else "") or "failed"
            log.info("screen awake: xset s off -dpms: %s", why)
            reasons.append(f"xset: {why}")
            return None
        log.info("screen awake: xset s off -dpms on %s (restore: xset %s)", display, restore)

        def undo() -> None:
            for arguments in restore:
                self._command([xset, *arguments])

        return f"inhibited via xset s off -dpms on {display}", undo

    def _command(self, argv: list[str]) -> subprocess.CompletedProcess[str] | None:
        try:
            return self._run(
                argv, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False
            )
        except (OSError, subprocess.SubprocessError) as error:
            log.info("screen awake: %s: %s", " ".join(argv), error)
            return None

    # --- Windows ----------------------------------------------------------------------

    def _windows(self, reasons: list[str]) -> tuple[str, Callable[[], None]] | None:
        kernel32 = self._kernel32 or ctypes.windll.kernel32  # type: ignore[attr-defined]
        flags = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED
        # Per thread: this is the GUI thread, which lives as long as the show.
        if not kernel32.SetThreadExecutionState(flags):
            log.info("screen awake: SetThreadExecutionState(0x%08x) failed", flags)
            reasons.append("SetThreadExecutionState failed")
            return None

        def undo() -> None:
            kernel32.SetThreadExecutionState(ES_CONTINUOUS)

        return "inhibited via SetThreadExecutionState (display and system required)", undo

    # --- macOS ------------------------------------------------------------------------

    def _caffeinate(self, reasons: list[str]) -> tuple[str, Callable[[], None]] | None:
        caffeinate = self._which("caffeinate")
        if not caffeinate:
            reasons.append("no caffeinate program")
            return None
        # -d display, -i idle sleep; -w: it exits by itself when we do, even after a crash.
        argv = [caffeinate, "-d", "-i", "-w", str(self._pid)]
        try:
            process = self._popen(
                argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        except OSError as error:
            reasons.append(f"caffeinate: {error}")
            return None
        log.info("screen awake: %s (pid %s)", " ".join(argv), process.pid)

        def undo() -> None:
            process.terminate()
            try:
                process.wait(timeout=COMMAND_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()

        return f"inhibited via caffeinate (pid {process.pid})", undo


class _DBusRelease:
    """Calls ``UnInhibit(cookie)``, then closes the private connection.

    ``UnInhibit`` takes a D-Bus ``uint32``, which PySide cannot build from a Python int in a
    plain message (it sends ``int32``, and the services refuse the signature). The
    introspected interface's ``UnInhibit(uint)`` method marshals it right, so it is called
    through Qt's meta-object; closing the connection then makes sure the inhibition goes,
    since every implementation drops the inhibitions of a client that leaves the bus.
    """

    def __init__(self, bus: QDBusConnection, target: DBusInhibitor, cookie: int) -> None:
        self.bus = bus
        self.target = target
        self.cookie = cookie

    def __call__(self) -> None:
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        target = self.target
        try:
            interface = QDBusInterface(target.service, target.path, target.interface, self.bus)
            interface.setTimeout(DBUS_TIMEOUT_MS)
            # Only what introspection declared: invoking a missing method is a Qt warning.
            known = interface.isValid() and (
                interface.metaObject().indexOfMethod("UnInhibit(uint)") >= 0
            )
            if known:
                QMetaObject.invokeMethod(
                    interface,
                    "UnInhibit",
                    Qt.ConnectionType.DirectConnection,
                    Q_ARG("uint", self.cookie),
                )
            error = interface.lastError()
            if known and not error.isValid():
                log.info("screen awake: UnInhibit(%d) on %s done", self.cookie, target.interface)
            else:
                why = error.message() if error.isValid() else "UnInhibit(u) not introspectable"
                log.info(
                    "screen awake: UnInhibit(%d) on %s failed (%s); leaving the bus releases it",
                    self.cookie,
                    target.interface,
                    why,
                )
        finally:
            QDBusConnection.disconnectFromBus(self.bus.name())


def _private_session_bus(key: int) -> QDBusConnection:
    """A connection of our own to the session bus, so closing it touches nobody else's."""
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.connectToBus(
        QDBusConnection.BusType.SessionBus, f"kiosk-screen-awake-{key:x}"
    )


_XSET_SAVER = re.compile(r"timeout:\s*(\d+)\s+cycle:\s*(\d+)")


def _xset_restore(query: str) -> list[list[str]]:
    """The ``xset`` arguments that put back what ``xset q`` reported (the defaults if unread)."""
    saver = _XSET_SAVER.search(query)
    restore = [["s", saver.group(1), saver.group(2)]] if saver else [["s", "on"]]
    if "DPMS is Disabled" not in query:
        restore.append(["+dpms"])
    return restore
