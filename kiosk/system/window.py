"""Keeping the kiosk's show window on screen: fullscreen, mapped, on top, whatever happens to it.

A booth's window manager, a stray shortcut (Super+D: show desktop) or a tool can hide,
unmap, minimise, resize, un-fullscreen, move to another workspace or even destroy the show
window; the visitors then see a desktop or a black screen until someone restarts the show.
:class:`WindowKeeper` notices within a check interval and puts the window back.

What it watches, without any per-frame work:

- the window's signals (visibility, window state, screen, size, position) schedule a
  check a moment later;
- a timer (``check_ms``, 500 ms) checks anyway, because an unmapped or destroyed native
  window changes nothing Qt signals: only ``isExposed()`` turns false;
- on X11, when the window is not exposed, one ``GetGeometry`` request on Qt's own xcb
  connection tells whether the native window still exists (``xdotool windowclose``).

Repairs escalate while a fault persists, from the mildest that fits it (``_LADDER``):
re-show fullscreen (geometry set to the screen, raised, activated); hide and show again, so
that the window manager maps it anew on the current workspace and out of "show desktop";
destroy the native window and create it again. Each remedy gets a check interval to land;
a window manager that keeps refusing gets attempts spaced further apart (doubling up to
``max_backoff_ms``). Each fault is logged when it appears (at most
``LOG_BURST`` of one kind per ``quiet_s``), then at most once per ``quiet_s`` while it
lasts; its end is logged too.
"""

from __future__ import annotations

import ctypes
import enum
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen, QWindow

log = logging.getLogger(__name__)

CHECK_MS = 500  # the periodic check; a fault is repaired within about two of these
SETTLE_MS = 50  # after a window signal: let the window system's burst of events land
MAX_BACKOFF_MS = 10_000  # the longest wait between attempts while a fault persists
QUIET_S = 10.0  # a lasting fault is logged at most once this often
BACKOFF_AFTER = 3  # repairs in a row that failed before the waits between them double
LOG_BURST = 3  # new faults of one kind logged within QUIET_S; more are only counted


class Fault(enum.Enum):
    """What can be wrong with the show window, most serious first (one is repaired at a time)."""

    DESTROYED = "destroyed (its native window was gone)"
    HIDDEN = "hidden"
    MINIMISED = "minimised"
    NOT_EXPOSED = "not on screen (unmapped, show desktop or another workspace)"
    NOT_FULLSCREEN = "taken out of fullscreen"
    WRONG_SCREEN = "on another screen"
    RESIZED = "resized"


class Repair(enum.Enum):
    """The escalating remedies, mildest first."""

    RESHOW = "restored to fullscreen"
    REMAP = "shown again (hidden and mapped anew)"
    RECREATE = "recreated and shown fullscreen"


# The remedies tried for each fault, in order; the last one repeats (with back-off).
_LADDER: dict[Fault, tuple[Repair, ...]] = {
    Fault.DESTROYED: (Repair.RECREATE,),
    Fault.HIDDEN: (Repair.RESHOW, Repair.REMAP, Repair.RECREATE),
    Fault.MINIMISED: (Repair.RESHOW, Repair.REMAP, Repair.RECREATE),
    Fault.NOT_EXPOSED: (Repair.REMAP, Repair.RECREATE),
    Fault.NOT_FULLSCREEN: (Repair.RESHOW, Repair.REMAP),
    Fault.WRONG_SCREEN: (Repair.RESHOW, Repair.REMAP),
    Fault.RESIZED: (Repair.RESHOW, Repair.REMAP),
}

# Platforms whose windows can be raised by the app (the others warn that they cannot).
_CAN_RAISE = frozenset({"xcb", "windows", "cocoa"})

NativeCheck = Callable[[int], bool | None]  # window id -> exists (None: cannot tell)


