"""The statistics database: open it, bring its schema up to date, append events, read them back.

SQLite from the standard library, in WAL mode with ``synchronous=NORMAL``: a commit is an
append to the write-ahead log with no fsync, cheap enough to commit every few events, and a
killed process (even SIGKILL) loses nothing that was committed and never corrupts the file.
(A power cut may lose the transactions since the last checkpoint, but still never corrupts.)

The schema is versioned with ``PRAGMA user_version``: ``MIGRATIONS[n]`` takes a database from
version ``n`` to ``n + 1``, and ``Store.open`` applies the missing ones in order, in one
transaction, so a database is always at one known version. Never edit a released migration;
append a new one.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import platformdirs

from kiosk.stats.model import Event, EventKind

log = logging.getLogger(__name__)

Migration = Callable[[sqlite3.Connection], None]

EVENT_COLUMNS = (
    "ts",
    "session",
    "session_offset",
    "visit",
    "kind",
    "slide",
    "title",
    "language",
    "from_language",
    "seconds",
)


class SchemaTooNew(Exception):
    """The database was written by a newer kiosk: we must not touch its schema."""


def default_path() -> Path:
    """Where the statistics live unless told otherwise: the platform's data folder."""
    return platformdirs.user_data_path("kiosk") / "stats.sqlite3"


def _v1_events(db: sqlite3.Connection) -> None:
    """The event log: one row per event, the wall clock and the session's monotonic offset."""
    db.execute(
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            ts REAL NOT NULL,              -- wall clock, seconds since the epoch: day grouping
            session TEXT NOT NULL,         -- random per show start
            session_offset REAL,           -- monotonic seconds since the session started
            kind TEXT NOT NULL,            -- an EventKind value
            slide INTEGER,                 -- slide index from 0
            title TEXT,
            language TEXT,
            from_language TEXT,
            seconds REAL                   -- dwell or visit length, monotonic clock
        )"""
    )


def _v2_visits(db: sqlite3.Connection) -> None:
    """Tie each event to its visit, so visitor views can be told from the attract loop; index
    ``ts`` for the day filters. Existing rows get their visit number from the visit_start and
    visit_end events around them."""
    db.execute("ALTER TABLE events ADD COLUMN visit INTEGER")
    db.execute("CREATE INDEX events_ts ON events (ts)")
    counter: dict[str, int] = {}
    open_visit: dict[str, bool] = {}
    updates: list[tuple[int, int]] = []
    for row_id, session, kind in db.execute("SELECT id, session, kind FROM events ORDER BY id"):
        if kind == EventKind.VISIT_START:
            counter[session] = counter.get(session, 0) + 1
            open_visit[session] = True
        in_visit = open_visit.get(session, False)
        if kind == EventKind.VISIT_END:
            open_visit[session] = False
        if in_visit:
            updates.append((counter[session], row_id))
    db.executemany("UPDATE events SET visit = ? WHERE id = ?", updates)


# In order: MIGRATIONS[n] takes the schema from version n to n + 1. A tuple: never mutated.
MIGRATIONS: tuple[Migration, ...] = (_v1_events, _v2_visits)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(db: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Apply the migrations ``db`` lacks, all in one transaction; return the version reached.

    ``db`` must be in autocommit mode (``isolation_level=None``): we manage the transaction.
    """
    target = len(migrations)
    version = schema_version(db)
    if version > target:
        raise SchemaTooNew(f"schema version {version}, this kiosk knows up to {target}")
    if version == target:
        return version
    # IMMEDIATE takes the write lock now; reading the version again under it means two
    # processes opening a fresh database at once cannot both run the same migration.
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)
        for number in range(version, target):
            migrations[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
            log.info("statistics schema migrated to version %d", number + 1)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return target


class Store:
    """One connection to the statistics database. Use it from the thread that opened it."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | None = None, *, busy_timeout: float = 5.0) -> Store:
        """Open (creating it and its folder if needed) and migrate the database at ``path``.

        ``busy_timeout``: seconds to wait for another connection's write lock before a
        write fails with "database is locked".
        Raises ``OSError``, ``sqlite3.Error`` or ``SchemaTooNew``.
        """
        path = default_path() if path is None else path
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        try:
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":  # e.g. some network file systems: still works, less safely
                log.warning("statistics database %s: journal mode %s, not WAL", path, mode)
            db.execute("PRAGMA synchronous = NORMAL")
            migrate(db)
        except BaseException:
            db.close()
            raise
        return cls(db, path)

    @property
    def version(self) -> int:
        return schema_version(self._db)

    def add(self, events: Iterable[Event]) -> None:
        """Append ``events`` in one transaction: all of them or, on error, none."""
        rows = [
            (
                e.ts,
                e.session,
                e.session_offset,
                e.visit,
                str(e.kind),
                e.slide,
                e.title,
                e.language,
                e.from_language,
                e.seconds,
            )
            for e in events
        ]
        placeholders = ", ".join("?" * len(EVENT_COLUMNS))
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(
                f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})", rows
            )
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def events(self, since: float | None = None, until: float | None = None) -> Iterator[Event]:
        """Stored events with ``since <= ts < until`` (either bound optional), oldest first.

        Rows of a kind this version does not know (written by a newer kiosk that kept the
        schema) are skipped with one warning, so a summary still comes out.
        """
        query = f"SELECT id, {', '.join(EVENT_COLUMNS)} FROM events"
        conditions, params = [], []
        if since is not None:
            conditions.append("ts >= ?")
            params.append(since)
        if until is not None:
            conditions.append("ts < ?")
            params.append(until)
        if conditions:
            query += " WHERE " + " AND ".join(conditions)
        unknown = 0
        for row in self._db.execute(query + " ORDER BY id", params):
            (row_id, ts, session, offset, visit, kind, slide, title, lang, from_lang, secs) = row
            try:
                event_kind = EventKind(kind)
            except ValueError:
                unknown += 1
                continue
            yield Event(
                ts=ts,
                session=session,
                kind=event_kind,
                session_offset=offset,
                visit=visit,
                slide=slide,
                title=title,
                language=lang,
                from_language=from_lang,
                seconds=secs,
                id=row_id,
            )
        if unknown:
            log.warning("%s: skipped %d events of unknown kinds", self.path, unknown)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
