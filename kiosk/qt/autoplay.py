"""Auto-advance: keep each slide on screen for its duration, then move on, until paused."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.qt.navigator import Navigator

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Autoplay is made by the app")
class Autoplay(QObject):  # type: ignore[operator]
    """Advances ``navigator`` after each slide's duration while ``running``.

    The timer here is the truth; the QML time bar only draws it, restarting on
    ``cycleStarted``.

    Signals:
        runningChanged(): started or paused.
        cycleStarted(int): a slide's countdown (re)started, with its length in ms.
    """

    runningChanged = Signal()
    cycleStarted = Signal(int)

    def __init__(
        self,
        navigator: Navigator,
        durations_s: Sequence[float] = (),
        *,
        time_scale: float = 1.0,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._navigator = navigator
        self._durations = list(durations_s)
        self._scale = time_scale  # tests run the loop in milliseconds with a small scale
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._advance)
        navigator.currentChanged.connect(self._restart)

    def set_durations(self, durations_s: Sequence[float]) -> None:
        self._durations = list(durations_s)
        self._restart()

    def _get_running(self) -> bool:
        return self._running

    def _get_interval(self) -> int:
        return self._interval_ms()

    running = Property(bool, _get_running, notify=runningChanged)
    interval = Property(int, _get_interval, notify=cycleStarted)

    @Slot(result=int)
    def remainingMs(self) -> int:
        """Milliseconds left on the current slide (0 when paused), on the monotonic clock."""
        return max(0, self._timer.remainingTime()) if self._timer.isActive() else 0

    @Slot()
    def start(self) -> None:
        if not self._running:
            self._running = True
            self.runningChanged.emit()
        self._restart()

    @Slot()
    def pause(self) -> None:
        self._timer.stop()
        if self._running:
            self._running = False
            self.runningChanged.emit()

    def _interval_ms(self) -> int:
        index = self._navigator.index()
        seconds = self._durations[index] if 0 <= index < len(self._durations) else 10.0
        return max(1, round(seconds * 1000 * self._scale))

    def _advance(self) -> None:
        before = self._navigator.index()
        self._navigator.next()
        if self._navigator.index() == before:  # a one-slide deck: count it down again
            self._restart()

    def _restart(self) -> None:
        if not self._running or self._navigator.size() == 0:
            self._timer.stop()
            return
        interval = self._interval_ms()
        self._timer.start(interval)
        self.cycleStarted.emit(interval)
