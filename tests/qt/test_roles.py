"""The models' item data roles, written as ints, are Qt's."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.qt import roles


def test_the_roles_are_qts() -> None:
    assert Qt.ItemDataRole.DisplayRole.value == roles.DISPLAY_ROLE
    assert Qt.ItemDataRole.UserRole.value == roles.USER_ROLE
