"""Several booths' statistics read as one: which booth each database is, each counted once.

`kiosk stats --db A --db B` (or a folder of databases) reads every database read-only, in
full, before anything is summed, so that a problem with one is said once and never makes a
half-counted report:

- the same file named twice (or through a link) is read once;
- a copy of a database (a stick exported twice, a backup): a session (random per show start)
  already read from another database is not counted again, and that is said;
- a database from a newer kiosk, a broken file, one that is no database: a clear message,
  its events left out; an empty one (a booth that never ran) counts nothing, silently.

A booth is named by its databases' show starts (the `booth_name` setting, recorded since
schema 4), else by its file name; two databases of the same name are told apart by file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.stats.model import Event, EventKind
from kiosk.stats.store import BadData, SchemaTooNew, Store, file_identity

DATABASE_SUFFIXES = (".sqlite3", ".sqlite", ".db")


@dataclass(frozen=True, slots=True)
class BoothEvents:
    """One booth's events, in the order recorded, each naming the booth."""

    name: str
    path: Path
    events: tuple[Event, ...]


def database_paths(given: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The databases named: files as given, folders for the databases in them (not below);
    and what is wrong with a name (missing, an empty folder)."""
    found: list[Path] = []
    problems: list[str] = []
    for path in given:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in DATABASE_SUFFIXES)
            inside = [p for p in inside if p.is_file()]
            if not inside:
                problems.append(f"{path}: no statistics database in this folder")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            problems.append(f"{path}: no such file")
    return found, problems


def read_booths(
    paths: Sequence[Path], since: float | None = None, until: float | None = None
) -> tuple[list[BoothEvents], list[str]]:
    """Each database's events between ``since`` and ``until`` (timestamps), as booths; and a
    message for each database left out or events not counted twice."""
    booths: list[BoothEvents] = []
    problems: list[str] = []
    seen_files: dict[tuple[int, int], Path] = {}
    seen_sessions: dict[str, Path] = {}
    for path in paths:
        identity = file_identity(path)
        if identity is not None and identity in seen_files:
            continue  # the same file again: read once, said nothing (it is no mistake)
        if identity is not None:
            seen_files[identity] = path
        try:
            with Store.open(path, read_only=True) as store:
                # All of them: the booth's name is its show starts', whatever the days asked.
                recorded = list(store.events())
        except SchemaTooNew as exc:
            problems.append(f"{path}: written by a newer kiosk ({exc}): not counted")
            continue
        except BadData as exc:
            problems.append(f"{exc}: that database is not counted")
            continue
        except (sqlite3.Error, OSError) as exc:
            problems.append(f"{path}: cannot read the statistics ({exc}): not counted")
            continue
        events = [
            e
            for e in recorded
            if (since is None or e.ts >= since) and (until is None or e.ts < until)
        ]
        kept, copied_from = _new_sessions(events, path, seen_sessions)
        if copied_from:
            sources = ", ".join(sorted({str(p) for p in copied_from.values()}))
            problems.append(
                f"{path}: {len(copied_from)} show session(s) already read from {sources}"
                " (a copy?): counted once"
            )
        booths.append(BoothEvents(_booth_name(recorded, path), path, tuple(kept)))
    return [
        replace(b, events=tuple(replace(e, booth=b.name) for e in b.events))
        for b in _distinct_names(booths)
    ], problems


def _new_sessions(
    events: Iterable[Event], path: Path, seen: dict[str, Path]
) -> tuple[list[Event], dict[str, Path]]:
    kept: list[Event] = []
    copied: dict[str, Path] = {}
    mine: set[str] = set()
    for event in events:
        owner = seen.get(event.session)
        if owner is not None and event.session not in mine:
            copied[event.session] = owner
            continue
        if owner is None:
            seen[event.session] = path
            mine.add(event.session)
        kept.append(event)
    return kept, copied


def _booth_name(events: Sequence[Event], path: Path) -> str:
    names = [e.booth for e in events if e.kind is EventKind.SHOW_START and e.booth]
    return names[-1] if names else path.stem


def _distinct_names(booths: list[BoothEvents]) -> list[BoothEvents]:
    counts: dict[str, int] = {}
    for booth in booths:
        counts[booth.name] = counts.get(booth.name, 0) + 1
    return [
        b if counts[b.name] == 1 else replace(b, name=f"{b.name} ({b.path.name})") for b in booths
    ]
