"""CursorHider: the arrow shows for real mouse motion only, and hides again when still."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent, QWindow
from PySide6.QtQuick import QQuickWindow
from PySide6.QtTest import QTest

from kiosk.system.cursor import CursorHider

HIDE_MS = 150


@pytest.fixture
def window(qapp: Any, qtbot: Any) -> Iterator[QQuickWindow]:
    shown = QQuickWindow()
    shown.resize(400, 300)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.fixture
def touchscreen() -> Any:
    return QTest.createTouchDevice()


def shape(window: QQuickWindow) -> Qt.CursorShape:
    return window.cursor().shape()


class SynthesizedMice(QObject):
    """Counts the mouse events Qt made up from touches, to prove they did reach the window."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent) and (
            event.source() != Qt.MouseEventSource.MouseEventNotSynthesized
        ):
            self.count += 1
        return False


def swipe(window: QWindow, touchscreen: Any) -> None:
    """One finger down, across, and up."""
    QTest.touchEvent(window, touchscreen).press(0, QPoint(50, 50), window).commit()
    for x in range(60, 200, 20):
        QTest.touchEvent(window, touchscreen).move(0, QPoint(x, 60), window).commit()
    QTest.touchEvent(window, touchscreen).release(0, QPoint(200, 60), window).commit()


def test_the_pointer_starts_hidden(window: QQuickWindow) -> None:
    hider = CursorHider(window, HIDE_MS)
    assert not hider.visible
    assert shape(window) == Qt.CursorShape.BlankCursor


def test_mouse_motion_shows_the_arrow_then_it_hides_when_still(
    window: QQuickWindow, qtbot: Any
) -> None:
    hider = CursorHider(window, HIDE_MS)
    with qtbot.waitSignal(hider.visibleChanged) as shown:
        QTest.mouseMove(window, QPoint(10, 10))
        QTest.mouseMove(window, QPoint(60, 40))
    assert shown.args == [True]
    assert shape(window) == Qt.CursorShape.ArrowCursor
    moved = time.monotonic()

    with qtbot.waitSignal(hider.visibleChanged, timeout=3000) as hidden:
        pass
    assert hidden.args == [False]
    assert time.monotonic() - moved >= HIDE_MS / 1000 * 0.9
    assert shape(window) == Qt.CursorShape.BlankCursor


def test_motion_keeps_the_arrow(window: QQuickWindow, qtbot: Any) -> None:
    hider = CursorHider(window, HIDE_MS)
    QTest.mouseMove(window, QPoint(10, 10))
    QTest.mouseMove(window, QPoint(11, 10))
    assert hider.visible
    # Moving on for three timeouts: it never hides meanwhile.
    for step in range(12):
        with qtbot.assertNotEmitted(hider.visibleChanged, wait=HIDE_MS // 4):
            QTest.mouseMove(window, QPoint(12 + step, 10))
    assert hider.visible


def test_a_still_pointer_reported_again_does_not_show(window: QQuickWindow, qtbot: Any) -> None:
    hider = CursorHider(window, HIDE_MS)
    with qtbot.assertNotEmitted(hider.visibleChanged, wait=50):
        for _ in range(3):
            QTest.mouseMove(window, QPoint(30, 30))
    assert not hider.visible


def test_a_click_shows_the_arrow(window: QQuickWindow) -> None:
    hider = CursorHider(window, HIDE_MS)
    QTest.mouseClick(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    assert hider.visible


def test_touch_never_shows_the_arrow(
    window: QQuickWindow, touchscreen: Any, qtbot: Any, qapp: Any
) -> None:
    hider = CursorHider(window, HIDE_MS)
    with qtbot.assertNotEmitted(hider.visibleChanged, wait=HIDE_MS):
        swipe(window, touchscreen)
        qapp.processEvents()
    assert not hider.visible
    assert shape(window) == Qt.CursorShape.BlankCursor


def test_mouse_events_made_up_from_touch_never_show_the_arrow(
    touchscreen: Any, qtbot: Any, qapp: Any
) -> None:
    # A bare QWindow takes no touch, so Qt turns each touch into mouse events for it:
    # they reach the hider, marked as made up, from the touchscreen.
    window = QWindow()
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    hider = CursorHider(window, HIDE_MS)
    made_up = SynthesizedMice()
    window.installEventFilter(made_up)
    try:
        with qtbot.assertNotEmitted(hider.visibleChanged, wait=HIDE_MS):
            swipe(window, touchscreen)
            qapp.processEvents()
        assert made_up.count >= 3  # press, moves, release
        assert not hider.visible
    finally:
        window.removeEventFilter(made_up)
        window.close()


def test_a_touch_hides_a_showing_arrow_at_once(
    window: QQuickWindow, touchscreen: Any, qtbot: Any
) -> None:
    hider = CursorHider(window, 60_000)
    QTest.mouseMove(window, QPoint(10, 10))
    QTest.mouseMove(window, QPoint(20, 10))
    assert hider.visible
    with qtbot.waitSignal(hider.visibleChanged) as hidden:
        QTest.touchEvent(window, touchscreen).press(0, QPoint(50, 50), window).commit()
    assert hidden.args == [False]
    QTest.touchEvent(window, touchscreen).release(0, QPoint(50, 50), window).commit()


def test_stop_shows_the_arrow_and_stops_watching(window: QQuickWindow, qtbot: Any) -> None:
    hider = CursorHider(window, HIDE_MS)
    hider.stop()
    assert hider.visible
    assert shape(window) == Qt.CursorShape.ArrowCursor
    with qtbot.assertNotEmitted(hider.visibleChanged, wait=HIDE_MS * 2):
        QTest.mouseMove(window, QPoint(10, 10))
        QTest.mouseMove(window, QPoint(20, 10))


def test_a_timeout_must_be_positive(window: QQuickWindow) -> None:
    with pytest.raises(ValueError, match="positive"):
        CursorHider(window, 0)
