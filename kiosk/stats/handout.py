"""The figures of the report to hand on: per booth and per day, read from the booths' databases.

Pure Python, no Qt. The same rules as `kiosk stats`'s summary (kiosk.stats.report): a visit
and its events count on the day the visit started; "slides viewed" and "languages" count
visitors' views of at least ``MIN_VIEW_SECONDS``; a slide's visits are the visits that viewed
it, once each. Besides: the visits by hour of the day they started, and every slide viewed
with its reading time, titled as on screen in the report's language when it was viewed in it.

Hundreds of thousands of events are read as SQLite's raw rows, checked once by SQLite
(``Store.check``), and tallied per booth and day in one pass: no ``Event`` per row. A booth's
visit numbers are its sessions' own, so the tallies of several booths or days add up.
"""

from __future__ import annotations

import datetime as dt
import logging
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.stats.booths import opened_booths
from kiosk.stats.model import EventKind
from kiosk.stats.report import MIN_VIEW_SECONDS, day_bounds, day_of

log = logging.getLogger(__name__)

HOURS = 24
COLUMNS = ("ts", "session", "kind", "visit", "slide", "title", "language", "seconds")
_KNOWN = frozenset(str(kind) for kind in EventKind)
_START = str(EventKind.SHOW_START)
_LOOP = str(EventKind.LOOP_COMPLETED)
_VISIT_START = str(EventKind.VISIT_START)
_VISIT_END = str(EventKind.VISIT_END)
_VIEW = str(EventKind.SLIDE_VIEW)
_MENU_OPEN = str(EventKind.MENU_OPEN)
_MENU_JUMP = str(EventKind.MENU_JUMP)
_SWITCH = str(EventKind.LANGUAGE_SWITCH)
_QR = str(EventKind.QR_SHOWN)


