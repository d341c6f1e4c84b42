"""Feeds the statistics from the show's signals: visits, loops, slides, languages, menu, « Aa ».

The show's objects (playback, navigator, language, the sections model behind « Sommaire »)
only say what happened; :class:`StatsFeed` turns that into :class:`~kiosk.stats.recorder.
Recorder` calls, and counts what the staff panel shows (loops, visits today) whether
statistics are recorded or not.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.qt.playback import Mode

if TYPE_CHECKING:
    from kiosk.deck.model import Deck
    from kiosk.qt.access import Access
    from kiosk.qt.language import Language
    from kiosk.qt.navigator import Navigator
    from kiosk.qt.playback import Playback
    from kiosk.qt.sections import SectionModel
    from kiosk.stats.recorder import Recorder


class StatsFeed(QObject):
    """The show's signals, wired once, to the recorder handed over by :meth:`start`.

    Until then (and for good in a preview, which records nothing) it only counts:
    ``loops`` (attract loops completed) and ``visits_today`` (``visits_by_hour``, for the
    staff panel's chart).
    """

    def __init__(
        self,
        playback: Playback,
        navigator: Navigator,
        language: Language,
        sections: SectionModel,
        deck: Callable[[], Deck | None],
        parent: QObject | None = None,
        *,
        access: Access | None = None,
    ) -> None:
        super().__init__(parent)
        self._playback = playback
        self._navigator = navigator
        self._sections = sections
        self._deck = deck
        self._recorder: Recorder | None = None
        self.loops = 0
        self._visits_day = time.localtime().tm_yday
        self._hours = [0] * 24  # today's visits by the hour they started, since this start
        self._earlier = [0] * 24  # today's before this start, read from the database
        self._language = language.current_tag()
        playback.visitStarted.connect(self._visit_started)
        playback.visitEnded.connect(self._visit_ended)
        navigator.wrapped.connect(self._wrapped)
        navigator.currentChanged.connect(self._slide_shown)
        language.switched.connect(self._language_switched)
        playback.modeChanged.connect(self._mode_changed)
        sections.openChanged.connect(self._menu_changed)
        sections.chosen.connect(self._menu_jumped)
        if access is not None:
            access.used.connect(self._access_used)

    @property
    def visits_today(self) -> int:
        """Visits since midnight (the count restarts with the first visit of a new day)."""
        return sum(self.visits_by_hour)

    @property
    def visits_by_hour(self) -> tuple[int, ...]:
        """Today's visits by the local hour they started (24 counts): this run's, and the
        earlier runs' of today once :meth:`add_earlier` has them."""
        self._new_day()
        return tuple(a + b for a, b in zip(self._hours, self._earlier, strict=True))

    def add_earlier(self, hours: list[int], yday: int) -> None:
        """Today's visits recorded before this show started (``yday``: the day they were
        read for), counted from now on. May be called from any thread: it only replaces a
        list, which the UI thread reads whole."""
        if yday == self._visits_day and len(hours) == len(self._earlier):
            self._earlier = list(hours)

    def _new_day(self) -> None:
        today = time.localtime().tm_yday
        if today != self._visits_day:
            self._visits_day = today
            self._hours, self._earlier = [0] * 24, [0] * 24

    def start(self, recorder: Recorder) -> None:
        """Record from now on (once, the show on screen): the show started, the slide shown."""
        if self._recorder is not None:
            raise RuntimeError("the statistics feed already has its recorder")
        self._recorder = recorder
        recorder.show_started()
        self._slide_shown()

    def _visit_started(self) -> None:
        self._new_day()
        self._hours[time.localtime().tm_hour] += 1
        if self._recorder is not None:
            self._recorder.visit_started()

    def _visit_ended(self) -> None:
        if self._recorder is not None:
            self._recorder.visit_ended()

    def _wrapped(self) -> None:
        # The navigator also wraps when a visitor goes past the last slide: not a loop.
        if self._playback.current_mode is Mode.ATTRACT:
            self.loops += 1
            if self._recorder is not None:
                self._recorder.loop_completed()

    def _slide_shown(self) -> None:
        if self._recorder is None:
            return
        deck = self._deck()
        index = self._navigator.index()
        if deck is None or not 0 <= index < len(deck.slides):
            return
        slide = deck.slides[index]
        has_qr = bool(slide.qr) or slide.layout == "end"
        self._recorder.slide_shown(index, slide.title or slide.figure, deck.language, qr=has_qr)

    def _language_switched(self, language: str) -> None:
        if self._recorder is not None and language != self._language:
            self._recorder.language_switched(self._language, language)
            QTimer.singleShot(0, self._slide_shown)  # the same slide, in the new language
        self._language = language

    def _mode_changed(self) -> None:
        if self._recorder is not None and self._playback.current_mode is Mode.STAFF:
            self._recorder.slide_left()  # the staff panel covers the slide

    def _menu_changed(self) -> None:
        if self._recorder is not None and self._sections.is_open():
            self._recorder.menu_opened()

    def _menu_jumped(self, slide_index: int) -> None:
        if self._recorder is not None:
            self._recorder.menu_jumped(slide_index)

    def _access_used(self, choice: str) -> None:
        if self._recorder is not None:
            self._recorder.access_used(choice)
