"""Kiosk mode's lockdown of the show window: no frame, on top, closes refused, kept on screen.

A visitor must not be able to close, move or hide the show: the window is frameless and
stays on top, the window system's close requests (Alt+F4, the window manager, Ctrl+W…)
are refused by :class:`CloseGuard`, and :class:`~kiosk.system.window.WindowKeeper` puts
it back fullscreen when something hides, resizes or destroys it. Only the staff's Quit
(:meth:`Lockdown.release`) or a signal ends it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QScreen, QWindow

if TYPE_CHECKING:
    from kiosk.system.window import WindowKeeper

log = logging.getLogger(__name__)

# Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint (Qt's values), written as
# the window's `flags` property: reading or passing Qt's flag types from Python would make
# Python's copy of Qt's namespace before the first frame (kiosk.app). A show window has no
# other flag (Main.qml sets none); tests/system/test_lockdown.py reads them back.
LOCKED_FLAGS = 0x00000001 | 0x00000800 | 0x00040000


class CloseGuard(QObject):
    """Refuses the window system's close requests on the show window (Alt+F4, a close button).

    The app's own ways out (SIGTERM, the staff's Quit) use ``exit()``, which, unlike Qt 6's
    ``quit()``, does not ask the windows to close first.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed = False

    def allow(self) -> None:
        self._allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt API name
        if event.type() == QEvent.Type.Close and not self._allowed:
            log.info("close request refused (kiosk mode: staff quit from the staff panel)")
            event.ignore()
            return True
        return False


class Lockdown(QObject):
    """Locks one show window down when made, until :meth:`release`: no frame, always on top,
    close requests refused; kept fullscreen on ``target_screen()`` (kiosk.system.window)
    from :meth:`keep` on (at the first frame: the keeper's signals carry Qt's enums)."""

    def __init__(
        self,
        window: QWindow,
        target_screen: Callable[[], QScreen | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from kiosk.system.window import WindowKeeper  # kiosk mode only

        window.setProperty("flags", LOCKED_FLAGS)
        self.guard = CloseGuard(self)
        window.installEventFilter(self.guard)
        # Puts the window back when it is hidden, minimised, resized or destroyed.
        self.keeper: WindowKeeper = WindowKeeper(window, target_screen, parent=self)

    def keep(self) -> None:
        """The window drew its first frame: keep it on screen from now on."""
        self.keeper.start()
        self.keeper.saw_on_screen()

    def release(self) -> None:
        """The staff's Quit: the window may close, and nothing puts it back any more."""
        self.guard.allow()
        self.keeper.stop()

    def stop(self) -> None:
        """On the way out (quit, SIGTERM): the window goes, nothing to put back."""
        self.keeper.stop()
