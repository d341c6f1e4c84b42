"""Who drives the show: the attract loop, a visitor, or staff; idle return with a countdown."""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Property, QEnum, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.config import MIN_IDLE_TIMEOUT_S, Settings
from kiosk.qt.autoplay import Autoplay
from kiosk.qt.navigator import Navigator

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

MIN_IDLE_TIMEOUT_MS = MIN_IDLE_TIMEOUT_S * 1000

# The timings when none are given: the settings' own defaults.
_DEFAULTS = Settings()


@QmlElement
@QmlUncreatable("Playback is made by the app")
class Playback(QObject):  # type: ignore[operator]
    """The booth's state machine.

    ATTRACT --activity--> VISITOR --idle timeout--> countdown --activity--> VISITOR
                                                    countdown --runs out--> ATTRACT (reset)
    any --enter_staff--> STAFF --leave_staff--> ATTRACT (reset)

    All user input reaches ``activity()`` (see kiosk.qt.activity); the timings
    are injected, so tests run the whole cycle in milliseconds.

    Signals:
        modeChanged(): ``mode`` changed.
        countdownChanged(): ``countdown`` changed (ticks left, a tick being a second
            of the show's clock, ``tick_ms``; 0 when not counting).
        visitStarted(): a visitor took over from the attract loop.
        visitEnded(): the visitor left: the countdown ran out.
        resetRequested(): every visitor choice must be undone (language, menu,
            black screen); emitted just before the loop restarts from the cover.
    """

    # Declared in the class, as an IntEnum imported by name, so that QEnum gives it to QML
    # (``playback.mode === Playback.ATTRACT``) and pyside6-metaobjectdump sees it.
    @QEnum
    class Mode(IntEnum):
        """The three states of the booth."""

        ATTRACT = 0  # slides advance on their own, in a loop
        VISITOR = 1  # someone touched: auto-advance stops until they leave
        STAFF = 2  # the staff panel is open: nothing moves, no idle return

        def __str__(self) -> str:
            return self.name.lower()  # "attract": the word in logs and tests

    modeChanged = Signal()
    countdownChanged = Signal()
    visitStarted = Signal()
    visitEnded = Signal()
    resetRequested = Signal()

    def __init__(
        self,
        navigator: Navigator,
        autoplay: Autoplay,
        *,
        idle_timeout_ms: int = round(_DEFAULTS.idle_timeout_s * 1000),
        countdown_ms: int = round(_DEFAULTS.countdown_s * 1000),
        tick_ms: int = 1_000,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._navigator = navigator
        self._autoplay = autoplay
        self._mode = Playback.Mode.ATTRACT
        # Whether the loop runs in attract mode: from start() on. A preview started paused
        # (`kiosk run --paused`) stays still after an idle return too.
        self._looping = False
        self._before_staff = Playback.Mode.ATTRACT  # the mode the staff panel interrupted
        self._countdown = 0
        self._remaining_ticks = 0
        self._tick_ms = max(1, tick_ms)
        self._countdown_ticks = max(1, round(countdown_ms / self._tick_ms))
        self._held = False  # holdIdle: no idle return while a black screen waits
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(1, idle_timeout_ms))
        self._idle.timeout.connect(self._start_countdown)
        self._ticker = QTimer(self)
        self._ticker.setInterval(self._tick_ms)
        self._ticker.timeout.connect(self._tick)

    # --- properties for QML ----------------------------------------------------

    def _get_mode(self) -> Playback.Mode:
        return self._mode

    def _get_countdown(self) -> int:
        return self._countdown

    # An int for Qt's meta-object (PySide6 takes no Python enum as a property type): QML
    # compares it with Playback.ATTRACT...; Python reads the Mode itself.
    mode = Property(int, _get_mode, notify=modeChanged)
    countdown = Property(int, _get_countdown, notify=countdownChanged)

    @property
    def current_mode(self) -> Playback.Mode:
        return self._mode

    # --- inputs ------------------------------------------------------------------

    def start(self) -> None:
        """Begin the show in attract mode, from the current slide."""
        self._looping = True
        self._set_mode(Mode.ATTRACT)
        self._autoplay.start()

    @Slot()
    def activity(self) -> None:
        """Any touch, click or key: a visitor is here (or still here)."""
        if self._mode is Mode.STAFF:
            return
        if self._mode is Mode.ATTRACT:
            self._autoplay.pause()
            self._set_mode(Mode.VISITOR)
            self.visitStarted.emit()
        self._set_countdown(0)
        self._ticker.stop()
        if not self._held:
            self._idle.start()

    @Slot(bool)
    def holdIdle(self, held: bool) -> None:
        """While held (a presenter's black screen that waits for the next key: the
        settings' ``black_until_key``), no countdown runs and the show never returns to
        the cover by itself; released, the visitor's idle wait starts afresh."""
        if held == self._held:
            return
        self._held = held
        if held:
            self._idle.stop()
            self._ticker.stop()
            self._set_countdown(0)
        elif self._mode is Mode.VISITOR:
            self._idle.start()

    @Slot()
    def enter_staff(self) -> None:
        """Staff opened their panel: freeze the show, and remember the mode it was in."""
        if self._mode is Mode.STAFF:
            return
        self._before_staff = self._mode
        self._stop_timers()
        self._autoplay.pause()
        self._set_countdown(0)
        if self._mode is Mode.VISITOR:
            self.visitEnded.emit()  # the statistics' visit ends where the staff came in
        self._set_mode(Mode.STAFF)

    @Slot()
    def leave_staff(self) -> None:
        """Staff closed their panel (resume, cancel, timeout): the show goes on in the mode
        and on the slide it was in, a visitor's with a fresh idle wait, the loop's from the
        slide's full time. (A reload that changed the deck has put the show on its cover.)"""
        if self._mode is not Mode.STAFF:
            return
        self._set_countdown(0)
        if self._before_staff is Mode.VISITOR:
            self._set_mode(Mode.VISITOR)
            self.visitStarted.emit()
            self._idle.start()
            return
        self._set_mode(Mode.ATTRACT)
        if self._looping:
            self._autoplay.start()

    def set_timings(self, *, idle_timeout_ms: int, countdown_ms: int, tick_ms: int) -> None:
        """New idle timeout and countdown (a settings reload), from the next idle wait on;
        a running idle wait restarts with the new length."""
        self._tick_ms = max(1, tick_ms)
        self._countdown_ticks = max(1, round(countdown_ms / self._tick_ms))
        self._ticker.setInterval(self._tick_ms)
        self._idle.setInterval(max(1, idle_timeout_ms))  # Qt restarts it when running

    # --- timers --------------------------------------------------------------------

    def _start_countdown(self) -> None:
        if self._mode is not Mode.VISITOR:
            return
        # Shown as whole ticks (seconds at tick_ms = 1000): 10, 9, ... 1, then the loop.
        self._remaining_ticks = self._countdown_ticks
        self._set_countdown(self._remaining_ticks)
        self._ticker.start()

    def _tick(self) -> None:
        self._remaining_ticks -= 1
        if self._remaining_ticks <= 0:
            self._ticker.stop()
            self.visitEnded.emit()
            self._return_to_attract()
            return
        self._set_countdown(self._remaining_ticks)

    def _return_to_attract(self) -> None:
        self._stop_timers()
        self._set_countdown(0)
        self.resetRequested.emit()
        self._navigator.first()
        self._set_mode(Mode.ATTRACT)
        if self._looping:
            self._autoplay.start()  # restarts the cover's full duration

    def _stop_timers(self) -> None:
        self._idle.stop()
        self._ticker.stop()

    def _set_mode(self, mode: Playback.Mode) -> None:
        if mode is not self._mode:
            log.info("mode: %s -> %s", self._mode, mode)
            self._mode = mode
            self.modeChanged.emit()

    def _set_countdown(self, seconds: int) -> None:
        if seconds != self._countdown:
            self._countdown = seconds
            self.countdownChanged.emit()


# For Python callers: ``from kiosk.qt.playback import Mode``.
Mode = Playback.Mode
