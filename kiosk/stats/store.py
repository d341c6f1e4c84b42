"""The statistics database: open it, bring its schema up to date, append events, read them back.

SQLite from the standard library, in WAL mode with ``synchronous=NORMAL``: a commit is an
append to the write-ahead log with no fsync, cheap enough to commit every few events, and a
killed process (even SIGKILL) loses nothing that was committed and never corrupts the file.
(A power cut may lose the transactions since the last checkpoint, but still never corrupts.)

The schema is versioned with ``PRAGMA user_version``: ``MIGRATIONS[n]`` takes a database from
version ``n`` to ``n + 1``, and ``Store.open`` applies the missing ones in order, in one
transaction, so a database is always at one known version. Never edit a released migration;
append a new one.

Reading commands open the database read-only (``Store.open(..., read_only=True)``): no
journal-mode change, no migration, so another user's database or one on a read-only medium
can be read; columns an older schema lacks read as empty.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import math
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

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
    "seq",
    "booth",
)

# The first 16 bytes of every SQLite 3 database file.
SQLITE_MAGIC = b"SQLite format 3\x00"

# A database file goes with these companions (WAL mode): moved aside together.
COMPANIONS = ("-wal", "-shm", "-journal")

# sqlite3 error codes (low byte of the extended code) that say the file is not a sound
# database: set it aside and start a fresh one.
_CORRUPT_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


class SchemaTooNew(Exception):
    """The database was written by a newer kiosk: we must not touch its schema."""


class BadData(Exception):
    """A row holds a value of the wrong type (a hand-edited database): the message says
    which row and column."""


def is_corrupt(exc: BaseException) -> bool:
    """Whether ``exc`` says the file is not a database or is malformed."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    text = str(exc)
    return "not a database" in text or "malformed" in text


def aside_name(path: Path, why: str, now: dt.datetime | None = None) -> Path:
    """A free name beside ``path`` to keep it under: ``<name>.<why>-YYYYmmdd-HHMMSS``."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{why}-{stamp}")
    number = 1
    # Two in one second: never rename over an earlier one, nor over its companions.
    while any(os.path.lexists(f"{target}{end}") for end in ("", *COMPANIONS)):
        number += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{number}")
    return target


def set_aside(path: Path, why: str, now: dt.datetime | None = None) -> Path:
    """Rename ``path`` (and its -wal/-shm companions) to ``aside_name(path, why)``, never
    deleting anything; return the new name. Raises ``OSError``."""
    target = aside_name(path, why, now)
    if os.path.lexists(path):
        os.rename(path, target)
    for end in COMPANIONS:
        companion = f"{path}{end}"
        if os.path.lexists(companion):
            os.rename(companion, f"{target}{end}")
    return target


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


def _v3_sequence(db: sqlite3.Connection) -> None:
    """Number each session's events in the order they were recorded (``seq``, from 1): an
    order that does not depend on the wall clock, which may jump or be absurd. Existing rows
    are numbered in row order."""
    db.execute("ALTER TABLE events ADD COLUMN seq INTEGER")
    counter: dict[str, int] = {}
    updates: list[tuple[int, int]] = []
    for row_id, session in db.execute("SELECT id, session FROM events ORDER BY id"):
        counter[session] = counter.get(session, 0) + 1
        updates.append((counter[session], row_id))
    db.executemany("UPDATE events SET seq = ? WHERE id = ?", updates)


def _v4_booth(db: sqlite3.Connection) -> None:
    """Name the stand a show ran at (the `booth_name` setting) on its show_start events, so
    several booths' databases can be told apart in one report. Older rows name none."""
    db.execute("ALTER TABLE events ADD COLUMN booth TEXT")


