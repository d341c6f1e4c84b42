"""Deck-wide facts for the views: title, language, and the brand colours made legible."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, QUrl, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.deck.model import Deck, Theme
from kiosk.render.palette import Palette

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("DeckInfo is made by the app")
class DeckInfo(QObject):  # type: ignore[operator]
    """What the views need to know about the deck as a whole.

    Signals: ``changed()`` when another deck (reload, language) replaces it, or the
    visitor turns high contrast on or off (``set_high_contrast``).
    """

    changed = Signal()

    def __init__(self, deck: Deck | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._deck = deck
        self._high = False
        self._palette = Palette(deck.theme if deck else Theme())

    def set_deck(self, deck: Deck | None) -> None:
        self._deck = deck
        self._palette = Palette(deck.theme if deck else Theme(), self._high)
        self.changed.emit()

    def set_high_contrast(self, high: bool) -> None:
        """Draw with the deck's high-contrast colours (the « Aa » control), or its own."""
        if high != self._high:
            self._high = high
            self._palette = Palette(self._deck.theme if self._deck else Theme(), high)
            self.changed.emit()

    def _title(self) -> str:
        return self._deck.title if self._deck else ""

    def _language(self) -> str:
        return self._deck.language if self._deck else "fr"

    def _empty(self) -> bool:
        return not (self._deck and self._deck.slides)

    def _logo(self) -> QUrl:
        logo = self._deck.theme.logo if self._deck else None
        return QUrl.fromLocalFile(str(logo)) if logo and logo.is_file() else QUrl()

    def _background(self) -> str:
        return self._palette.background

    def _foreground(self) -> str:
        return self._palette.foreground

    def _accent(self) -> str:
        return self._palette.accent

    def _muted(self) -> str:
        return self._palette.muted

    def _surface(self) -> str:
        return self._palette.surface

    def _dark(self) -> bool:
        return self._palette.dark

    def _code_string(self) -> str:
        return self._palette.code_string

    def _line(self) -> str:
        return self._palette.line

    def _high_contrast(self) -> bool:
        return self._high

    title = Property(str, _title, notify=changed)
    language = Property(str, _language, notify=changed)
    empty = Property(bool, _empty, notify=changed)
    logoUrl = Property(QUrl, _logo, notify=changed)
    background = Property(str, _background, notify=changed)
    foreground = Property(str, _foreground, notify=changed)
    accent = Property(str, _accent, notify=changed)
    muted = Property(str, _muted, notify=changed)
    surface = Property(str, _surface, notify=changed)
    dark = Property(bool, _dark, notify=changed)
    codeString = Property(str, _code_string, notify=changed)
    line = Property(str, _line, notify=changed)  # controls' outlines, indicators: 3:1
    highContrast = Property(bool, _high_contrast, notify=changed)
