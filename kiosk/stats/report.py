"""Turn recorded events into per-day summaries and a raw CSV export.

Days are local calendar days of the wall-clock ``ts`` (a booth clock that is wrong puts
events on the wrong day; nothing else is affected). Lengths come from the monotonic
measurements stored in the events, and the order from the order they were recorded in,
never from ``ts``. The clock may jump (or midnight pass) during a visit: every event of a
visit counts on the day the visit started, so a visit is never split over two days. An
event whose ``ts`` is no calendar day at all (a clock beyond year 9999) counts on the day of
the session's event before it, or only in the total.

"Slides viewed", "most viewed" and "languages" are about visitors: they count only slides
seen during a visit (not the attract loop going round on its own) and for at least
``MIN_VIEW_SECONDS`` (a slide swiped past was not read). "Most viewed" ranks slides by the
number of visits that viewed them, so a visitor who switches language or comes back to a
slide counts once; "languages" counts the visits that viewed slides in each language.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast

from kiosk.files import atomic_write
from kiosk.stats.model import Event, EventKind
from kiosk.stats.store import EVENT_COLUMNS, Store

# Shorter than this on screen, a slide was passed on the way to another, not read.
MIN_VIEW_SECONDS = 1.0

# The stored columns, with the row id first and a readable local time beside `ts`.
CSV_COLUMNS = ("id", "ts", "time", *EVENT_COLUMNS[1:])


@dataclass(frozen=True)
class SlideCount:
    """How many visits viewed one slide, and for how long in all."""

    index: int  # from 0, as recorded
    title: str  # the title it was most often viewed with
    visits: int
    seconds: float


@dataclass(frozen=True)
class Summary:
    """The figures for one day, or for the whole range when ``day`` is None."""

    day: dt.date | None
    events: int
    show_starts: int
    loops: int
    visits: int
    median_visit: float | None  # seconds, over the visits that ended (None: none ended)
    slide_views: int  # by visitors, for at least MIN_VIEW_SECONDS
    top_slides: tuple[SlideCount, ...]
    languages: tuple[tuple[str, int], ...]  # visits that viewed slides in it, most first
    menu_opens: int
    menu_jumps: int
    language_switches: int
    qr_shown: int
    qr_seconds: float
    access_visits: int = 0  # visits that made a choice in the « Aa » panel
    access_choices: int = 0  # the choices made there


# What converting an absurd timestamp raises, depending on how absurd and on the platform.
_BAD_TIME = (OverflowError, OSError, ValueError)


def day_of(ts: float) -> dt.date | None:
    """The local calendar day of a wall-clock timestamp; None if it is no representable day
    (a clock set beyond the year 9999, or before the year 1)."""
    try:
        return dt.datetime.fromtimestamp(ts).date()
    except _BAD_TIME:
        return None


def local_time(ts: float) -> str:
    """``ts`` as an ISO local time with its offset, or "" if it is no representable time."""
    try:
        return dt.datetime.fromtimestamp(ts).astimezone().isoformat(timespec="milliseconds")
    except _BAD_TIME:
        return ""


def _midnight(day: dt.date) -> float | None:
    try:
        return dt.datetime.combine(day, dt.time.min).timestamp()
    except _BAD_TIME:  # the first or last day a datetime can hold, in some time zones
        return None


def day_bounds(since: dt.date | None, until: dt.date | None) -> tuple[float | None, float | None]:
    """Timestamps ``[start, end)`` covering the local days ``since`` to ``until`` inclusive.

    A bound at the edge of what a date can hold (``0001-01-01``, ``9999-12-31``) leaves that
    side open: nothing is earlier, or later, anyway.
    """
    start = None if since is None else _midnight(since)
    end = None
    if until is not None and until < dt.date.max:
        end = _midnight(until + dt.timedelta(days=1))
    return start, end


@dataclass
class _Tally:
    """Running counts for one day (or the total); frozen into a Summary at the end."""

    events: int = 0
    kinds: Counter[EventKind] = field(default_factory=Counter)
    visit_lengths: list[float] = field(default_factory=list)
    views: int = 0
    # Visits are (session, visit number): the number alone restarts at each show start.
    slide_visits: defaultdict[int, set[tuple[str, int]]] = field(
        default_factory=lambda: defaultdict(set)
    )
    view_seconds: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    titles: defaultdict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    language_visits: defaultdict[str, set[tuple[str, int]]] = field(
        default_factory=lambda: defaultdict(set)
    )
    qr_seconds: float = 0.0
    access_visits: set[tuple[str, int]] = field(default_factory=set)

    def add(self, event: Event) -> None:
        self.events += 1
        self.kinds[event.kind] += 1
        if event.kind is EventKind.VISIT_END and event.seconds is not None:
            self.visit_lengths.append(event.seconds)
        elif event.kind is EventKind.QR_SHOWN:
            self.qr_seconds += event.seconds or 0.0
        elif event.kind is EventKind.ACCESS_USED and event.visit is not None:
            self.access_visits.add((event.session, event.visit))
        elif (
            event.kind is EventKind.SLIDE_VIEW
            and event.visit is not None
            and event.slide is not None
            and (event.seconds or 0.0) >= MIN_VIEW_SECONDS
        ):
            visit = (event.session, event.visit)
            self.views += 1
            self.slide_visits[event.slide].add(visit)
            self.view_seconds[event.slide] += event.seconds or 0.0
            self.titles[event.slide][event.title or ""] += 1
            if event.language:
                self.language_visits[event.language].add(visit)

    def summary(self, day: dt.date | None, top: int) -> Summary:
        # Most visits first; equal counts in slide order, so the output is stable.
        visits = {index: len(seen) for index, seen in self.slide_visits.items()}
        ranked = sorted(visits.items(), key=lambda item: (-item[1], item[0]))[:top]
        languages = {lang: len(seen) for lang, seen in self.language_visits.items()}
        return Summary(
            day=day,
            events=self.events,
            show_starts=self.kinds[EventKind.SHOW_START],
            loops=self.kinds[EventKind.LOOP_COMPLETED],
            visits=self.kinds[EventKind.VISIT_START],
            median_visit=(statistics.median(self.visit_lengths) if self.visit_lengths else None),
            slide_views=self.views,
            top_slides=tuple(
                SlideCount(
                    index=index,
                    title=self.titles[index].most_common(1)[0][0],
                    visits=count,
                    seconds=self.view_seconds[index],
                )
                for index, count in ranked
            ),
            languages=tuple(sorted(languages.items(), key=lambda item: (-item[1], item[0]))),
            menu_opens=self.kinds[EventKind.MENU_OPEN],
            menu_jumps=self.kinds[EventKind.MENU_JUMP],
            language_switches=self.kinds[EventKind.LANGUAGE_SWITCH],
            qr_shown=self.kinds[EventKind.QR_SHOWN],
            qr_seconds=self.qr_seconds,
            access_visits=len(self.access_visits),
            access_choices=self.kinds[EventKind.ACCESS_USED],
        )


def summarize(events: Iterable[Event], *, top: int = 3) -> tuple[list[Summary], Summary]:
    """Per-day summaries, oldest day first, and the summary of all the events.

    ``events`` in recorded order (as ``Store.events`` gives them): a visit's events count on
    the day of its start; an event with an absurd ``ts`` on the day of the event before it
    in its session (or in the total only, if there is none).
    """
    days: defaultdict[dt.date, _Tally] = defaultdict(_Tally)
    total = _Tally()
    visit_days: dict[tuple[str, int], dt.date | None] = {}
    last_day: dict[str, dt.date | None] = {}
    for event in events:
        day = day_of(event.ts)
        if day is None:
            day = last_day.get(event.session)
        if event.visit is not None:
            visit = (event.session, event.visit)
            if event.kind is EventKind.VISIT_START or visit not in visit_days:
                visit_days[visit] = day
            day = visit_days[visit]
        last_day[event.session] = day
        if day is not None:
            days[day].add(event)
        total.add(event)
    return [days[d].summary(d, top) for d in sorted(days)], total.summary(None, top)


def format_seconds(seconds: float) -> str:
    """A length as staff read it: ``42 s``, ``3 min 05 s``, ``2 h 07 min``."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def _short(title: str, width: int = 40) -> str:
    # Titles can hold line breaks; keep other spaces: U+202F is French typography.
    title = re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", title).strip()
    return title if len(title) <= width else title[: width - 1] + "…"


