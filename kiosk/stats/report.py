"""Turn recorded events into per-day summaries and a raw CSV export.

Days are local calendar days of the wall-clock ``ts`` (a booth clock that is wrong puts
events on the wrong day; nothing else is affected). Lengths come from the monotonic
measurements stored in the events.

"Slides viewed", "most viewed" and "languages" are about visitors: they count only slides
seen during a visit (not the attract loop going round on its own) and for at least
``MIN_VIEW_SECONDS`` (a slide swiped past was not read). "Most viewed" ranks slides by the
number of visits that viewed them, so a visitor who switches language or comes back to a
slide counts once; "languages" counts the visits that viewed slides in each language.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

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


def day_of(ts: float) -> dt.date:
    """The local calendar day of a wall-clock timestamp."""
    return dt.datetime.fromtimestamp(ts).date()


def day_bounds(since: dt.date | None, until: dt.date | None) -> tuple[float | None, float | None]:
    """Timestamps ``[start, end)`` covering the local days ``since`` to ``until`` inclusive."""
    start = None if since is None else dt.datetime.combine(since, dt.time.min).timestamp()
    end = None
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min).timestamp()
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

    def add(self, event: Event) -> None:
        self.events += 1
        self.kinds[event.kind] += 1
        if event.kind is EventKind.VISIT_END and event.seconds is not None:
            self.visit_lengths.append(event.seconds)
        elif event.kind is EventKind.QR_SHOWN:
            self.qr_seconds += event.seconds or 0.0
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
        )


def summarize(events: Iterable[Event], *, top: int = 3) -> tuple[list[Summary], Summary]:
    """Per-day summaries, oldest day first, and the summary of all the events."""
    days: defaultdict[dt.date, _Tally] = defaultdict(_Tally)
    total = _Tally()
    for event in events:
        days[day_of(event.ts)].add(event)
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
        ("QR codes shown", f"{summary.qr_shown}, {format_seconds(summary.qr_seconds)} in all"),
    ]
    for label, value in rows:
        yield f"  {label:<18} {value}"


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

    ``slide`` is the index from 0; ``time`` is the local time of ``ts``; empty cells are
    fields the event kind does not have.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for e in events:
        time = dt.datetime.fromtimestamp(e.ts).astimezone().isoformat(timespec="milliseconds")
        writer.writerow(
            (
                _cell(e.id),
                _cell(e.ts, 3),
                time,
                e.session,
                _cell(e.session_offset, 3),
                _cell(e.visit),
                str(e.kind),
                _cell(e.slide),
                _cell(e.title),
                _cell(e.language),
                _cell(e.from_language),
                _cell(e.seconds, 3),
            )
        )
        count += 1
    return count


def export_csv(db_path: Path, target: Path) -> int:
    """Write every event of the database at ``db_path`` to the CSV file ``target`` (for the
    staff panel's export to a USB stick); return the event count. Blocks for as long as it
    takes: run it off the UI thread. Raises ``OSError``, ``sqlite3.Error``, ``SchemaTooNew``.
    """
    with (
        Store.open(db_path) as store,
        # utf-8-sig: the BOM makes spreadsheet programs read the accents right
        open(target, "w", newline="", encoding="utf-8-sig") as out,
    ):
        return write_csv(store.events(), out)
