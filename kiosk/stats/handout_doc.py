"""The report as a document: headings, key figures, tables and charts, worded in French or English.

Pure Python, no Qt. Both writers (kiosk.stats.handout_html and kiosk.stats.handout_pdf)
draw this same document, so the PDF and the HTML page say the same thing in the same words.
Numbers are formatted here, in the report's language (French: a narrow no-break space between
thousands and before %, as the deck's typography; English: commas).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kiosk.stats.handout import HOURS, BoothFigures, Figures, ReportFigures
from kiosk.stats.report import MIN_VIEW_SECONDS, format_seconds

NNBSP = "\u202f"
# In every report written (the PDF's metadata, the page's generator): a file of ours, which
# `kiosk stats --report` may replace.
REPORT_MARK = "kiosk stats --report"
LANGUAGES = ("fr", "en")
SLIDES_SHOWN = 20  # the slides chart's rows; the rest is summed in one line under it

WORDS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "title": "Rapport de fréquentation",
        "all_booths": "Tous les stands",
        "booths": "%1 stands",
        "booth": "Stand",
        "day": "Jour",
        "total": "Total",
        "day_total": "Total du jour",
        "visits": "Visites",
        "median_visit": "Durée médiane d’une visite",
        "median": "Durée médiane",
        "slides_viewed": "Diapositives lues",
        "show_starts": "Lancements",
        "loops": "Boucles",
        "menu_opens": "Sommaire ouvert",
        "menu_jumps": "Choix au sommaire",
        "language_switches": "Changements de langue",
        "qr_shown": "QR codes affichés",
        "qr_seconds": "QR codes à l’écran",
        "by_day": "Par jour",
        "by_day_booth": "Par jour et par stand",
        "use": "Sommaire, langues et QR codes",
        "hours": "Visites par heure de la journée",
        "hours_axis": "heure du début de la visite",
        "slides": "Diapositives : visites et temps de lecture",
        "reading_time": "Temps de lecture",
        "untitled": "(sans titre)",
        "other_slides": "%1 autres diapositives : %2 visites, %3 de lecture",
        "languages": "Langues choisies",
        "language_share": "Part des visites",
        "language_row": "%1 % (%2 visites)",
        "no_visit": "Aucune visite sur la période.",
        "no_event": "Aucune statistique enregistrée sur la période.",
        "range": "du %1 au %2",
        "made": "Établi le %1 à %2 par kiosk.",
        "rules": "Une visite commence au premier toucher et compte le jour où elle a commencé ;"
        " une diapositive compte comme lue après %1 à l’écran pendant une visite, une fois"
        " par visite ; les langues comptent les visites qui y ont lu des diapositives."
        " Lancements : démarrages du diaporama ; boucles : tours complets sans visiteur.",
        "file": "fichier %1",
        "page": "page %1 sur %2",
    },
    "en": {
        "title": "Visitor report",
        "all_booths": "All booths",
        "booths": "%1 booths",
        "booth": "Booth",
        "day": "Day",
        "total": "Total",
        "day_total": "Day total",
        "visits": "Visits",
        "median_visit": "Median visit",
        "median": "Median visit",
        "slides_viewed": "Slides viewed",
        "show_starts": "Show starts",
        "loops": "Loops",
        "menu_opens": "Menu opened",
        "menu_jumps": "Menu choices",
        "language_switches": "Language switches",
        "qr_shown": "QR codes shown",
        "qr_seconds": "QR codes on screen",
        "by_day": "By day",
        "by_day_booth": "By day and booth",
        "use": "Menu, languages and QR codes",
        "hours": "Visits by hour of the day",
        "hours_axis": "hour the visit started",
        "slides": "Slides: visits and reading time",
        "reading_time": "Reading time",
        "untitled": "(untitled)",
        "other_slides": "%1 other slides: %2 visits, %3 of reading",
        "languages": "Languages chosen",
        "language_share": "Share of visits",
        "language_row": "%1% (%2 visits)",
        "no_visit": "No visits in this period.",
        "no_event": "No statistics recorded in this period.",
        "range": "%1 to %2",
        "made": "Made on %1 at %2 by kiosk.",
        "rules": "A visit starts at the first touch and counts on the day it started; a slide"
        " counts as viewed after %1 on screen during a visit, once per visit; languages count"
        " the visits that viewed slides in them. Show starts: the show started; loops: the"
        " attract loop went round with nobody there.",
        "file": "file %1",
        "page": "page %1 of %2",
    },
}

_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_SHORT_MONTHS = {
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
_SHORT_WEEKDAYS = {
    "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
}
_LANGUAGE_NAMES = {
    "fr": {"fr": "français", "en": "anglais", "de": "allemand", "es": "espagnol",
           "it": "italien", "pt": "portugais", "nl": "néerlandais", "ar": "arabe"},
    "en": {"fr": "French", "en": "English", "de": "German", "es": "Spanish",
           "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "ar": "Arabic"},
}  # fmt: skip


def report_language(tag: str | None) -> str:
    """The report's language for a language tag: French or English (English for any other)."""
    base = (tag or "fr").replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


# --- the blocks --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """A row of large figures: (label, value), and each one's figure (as in a Table's keys)."""

    items: tuple[tuple[str, str], ...]
    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: its cells as shown, and what it is for a machine reading the HTML."""

    cells: tuple[str, ...]
    total: bool = False  # a total line: set apart
    day: str = ""  # ISO date, "" for a total over the days
    booth: str = ""  # the booth's name, "" for all booths


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    keys: tuple[str, ...]  # each column's figure, for the HTML's data-key
    rows: tuple[Row, ...]
    text_columns: int = 1  # the first columns are words, the rest numbers (right-aligned)


@dataclass(frozen=True, slots=True)
class HourChart:
    """Columns of visits per hour, one chart per series (a day), all on one scale."""

    caption: str
    axis: str
    first_hour: int
    last_hour: int  # included
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (label, 24 counts)


@dataclass(frozen=True, slots=True)
class BarRow:
    label: str
    values: tuple[float, ...]  # one per measure
    texts: tuple[str, ...]  # each value as shown


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars, one row per label, one column of bars per measure (each scaled to
    its own largest value)."""

    caption: str
    measures: tuple[str, ...]
    rows: tuple[BarRow, ...]
    note: str = ""  # under the bars


@dataclass(frozen=True, slots=True)
class Note:
    text: str


Block = KeyFigures | Table | HourChart | BarChart | Note


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    subheading: str
    booth: str  # the booth's name, "" for all booths
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Document:
    language: str
    title: str
    subtitle: str  # the booths and the days
    made: str
    rules: str
    sections: tuple[Section, ...]
    page_words: str  # "page %1 of %2"


# --- words -------------------------------------------------------------------------------


class Words:
    """The report's words and number formats in one language."""

    def __init__(self, language: str) -> None:
        self.language = report_language(language)
        self._words = WORDS[self.language]

    def __call__(self, key: str, *values: object) -> str:
        text = self._words[key]
        for number, value in enumerate(values, start=1):
            text = text.replace(f"%{number}", str(value))
        return text

    def number(self, value: int) -> str:
        text = f"{value:,}"
        return text.replace(",", NNBSP) if self.language == "fr" else text

    def percent(self, share: float) -> str:
        return f"{round(share * 100)}"

    def seconds(self, seconds: float | None) -> str:
        return "–" if seconds is None else format_seconds(seconds).replace(" ", "\u00a0")

    def date(self, day: dt.date, *, weekday: bool = True, year: bool = True) -> str:
        month = _MONTHS[self.language][day.month - 1]
        text = f"{day.day} {month}" + (f" {day.year}" if year else "")
        if weekday:
            text = f"{_WEEKDAYS[self.language][day.weekday()]} {text}"
        return text[0].upper() + text[1:] if self.language == "en" else text

    def short_date(self, day: dt.date) -> str:
        """« jeu. 12 juin », "Thu 12 Jun": a table's day."""
        weekday = _SHORT_WEEKDAYS[self.language][day.weekday()]
        return f"{weekday} {day.day} {_SHORT_MONTHS[self.language][day.month - 1]}"

    def time(self, moment: dt.datetime) -> str:
        if self.language == "fr":
            return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def language_name(self, tag: str) -> str:
        base = tag.replace("_", "-").split("-")[0].lower()
        name = _LANGUAGE_NAMES[self.language].get(base)
        if name is None:
            return tag or "?"
        return name[0].upper() + name[1:]

    def day_range(self, first: dt.date, last: dt.date) -> str:
        if first == last:
            return self.date(first)
        start = self.date(first, weekday=False, year=first.year != last.year)
        return self("range", start, self.date(last, weekday=False))


