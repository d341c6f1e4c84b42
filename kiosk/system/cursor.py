"""The pointer hides when the mouse is still, and never shows for touch.

:class:`CursorHider` watches one window's input. The pointer starts hidden; real mouse (or
touchpad) motion shows the arrow, and after ``hide_after_ms`` without motion it hides
again. A touch hides it at once, and the mouse events Qt makes up from touches (for
items that only understand the mouse) never show it: a visitor's finger must not leave an
arrow on the screen.

It sets the *window's* cursor: an item that sets its own ``cursorShape`` would show that
shape while hovered, so the kiosk's QML sets none.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QInputDevice, QMouseEvent, QWindow

log = logging.getLogger(__name__)

HIDE_AFTER_MS = 2_000

# A touchpad moves the pointer as a mouse does; a touchscreen, a pen or a puck do not.
_POINTER_DEVICES = (QInputDevice.DeviceType.Mouse, QInputDevice.DeviceType.TouchPad)
_MOUSE_EVENTS = (
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
)
_TOUCH_EVENTS = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)


class CursorHider(QObject):
    """Event filter on ``window``: the arrow while the mouse moves, nothing otherwise.

    Installed by the constructor (and a child of ``window`` unless given another parent);
    :meth:`stop` takes it off and shows the arrow again. It never consumes an event.

    Signals:
        visibleChanged(bool): the pointer was shown (True) or hidden (False).
    """

    visibleChanged = Signal(bool)

    def __init__(
        self, window: QWindow, hide_after_ms: int = HIDE_AFTER_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else window)
        if hide_after_ms <= 0:
            raise ValueError(f"hide_after_ms must be positive, not {hide_after_ms}")
        self._window = window
        self._visible = True
        # Where the pointer was last seen. The first position seen is only remembered: the
        # window system may report the still pointer when the window appears under it.
        self._last: QPointF | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hide_after_ms)
        self._timer.timeout.connect(self._hide)
        self._hide()
        window.installEventFilter(self)

    @property
    def visible(self) -> bool:
        """Whether the arrow is showing now."""
        return self._visible

    def stop(self) -> None:
        """Stop watching, and leave the arrow showing (e.g. for a preview window)."""
        self._window.removeEventFilter(self)
        self._timer.stop()
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _MOUSE_EVENTS and isinstance(event, QMouseEvent):
            if _from_a_pointer(event):
                position = event.globalPosition()
                moved = self._last is not None and position != self._last
                self._last = position
                if moved or kind != QEvent.Type.MouseMove:
                    self._show()
                    self._timer.start()
        elif kind in _TOUCH_EVENTS:
            self._timer.stop()
            self._hide()
        return False

    def _show(self) -> None:
        if not self._visible:
            self._window.setCursor(Qt.CursorShape.ArrowCursor)
            self._visible = True
            self.visibleChanged.emit(True)

    def _hide(self) -> None:
        if self._visible:
            self._window.setCursor(Qt.CursorShape.BlankCursor)
            self._visible = False
            self.visibleChanged.emit(False)


def _from_a_pointer(event: QMouseEvent) -> bool:
    """Whether a mouse event comes from a mouse or touchpad, not made up from a touch."""
    if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
        return False
    device = event.device()
    return device is None or device.type() in _POINTER_DEVICES
