"""Keeping the screen awake while the show runs, with the platform's own mechanism.

:class:`ScreenAwake` asks the platform not to blank the screen or sleep, and gives it back:

- **Linux**: ``org.freedesktop.ScreenSaver.Inhibit`` over the session bus (GNOME, KDE, Xfce,
  Cinnamon, MATE); then xdg-desktop-portal's ``org.freedesktop.portal.Inhibit`` with the
  *idle* flag (Wayland compositors and sandboxes: GNOME, KDE, wlroots with a portal
  backend); then ``org.freedesktop.PowerManagement.Inhibit``; all with QtDBus on a private
  connection; then, on a bare X server, ``xset s off -dpms`` (the previous values are put
  back on release).
- **Windows**: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED |
  ES_SYSTEM_REQUIRED)``, cleared with ``ES_CONTINUOUS`` alone.
- **macOS**: ``caffeinate -d -i -w <our pid>``, stopped on release.

Every attempt is logged; :meth:`ScreenAwake.acquire` returns one line saying what worked or,
beginning "the screen may blank: ", why nothing did, for the log and the staff status. When
the process dies without releasing, the D-Bus services drop a vanished client's
inhibitions, Windows clears a dead thread's state and ``caffeinate -w`` exits with us; only
the ``xset`` fallback outlives a crash (the next start does the same again, and a log-out
resets it).
"""

from __future__ import annotations

import ctypes
import itertools
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

from kiosk.staffstatus import StaffWords, staff_words

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

# xdg-desktop-portal: Inhibit(s window, u flags, a{sv} options) -> o request handle; the
# inhibition lasts until Request.Close on that handle (or until we leave the bus).
PORTAL = DBusInhibitor(
    "org.freedesktop.portal.Desktop",
    "/org/freedesktop/portal/desktop",
    "org.freedesktop.portal.Inhibit",
)
PORTAL_REQUEST = "org.freedesktop.portal.Request"
PORTAL_INHIBIT_IDLE = 8  # flags: 1 logout, 2 user switch, 4 suspend, 8 idle (blanking)
MAY_BLANK = "the screen may blank: "
_tokens = itertools.count(1)

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
        """One line: how the screen is kept awake, or why it is not (for the log)."""
        return self._outcome

    @property
    def staff_words(self) -> StaffWords:
        """The same for the staff panel: what keeps the screen on, by its name, or that
        nothing does (the reasons, in their programs' own words, are in the log)."""
        if self._undo is not None:
            mechanism = self._outcome.removeprefix("inhibited via ").split(" ", 1)[0]
            return staff_words("kept on by %1", mechanism)
        if self._outcome.startswith(MAY_BLANK):
            return staff_words("the screen may blank: nothing here keeps it on (see the log)")
        if self._outcome == NOT_ACQUIRED:
            return staff_words("not asked yet")
        return staff_words("released")

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
            self._outcome = MAY_BLANK + ("; ".join(reasons) or "no mechanism")
            log.warning("screen awake: %s", self._outcome)
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
            if target is POWER_MANAGEMENT:
                # Before it: PowerManagement keeps the machine up, not always the screen.
                done = self._portal(reasons)
                if done is not None:
                    QDBusConnection.disconnectFromBus(bus.name())
                    return done
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

    def _portal(self, reasons: list[str]) -> tuple[str, Callable[[], None]] | None:
        """xdg-desktop-portal's Inhibit with the idle flag, if the session has the portal.

        Through libdbus, not QtDBus: the flags are a D-Bus uint32, which PySide cannot put in
        a plain message (it sends an int32, and the portal refuses the signature), and the
        portal's introspection (an a{sv} without Qt's type annotation) leaves QtDBus no
        typed method to call either.
        """
        address = self._session_address()
        if not address:
            reasons.append(f"{PORTAL.interface}: no session bus address")
            return None
        client: _LibDBus | None = None
        try:
            client = _LibDBus.connect(address)
            handle = client.portal_inhibit(PORTAL_INHIBIT_IDLE, self._reason, DBUS_TIMEOUT_MS)
        except _LibDBusError as error:
            log.info("screen awake: Inhibit on %s failed: %s", PORTAL.interface, error)
            reasons.append(f"{PORTAL.interface}: {error}")
            if client is not None:
                client.close()
            return None
        held = client
        log.info("screen awake: Inhibit (idle) on %s gave request %s", PORTAL.interface, handle)

        def undo() -> None:
            try:
                held.call(PORTAL.service, handle, PORTAL_REQUEST, "Close", DBUS_TIMEOUT_MS)
                log.info("screen awake: request %s closed", handle)
            except _LibDBusError as error:
                log.info(
                    "screen awake: closing %s failed (%s); leaving the bus releases it",
                    handle,
                    error,
                )
            finally:
                held.close()

        return f"inhibited via {PORTAL.interface} (idle, request {handle})", undo

    def _session_address(self) -> str:
        address = self._environ.get("DBUS_SESSION_BUS_ADDRESS", "")
        runtime = self._environ.get("XDG_RUNTIME_DIR", "")
        if not address and runtime and os.path.exists(os.path.join(runtime, "bus")):
            address = "unix:path=" + os.path.join(runtime, "bus")  # systemd's user bus
        return address

    # --- Linux: a bare X server -------------------------------------------------------

    def _xset(self, reasons: list[str]) -> tuple[str, Callable[[], None]] | None:
        xset = self._which("xset")
        display = self._environ.get("DISPLAY", "")
        if not xset:
            reasons.append("no xset program")
            return None
        if self._environ.get("WAYLAND_DISPLAY") or self._environ.get("XDG_SESSION_TYPE") == (
            "wayland"
        ):
            # xset would only reach XWayland and report a success that changes nothing.
            reasons.append("xset cannot reach a Wayland compositor's blanking")
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


