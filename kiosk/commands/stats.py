"""`kiosk stats`: print per-day visitor statistics, or export the raw events as CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.commands import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kiosk.stats.model import Event
from kiosk.stats.report import day_bounds, format_summary, summarize, write_csv
from kiosk.stats.store import SchemaTooNew, Store, default_path


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="visitor statistics: per-day summary, or the raw events as CSV",
        description="Print, for each day, show starts, attract loops, visits and their median"
        " length, the slides visitors viewed most, languages, menu and language-switch use."
        " Days are the machine's local calendar days. Exit status: 0 success, 1 the database"
        " cannot be read, 2 usage error.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"statistics database (default: {default_path()})",
    )
    parser.add_argument(
        "--since", type=_day, default=None, metavar="YYYY-MM-DD", help="from this day, included"
    )
    parser.add_argument(
        "--until", type=_day, default=None, metavar="YYYY-MM-DD", help="to this day, included"
    )
    parser.add_argument(
        "--csv",
        default=None,
        metavar="FILE",
        help="write the raw events as CSV to FILE ('-' for standard output) instead of the summary",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    since: dt.date | None = args.since
    until: dt.date | None = args.until
    if since is not None and until is not None and since > until:
        print(f"kiosk stats: --since {since} is after --until {until}", file=sys.stderr)
        return EXIT_USAGE
    csv_path: str | None = args.csv
    if csv_path not in (None, "-") and not Path(csv_path).parent.is_dir():
        print(f"kiosk stats: {csv_path}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    db_path: Path = args.db or default_path()
    if not db_path.exists():
        if args.db is not None:
            print(f"kiosk stats: {db_path}: no such file", file=sys.stderr)
            return EXIT_USAGE
        # The show never ran here: an empty report, not an error.
        print(f"kiosk stats: no statistics recorded yet ({db_path})", file=sys.stderr)
        return _output([], csv_path, since, until)
    start, end = day_bounds(since, until)
    try:
        with Store.open(db_path) as store:
            return _output(store.events(start, end), csv_path, since, until)
    except (sqlite3.Error, SchemaTooNew, OSError) as exc:
        print(f"kiosk stats: {db_path}: cannot read the statistics: {exc}", file=sys.stderr)
        return EXIT_ERRORS


def _output(
    events: Iterable[Event], csv_path: str | None, since: dt.date | None, until: dt.date | None
) -> int:
    if csv_path == "-":
        write_csv(events, sys.stdout)
    elif csv_path is not None:
        try:
            # utf-8-sig: the BOM makes spreadsheet programs read the accents right
            with open(csv_path, "w", newline="", encoding="utf-8-sig") as out:
                count = write_csv(events, out)
        except OSError as exc:
            print(f"kiosk stats: {csv_path}: cannot write: {exc}", file=sys.stderr)
            return EXIT_ERRORS
        print(f"{count} events written to {csv_path}")
    else:
        days, total = summarize(events)
        if not days:
            span = f" from {since or 'the start'} to {until or 'the end'}" if since or until else ""
            print(f"no events{span}")
        else:
            blocks = [*days, total] if len(days) > 1 else days
            print("\n\n".join("\n".join(format_summary(block)) for block in blocks))
    return EXIT_OK