@dataclass(frozen=True, slots=True)
class SlideFigures:
    """One slide as visitors read it: how many visits viewed it, how long in all."""

    index: int  # from 0, as recorded
    title: str  # as on screen (line breaks kept), "" if it has none
    visits: int
    views: int
    seconds: float  # reading time, all its views together


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of one booth (or all) on one day (or the whole range)."""

    events: int = 0
    show_starts: int = 0
    loops: int = 0
    visits: int = 0
    median_visit: float | None = None  # seconds, over the visits that ended
    hours: tuple[int, ...] = (0,) * HOURS  # visits started in each hour of the day, 0 to 23
    slide_views: int = 0
    slides: tuple[SlideFigures, ...] = ()  # every slide viewed, most visits first
    languages: tuple[tuple[str, int], ...] = ()  # visits that viewed slides in it, most first
    menu_opens: int = 0
    menu_jumps: int = 0
    language_switches: int = 0
    qr_shown: int = 0
    qr_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class BoothFigures:
    """One booth: its figures day by day, oldest first, and over the whole range."""

    name: str
    path: Path
    days: tuple[tuple[dt.date, Figures], ...]
    total: Figures


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """Everything the report shows; ``days`` and ``total`` are all booths together."""

    booths: tuple[BoothFigures, ...]
    days: tuple[tuple[dt.date, Figures], ...]
    total: Figures
    since: dt.date | None = None  # the range asked (None: from the first event)
    until: dt.date | None = None


@dataclass(slots=True)
class _Tally:
    """Running counts (one booth, one day); added together for the totals."""

    events: int = 0
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KNOWN, 0))
    visit_lengths: list[float] = field(default_factory=list)
    hours: list[int] = field(default_factory=lambda: [0] * HOURS)
    views: int = 0
    # (slide, language, title) -> [views, seconds]: one look-up per view
    viewed: dict[tuple[int, Any, Any], list[float]] = field(default_factory=dict)
    slide_visits: Counter[int] = field(default_factory=Counter)
    language_visits: Counter[Any] = field(default_factory=Counter)
    qr_seconds: float = 0.0
    # The last visit counted for each slide and language, by its serial number in the
    # reading: a visit's events come together in its session, so "viewed by a new visit"
    # is "not by the last one counted".
    last_slide_visit: dict[int, int] = field(default_factory=dict)
    last_language_visit: dict[Any, int] = field(default_factory=dict)

    def add(self, other: _Tally) -> None:
        self.events += other.events
        for kind, count in other.kinds.items():
            self.kinds[kind] += count
        self.visit_lengths.extend(other.visit_lengths)
        self.hours = [a + b for a, b in zip(self.hours, other.hours, strict=True)]
        self.views += other.views
        for key, (views, seconds) in other.viewed.items():
            mine = self.viewed.setdefault(key, [0, 0.0])
            mine[0] += views
            mine[1] += seconds
        self.slide_visits.update(other.slide_visits)
        self.language_visits.update(other.language_visits)
        self.qr_seconds += other.qr_seconds

    def figures(self, language: str) -> Figures:
        languages: Counter[str] = Counter()
        for tag, count in self.language_visits.items():
            languages[_text(tag)] += count
        views: Counter[int] = Counter()
        seconds: defaultdict[int, float] = defaultdict(float)
        titles: defaultdict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
        for (index, tag, title), counts in self.viewed.items():
            views[index] += int(counts[0])
            seconds[index] += counts[1]
            titles[index][(_text(tag), _text(title))] += int(counts[0])
        slides = sorted(self.slide_visits.items(), key=lambda item: (-item[1], item[0]))
        return Figures(
            events=self.events,
            show_starts=self.kinds[_START],
            loops=self.kinds[_LOOP],
            visits=self.kinds[_VISIT_START],
            median_visit=statistics.median(self.visit_lengths) if self.visit_lengths else None,
            hours=tuple(self.hours),
            slide_views=self.views,
            slides=tuple(
                SlideFigures(
                    index=index,
                    title=_title(titles[index], language),
                    visits=visits,
                    views=views[index],
                    seconds=seconds[index],
                )
                for index, visits in slides
            ),
            languages=tuple(sorted(languages.items(), key=lambda item: (-item[1], item[0]))),
            menu_opens=self.kinds[_MENU_OPEN],
            menu_jumps=self.kinds[_MENU_JUMP],
            language_switches=self.kinds[_SWITCH],
            qr_shown=self.kinds[_QR],
            qr_seconds=self.qr_seconds,
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _base(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def _title(seen: Counter[tuple[str, str]], language: str) -> str:
    """The title a slide was most often viewed with in ``language``, else in any."""
    titles: Counter[str] = Counter()
    mine: Counter[str] = Counter()
    for (tag, title), count in seen.items():
        titles[title] += count
        if _base(tag) == language:
            mine[title] += count
    best = mine or titles
    # Most views first; equal counts by the title, so the report is the same every time.
    return min(best.items(), key=lambda item: (-item[1], item[0]))[0] if best else ""


def tally_rows(
    rows: Iterable[Sequence[Any]], skip: frozenset[str] = frozenset()
) -> tuple[dict[dt.date, _Tally], _Tally]:
    """Tally raw rows of :data:`COLUMNS`, in recorded order, by day; and the events on no
    day (an absurd clock before any other event of the session), counted in totals only.
    Rows of the sessions in ``skip`` are left out; rows of unknown kinds too (logged).

    Hot: hundreds of thousands of rows. A session's events mostly follow one another, so
    the current session's state (its last day, its open visit) and the current day's
    bounds and tally are kept in locals, and the dictionaries are only used on a change.
    """
    days: dict[dt.date, _Tally] = {}
    nowhere = _Tally()
    last_day: dict[str, dt.date | None] = {}  # sessions left: the day of their last event
    visits: dict[str, tuple[int, dt.date | None, int]] = {}  # their open visit
    session_now: Any = None
    day_now: dt.date | None = None  # the current session's last event's day
    visit_now: Any = None  # the current session's open visit: number, day, serial
    visit_day: dt.date | None = None
    serial = serial_now = 0
    low, high = 0.0, -1.0  # the bounds of `bounded`, in timestamps
    bounded: dt.date | None = None
    tally = nowhere
    tally_day: dt.date | None = None
    unknown = 0
    for ts, session, kind, visit, slide, title, language, seconds in rows:
        if kind not in _KNOWN:
            unknown += 1
            continue
        if skip and session in skip:
            continue
        if session != session_now:
            if session_now is not None:
                last_day[session_now] = day_now
                visits[session_now] = (visit_now, visit_day, serial_now)
            session_now = session
            day_now = last_day.get(session)
            visit_now, visit_day, serial_now = visits.get(session, (None, None, 0))
        if low <= ts < high:
            day = bounded
        else:
            day = day_of(ts)
            if day is not None:
                low, high = _bounds(day)
                bounded = day
        if day is None:
            day = day_now
        if visit is not None:
            if kind == _VISIT_START or visit != visit_now:
                serial += 1
                visit_now, visit_day, serial_now = visit, day, serial
            else:
                day = visit_day
        day_now = day
        if day != tally_day:  # None goes with `nowhere`, from the start
            tally_day = day
            tally = nowhere if day is None else days.get(day) or days.setdefault(day, _Tally())
        tally.events += 1
        tally.kinds[kind] += 1
        if kind == _VIEW:
            if visit is None or slide is None or not seconds or seconds < MIN_VIEW_SECONDS:
                continue
            tally.views += 1
            key = (slide, language, title)
            counts = tally.viewed.get(key)
            if counts is None:
                tally.viewed[key] = [1, seconds]
            else:
                counts[0] += 1
                counts[1] += seconds
            if tally.last_slide_visit.get(slide) != serial_now:
                tally.last_slide_visit[slide] = serial_now
                tally.slide_visits[slide] += 1
            if language and tally.last_language_visit.get(language) != serial_now:
                tally.last_language_visit[language] = serial_now
                tally.language_visits[language] += 1
        elif kind == _VISIT_START:
            hour = _hour(ts)
            if hour is not None:
                tally.hours[hour] += 1
        elif kind == _VISIT_END:
            if seconds is not None:
                tally.visit_lengths.append(seconds)
        elif kind == _QR:
            tally.qr_seconds += seconds or 0.0
    if unknown:
        log.warning("skipped %d events of unknown kinds", unknown)
    return days, nowhere


def _bounds(day: dt.date) -> tuple[float, float]:
    start, end = day_bounds(day, day)
    return (start if start is not None else float("-inf")), (
        end if end is not None else float("inf")
    )


def _hour(ts: float) -> int | None:
    try:
        return dt.datetime.fromtimestamp(ts).hour
    except (OverflowError, OSError, ValueError):
        return None


def _summed(tallies: Iterable[_Tally]) -> _Tally:
    total = _Tally()
    for tally in tallies:
        total.add(tally)
    return total


def read_figures(
    paths: Sequence[Path],
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    language: str = "fr",
) -> tuple[ReportFigures, list[str]]:
    """The report's figures from the databases at ``paths`` (one per booth; the same file or
    a copy counted once, as `kiosk stats` does: kiosk.stats.booths), from ``since`` to
    ``until`` (local days, inclusive); and a message for each database not counted whole.
    Titles are chosen in ``language``. Reads each database read-only, whole, in one pass."""
    start, end = day_bounds(since, until)
    booths: list[BoothFigures] = []
    every_day: defaultdict[dt.date, _Tally] = defaultdict(_Tally)
    everything = _Tally()
    with opened_booths(paths, start, end) as (sources, problems):
        for source in sources:
            days, nowhere = tally_rows(source.store.rows(COLUMNS, start, end), source.skip)
            total = _summed([*days.values(), nowhere])
            booths.append(
                BoothFigures(
                    source.name,
                    source.path,
                    tuple((day, days[day].figures(language)) for day in sorted(days)),
                    total.figures(language),
                )
            )
            for day, tally in days.items():
                every_day[day].add(tally)
            everything.add(total)
    return ReportFigures(
        booths=tuple(booths),
        days=tuple((day, every_day[day].figures(language)) for day in sorted(every_day)),
        total=everything.figures(language),
        since=since,
        until=until,
    ), problems


def visits_by_hour(path: Path, day: dt.date, *, besides: str = "") -> list[int]:
    """The visits started on ``day`` at the booth whose database is ``path``, hour by hour
    (24 counts), leaving out the show session ``besides`` (the one running, counted live).
    A database not there yet counts nothing. Raises ``OSError``, ``sqlite3.Error``,
    ``SchemaTooNew``."""
    from kiosk.stats.store import Store

    hours = [0] * HOURS
    if not path.exists():
        return hours
    start, end = day_bounds(day, day)
    with Store.open(path, read_only=True) as store:
        for ts, session, kind in store.rows(("ts", "session", "kind"), start, end):
            if kind == _VISIT_START and session != besides:
                hour = _hour(ts)
                if hour is not None:
                    hours[hour] += 1
    return hours
