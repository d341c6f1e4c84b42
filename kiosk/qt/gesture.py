"""Touch and mouse gestures on the slides: one swipe or tap -> at most one step.

A gesture runs from the first finger (or mouse button) down to the last one up,
however many fingers touch in between. Only when it ends is it read, once:

- a **swipe**: the fingers moved, on average, at least ``swipe_distance`` sideways
  and clearly more sideways than up or down -> next (moved left) or previous;
- a **tap**: one finger, barely moved, not held long -> previous on the left third,
  next on the right third, nothing in the middle (it only wakes the visitor mode);
- anything else (a vertical move, a pinch, a palm, a long press) -> nothing.

So a fast flick, a two-finger swipe or a palm never moves more than one slide. The
reading is pure Python (``GestureTracker``, ``read_gesture``), tested without Qt;
``GestureArea`` only feeds it the points Qt delivers.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QEvent, QPointF, Signal
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickItem

if TYPE_CHECKING:  # made by PySide6 at the first touch or click, not before the first frame
    from PySide6.QtGui import QMouseEvent, QTouchEvent

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

MOUSE_POINT = -1  # the id the mouse's one "finger" is tracked under


class Step(enum.IntEnum):
    """What a gesture asks of the navigator."""

    PREVIOUS = -1
    NONE = 0  # only wakes the visitor mode
    NEXT = 1


@dataclass(frozen=True, slots=True)
class Rules:
    """Thresholds, in the gesture area's pixels and in milliseconds."""

    swipe_distance: float = 80.0  # mean sideways travel that makes a swipe
    dominance: float = 1.5  # a swipe moves this many times more sideways than vertically
    tap_slop: float = 24.0  # a tap's finger strays less than this from where it landed
    tap_max_ms: int = 1500  # held longer: a long press (staff gesture), not a tap


@dataclass(frozen=True, slots=True)
class Gesture:
    """One finished gesture, as the tracker saw it."""

    points: int  # how many fingers took part (1 for the mouse)
    dx: float  # mean travel of the fingers, from where each landed to where it left
    dy: float
    wander: float  # farthest any finger strayed from where it landed
    start_x: float  # where the first finger landed
    start_y: float
    duration_ms: int


def read_gesture(gesture: Gesture, width: float, rules: Rules) -> Step:
    """The one step ``gesture`` asks for on an area ``width`` pixels wide."""
    dx, dy = gesture.dx, gesture.dy
    if abs(dx) >= rules.swipe_distance and abs(dx) >= rules.dominance * abs(dy):
        return Step.NEXT if dx < 0 else Step.PREVIOUS  # the slide follows the finger
    is_tap = (
        gesture.points == 1
        and gesture.wander < rules.tap_slop
        and gesture.duration_ms <= rules.tap_max_ms
    )
    if not is_tap or width <= 0:
        return Step.NONE
    if gesture.start_x < width / 3:
        return Step.PREVIOUS
    if gesture.start_x > width * 2 / 3:
        return Step.NEXT
    return Step.NONE


@dataclass(slots=True)
class _Track:
    start_x: float
    start_y: float
    x: float
    y: float
    wander: float = 0.0


class GestureTracker:
    """Follows the points of one gesture at a time; ``release`` of the last gives it."""

    def __init__(self) -> None:
        self._tracks: list[_Track] = []  # every finger of the gesture, lifted ones too
        self._down: dict[int, _Track] = {}  # point id -> its track, while down
        self._started_ms = 0

    @property
    def active(self) -> bool:
        return bool(self._down)

    def press(self, point: int, x: float, y: float, t_ms: int) -> None:
        if point in self._down:  # a press we already hold: the platform lost a release
            self.move(point, x, y)
            return
        if not self._down:
            self._tracks.clear()
            self._started_ms = t_ms
        # A finger lifted and landing again within the gesture counts as another finger.
        track = _Track(x, y, x, y)
        self._tracks.append(track)
        self._down[point] = track

    def move(self, point: int, x: float, y: float) -> None:
        track = self._down.get(point)
        if track is None:
            return
        track.x, track.y = x, y
        track.wander = max(track.wander, math.hypot(x - track.start_x, y - track.start_y))

    def release(self, point: int, x: float, y: float, t_ms: int) -> Gesture | None:
        """Lift ``point``; when it was the last one down, the finished gesture."""
        if point not in self._down:
            return None
        self.move(point, x, y)
        del self._down[point]
        if self._down:
            return None
        tracks, self._tracks = self._tracks, []
        count = len(tracks)
        return Gesture(
            points=count,
            dx=sum(t.x - t.start_x for t in tracks) / count,
            dy=sum(t.y - t.start_y for t in tracks) / count,
            wander=max(t.wander for t in tracks),
            start_x=tracks[0].start_x,
            start_y=tracks[0].start_y,
            duration_ms=max(0, t_ms - self._started_ms),
        )

    def cancel(self) -> None:
        """Forget the gesture (another item took the points, the window lost them)."""
        self._tracks.clear()
        self._down.clear()


