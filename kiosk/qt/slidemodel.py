"""The deck's slides as a read-only Qt list model, one row per slide, for the QML views."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.config import Settings
from kiosk.deck.model import Deck, Layout, Slide
from kiosk.qt import roles
from kiosk.render.text import link_caption, strip_outer_quotes

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

# Seconds a slide stays on screen when neither the slide, the deck nor the settings say:
# the settings' own default (kiosk.config).
DEFAULT_DURATION_S = Settings().slide_duration_s

_ModelIndex = QModelIndex | QPersistentModelIndex


class Role(enum.IntEnum):
    """The roles a delegate may declare as ``required property``; names are the QML names."""

    layout = roles.USER_ROLE + 1
    title = enum.auto()
    body = enum.auto()
    rightColumn = enum.auto()
    figure = enum.auto()
    statement = enum.auto()
    source = enum.auto()
    quote = enum.auto()
    imageUrl = enum.auto()
    qr = enum.auto()
    qrCaption = enum.auto()
    duration = enum.auto()


# What a slide's layout is given (the duration is the autoplay's).
LAYOUT_ROLES = tuple(role for role in Role if role is not Role.duration)


def slide_duration(slide: Slide, deck: Deck, default_s: float = DEFAULT_DURATION_S) -> float:
    """Seconds ``slide`` stays on screen in the attract loop.

    The slide's own ``duration:``, else the deck's (headmatter), else ``default_s`` (the
    settings'), else ``DEFAULT_DURATION_S``.
    """
    for value in (slide.duration, deck.duration, default_s):
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
    return DEFAULT_DURATION_S


def slide_qr(slide: Slide, deck: Deck) -> str:
    """The URL to show as a QR code: the slide's own, or the deck's link on an end slide."""
    if slide.qr:
        return slide.qr
    return deck.link if slide.layout is Layout.END else ""


def _value(slide: Slide, deck: Deck, role: Role, default_duration_s: float) -> Any:
    """What ``role`` holds for ``slide``: plain values only, nothing Qt keeps a hold on."""
    match role:
        case Role.layout:
            return str(slide.layout)
        case Role.quote:
            # Slidev quotes are usually the heading; the layout draws its own big marks.
            return strip_outer_quotes(slide.title) if slide.title else slide.body
        case Role.imageUrl:
            return QUrl.fromLocalFile(str(slide.image)) if slide.image else QUrl()
        case Role.qr:
            return slide_qr(slide, deck)
        case Role.qrCaption:
            return link_caption(slide_qr(slide, deck))
        case Role.duration:
            return slide_duration(slide, deck, default_duration_s)
        case Role.rightColumn:
            return slide.right
        case _:
            return getattr(slide, role.name)


@QmlElement
@QmlUncreatable("SlideModel is made by the app from the deck")
class SlideModel(QAbstractListModel):  # type: ignore[operator]
    """One row per slide of one deck; its rows change when the deck or language changes.

    A deck with as many slides as the shown one (a translation, most reloads) is swapped
    in with ``dataChanged`` rather than a reset, so the views keep their delegates and the
    slides they built, which take the new text in place (SlideView.qml); a reset would
    rebuild the slides on screen. A reset costs little whatever the deck's length: the
    view makes holders for the wanted slides only, not one per row (SlideView.qml).

    Signals:
        countChanged(): after the number of rows changes.
        revised(): after the rows were swapped in place; views update what they built
            from the old ones.
    """

    countChanged = Signal()
    revised = Signal()

    def __init__(
        self,
        deck: Deck | None = None,
        parent: Any = None,
        *,
        default_duration_s: float = DEFAULT_DURATION_S,
    ) -> None:
        super().__init__(parent)
        self._default_duration_s = default_duration_s
        self._deck = deck
        self._rows: tuple[Slide, ...] = deck.slides if deck else ()
        self.modelReset.connect(self.countChanged)

    @property
    def deck(self) -> Deck | None:
        return self._deck

    def set_deck(self, deck: Deck | None) -> None:
        """Show ``deck`` instead (a reload, or another language)."""
        rows = deck.slides if deck else ()
        if rows and len(rows) == len(self._rows):
            self._deck, self._rows = deck, rows
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1), [])
            self.revised.emit()
            return
        self.beginResetModel()
        self._deck, self._rows = deck, rows
        self.endResetModel()

    def set_default_duration(self, seconds: float) -> None:
        """Seconds for slides whose frontmatter and deck say none (a settings reload)."""
        self._default_duration_s = seconds
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [])

    def durations(self) -> list[float]:
        """Seconds on screen of each row, for the autoplay."""
        deck = self._deck
        default = self._default_duration_s
        return [slide_duration(s, deck, default) for s in deck.slides] if deck else []

    @Slot(int, result="QVariantMap")
    def slide(self, row: int) -> dict[str, Any]:
        """Everything a layout shows of row ``row``, by role name, in one call: a view
        builds a slide from it (one call instead of one per role and slide)."""
        if self._deck is None or not 0 <= row < len(self._rows):
            return {}
        slide, deck, default = self._rows[row], self._deck, self._default_duration_s
        return {role.name: _value(slide, deck, role, default) for role in LAYOUT_ROLES}

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(role): QByteArray(role.name.encode()) for role in Role}

    def data(self, index: _ModelIndex, role: int = roles.DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or self._deck is None:
            return None
        slide = self._rows[index.row()]
        if role == roles.DISPLAY_ROLE:
            return slide.title
        try:
            return _value(slide, self._deck, Role(role), self._default_duration_s)
        except ValueError:
            return None

    def _count(self) -> int:
        return len(self._rows)

    count = Property(int, _count, notify=countChanged)
