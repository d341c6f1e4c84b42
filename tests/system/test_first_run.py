"""A newcomer's first run: `kiosk run` with no PIN set, on X with a window manager, and out
again with the keyboard shortcut and the staff panel's Quit (no SIGTERM, no logging out)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import KioskProcess, _wait_for
from .test_staff_restart import press_shortcut_until

pytestmark = pytest.mark.slow


def test_with_no_pin_set_the_shortcut_leads_to_quit(
    openbox: str, kiosk_on: Callable[..., KioskProcess], qtbot: Any
) -> None:
    kiosk = kiosk_on(openbox)
    kiosk.wait_log("no staff PIN set: Ctrl+Alt+K opens the staff panel", 10)
    window = kiosk.window()
    kiosk.x("xdotool", "windowactivate", "--sync", window)

    # The corner's long press (3 s by default, held 4): nothing opens while no PIN is set.
    kiosk.x("xdotool", "mousemove", "5", "5", "mousedown", "1", "sleep", "4", "mouseup", "1")
    # The press goes to the show, as any visitor's touch, and opens nothing.
    since = len(kiosk.log)
    kiosk.wait_log("mode: attract -> visitor", 10, since)
    assert not [line for line in kiosk.read_log(0.5)[since:] if "staff" in line]

    # Real key presses through the X server: the panel, no pad.
    press_shortcut_until(kiosk, "panel opened from the keyboard without a PIN")
    assert not [line for line in kiosk.log if "PIN pad opened" in line]

    # Quit the show, a tap then a second one, where the panel draws it on this screen.
    geometry = kiosk.x("xdotool", "getwindowgeometry", window)
    size = re.search(r"Geometry: (\d+)x(\d+)", geometry)
    assert size and (int(size[1]), int(size[2])) == kiosk.screen, geometry
    x, y = quit_button_centre(qtbot, *kiosk.screen)
    for _ in range(2):
        kiosk.x("xdotool", "mousemove", str(x), str(y), "click", "1")
    kiosk.wait_log("quit from the staff panel", 10)
    _wait_for(lambda: kiosk.process.poll() is not None, 20, "the show did not end")
    assert kiosk.process.returncode == 0
    assert "Traceback" not in "".join(kiosk.read_log(0.5))


PANEL = """
import QtQuick
import Kiosk

Window {
    id: window
    required property StaffController controller
    Binding { target: Theme; property: "viewWidth"; value: window.width }
    Binding { target: Theme; property: "viewHeight"; value: window.height }
    StaffOverlay {
        anchors.fill: parent
        controller: window.controller
        corner: "top-left"
        holdSeconds: 3
    }
}
"""


def quit_button_centre(qtbot: Any, width: int, height: int) -> tuple[int, int]:
    """Where the no-PIN staff panel draws Quit on a ``width`` x ``height`` screen: the same
    QML drawn offscreen here (the same fonts, the same 96 dpi as Xvfb's)."""
    from PySide6.QtCore import QPointF, QUrl
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickItem

    from kiosk.qt import QML_IMPORT_PATH
    from kiosk.qt.fonts import load_bundled_fonts
    from kiosk.qt.staff import StaffController

    load_bundled_fonts()
    controller = StaffController("")
    engine = QQmlApplicationEngine()
    try:
        engine.addImportPath(str(QML_IMPORT_PATH))
        engine.setInitialProperties({"controller": controller})
        engine.loadData(PANEL.encode(), QUrl("file:///first-run/Panel.qml"))
        window = engine.rootObjects()[0]
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        controller.open()
        button = window.findChild(QQuickItem, "quit")
        qtbot.waitUntil(lambda: button.isVisible() and button.width() > 0)
        centre = button.mapToScene(QPointF(button.width() / 2, button.height() / 2))
        window.close()
        return round(centre.x()), round(centre.y())
    finally:
        engine.deleteLater()
        controller.deleteLater()
