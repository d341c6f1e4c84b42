"""Touch targets of at least 15 mm (the brief) on every supported screen: every item a
finger can press, walked in the real Display, measured in millimetres of that screen.

A screen's millimetres are Qt's (Screen.pixelDensity) where it says, else those of a
55-inch screen at that resolution (Theme.density). Each size is measured at both: the
default, and a density a screen of that resolution reports when it is a small one (a
laptop, a tablet, a desktop monitor: the densest a booth would use).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from staff_show import staff_display

PIN = "2468"
TARGET_MM = 15
DEFAULT_INCHES = 55  # Theme.density when the screen does not say
# (size, the pixels per mm a small screen of that resolution reports)
SCREENS = [
    ((1920, 1080), 1920 / 293.8),  # a 13.3-inch laptop
    ((1080, 1920), 1080 / 267.8),  # a 21.5-inch totem
    ((1280, 800), 1280 / 217.0),  # a 10.1-inch tablet
    ((1024, 768), 1024 / 245.8),  # a 12.1-inch panel PC
    ((3840, 2160), 3840 / 597.7),  # a 27-inch 4K monitor
]


def _default_density(size: tuple[int, int]) -> float:
    return math.hypot(*size) / (DEFAULT_INCHES * 25.4)


def _scene(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _shown(item: QQuickItem) -> bool:
    node: QQuickItem | None = item
    while node is not None:
        if not node.isVisible() or node.opacity() <= 0:
            return False
        node = node.parentItem()
    return True


def _name(item: QQuickItem) -> str:
    node: QQuickItem | None = item
    while node is not None and not node.objectName():
        node = node.parentItem()
    return f"{type(item).__name__} in {node.objectName() if node else '?'}"


def targets(window: Any) -> list[tuple[str, QRectF]]:
    """Every pressable item on screen: a MouseArea, or an item with a TapHandler."""
    found: list[tuple[str, QRectF]] = []

    def visit(node: QQuickItem) -> None:
        if not node.isVisible() or node.opacity() <= 0:
            return
        mouse = node.inherits("QQuickMouseArea") and node.isEnabled()
        tap = any(
            child.inherits("QQuickTapHandler") and child.property("enabled")
            for child in node.children()
        )
        if (mouse or tap) and _shown(node) and node.width() > 0 and node.height() > 0:
            found.append((("TapHandler on " if tap else "") + _name(node), _scene(node)))
        for child in node.childItems():
            visit(child)

    visit(window.contentItem())
    return found


@pytest.fixture(params=SCREENS, ids=[f"{w}x{h}" for (w, h), _ in SCREENS])
def show(request: Any, qapp: QGuiApplication, qtbot: Any) -> Iterator[tuple[Any, float]]:
    size, reported = request.param
    display = staff_display(qtbot, size, pin=PIN)
    yield display, reported
    display.window.close()
    display.deleteLater()
    qapp.processEvents()


@pytest.mark.parametrize("which", ["default", "reported"])
def test_every_target_is_at_least_15_mm(show: tuple[Any, float], qtbot: Any, which: str) -> None:
    display, reported = show
    window = display.window
    size = (window.width(), window.height())
    theme = display.engine.singletonInstance("Kiosk", "Theme")
    theme.setProperty("pixelDensity", 0 if which == "default" else reported)
    density = _default_density(size) if which == "default" else reported
    assert theme.property("density") == pytest.approx(density, rel=1e-3)
    floor = TARGET_MM * density
    screen = QRectF(0, 0, *size)
    measured: dict[str, list[tuple[str, QRectF]]] = {}

    def settle() -> None:
        with qtbot.waitSignal(window.frameSwapped, timeout=2000):
            window.update()

    def measure(state: str) -> None:
        settle()
        measured[state] = targets(window)

    measure("attract")
    display.navigator.goTo(2)
    display.sections.setProperty("open", False)
    _touch(display, qtbot)
    measure("visitor")
    display.sections.setProperty("open", True)
    qtbot.waitUntil(lambda: _find(window.contentItem(), "tile0") is not None)
    measure("menu")
    display.sections.setProperty("open", False)
    if (access := getattr(display, "access", None)) is not None and access.property(
        "open"
    ) is not None:
        access.setProperty("open", True)
        measure("« Aa »")
        access.setProperty("open", False)
    display.staff.open()
    qtbot.waitUntil(lambda: display.staff.property("padOpen"))
    measure("PIN pad")
    display.staff.submit(PIN)
    qtbot.waitUntil(lambda: display.staff.property("panelOpen"))
    measure("staff panel")

    failures = []
    for state, found in measured.items():
        assert found, state
        for name, rect in found:
            mm = min(rect.width(), rect.height()) / density
            if mm < TARGET_MM - 0.05:
                failures.append(
                    f"{state}: {name} {rect.width():.0f}x{rect.height():.0f} px = {mm:.1f} mm"
                )
            elif not screen.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect):
                failures.append(f"{state}: {name} {rect} is not all on the screen")
    assert failures == [], f"{size} at {density:.2f} px/mm (15 mm = {floor:.0f} px): " + "; ".join(
        failures
    )
    # The controls a visitor uses: all of them measured.
    names = {name for name, _ in measured["visitor"]}
    assert any("previousButton" in n for n in names) and any("languageButton" in n for n in names)
    assert any("tile0" in n for n, _ in measured["menu"])
    assert any("key5" in n for n, _ in measured["PIN pad"])


def _find(node: QQuickItem, name: str) -> QQuickItem | None:
    if node.objectName() == name and _shown(node):
        return node
    for child in node.childItems():
        if (found := _find(child, name)) is not None:
            return found
    return None


def _touch(display: Any, qtbot: Any) -> None:
    """A visitor's first touch: the visitor's controls show."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    window = display.window
    centre = QPoint(window.width() // 2, window.height() // 2)
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: str(display.playback.mode) == "visitor", timeout=2000)


def test_the_walk_finds_every_kind_of_control(qapp: QGuiApplication, qtbot: Any) -> None:
    display = staff_display(qtbot, (1920, 1080), pin=PIN)
    try:
        _touch(display, qtbot)
        with qtbot.waitSignal(display.window.frameSwapped, timeout=2000):
            display.window.update()
        names = " ".join(name for name, _ in targets(display.window))
        for control in ("previousButton", "nextButton", "contentsButton", "languageButton"):
            assert control in names, control
        assert "TapHandler on " in names  # the staff corner's long press
    finally:
        display.window.close()
        display.deleteLater()
        qapp.processEvents()