def format_summary(summary: Summary) -> Iterator[str]:
    """The text lines of one summary block, headed by its day (or "all days")."""
    yield "all days" if summary.day is None else summary.day.isoformat()
    median = (
        "" if summary.median_visit is None else f", median {format_seconds(summary.median_visit)}"
    )
    top = [
        f"{s.index + 1}. {_short(s.title) or '(untitled)'} ({_plural(s.visits, 'visit')})"
        for s in summary.top_slides
    ]
    languages = ", ".join(f"{lang} {count}" for lang, count in summary.languages)
    if languages:
        languages += " (visits)"
    rows = [
        ("show starts", str(summary.show_starts)),
        ("loops", str(summary.loops)),
        ("visits", f"{summary.visits}{median}"),
        ("slides viewed", f"{summary.slide_views} by visitors"),
        ("most viewed", top[0] if top else "-"),
        *(("", line) for line in top[1:]),  # one slide a line: titles are long
        ("languages", languages or "-"),
        ("menu", f"{summary.menu_opens} opened, {_plural(summary.menu_jumps, 'jump')}"),
        ("language switches", str(summary.language_switches)),
        ("« Aa » choices", _access_uses(summary)),
        ("QR codes shown", f"{summary.qr_shown}, {format_seconds(summary.qr_seconds)} in all"),
    ]
    for label, value in rows:
        yield f"  {label:<18} {value}"


