"""Qt's item data roles that the list models answer, as plain ints.

``Qt.ItemDataRole`` is a member of Qt's namespace, which PySide6 makes at its first use
from Python (94 enum types, some 20 ms): the models are built before the first frame,
which must not wait for that (kiosk.app). The values are Qt's own, fixed in its API
(tests/qt/test_roles.py compares them).
"""

from __future__ import annotations

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole: a model's own roles start above it