class _LibDBusError(Exception):
    """A libdbus call failed (its message says why)."""


class _DBusErrorStruct(ctypes.Structure):
    _fields_ = (  # dbus-errors.h: two strings, a word of bit fields, a pointer
        ("name", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("dummy", ctypes.c_uint),
        ("padding", ctypes.c_void_p),
    )


_ITER_SIZE = 256  # DBusMessageIter is 72 bytes on 64-bit systems: room to spare
_TYPE = {name: ord(name) for name in "soauve"}  # D-Bus type codes are their letters


class _LibDBus:
    """A private libdbus connection, just enough for the portal's Inhibit and Close."""

    _lib: Any = None

    def __init__(self, connection: int) -> None:
        self.connection = connection

    @classmethod
    def _library(cls) -> Any:
        if cls._lib is None:
            import ctypes.util

            name = ctypes.util.find_library("dbus-1") or "libdbus-1.so.3"
            try:
                lib = ctypes.CDLL(name)
            except OSError as error:
                raise _LibDBusError(f"no libdbus ({error})") from error
            pointer, text = ctypes.c_void_p, ctypes.c_char_p
            for function, result, arguments in (
                ("dbus_threads_init_default", ctypes.c_int, ()),
                ("dbus_error_init", None, (pointer,)),
                ("dbus_error_free", None, (pointer,)),
                ("dbus_connection_open_private", pointer, (text, pointer)),
                ("dbus_connection_set_exit_on_disconnect", None, (pointer, ctypes.c_int)),
                ("dbus_connection_close", None, (pointer,)),
                ("dbus_connection_unref", None, (pointer,)),
                ("dbus_bus_register", ctypes.c_int, (pointer, pointer)),
                ("dbus_message_new_method_call", pointer, (text, text, text, text)),
                ("dbus_message_unref", None, (pointer,)),
                ("dbus_message_iter_init_append", None, (pointer, pointer)),
                ("dbus_message_iter_append_basic", ctypes.c_int, (pointer, ctypes.c_int, pointer)),
                (
                    "dbus_message_iter_open_container",
                    ctypes.c_int,
                    (pointer, ctypes.c_int, text, pointer),
                ),
                ("dbus_message_iter_close_container", ctypes.c_int, (pointer, pointer)),
                ("dbus_message_iter_init", ctypes.c_int, (pointer, pointer)),
                ("dbus_message_iter_get_arg_type", ctypes.c_int, (pointer,)),
                ("dbus_message_iter_get_basic", None, (pointer, pointer)),
                (
                    "dbus_connection_send_with_reply_and_block",
                    pointer,
                    (pointer, pointer, ctypes.c_int, pointer),
                ),
            ):
                getattr(lib, function).restype = result
                getattr(lib, function).argtypes = arguments
            lib.dbus_threads_init_default()  # Qt's D-Bus shares this library in-process
            cls._lib = lib
        return cls._lib

    @classmethod
    def connect(cls, address: str) -> _LibDBus:
        lib = cls._library()
        error = _DBusErrorStruct()
        lib.dbus_error_init(ctypes.byref(error))
        connection = lib.dbus_connection_open_private(address.encode(), ctypes.byref(error))
        if not connection:
            raise _LibDBusError(_take(lib, error) or f"cannot connect to {address}")
        client = cls(connection)
        lib.dbus_connection_set_exit_on_disconnect(connection, 0)  # never exit the show
        if not lib.dbus_bus_register(connection, ctypes.byref(error)):
            client.close()
            raise _LibDBusError(_take(lib, error) or "cannot register on the bus")
        return client

    def portal_inhibit(self, flags: int, reason: str, timeout_ms: int) -> str:
        """Inhibit(s "", u flags, a{sv} {handle_token, reason}) -> the request's path."""
        lib = self._library()
        message = lib.dbus_message_new_method_call(
            PORTAL.service.encode(), PORTAL.path.encode(), PORTAL.interface.encode(), b"Inhibit"
        )
        if not message:
            raise _LibDBusError("out of memory")
        try:
            top = ctypes.create_string_buffer(_ITER_SIZE)
            lib.dbus_message_iter_init_append(message, top)
            _append_string(lib, top, "")  # no parent window to name
            value = ctypes.c_uint32(flags)
            lib.dbus_message_iter_append_basic(top, _TYPE["u"], ctypes.byref(value))
            options = ctypes.create_string_buffer(_ITER_SIZE)
            lib.dbus_message_iter_open_container(top, _TYPE["a"], b"{sv}", options)
            token = f"kiosk_{os.getpid()}_{next(_tokens)}"
            for key, text in (("handle_token", token), ("reason", reason)):
                entry = ctypes.create_string_buffer(_ITER_SIZE)
                variant = ctypes.create_string_buffer(_ITER_SIZE)
                lib.dbus_message_iter_open_container(options, _TYPE["e"], None, entry)
                _append_string(lib, entry, key)
                lib.dbus_message_iter_open_container(entry, _TYPE["v"], b"s", variant)
                _append_string(lib, variant, text)
                lib.dbus_message_iter_close_container(entry, variant)
                lib.dbus_message_iter_close_container(options, entry)
            lib.dbus_message_iter_close_container(top, options)
            reply = self._send(message, timeout_ms)
        finally:
            lib.dbus_message_unref(message)
        try:
            reader = ctypes.create_string_buffer(_ITER_SIZE)
            if not (
                lib.dbus_message_iter_init(reply, reader)
                and lib.dbus_message_iter_get_arg_type(reader) == _TYPE["o"]
            ):
                raise _LibDBusError("the portal answered no request path")
            path = ctypes.c_char_p()
            lib.dbus_message_iter_get_basic(reader, ctypes.byref(path))
            return (path.value or b"").decode()
        finally:
            lib.dbus_message_unref(reply)

    def call(self, service: str, path: str, interface: str, method: str, timeout_ms: int) -> None:
        """A method call without arguments, waiting for its reply."""
        lib = self._library()
        message = lib.dbus_message_new_method_call(
            service.encode(), path.encode(), interface.encode(), method.encode()
        )
        if not message:
            raise _LibDBusError("out of memory")
        try:
            lib.dbus_message_unref(self._send(message, timeout_ms))
        finally:
            lib.dbus_message_unref(message)

    def _send(self, message: int, timeout_ms: int) -> int:
        lib = self._library()
        error = _DBusErrorStruct()
        lib.dbus_error_init(ctypes.byref(error))
        reply = lib.dbus_connection_send_with_reply_and_block(
            self.connection, message, timeout_ms, ctypes.byref(error)
        )
        if not reply:
            raise _LibDBusError(_take(lib, error) or "no reply")
        return int(reply)

    def close(self) -> None:
        """Leave the bus: the portal then drops whatever this connection still held."""
        if self.connection:
            lib = self._library()
            lib.dbus_connection_close(self.connection)
            lib.dbus_connection_unref(self.connection)
            self.connection = 0


def _append_string(lib: Any, iterator: Any, text: str) -> None:
    value = ctypes.c_char_p(text.encode())
    lib.dbus_message_iter_append_basic(iterator, _TYPE["s"], ctypes.byref(value))


def _take(lib: Any, error: _DBusErrorStruct) -> str:
    """The error's message (and frees it)."""
    text = (error.message or b"").decode(errors="replace")
    lib.dbus_error_free(ctypes.byref(error))
    return text


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