@QmlElement
class GestureArea(QQuickItem):
    """Reads swipes and taps (touch or mouse) over its area; one ``stepped`` per gesture.

    Items above it (buttons, menus, overlays) take their own presses first, so a tap on
    a button never reaches it.

    Signals:
        stepped(int): a gesture ended asking for a step: 1 next, -1 previous.
        gestureEnded(): any gesture ended (also the ones that ask for nothing).
    """

    stepped = Signal(int)
    gestureEnded = Signal()
    rulesChanged = Signal()
    acceptsMouseChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rules = Rules()
        self._tracker = GestureTracker()
        self.setAcceptTouchEvents(True)
        self._accepts_mouse = False

    # --- thresholds, set from the Theme ----------------------------------------------

    def _set_rules(self, rules: Rules) -> None:
        if rules != self._rules:
            self._rules = rules
            self.rulesChanged.emit()

    def _get_swipe_distance(self) -> float:
        return self._rules.swipe_distance

    def _set_swipe_distance(self, value: float) -> None:
        self._set_rules(replace(self._rules, swipe_distance=float(value)))

    def _get_tap_slop(self) -> float:
        return self._rules.tap_slop

    def _set_tap_slop(self, value: float) -> None:
        self._set_rules(replace(self._rules, tap_slop=float(value)))

    swipeDistance = Property(float, _get_swipe_distance, _set_swipe_distance, notify=rulesChanged)
    tapSlop = Property(float, _get_tap_slop, _set_tap_slop, notify=rulesChanged)

    # --- the mouse, once asked for -------------------------------------------------------

    def _get_accepts_mouse(self) -> bool:
        return self._accepts_mouse

    def _set_accepts_mouse(self, accepts: bool) -> None:
        # Not from the start: a mouse button is a member of Qt's namespace, which the first
        # frame must not wait for (kiosk.app). Main.qml asks once that frame is on screen
        # (`warm`): there is nothing to click before it. Touches are taken from the start.
        if bool(accepts) != self._accepts_mouse:
            from PySide6.QtCore import Qt

            self._accepts_mouse = bool(accepts)
            buttons = Qt.MouseButton.LeftButton if accepts else Qt.MouseButton.NoButton
            self.setAcceptedMouseButtons(buttons)
            self.acceptsMouseChanged.emit()

    acceptsMouse = Property(
        bool, _get_accepts_mouse, _set_accepts_mouse, notify=acceptsMouseChanged
    )

    # --- Qt events -------------------------------------------------------------------

    def touchEvent(self, event: QTouchEvent) -> None:  # Qt API name
        t = int(event.timestamp())
        for point in event.points():
            position = point.position()
            state = point.state()
            if state == point.State.Pressed:
                self._tracker.press(point.id(), position.x(), position.y(), t)
            elif state == point.State.Released:
                self._finish(self._tracker.release(point.id(), position.x(), position.y(), t))
            elif state == point.State.Updated:
                self._tracker.move(point.id(), position.x(), position.y())
        if event.type() == QEvent.Type.TouchCancel:
            self._tracker.cancel()
        event.accept()

    def touchUngrabEvent(self) -> None:  # Qt API name
        self._tracker.cancel()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt API name
        if _from_touch(event):  # a touch the platform also sent as a mouse: counted once
            event.ignore()
            return
        self._tracker.press(MOUSE_POINT, *_xy(event.position()), int(event.timestamp()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # Qt API name
        if not _from_touch(event):
            self._tracker.move(MOUSE_POINT, *_xy(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt API name
        if not _from_touch(event):
            gesture = self._tracker.release(
                MOUSE_POINT, *_xy(event.position()), int(event.timestamp())
            )
            self._finish(gesture)

    def mouseUngrabEvent(self) -> None:  # Qt API name
        self._tracker.cancel()

    def _finish(self, gesture: Gesture | None) -> None:
        if gesture is None:
            return
        step = read_gesture(gesture, self.width(), self._rules)
        self.gestureEnded.emit()
        if step is not Step.NONE:
            self.stepped.emit(int(step))


def _xy(position: QPointF) -> tuple[float, float]:
    return position.x(), position.y()


def _from_touch(event: QMouseEvent) -> bool:
    from PySide6.QtGui import QInputDevice

    device = event.device()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen
