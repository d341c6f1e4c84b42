"""`kiosk stats`: print per-day visitor statistics, or export the raw events as CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kiosk.commands import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kiosk.files import read_bytes_bounded
from kiosk.stats.handout_doc import LANGUAGES, REPORT_MARK
from kiosk.stats.model import Event
from kiosk.stats.report import (
    CSV_COLUMNS,
    day_bounds,
    format_summary,
    summarize,
    write_csv,
    write_csv_file,
)
from kiosk.stats.store import SQLITE_MAGIC, BadData, SchemaTooNew, Store, default_path

# How a CSV written by `kiosk stats` starts (after the BOM), from the first kiosk on: an
# existing file that does not start so is someone else's and is never written over.
_CSV_START = ",".join(CSV_COLUMNS[:4])
# The report's kinds, by the file's extension.
REPORT_KINDS = {".pdf": "pdf", ".html": "html", ".htm": "html"}
# Reports are small: a file bigger than this is not one of ours.
_REPORT_BYTES = 32 * 1024 * 1024


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="visitor statistics: per-day summary, the raw events as CSV, or a PDF/HTML report",
        description="Print, for each day, show starts, attract loops, visits and their median"
        " length, the slides visitors viewed most, languages, menu and language-switch use;"
        " or write the raw events as CSV (--csv), or a report to hand on as PDF or HTML"
        " (--report)."
        " Days are the machine's local calendar days. The database is only read (it may be"
        " read-only). Exit status: 0 success, 1 a database cannot be read or a file cannot be"
        " written, 2 usage error.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        action="append",
        default=None,
        metavar="PATH",
        help=f"statistics database (default: {default_path()}); give it several times, or a"
        " folder of databases, for several booths: a summary per booth and for all together",
    )
    parser.add_argument(
        "--since", type=_day, default=None, metavar="YYYY-MM-DD", help="from this day, included"
    )
    parser.add_argument(
        "--until", type=_day, default=None, metavar="YYYY-MM-DD", help="to this day, included"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--csv",
        default=None,
        metavar="FILE",
        help="write the raw events as CSV to FILE ('-' for standard output) instead of the"
        " summary; an existing FILE is replaced only if it is a CSV of kiosk stats",
    )
    output.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="FILE",
        help="write a report to hand on instead of the summary: a PDF printable on A4 if FILE"
        " ends in .pdf, a self-contained web page if .html (nothing loaded from the network);"
        " per booth and per day: visits and their median length, visits by hour, slides by"
        " visits and reading time, languages, menu, language-switch and QR-code use, show"
        " starts and loops. An existing FILE is replaced only if it is a report of kiosk stats",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="the report's language (default: the `language` setting of the booth's settings"
        " file, else French, as the bundled deck)",
    )
    parser.set_defaults(handler=main)


def csv_target_problem(target: Path, db_path: Path) -> str | None:
    """Why ``target`` must not be written as the CSV, or None if it may.

    Never opens anything that could block (a FIFO, a device): only ``stat`` until the file
    is known to be a regular one. An existing file is replaced only if it is empty or
    starts like a CSV of ours: never the database, nor any other file.
    """

    def ours(head: bytes) -> bool:
        first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
        return first.decode("utf-8", "replace").startswith(_CSV_START)

    return _target_problem(target, [db_path], ours, 4096, "a statistics CSV")


def report_target_problem(target: Path, db_paths: Sequence[Path]) -> str | None:
    """Why ``target`` must not be written as the report, or None if it may: as for the
    CSV, an existing file is replaced only if it is empty or a report of ours (its mark,
    kiosk.stats.handout_pdf.REPORT_MARK, in its first megabytes)."""
    mark = REPORT_MARK.encode()
    return _target_problem(
        target, db_paths, lambda head: mark in head, _REPORT_BYTES, "a report of kiosk stats"
    )


def _target_problem(
    target: Path,
    db_paths: Sequence[Path],
    ours: Callable[[bytes], bool],
    head_bytes: int,
    what: str,
) -> str | None:
    real = Path(os.path.realpath(target))
    if not real.parent.is_dir():
        return "no such folder"
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return None  # a new file
    except OSError as exc:
        return f"cannot check it: {exc.strerror}"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a pipe or a device): not written"
    for db_path in db_paths:
        try:
            if db_path.exists() and os.path.samefile(real, db_path):
                return "is the statistics database: not overwritten"
        except OSError:
            pass
    try:  # bounded and non-blocking, should it have become a FIFO since the stat
        head = read_bytes_bounded(real, head_bytes)
    except OSError as exc:
        return f"cannot check it: {exc.strerror}"
    if not head:
        return None  # empty: nothing to lose
    if head.startswith(SQLITE_MAGIC):
        return f"is a database, not {what}: not overwritten"
    if not ours(head):
        return f"exists and is not {what}: not overwritten"
    return None


def main(args: argparse.Namespace) -> int:
    since: dt.date | None = args.since
    until: dt.date | None = args.until
    if since is not None and until is not None and since > until:
        print(f"kiosk stats: --since {since} is after --until {until}", file=sys.stderr)
        return EXIT_USAGE
    if args.report is not None:
        return _report(args.report, args.db, since, until, args.lang)
    csv_path: str | None = args.csv
    if args.db is not None and len(args.db) + sum(p.is_dir() for p in args.db) > 1:
        return _several(args.db, csv_path, since, until)
    db_path: Path = args.db[0] if args.db else default_path()
    if csv_path not in (None, "-"):
        problem = csv_target_problem(Path(csv_path), db_path)
        if problem is not None:
            print(f"kiosk stats: {csv_path}: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if not db_path.exists():
        if args.db is not None:
            print(f"kiosk stats: {db_path}: no such file", file=sys.stderr)
            return EXIT_USAGE
        # The show never ran here: an empty report, not an error.
        print(f"kiosk stats: no statistics recorded yet ({db_path})", file=sys.stderr)
        return _output([], csv_path, since, until)
    start, end = day_bounds(since, until)
    try:
        # Read-only: another user's database, or one on a read-only stick, can be read.
        with Store.open(db_path, read_only=True) as store:
            return _output(store.events(start, end), csv_path, since, until)
    except BadData as exc:
        print(f"kiosk stats: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except (sqlite3.Error, SchemaTooNew, OSError) as exc:
        print(f"kiosk stats: {db_path}: cannot read the statistics: {exc}", file=sys.stderr)
        return EXIT_ERRORS


def _several(
    given: list[Path], csv_path: str | None, since: dt.date | None, until: dt.date | None
) -> int:
    """Several booths' databases: each booth's summary, then all together (or one CSV with
    a ``booth`` column). A database that cannot be read is said and left out (exit 1)."""
    from kiosk.stats.booths import database_paths, read_booths

    paths, problems = database_paths(given)
    for problem in problems:
        print(f"kiosk stats: {problem}", file=sys.stderr)
    if problems and not paths:
        return EXIT_USAGE
    if csv_path is not None and csv_path != "-":
        for path in paths:
            refused = csv_target_problem(Path(csv_path), path)
            if refused is not None:
                print(f"kiosk stats: {csv_path}: {refused}", file=sys.stderr)
                return EXIT_USAGE
    start, end = day_bounds(since, until)
    booths, unread = read_booths(paths, start, end)
    for problem in unread:
        print(f"kiosk stats: {problem}", file=sys.stderr)
    # Some statistics named were not read: the summary of the rest, and an exit that says so.
    status = EXIT_ERRORS if problems or any("not counted" in p for p in unread) else EXIT_OK
    every = [event for booth in booths for event in booth.events]
    if csv_path is not None or len(booths) <= 1:
        return max(status, _output(every, csv_path, since, until))
    for booth in booths:
        print(f"=== {booth.name} ({booth.path}) ===")
        _output(booth.events, None, since, until)
        print()
    print(f"=== all {len(booths)} booths ===")
    return max(status, _output(every, None, since, until))


def _report(
    target: Path,
    given: list[Path] | None,
    since: dt.date | None,
    until: dt.date | None,
    lang: str | None,
) -> int:
    """`--report FILE`: the report of one booth or several, as PDF or HTML by its name."""
    from kiosk.stats.booths import database_paths
    from kiosk.stats.handout import read_figures
    from kiosk.stats.handout_doc import build_document, report_language

    kind = target.suffix.lower()
    if kind not in REPORT_KINDS:
        print(
            f"kiosk stats: {target}: the report's name must end in .pdf or .html", file=sys.stderr
        )
        return EXIT_USAGE
    problems: list[str] = []
    if given is None:
        paths = [default_path()]
        if not paths[0].exists():  # the show never ran here: an empty report, not an error
            print(f"kiosk stats: no statistics recorded yet ({paths[0]})", file=sys.stderr)
            paths = []
    else:
        paths, problems = database_paths(given)
        for problem in problems:
            print(f"kiosk stats: {problem}", file=sys.stderr)
        if problems and not paths:
            return EXIT_USAGE
    refused = report_target_problem(target, paths)
    if refused is not None:
        print(f"kiosk stats: {target}: {refused}", file=sys.stderr)
        return EXIT_USAGE
    language = report_language(lang or _settings_language())
    figures, unread = read_figures(paths, since, until, language=language)
    for problem in unread:
        print(f"kiosk stats: {problem}", file=sys.stderr)
    document = build_document(figures, language)
    try:
        if REPORT_KINDS[kind] == "pdf":
            _write_pdf(document, target)
        else:
            from kiosk.stats.handout_html import write_html

            write_html(document, Path(os.path.realpath(target)))
    except OSError as exc:
        print(f"kiosk stats: {target}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    except Exception as exc:  # Qt could not make the PDF: said, never a traceback
        print(f"kiosk stats: {target}: cannot make the report: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    booths = len(figures.booths)
    print(
        f"report written to {target}: {booths} booth{'s' * (booths != 1)},"
        f" {len(figures.days)} day{'s' * (len(figures.days) != 1)},"
        f" {figures.total.visits} visits"
    )
    return EXIT_ERRORS if problems or any("not counted" in p for p in unread) else EXIT_OK


def _write_pdf(document: Any, target: Path) -> None:
    # Offscreen: no window, no display needed (over SSH, on a server), as `kiosk export`.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import prepare_application
    from kiosk.qt.logbridge import qt_messages_to_logging
    from kiosk.stats.handout_pdf import write_pdf

    with qt_messages_to_logging():
        prepare_application()
        write_pdf(document, Path(os.path.realpath(target)))


def _settings_language() -> str:
    """The `language` setting of the settings file `kiosk run` would read ("" if none)."""
    from kiosk import BUNDLED_DECK
    from kiosk.config import find_config_file, load_settings

    try:
        settings, _ = load_settings(find_config_file(None, BUNDLED_DECK))
    except Exception:  # the report is not the place to say what is wrong with the settings
        return ""
    return settings.language


def _output(
    events: Iterable[Event], csv_path: str | None, since: dt.date | None, until: dt.date | None
) -> int:
    if csv_path == "-":
        write_csv(events, sys.stdout)
    elif csv_path is not None:
        try:
            count = write_csv_file(events, Path(csv_path))
        except OSError as exc:
            print(f"kiosk stats: {csv_path}: cannot write: {exc}", file=sys.stderr)
            return EXIT_ERRORS
        print(f"{count} events written to {csv_path}")
    else:
        days, total = summarize(events)
        if not days and not total.events:
            span = f" from {since or 'the start'} to {until or 'the end'}" if since or until else ""
            print(f"no events{span}")
        else:
            # The total too when there are several days, or events on no day (absurd clock).
            several = len(days) > 1 or sum(day.events for day in days) < total.events
            blocks = [*days, total] if several else days
            print("\n\n".join("\n".join(format_summary(block)) for block in blocks))
    return EXIT_OK
