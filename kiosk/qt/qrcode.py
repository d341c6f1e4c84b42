"""A QML item that draws a QR code made on the machine by `segno` (never fetched)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickPaintedItem

if TYPE_CHECKING:  # made by PySide6 at the first code painted, not at every start
    from PySide6.QtGui import QPainter

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

# Modules of light margin around the code: the QR specification asks for four.
QUIET_ZONE = 4


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of a QR code for ``text``, without quiet zone."""
    # Imported here: segno pulls in urllib and http (40 ms), which the first frame, a cover
    # with no code, should not wait for.
    import segno

    # Level M survives a screen's glare and a little moiré at no great cost in size.
    code = segno.make(text, error="m", micro=False, boost_error=True)
    return [[bool(v) for v in row] for row in code.matrix]


@QmlElement
class QrCode(QQuickPaintedItem):
    """Draws ``text`` as a QR code, dark on light, square, centred in the item.

    Module sizes are whole pixels, so the code stays crisp and scannable at any scale.
    Signals: ``textChanged()``, ``modulesChanged()`` (the code's width in modules).
    """

    textChanged = Signal()
    modulesChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._matrix: list[list[bool]] = []
        self._dark = QColor("#000000")
        self._light = QColor("#ffffff")

    def _get_text(self) -> str:
        return self._text

    def _set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        try:
            self._matrix = qr_matrix(text) if text else []
        except ValueError:  # segno's DataOverflowError is a ValueError
            log.warning("cannot make a QR code of %d characters", len(text))
            self._matrix = []
        self.textChanged.emit()
        self.modulesChanged.emit()
        self.update()

    def _get_modules(self) -> int:
        return len(self._matrix) + 2 * QUIET_ZONE if self._matrix else 0

    text = Property(str, _get_text, _set_text, notify=textChanged)
    modules = Property(int, _get_modules, notify=modulesChanged)

    def paint(self, painter: QPainter) -> None:
        if not self._matrix:
            return
        total = len(self._matrix) + 2 * QUIET_ZONE
        side = min(self.width(), self.height())
        module = max(1, int(side // total))
        drawn = module * total
        left = int((self.width() - drawn) / 2)
        top = int((self.height() - drawn) / 2)
        painter.fillRect(QRectF(left, top, drawn, drawn), self._light)
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        left + (x + QUIET_ZONE) * module,
                        top + (y + QUIET_ZONE) * module,
                        module,
                        module,
                        self._dark,
                    )
