"""Fixtures for the booth tests: a two-language deck, the real show window, touch and keys.

Everything runs offscreen (tests/conftest.py). The show's clock is scaled
(``DisplayOptions.time_scale``) so idle return and the loop take milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QPointingDevice
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.deck.model import DeckSet


@pytest.fixture(scope="session")
def decks() -> Callable[..., DeckSet]:
    """``make_deck_set``, for the tests (they do not import conftest)."""
    return make_deck_set


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QGuiApplication) -> None:
    from kiosk.qt.fonts import load_bundled_fonts

    assert "Inter" in load_bundled_fonts()


@pytest.fixture(scope="session")
def touchscreen(qapp: QGuiApplication) -> QPointingDevice:
    return QTest.createTouchDevice()


class Booth:
    """The real show window of one Display, with a finger, a mouse and a keyboard."""

    def __init__(self, display: Any, device: QPointingDevice, qtbot: Any) -> None:
        self.display = display
        self.window: QQuickWindow = display.window
        self.navigator = display.navigator
        self.playback = display.playback
        self.language = display.language
        self.device = device
        self.qtbot = qtbot

    @property
    def width(self) -> int:
        return self.window.width()

    @property
    def height(self) -> int:
        return self.window.height()

    @property
    def slide(self) -> int:
        return self.navigator.index()

    @property
    def mode(self) -> str:
        return str(self.playback.mode)

    # --- input ----------------------------------------------------------------------

    def touch(self) -> Any:
        """A touch event sequence on the window (commit it)."""
        return QTest.touchEvent(self.window, self.device, False)

    def swipe(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        steps: int = 6,
        pause_ms: int = 0,
    ) -> None:
        """One finger from ``start`` to ``end`` in ``steps`` moves (``pause_ms`` apart: a
        Flickable wants a finger that takes time), then lifted."""
        (x0, y0), (x1, y1) = start, end
        self.touch().press(0, _point(x0, y0), self.window).commit()
        for i in range(1, steps + 1):
            if pause_ms:
                self.qtbot.wait(pause_ms)
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            self.touch().move(0, _point(x, y), self.window).commit()
        self.touch().release(0, _point(x1, y1), self.window).commit()

    def tap(self, x: float, y: float) -> None:
        self.touch().press(0, _point(x, y), self.window).commit()
        self.touch().release(0, _point(x, y), self.window).commit()

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 6) -> None:
        """A mouse drag with the left button."""
        (x0, y0), (x1, y1) = start, end
        button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(self.window, button, none, _point(x0, y0))
        for i in range(1, steps + 1):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            QTest.mouseMove(self.window, _point(x, y))
        QTest.mouseRelease(self.window, button, none, _point(x1, y1))

    def click(self, x: float, y: float) -> None:
        QTest.mouseClick(
            self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _point(x, y)
        )

    def press(self, name: str) -> None:
        """Tap the middle of the item called ``name`` with a finger, as laid out on screen."""
        self.settle()
        point = self.centre(name)
        self.tap(point.x(), point.y())

    def settle(self) -> None:
        """Wait for a frame: positioners (rows of buttons) lay out before it, not at once."""
        with self.qtbot.waitSignal(self.window.frameSwapped, timeout=2000):
            self.window.update()

    def key(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.window, key, modifiers)

    # --- the scene --------------------------------------------------------------------

    def item(self, name: str) -> QQuickItem:
        """The item called ``name`` in the visual tree (QObject parents may differ)."""

        def find(node: QQuickItem) -> QQuickItem | None:
            if node.objectName() == name:
                return node
            for child in node.childItems():
                if (found := find(child)) is not None:
                    return found
            return None

        found = find(self.window.contentItem())
        assert found is not None, f"no item {name!r} in the scene"
        return found

    def shown(self, name: str) -> bool:
        """Whether the item called ``name`` is on screen (it and every parent visible)."""
        node: QQuickItem | None = self.item(name)
        while node is not None:
            if not node.isVisible() or node.opacity() <= 0:
                return False
            node = node.parentItem()
        return True

    def rect(self, name: str) -> QRectF:
        self.settle()
        target = self.item(name)
        return target.mapRectToScene(QRectF(0, 0, target.width(), target.height()))

    def centre(self, name: str) -> QPointF:
        return self.rect(name).center()

    def texts(self, name: str) -> list[str]:
        """The text of every Text item under the item called ``name``."""
        found: list[str] = []

        def visit(node: QQuickItem) -> None:
            if node.inherits("QQuickText") and node.isVisible():
                found.append(str(node.property("text")))
            for child in node.childItems():
                visit(child)

        visit(self.item(name))
        return found


def _point(x: float, y: float) -> QPoint:
    return QPoint(round(x), round(y))


@pytest.fixture
def booth(
    qapp: QGuiApplication, qtbot: Any, touchscreen: QPointingDevice
) -> Iterator[Callable[..., Booth]]:
    """Build the real show for a deck set (default: the two-language test deck), shown,
    focused and started in attract mode unless ``start=False``; torn down after the test."""
    from kiosk.app import Display, DisplayOptions

    made: list[Any] = []

    def build(
        content: Any = None,
        size: tuple[int, int] = (1920, 1080),
        start: bool = True,
        **options: Any,
    ) -> Booth:
        settings: dict[str, Any] = {"reduced_motion": True, **options}
        display = Display(
            make_deck_set() if content is None else content,
            DisplayOptions(size=size, windowed=True, **settings),
        )
        made.append(display)
        window = display.window
        window.resize(*size)
        window.show()
        window.requestActivate()
        qtbot.waitUntil(
            lambda: (window.contentItem().width(), window.contentItem().height()) == size
        )
        qtbot.waitUntil(window.isActive)
        display.warm_up()
        if start:
            display.playback.start()
        return Booth(display, touchscreen, qtbot)

    yield build
    for display in made:
        display.window.close()
        display.deleteLater()
    qapp.processEvents()
