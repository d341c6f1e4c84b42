"""A show with its staff overlay, as `kiosk run` builds one, for the tests of the show's
staff screens (contrast, touch targets). Importable from any test (tests/ is on the path)."""

from __future__ import annotations

from typing import Any

from made_decks import make_deck_set
from PySide6.QtCore import QObject


def staff_display(qtbot: Any, size: tuple[int, int] = (1920, 1080), pin: str = "") -> Any:
    """A shown, started Display with a staff controller (``pin`` set, or none); the caller
    closes it (``display.window.close(); display.deleteLater()``)."""
    from kiosk.app import Display, DisplayOptions, StaffSetup
    from kiosk.pinhash import hash_pin
    from kiosk.qt.staff import StaffController

    staff = StaffController(hash_pin(pin) if pin else "", windowed=True)
    display = Display(
        make_deck_set(),
        DisplayOptions(size=size, windowed=True, reduced_motion=True),
        StaffSetup(staff, "top-left", 1.0),
    )
    display.window.resize(*size)
    display.window.show()
    content = display.window.contentItem()
    qtbot.waitUntil(lambda: (content.width(), content.height()) == size)
    display.warm_up()
    display.playback.start()
    qtbot.waitUntil(lambda: display.window.findChild(QObject, "staffPanel") is not None)
    return display