def _access_uses(summary: Summary) -> str:
    if not summary.access_choices:
        return "0"
    return f"{summary.access_choices} in {_plural(summary.access_visits, 'visit')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _cell(value: float | int | str | None, digits: int | None = None) -> str | int | float:
    if value is None:
        return ""
    if digits is not None and isinstance(value, float):
        return round(value, digits)
    return value


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    """Write the raw events as CSV (header row, one row per event); return the row count.

    Rows in recorded order; ``seq`` numbers a session's events in that order (sort by
    ``session`` then ``seq``, never by ``ts``, which follows the clock). ``slide`` is the
    index from 0; ``time`` is the local time of ``ts`` (empty if the clock was beyond
    representable times); empty cells are fields the event kind does not have. ``booth``
    names the stand: on its show starts as recorded, on every row when `kiosk stats` reads
    several booths' databases (kiosk.stats.booths).
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for e in events:
        writer.writerow(
            (
                _cell(e.id),
                _cell(e.ts, 3),
                local_time(e.ts),
                e.session,
                _cell(e.session_offset, 3),
                _cell(e.visit),
                str(e.kind),
                _cell(e.slide),
                _cell(e.title),
                _cell(e.language),
                _cell(e.from_language),
                _cell(e.seconds, 3),
                _cell(e.seq),
                _cell(e.booth),
            )
        )
        count += 1
    return count


def write_csv_file(events: Iterable[Event], target: Path) -> int:
    """Write the CSV to ``target`` through a temporary file beside it, renamed over it only
    once complete: an interrupted export never leaves half a file, and a file is never
    opened for writing in place. Returns the row count. Raises ``OSError`` (and whatever
    reading ``events`` raises), leaving ``target`` as it was.
    """
    target = Path(os.path.realpath(target))  # through a link: replace the file, not it
    # utf-8-sig: the BOM makes spreadsheet programs read the accents right
    with atomic_write(target, "w", newline="", encoding="utf-8-sig") as out:
        count = write_csv(events, cast(TextIO, out))
    return count


def export_csv(db_path: Path, target: Path) -> int:
    """Write every event of the database at ``db_path`` to the CSV file ``target`` (for the
    staff panel's export to a USB stick); return the event count. Reads the database
    read-only, so the recorder goes on writing meanwhile. Blocks for as long as it takes:
    run it off the UI thread. Raises ``OSError``, ``sqlite3.Error``, ``SchemaTooNew``,
    ``BadData``.
    """
    if not db_path.exists():  # nothing recorded yet: a CSV of no events, as before
        return write_csv_file((), target)
    with Store.open(db_path, read_only=True) as store:
        return write_csv_file(store.events(), target)
