"""The language the show speaks: which of the deck's languages, and the controls' words in it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Property, QLocale, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.render.uitext import language_name, ui_text

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("Language is made by the app")
class Language(QObject):  # type: ignore[operator]
    """The deck's languages, the one shown, and the one idle return goes back to.

    The button shows the *next* language's name in that language (« English » on the
    French deck, « Français » on the English one); with three languages or more it steps
    through them. The display swaps the deck on ``switched``.

    Signals:
        changed(): ``current`` (and with it every control text) or the list changed.
        switched(str): the visitor (or idle return) chose another language: its tag.
    """

    changed = Signal()
    switched = Signal(str)

    def __init__(
        self, languages: Sequence[str] = (), default: str | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._languages: tuple[str, ...] = ()
        self._default = self._current = ""
        self.set_languages(languages, default)

    def set_languages(self, languages: Sequence[str], default: str | None = None) -> None:
        """The deck now has ``languages`` (first: the deck's default); keep the current one
        when it is still there. ``default``: the one idle return restores, when present."""
        self._languages = tuple(languages) or (default or "fr",)
        self._default = default if default in self._languages else self._languages[0]
        if self._current not in self._languages:
            self._current = self._default
        self.changed.emit()

    # --- for Python callers -------------------------------------------------------------

    def current_tag(self) -> str:
        return self._current

    def default_tag(self) -> str:
        return self._default

    def reset(self) -> None:
        """Back to the default language (idle return)."""
        self.choose(self._default)

    # --- for QML ----------------------------------------------------------------------

    @Slot()
    def toggle(self) -> None:
        """Show the next language (the one the button names)."""
        self.choose(self._next())

    @Slot(str)
    def choose(self, tag: str) -> None:
        if tag not in self._languages or tag == self._current:
            return
        log.info("language: %s -> %s", self._current, tag)
        self._current = tag
        self.changed.emit()
        self.switched.emit(tag)

    def _next(self) -> str:
        index = self._languages.index(self._current)
        return self._languages[(index + 1) % len(self._languages)]

    # --- properties for QML: named getters, which pyside6-metaobjectdump can read ------

    def _get_current(self) -> str:
        return self._current

    def _get_multiple(self) -> bool:
        return len(self._languages) > 1

    def _get_switch_label(self) -> str:
        tag = self._next()
        return language_name(tag, QLocale(tag).nativeLanguageName())

    def _get_switch_language(self) -> str:
        return self._next()

    # The controls' own words, in the current language (kiosk/render/uitext.py).

    def _get_hint(self) -> str:
        return ui_text(self._current, "hint")

    def _get_contents_label(self) -> str:
        return ui_text(self._current, "contents")

    def _get_close_label(self) -> str:
        return ui_text(self._current, "close")

    def _get_still_there(self) -> str:
        return ui_text(self._current, "still_there")

    def _get_touch_to_continue(self) -> str:
        return ui_text(self._current, "touch_to_continue")

    def _get_back_in(self) -> str:
        return ui_text(self._current, "back_in")

    def _get_previous_label(self) -> str:
        return ui_text(self._current, "previous")

    def _get_next_label(self) -> str:
        return ui_text(self._current, "next")

    # Words for a screen reader only: the accessible names of the slide and the controls.

    def _get_slide_of(self) -> str:
        return ui_text(self._current, "slide_of")

    def _get_black_screen(self) -> str:
        return ui_text(self._current, "black_screen")

    current = Property(str, _get_current, notify=changed)
    multiple = Property(bool, _get_multiple, notify=changed)
    switchLabel = Property(str, _get_switch_label, notify=changed)
    switchLanguage = Property(str, _get_switch_language, notify=changed)
    hint = Property(str, _get_hint, notify=changed)
    contentsLabel = Property(str, _get_contents_label, notify=changed)
    closeLabel = Property(str, _get_close_label, notify=changed)
    stillThere = Property(str, _get_still_there, notify=changed)
    touchToContinue = Property(str, _get_touch_to_continue, notify=changed)
    backIn = Property(str, _get_back_in, notify=changed)
    previousLabel = Property(str, _get_previous_label, notify=changed)
    nextLabel = Property(str, _get_next_label, notify=changed)
    slideOf = Property(str, _get_slide_of, notify=changed)  # %1: the slide's number, %2: the count
    blackScreen = Property(str, _get_black_screen, notify=changed)
