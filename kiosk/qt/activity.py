"""The one place user input is noticed: an event filter on the show window feeding Playback.

Every touch, click, wheel turn and key press the window receives reaches
``Playback.activity()`` before the item that handles it, so no control can
forget to report that a visitor is there. The filter never consumes events.
It sits on the window, not the application: an application filter would call
into Python for every item and timer event too (about 30,000 before the first frame).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow

from kiosk.qt.playback import Playback

# What counts as a visitor: deliberate input. A mouse merely moving (a bumped
# table, a cursor drifting) does not stop the loop.
_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)


class ActivityMonitor(QObject):
    """Installed on the show window (or an application); calls ``playback.activity()``
    on user input.

    With ``window``, only input to that window counts (several shows in one process,
    as in the tests, do not wake each other); without, input to any window it watches.
    """

    def __init__(
        self, playback: Playback, parent: Any = None, window: QWindow | None = None
    ) -> None:
        super().__init__(parent)
        self._playback = playback
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt API name
        # Qt delivers one input event to the window and again to its items:
        # reacting to the window's copy only keeps the count at one.
        if (
            event.type() in _ACTIVITY
            and watched.isWindowType()
            and (self._window is None or watched is self._window)
        ):
            self._playback.activity()
        return False
