"""The deck's sections, for the « Sommaire » menu: where each starts and what it is called.

The rule (README, "Sections"): a section starts at a ``cover`` or ``section`` slide, or
at any slide whose frontmatter says ``section: true`` or ``section: <title>``;
``section: false`` keeps a cover or section slide out of the menu. A tile shows the
``section:`` title when there is one, else the slide's title.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.deck.model import Deck, Layout, Slide
from kiosk.qt import roles

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

_ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Section:
    """One tile of the menu."""

    slide: int  # 0-based index of the slide the section starts at
    title: str


def _starts_section(slide: Slide) -> bool:
    marked = slide.frontmatter.get("section")
    if marked is False:
        return False
    if marked is True or (isinstance(marked, str) and marked.strip()):
        return True
    return slide.layout in (Layout.COVER, Layout.SECTION)


def _tile_title(slide: Slide, deck: Deck) -> str:
    marked = slide.frontmatter.get("section")
    if isinstance(marked, str) and marked.strip():
        return marked.strip()
    if slide.title:
        return slide.title
    if slide.layout is Layout.COVER and deck.title:
        return deck.title
    return str(slide.index + 1)


def deck_sections(deck: Deck | None) -> tuple[Section, ...]:
    """The sections of ``deck``, in slide order."""
    if deck is None:
        return ()
    return tuple(
        Section(i, _tile_title(slide, deck))
        for i, slide in enumerate(deck.slides)
        if _starts_section(slide)
    )


class Role(enum.IntEnum):
    """What a tile delegate may declare as ``required property``."""

    title = roles.USER_ROLE + 1
    slideIndex = enum.auto()
    number = enum.auto()  # 1-based position in the menu


@QmlElement
@QmlUncreatable("SectionModel is made by the app from the deck")
class SectionModel(QAbstractListModel):  # type: ignore[operator]
    """One row per section of the shown deck; replaced whole with the deck.

    Also the menu's state, so that QML tells Python through declared members: ``open``
    (whether « Sommaire » is on screen, written by QML) and :meth:`choose` (a tile was
    chosen; the scene itself moves the navigator there).

    Signals:
        countChanged(): after the rows change.
        openChanged(): the menu opened or closed.
        chosen(int slideIndex): a tile was chosen (for the statistics, kiosk.stats.feed).
    """

    countChanged = Signal()
    openChanged = Signal()
    chosen = Signal(int)

    def __init__(self, deck: Deck | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = deck_sections(deck)
        self._open = False
        self.modelReset.connect(self.countChanged)

    def set_deck(self, deck: Deck | None) -> None:
        self.beginResetModel()
        self._rows = deck_sections(deck)
        self.endResetModel()

    def sections(self) -> tuple[Section, ...]:
        return self._rows

    def is_open(self) -> bool:
        return self._open

    def set_open(self, value: bool) -> None:
        if value != self._open:
            self._open = value
            self.openChanged.emit()

    @Slot(int)
    def choose(self, slide_index: int) -> None:
        """A tile of the menu was chosen: the section starting at ``slide_index``."""
        self.chosen.emit(slide_index)

    @Slot(int, result=int)
    def sectionAt(self, slide: int) -> int:
        """The row of the section ``slide`` belongs to; -1 before the first section."""
        found = -1
        for row, section in enumerate(self._rows):
            if section.slide > slide:
                break
            found = row
        return found

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(role): QByteArray(role.name.encode()) for role in Role}

    def data(self, index: _ModelIndex, role: int = roles.DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        section = self._rows[index.row()]
        match role:
            case roles.DISPLAY_ROLE | Role.title:
                return section.title
            case Role.slideIndex:
                return section.slide
            case Role.number:
                return index.row() + 1
        return None

    def row_count(self) -> int:
        return len(self._rows)

    count = Property(int, row_count, notify=countChanged)
    open = Property(bool, is_open, set_open, notify=openChanged)
