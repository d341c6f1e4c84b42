"""Frames drawn per slide: counted from the window's frameSwapped, logged at each change.

A slide show should draw a frame only when something on screen changes: a slide fading in,
a step of the time bar. The count per slide (its fade-in included) is what the
loop's CPU follows on a software renderer, so it is logged (debug level, `--verbose`) for
the staff's diagnosis and for bench/bench_loop.py, and a test holds a static slide to none.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Slot
from PySide6.QtQuick import QQuickWindow

from kiosk.qt.navigator import Navigator

log = logging.getLogger(__name__)


class FrameMeter(QObject):
    """Counts the frames ``window`` puts on screen from :meth:`start` on, and logs them per
    slide of ``navigator``."""

    def __init__(self, window: QQuickWindow, navigator: Navigator, parent: QObject) -> None:
        super().__init__(parent)
        self.frames = 0  # since the meter was made
        self._navigator = navigator
        self._slide = navigator.index()
        self._at_change = 0
        self._since = time.monotonic()
        self._cpu = time.process_time()
        self._window = window
        navigator.currentChanged.connect(self._slide_changed)

    def start(self, frames_drawn: int = 0) -> None:
        """Count from now on, ``frames_drawn`` already on screen (the display starts it at its
        first frame: a connection type named before it would delay it, see kiosk.app)."""
        from PySide6.QtCore import Qt

        self.frames += frames_drawn
        # Direct: on a threaded render loop the signal comes from the render thread, and a
        # queued call per frame would be a Python event per frame on this one. An int's
        # increment under the GIL is safe from either thread.
        self._window.frameSwapped.connect(self._count, Qt.ConnectionType.DirectConnection)

    @Slot()
    def _count(self) -> None:
        self.frames += 1

    def frames_this_slide(self) -> int:
        """Frames drawn since the slide on screen was changed to."""
        return self.frames - self._at_change

    @Slot()
    def _slide_changed(self) -> None:
        now, cpu = time.monotonic(), time.process_time()
        log.debug(
            "frames: %d drawn while slide %d was shown (%.1f s, %d ms of CPU)",
            self.frames_this_slide(),
            self._slide + 1,
            now - self._since,
            round((cpu - self._cpu) * 1000),
        )
        self._slide, self._at_change, self._since = self._navigator.index(), self.frames, now
        self._cpu = cpu