def one_line(title: str) -> str:
    """A title's line breaks as spaces (other spaces kept: U+202F is French typography)."""
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", title).strip()


# --- the document ------------------------------------------------------------------------


def build_document(
    figures: ReportFigures, language: str, made: dt.datetime | None = None
) -> Document:
    """The report of ``figures`` in ``language`` ("fr" or "en"; another: English)."""
    words = Words(language)
    made = made or dt.datetime.now()
    days = [day for day, _ in figures.days]
    first = figures.since or (days[0] if days else None)
    last = figures.until or (days[-1] if days else None)
    parts = []
    if len(figures.booths) == 1:
        parts.append(figures.booths[0].name)
    elif figures.booths:
        parts.append(words("booths", len(figures.booths)))
    if first is not None and last is not None:
        parts.append(words.day_range(first, last))
    hours = _hour_span(figures.total)
    sections = []
    if len(figures.booths) != 1:
        sections.append(_all_booths(figures, words, hours))
    alone = len(figures.booths) == 1
    sections += [_booth(booth, words, hours, alone) for booth in figures.booths]
    return Document(
        language=words.language,
        title=words("title"),
        subtitle=" · ".join(parts),
        made=words("made", words.date(made.date(), weekday=False), words.time(made)),
        rules=words("rules", words.seconds(MIN_VIEW_SECONDS)),
        sections=tuple(sections),
        page_words=words("page", "%1", "%2"),
    )


def _hour_span(total: Figures) -> tuple[int, int]:
    """The hours the charts show: a booth's usual day, widened to every hour with a visit."""
    busy = [hour for hour in range(HOURS) if total.hours[hour]]
    return min([9, *busy]), max([18, *busy])


def _key_figures(total: Figures, words: Words) -> KeyFigures:
    return KeyFigures(
        (
            (words("visits"), words.number(total.visits)),
            (words("median_visit"), words.seconds(total.median_visit)),
            (words("slides_viewed"), words.number(total.slide_views)),
            (words("show_starts"), words.number(total.show_starts)),
            (words("loops"), words.number(total.loops)),
        ),
        _DAY_KEYS,
    )


def _day_cells(figures: Figures, words: Words) -> tuple[str, ...]:
    return (
        words.number(figures.visits),
        words.seconds(figures.median_visit),
        words.number(figures.slide_views),
        words.number(figures.show_starts),
        words.number(figures.loops),
    )


_DAY_KEYS = ("visits", "median_visit", "slide_views", "show_starts", "loops")
_USE_KEYS = ("menu_opens", "menu_jumps", "language_switches", "qr_shown", "qr_seconds")


def _day_columns(words: Words) -> tuple[str, ...]:
    return (
        words("visits"),
        words("median"),
        words("slides_viewed"),
        words("show_starts"),
        words("loops"),
    )


def _use_cells(figures: Figures, words: Words) -> tuple[str, ...]:
    return (
        words.number(figures.menu_opens),
        words.number(figures.menu_jumps),
        words.number(figures.language_switches),
        words.number(figures.qr_shown),
        words.seconds(figures.qr_seconds),
    )


def _by_day(
    days: Sequence[tuple[dt.date, Figures]],
    total: Figures,
    words: Words,
    booth: str,
    caption: str,
    make: Callable[[Figures, Words], tuple[str, ...]],
    keys: tuple[str, ...],
    columns: tuple[str, ...],
) -> Table:
    rows = [
        Row((words.short_date(day), *make(f, words)), day=day.isoformat(), booth=booth)
        for day, f in days
    ]
    if len(days) != 1:
        rows.append(Row((words("total"), *make(total, words)), total=True, booth=booth))
    return Table(caption, (words("day"), *columns), ("day", *keys), tuple(rows))