# In order: MIGRATIONS[n] takes the schema from version n to n + 1. A tuple: never mutated.
MIGRATIONS: tuple[Migration, ...] = (_v1_events, _v2_visits, _v3_sequence, _v4_booth)
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

    def __init__(self, db: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self._db = db
        self.path = path
        self.read_only = read_only
        self._identity = file_identity(path)

    @classmethod
    def open(
        cls, path: Path | None = None, *, busy_timeout: float = 5.0, read_only: bool = False
    ) -> Store:
        """Open (creating it and its folder if needed) and migrate the database at ``path``.

        ``busy_timeout``: seconds to wait for another connection's write lock before a
        write fails with "database is locked". ``read_only``: for reading commands; the
        file must exist, nothing is written, not even the journal mode (a database in a
        folder we cannot write, or on a read-only medium, can be read).
        Raises ``OSError``, ``sqlite3.Error`` or ``SchemaTooNew``.
        """
        path = default_path() if path is None else path
        if read_only:
            return cls(_open_read_only(path, busy_timeout), path, read_only=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        try:
            version = schema_version(db)  # before any write: a newer kiosk's is not ours
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"schema version {version}, this kiosk knows up to {SCHEMA_VERSION}"
                )
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

    def still_at_path(self) -> str | None:
        """Whether the file at ``path`` is still the one this connection writes: None if
        so, else what happened to it ("vanished", "replaced" or "corrupt"). Cheap (a stat
        and a 16-byte read): the recorder asks before every write."""
        now = file_identity(self.path)
        if now is None:
            return "vanished"
        if now != self._identity:
            return "replaced"
        try:
            with open(self.path, "rb") as file:
                head = file.read(len(SQLITE_MAGIC))
        except OSError:
            return None  # unreadable now (a permission change): the write will say why
        # An empty file is a database not written yet; anything else must be SQLite's.
        return None if head in (b"", SQLITE_MAGIC) else "corrupt"

    def copy_to(self, target: Path) -> None:
        """Write a copy of everything this connection sees (even if its file was deleted
        or replaced under it) to a new database file ``target``."""
        copy = sqlite3.connect(target)
        try:
            self._db.backup(copy)
        finally:
            copy.close()

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
                e.seq,
                e.booth,
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
        """Stored events with ``since <= ts < until`` (either bound optional), in the order
        they were recorded (row order: never the wall clock, which may have jumped).

        Rows of a kind this version does not know (written by a newer kiosk that kept the
        schema) are skipped with one warning, so a summary still comes out. A value of the
        wrong type (a hand-edited database) raises ``BadData``.
        """
        present = {row[1] for row in self._db.execute("PRAGMA table_info(events)")}
        if not present:  # a database never migrated (read-only): no events yet
            return
        # An older schema read without migrating (read-only): missing columns read as NULL.
        selected = ", ".join(c if c in present else f"NULL AS {c}" for c in EVENT_COLUMNS)
        where, params = _range(since, until)
        unknown = 0
        for row in self._db.execute(
            f"SELECT id, {selected} FROM events{where} ORDER BY id", params
        ):
            values = dict(zip(("id", *EVENT_COLUMNS), row, strict=True))
            _check_types(self.path, values)
            try:
                event_kind = EventKind(values["kind"])
            except ValueError:
                unknown += 1
                continue
            yield Event(
                ts=float(values["ts"]),
                session=values["session"],
                kind=event_kind,
                session_offset=_float(values["session_offset"]),
                visit=values["visit"],
                slide=values["slide"],
                title=_text(values["title"]),
                language=_text(values["language"]),
                from_language=_text(values["from_language"]),
                seconds=_float(values["seconds"]),
                seq=values["seq"],
                booth=_text(values["booth"]),
                id=values["id"],
            )
        if unknown:
            log.warning("%s: skipped %d events of unknown kinds", self.path, unknown)

    def _present(self) -> set[str]:
        return {row[1] for row in self._db.execute("PRAGMA table_info(events)")}

    def check(self) -> None:
        """Raise ``BadData`` for the first row (any day) holding a value of the wrong type,
        with the message :meth:`events` would give, found by SQLite in one pass: cheaper
        than the checks row by row of :meth:`events`, for readers of raw :meth:`rows`."""
        present = self._present()
        if not present:
            return
        conditions = [f"{c} IS NULL" for c in _REQUIRED]
        conditions.append("ts IN (9e999, -9e999)")  # SQLite's infinities (NaN reads as NULL)
        conditions += [
            f"({c} IS NOT NULL AND typeof({c}) NOT IN ('integer', 'real'))"
            for c in _NUMBERS
            if c in present
        ]
        conditions += [
            f"({c} IS NOT NULL AND typeof({c}) != 'integer')" for c in _INTEGERS if c in present
        ]
        conditions += [f"typeof({c}) != 'text'" for c in ("session", "kind")]
        selected = ", ".join(c if c in present else f"NULL AS {c}" for c in EVENT_COLUMNS)
        row = self._db.execute(
            f"SELECT id, {selected} FROM events WHERE {' OR '.join(conditions)} ORDER BY id LIMIT 1"
        ).fetchone()
        if row is not None:
            _check_types(self.path, dict(zip(("id", *EVENT_COLUMNS), row, strict=True)))

    def rows(
        self, columns: Iterable[str], since: float | None = None, until: float | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """The raw values of ``columns`` (of :data:`EVENT_COLUMNS`) for the events with
        ``since <= ts < until``, in recorded order, as SQLite holds them: a column an older
        schema lacks reads as None, kinds are not checked. For readers that go through
        hundreds of thousands of events (the report): call :meth:`check` first."""
        present = self._present()
        if not present:
            return iter(())
        names = list(columns)
        unknown = [c for c in names if c not in EVENT_COLUMNS]
        if unknown:
            raise ValueError(f"no such event column: {', '.join(unknown)}")
        selected = ", ".join(c if c in present else f"NULL AS {c}" for c in names)
        where, params = _range(since, until)
        return iter(self._db.execute(f"SELECT {selected} FROM events{where} ORDER BY id", params))

    def sessions(self, since: float | None = None, until: float | None = None) -> set[str]:
        """The show sessions with events in ``[since, until)``."""
        if not self._present():
            return set()
        where, params = _range(since, until)
        return {
            str(s)
            for (s,) in self._db.execute(f"SELECT DISTINCT session FROM events{where}", params)
        }

    def booth_name(self) -> str:
        """The stand named by the last show start that names one ("" if none does)."""
        if "booth" not in self._present():
            return ""
        row = self._db.execute(
            "SELECT booth FROM events WHERE kind = ? AND booth IS NOT NULL AND booth != ''"
            " ORDER BY id DESC LIMIT 1",
            (str(EventKind.SHOW_START),),
        ).fetchone()
        return "" if row is None else _text(row[0]) or ""

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# What each column must hold, for the checks of rows read back.
_NUMBERS = ("ts", "session_offset", "seconds")
_INTEGERS = ("visit", "slide", "seq")
_REQUIRED = ("ts", "session", "kind")


def _check_types(path: Path, values: dict[str, object]) -> None:
    """Raise ``BadData`` naming the row and column if a value has the wrong type."""
    for column, value in values.items():
        if value is None:
            if column in _REQUIRED:
                raise BadData(f"{path}: event {values['id']}: {column} is empty")
            continue
        if column in _NUMBERS:
            ok = isinstance(value, int | float)
            if ok and column == "ts" and not math.isfinite(value):  # type: ignore[arg-type]
                ok = False
            wanted = "a number"
        elif column in _INTEGERS:
            ok, wanted = isinstance(value, int), "a whole number"
        elif column in ("session", "kind"):
            ok, wanted = isinstance(value, str), "text"
        else:
            continue  # titles and languages: any value reads as text
        if not ok:
            raise BadData(f"{path}: event {values['id']}: {column} holds {value!r}, not {wanted}")


def _range(since: float | None, until: float | None) -> tuple[str, list[float]]:
    """The WHERE clause (or "") and its parameters for ``since <= ts < until``."""
    conditions, params = [], []
    if since is not None:
        conditions.append("ts >= ?")
        params.append(since)
    if until is not None:
        conditions.append("ts < ?")
        params.append(until)
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def file_identity(path: Path) -> tuple[int, int] | None:
    """The file's (device, inode): it changes when the file is replaced."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _uri(path: Path, **options: str) -> str:
    query = urllib.parse.urlencode(options)
    return f"file:{urllib.parse.quote(str(path.absolute()))}?{query}"


def _open_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open ``path`` for reading only. A WAL database needs its -shm file, which SQLite
    cannot create in a folder we may not write (another user's, a read-only medium): then
    read it as immutable, which needs no lock and no file beside it."""
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
    last: sqlite3.Error | None = None
    for options in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
        db = sqlite3.connect(_uri(path, **options), uri=True, timeout=busy_timeout)
        try:
            version = schema_version(db)  # the first read: fails here if it cannot open
        except sqlite3.Error as exc:
            db.close()
            if is_corrupt(exc):
                raise
            last = exc
            continue
        if version > SCHEMA_VERSION:
            db.close()
            raise SchemaTooNew(f"schema version {version}, this kiosk knows up to {SCHEMA_VERSION}")
        if "immutable" in options:
            log.info("statistics database %s opened as immutable (read-only folder)", path)
        return db
    assert last is not None
    raise last