class WindowKeeper(QObject):
    """Keeps ``window`` fullscreen on ``screen()`` while started (kiosk mode only).

    ``screen`` returns the screen the show belongs on (None: the window's own). ``native``
    tells whether a native window id still exists (default: asked over xcb on X11, unknown
    elsewhere); ``positions_known`` whether the window's position can be compared with the
    screen's (default: not on Wayland); ``clock`` is ``time.monotonic``; these are for
    tests. The keeper only acts once the window has been on screen: before the first frame
    nothing is wrong yet.

    Signals:
        faultSeen(str, str): a fault's name and the remedy applied, at each attempt.
        restored(str): the fault's name, once the window is right again.
    """

    faultSeen = Signal(str, str)
    restored = Signal(str)

    def __init__(
        self,
        window: QWindow,
        screen: Callable[[], QScreen | None] | None = None,
        *,
        check_ms: int = CHECK_MS,
        max_backoff_ms: int = MAX_BACKOFF_MS,
        quiet_s: float = QUIET_S,
        native: NativeCheck | None = None,
        positions_known: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if check_ms <= 0:
            raise ValueError(f"check_ms must be positive, not {check_ms}")
        self._window = window
        self._screen = screen or window.screen
        self._check_ms = check_ms
        self._max_backoff_ms = max(check_ms, max_backoff_ms)
        self._quiet_s = quiet_s
        self._native = native if native is not None else _native_check()
        # A Wayland client never learns where its window is (Qt says 0,0 even on a second
        # output), so there only the size is compared with the screen's.
        if positions_known is None:
            positions_known = not QGuiApplication.platformName().startswith("wayland")
        self._positions_known = positions_known
        self._clock = clock
        self._seen_on_screen = False
        self._fault: Fault | None = None
        self._attempts = 0  # remedies tried for the current fault
        self._tries = 0  # remedies tried since the window was last right
        self._next_attempt = 0.0
        self._logged_at: dict[Fault, list[float]] = {}  # when each kind was last logged
        self._unlogged: dict[Fault, int] = {}  # attempts not logged since the last line
        self._incident_logged = False  # whether the fault being repaired was logged
        self._chained = False  # whether that fault came right after another one
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.check)
        self._signals = (
            window.visibilityChanged,
            window.windowStateChanged,
            window.screenChanged,
            window.widthChanged,
            window.heightChanged,
            window.xChanged,
            window.yChanged,
        )

    @property
    def fault(self) -> Fault | None:
        """The fault being repaired now, or None when the window is as it should be."""
        return self._fault

    def start(self) -> None:
        """Watch the window (calling it twice changes nothing)."""
        if self._timer.isActive():
            return
        for signal in self._signals:
            signal.connect(self._check_soon)
        self._timer.start()
        log.debug("window keeper: watching the show window every %d ms", self._check_ms)

    def stop(self) -> None:
        """Stop watching: the staff quit, or the show is ending."""
        if not self._timer.isActive():
            return
        self._timer.stop()
        self._soon.stop()
        for signal in self._signals:
            signal.disconnect(self._check_soon)
        log.debug("window keeper: stopped")

    def saw_on_screen(self) -> None:
        """The window drew a frame: it is on screen, and kept from now on, even if something
        hides it before the next check (a first check only sees a window already exposed)."""
        self._seen_on_screen = True

    def _check_soon(self, *_: object) -> None:
        if self._timer.isActive() and not self._soon.isActive():
            self._soon.start()

    # --- the check ----------------------------------------------------------------------

    def diagnose(self) -> Fault | None:
        """What is wrong with the window now, or None."""
        window = self._window
        if not self._seen_on_screen:
            return None
        # Here, not at the top: the keeper is made before the first frame, which must not
        # wait for Python's copy of Qt's namespace (kiosk.app).
        from PySide6.QtCore import Qt

        if not window.isVisible():
            return Fault.HIDDEN
        if window.windowStates() & Qt.WindowState.WindowMinimized:
            return Fault.MINIMISED
        if not window.isExposed():
            if self._native(int(window.winId())) is False:
                return Fault.DESTROYED
            return Fault.NOT_EXPOSED
        if not window.windowStates() & Qt.WindowState.WindowFullScreen:
            return Fault.NOT_FULLSCREEN
        screen = self._target_screen()
        if screen is not None and window.screen() is not screen:
            return Fault.WRONG_SCREEN
        if screen is not None and not self._fits(screen.geometry()):
            return Fault.RESIZED
        return None

    def _fits(self, screen: QRect) -> bool:
        geometry = self._window.geometry()
        if self._positions_known:
            return geometry == screen
        return geometry.size() == screen.size()

    def check(self) -> None:
        """Look at the window once; repair it when something is wrong."""
        if not self._seen_on_screen:
            window = self._window
            if not window.isVisible():
                return  # not shown yet: nothing to keep
            # Shown: on screen, or already destroyed (an xdotool windowclose can come before
            # the first check, which a fast start, such as the software renderer's, allows).
            if not window.isExposed() and self._native(int(window.winId())) is not False:
                return
            self._seen_on_screen = True
        fault = self.diagnose()
        if fault is None:
            if self._fault is not None:
                if self._incident_logged:
                    log.info("show window is back: fullscreen on its screen")
                self.restored.emit(self._fault.name)
            self._fault, self._attempts = None, 0
            return
        now = self._clock()
        if fault is not self._fault:
            # A fault that follows another one is usually what the last repair left on the
            # way (openbox maps a withdrawn window back un-fullscreen): logged only if it
            # lasts.
            self._chained = self._fault is not None
            self._fault, self._attempts = fault, 0
            if not self._chained:
                self._incident_logged, self._tries, self._next_attempt = False, 0, now
        if now < self._next_attempt:
            return  # the last repair is still landing, or the window manager keeps refusing
        ladder = _LADDER[fault]
        remedy = ladder[min(self._attempts, len(ladder) - 1)]
        self._log(fault, remedy, now)
        self._attempts += 1
        self._tries += 1
        # A repair gets one check interval to land before the next remedy; past BACKOFF_AFTER
        # tries without the window coming right (whatever the faults on the way), the wait
        # doubles, up to max_backoff_ms.
        wait_ms = self._check_ms
        if self._tries >= BACKOFF_AFTER:
            wait_ms = min(
                self._max_backoff_ms, self._check_ms * 2 ** (self._tries - BACKOFF_AFTER + 1)
            )
        self._next_attempt = now + wait_ms / 1000
        self.faultSeen.emit(fault.name, remedy.name)
        self._apply(remedy)

    def _log(self, fault: Fault, remedy: Repair, now: float) -> None:
        if self._chained and self._attempts == 0:
            log.debug("show window %s after a repair: %s", fault.name, remedy.name)
            return
        # A window manager that keeps undoing the repairs must not flood the log: a new
        # fault is logged unless this kind was logged LOG_BURST times within quiet_s, a
        # lasting one at most once per quiet_s.
        recent = [at for at in self._logged_at.get(fault, []) if now - at < self._quiet_s]
        self._logged_at[fault] = recent
        allowed = len(recent) < LOG_BURST if self._attempts == 0 else not recent
        if not allowed:
            self._unlogged[fault] = self._unlogged.get(fault, 0) + 1
            log.debug("show window %s: %s (attempt %d)", fault.name, remedy.name, self._attempts)
            return
        more = self._unlogged.pop(fault, 0)
        since = f" ({more} more times not logged)" if more else ""
        if self._attempts == 0:
            log.warning("show window was %s: %s%s", fault.value, remedy.value, since)
        else:
            log.warning(
                "show window is still %s after %d attempts: %s%s",
                fault.value,
                self._attempts,
                remedy.value,
                since,
            )
        recent.append(now)
        self._incident_logged = True

    # --- the remedies ---------------------------------------------------------------------

    def _target_screen(self) -> QScreen | None:
        screen = self._screen()
        if screen is None or screen not in QGuiApplication.screens():
            return self._window.screen()
        return screen

    def _apply(self, remedy: Repair) -> None:
        window = self._window
        if remedy is Repair.RECREATE:
            window.destroy()  # the native window; the QWindow and its scene stay
        elif remedy is Repair.REMAP and window.isVisible():
            window.hide()  # withdrawn: the window manager forgets its workspace and state
        screen = self._target_screen()
        if screen is not None:
            if window.screen() is not screen:
                window.setScreen(screen)
            geometry: QRect = screen.geometry()
            if window.geometry() != geometry:
                window.setGeometry(geometry)
        window.showFullScreen()
        if QGuiApplication.platformName() in _CAN_RAISE:
            window.raise_()
        window.requestActivate()


