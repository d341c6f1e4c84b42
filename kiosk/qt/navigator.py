"""The one owner of the current slide: next, previous, go to; every view follows its signals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Navigator is made by the app")
class Navigator(QObject):  # type: ignore[operator]
    """Current slide index over ``count`` slides; moving past the last wraps to the first.

    Signals:
        currentChanged(): ``current`` changed (to any slide, by any means).
        countChanged(): the deck changed size; ``current`` is clamped into it.
        wrapped(): ``next()`` went from the last slide back to the first (one loop done).
    """

    currentChanged = Signal()
    countChanged = Signal()
    wrapped = Signal()

    def __init__(self, count: int = 0, parent: Any = None) -> None:
        super().__init__(parent)
        self._count = max(0, count)
        self._current = 0

    def _get_current(self) -> int:
        return self._current

    def _get_count(self) -> int:
        return self._count

    current = Property(int, _get_current, notify=currentChanged)
    count = Property(int, _get_count, notify=countChanged)

    def index(self) -> int:
        """The current slide, for Python callers (``current`` is the QML property)."""
        return self._current

    def size(self) -> int:
        """How many slides, for Python callers (``count`` is the QML property)."""
        return self._count

    def set_count(self, count: int) -> None:
        """The deck now has ``count`` slides (reload, language change)."""
        count = max(0, count)
        if count != self._count:
            self._count = count
            self.countChanged.emit()
        if self._current >= max(count, 1):
            self._set(0)

    @Slot()
    def next(self) -> None:
        if self._count == 0:
            return
        if self._current + 1 >= self._count:
            self._set(0)
            self.wrapped.emit()
        else:
            self._set(self._current + 1)

    @Slot()
    def previous(self) -> None:
        if self._count:
            self._set((self._current - 1) % self._count)

    @Slot(int)
    def goTo(self, index: int) -> None:
        if 0 <= index < self._count:
            self._set(index)

    @Slot()
    def first(self) -> None:
        self.goTo(0)

    @Slot()
    def last(self) -> None:
        self.goTo(self._count - 1)

    def _set(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.currentChanged.emit()