def _by_day_and_booth(figures: ReportFigures, words: Words) -> Table:
    rows = []
    for day, all_day in figures.days:
        for booth in figures.booths:
            mine = dict(booth.days).get(day)
            if mine is not None:
                rows.append(
                    Row(
                        (words.short_date(day), booth.name, *_day_cells(mine, words)),
                        day=day.isoformat(),
                        booth=booth.name,
                    )
                )
        rows.append(
            Row(
                (words.short_date(day), words("day_total"), *_day_cells(all_day, words)),
                total=True,
                day=day.isoformat(),
            )
        )
    if len(figures.days) != 1:
        rows.append(Row((words("total"), "", *_day_cells(figures.total, words)), total=True))
    return Table(
        words("by_day_booth"),
        (words("day"), words("booth"), *_day_columns(words)),
        ("day", "booth", *_DAY_KEYS),
        tuple(rows),
        text_columns=2,
    )


def _charts(
    days: Sequence[tuple[dt.date, Figures]],
    total: Figures,
    words: Words,
    hours: tuple[int, int],
) -> list[Block]:
    if not total.visits and not total.slide_views:
        return [Note(words("no_visit") if total.events else words("no_event"))]
    blocks: list[Block] = [
        HourChart(
            words("hours"),
            words("hours_axis"),
            hours[0],
            hours[1],
            tuple((words.date(day, year=False), f.hours) for day, f in days),
        )
    ]
    if total.slides:
        shown = total.slides[:SLIDES_SHOWN]
        rows = [
            BarRow(
                f"{s.index + 1}. {one_line(s.title) or words('untitled')}",
                (float(s.visits), s.seconds),
                (words.number(s.visits), words.seconds(s.seconds)),
            )
            for s in shown
        ]
        rest = total.slides[SLIDES_SHOWN:]
        note = (
            words(
                "other_slides",
                len(rest),
                words.number(sum(s.visits for s in rest)),
                words.seconds(sum(s.seconds for s in rest)),
            )
            if rest
            else ""
        )
        blocks.append(
            BarChart(words("slides"), (words("visits"), words("reading_time")), tuple(rows), note)
        )
    if total.languages:
        counted = sum(count for _, count in total.languages)
        blocks.append(
            BarChart(
                words("languages"),
                (words("language_share"),),
                tuple(
                    BarRow(
                        words.language_name(tag),
                        (count / counted,),
                        (words("language_row", words.percent(count / counted), count),),
                    )
                    for tag, count in total.languages
                ),
            )
        )
    return blocks


def _use_table(
    days: Sequence[tuple[dt.date, Figures]], total: Figures, words: Words, booth: str
) -> Table:
    return _by_day(
        days,
        total,
        words,
        booth,
        words("use"),
        _use_cells,
        _USE_KEYS,
        tuple(words(key) for key in _USE_KEYS),
    )


def _all_booths(figures: ReportFigures, words: Words, hours: tuple[int, int]) -> Section:
    blocks: list[Block] = [_key_figures(figures.total, words)]
    if figures.days:
        blocks.append(_by_day_and_booth(figures, words))
        blocks.append(_use_table(figures.days, figures.total, words, ""))
    blocks += _charts(figures.days, figures.total, words, hours)
    return Section(words("all_booths"), "", "", tuple(blocks))


def _booth(booth: BoothFigures, words: Words, hours: tuple[int, int], alone: bool) -> Section:
    blocks: list[Block] = [_key_figures(booth.total, words)]
    # Its days are in the table of all booths' when there are several; with one day, the
    # key figures are that day's.
    if alone and len(booth.days) > 1:
        blocks.append(
            _by_day(
                booth.days,
                booth.total,
                words,
                booth.name,
                words("by_day"),
                _day_cells,
                _DAY_KEYS,
                _day_columns(words),
            )
        )
    if booth.days:
        blocks.append(_use_table(booth.days, booth.total, words, booth.name))
    blocks += _charts(booth.days, booth.total, words, hours)
    return Section(booth.name, words("file", booth.path.name), booth.name, tuple(blocks))