def _native_check() -> NativeCheck:
    """Whether a native window exists, asked over Qt's own xcb connection (X11 only)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication) or QGuiApplication.platformName() != "xcb":
        return _unknown
    try:
        connection = app.nativeInterface().connection()  # type: ignore[attr-defined]
        xcb = _libxcb()
        libc = ctypes.CDLL(None)
    except (AttributeError, OSError) as error:
        log.info("window keeper: cannot ask X whether the window exists (%s)", error)
        return _unknown
    if not connection:
        return _unknown

    class Cookie(ctypes.Structure):
        _fields_ = [("sequence", ctypes.c_uint)]

    xcb.xcb_get_geometry.restype = Cookie
    xcb.xcb_get_geometry.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    xcb.xcb_get_geometry_reply.restype = ctypes.c_void_p
    xcb.xcb_get_geometry_reply.argtypes = [
        ctypes.c_void_p,
        Cookie,
        ctypes.POINTER(ctypes.c_void_p),
    ]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free.restype = None

    def exists(window_id: int) -> bool | None:
        # A checked request: its error comes back here, not to Qt's event queue.
        error = ctypes.c_void_p()
        cookie = xcb.xcb_get_geometry(connection, window_id)
        reply = xcb.xcb_get_geometry_reply(connection, cookie, ctypes.byref(error))
        if reply:
            libc.free(reply)
        if error.value:
            libc.free(error.value)
        return bool(reply)

    return exists


def _libxcb() -> ctypes.CDLL:
    """libxcb, by its soname first: ``ctypes.util.find_library`` runs ``ldconfig -p`` (a
    process, some milliseconds before the first frame) for what every Linux names so."""
    try:
        return ctypes.CDLL("libxcb.so.1")
    except OSError:
        from ctypes.util import find_library

        return ctypes.CDLL(find_library("xcb") or "libxcb.so")


def _unknown(window_id: int) -> bool | None:
    return None
