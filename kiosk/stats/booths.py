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
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.stats.model import Event
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


@dataclass(frozen=True, slots=True)
class BoothSource:
    """One booth's database, open: its events are ``store``'s, but for ``skip`` (sessions
    already read from another database: a copy)."""

    name: str
    path: Path
    store: Store
    skip: frozenset[str]


@contextmanager
def opened_booths(
    paths: Sequence[Path], since: float | None = None, until: float | None = None
) -> Iterator[tuple[list[BoothSource], list[str]]]:
    """Each database named, open read-only and checked (every row, whatever the days: a
    damaged database is left out whole), as booths; and a message for each database left
    out or events not counted twice. The databases are closed on leaving the block.

    Only SQLite reads the rows here (types, names, sessions): the caller reads the events,
    as :class:`Event` (:func:`read_booths`) or raw (the report, kiosk.stats.handout).
    """
    sources: list[BoothSource] = []
    problems: list[str] = []
    seen_files: dict[tuple[int, int], Path] = {}
    seen_sessions: dict[str, Path] = {}
    with ExitStack() as stack:
        for path in paths:
            identity = file_identity(path)
            if identity is not None and identity in seen_files:
                continue  # the same file again: read once, said nothing (it is no mistake)
            if identity is not None:
                seen_files[identity] = path
            try:
                store = Store.open(path, read_only=True)
            except SchemaTooNew as exc:
                problems.append(f"{path}: written by a newer kiosk ({exc}): not counted")
                continue
            except (sqlite3.Error, OSError) as exc:
                problems.append(f"{path}: cannot read the statistics ({exc}): not counted")
                continue
            stack.callback(store.close)
            try:
                store.check()
                # All of them: the booth's name is its show starts', whatever the days asked.
                name = store.booth_name() or path.stem
                sessions = store.sessions(since, until)
            except BadData as exc:
                problems.append(f"{exc}: that database is not counted")
                continue
            except (sqlite3.Error, OSError) as exc:
                problems.append(f"{path}: cannot read the statistics ({exc}): not counted")
                continue
            copied = {s: seen_sessions[s] for s in sessions if s in seen_sessions}
            if copied:
                sources_text = ", ".join(sorted({str(p) for p in copied.values()}))
                problems.append(
                    f"{path}: {len(copied)} show session(s) already read from {sources_text}"
                    " (a copy?): counted once"
                )
            for session in sessions - copied.keys():
                seen_sessions[session] = path
            sources.append(BoothSource(name, path, store, frozenset(copied)))
        yield _distinct_names(sources), problems


def read_booths(
    paths: Sequence[Path], since: float | None = None, until: float | None = None
) -> tuple[list[BoothEvents], list[str]]:
    """Each database's events between ``since`` and ``until`` (timestamps), as booths; and a
    message for each database left out or events not counted twice."""
    with opened_booths(paths, since, until) as (sources, problems):
        booths = [
            BoothEvents(
                source.name,
                source.path,
                tuple(
                    replace(e, booth=source.name)
                    for e in source.store.events(since, until)
                    if e.session not in source.skip
                ),
            )
            for source in sources
        ]
    return booths, problems


def _distinct_names(booths: list[BoothSource]) -> list[BoothSource]:
    counts: dict[str, int] = {}
    for booth in booths:
        counts[booth.name] = counts.get(booth.name, 0) + 1
    return [
        b if counts[b.name] == 1 else replace(b, name=f"{b.name} ({b.path.name})") for b in booths
    ]
