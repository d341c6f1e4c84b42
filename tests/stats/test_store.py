"""The statistics database: WAL, schema migrations from any version, append and read back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.stats.model import Event, EventKind
from kiosk.stats.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SchemaTooNew,
    Store,
    default_path,
    migrate,
    schema_version,
)


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def columns(db: sqlite3.Connection) -> list[str]:
    return [row[1] for row in db.execute("PRAGMA table_info(events)")]


def test_default_path_is_in_the_platform_data_folder() -> None:
    path = default_path()
    assert path.name == "stats.sqlite3"
    assert path.parent.name == "kiosk"


def test_a_new_database_gets_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "stats.sqlite3"  # the folder is created too
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION == len(MIGRATIONS)
        # synchronous is per connection: check the store's own (NORMAL = 1)
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1
    db = connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(db) == SCHEMA_VERSION
    assert "visit" in columns(db) and "session_offset" in columns(db)
    indexes = [row[1] for row in db.execute("PRAGMA index_list(events)")]
    assert "events_ts" in indexes


def test_a_v1_database_is_migrated_and_its_visits_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    db = connect(path)
    assert migrate(db, MIGRATIONS[:1]) == 1
    assert "visit" not in columns(db)
    rows = [  # (session, kind): a loop view, a visit of two views, a loop view, a new show
        ("a", "show_start"),
        ("a", "slide_view"),
        ("a", "visit_start"),
        ("a", "slide_view"),
        ("a", "menu_jump"),
        ("a", "visit_end"),
        ("a", "slide_view"),
        ("a", "visit_start"),
        ("b", "show_start"),
        ("b", "visit_start"),
        ("b", "slide_view"),
    ]
    db.executemany(
        "INSERT INTO events (ts, session, kind) VALUES (?, ?, ?)",
        [(1_750_000_000.0 + i, s, k) for i, (s, k) in enumerate(rows)],
    )
    db.close()

    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION
        events = list(store.events())
    assert [e.kind for e in events] == [EventKind(k) for _, k in rows]
    assert [e.visit for e in events] == [None, None, 1, 1, 1, 1, None, 2, None, 1, 1]


def test_opening_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    with Store.open(path) as store:
        store.add([Event(ts=1.0, session="s", kind=EventKind.SHOW_START)])
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION
        assert len(list(store.events())) == 1


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    db = connect(tmp_path / "stats.sqlite3")
    with pytest.raises(sqlite3.OperationalError, match="boom"):
        migrate(db, (*MIGRATIONS, broken))
    assert schema_version(db) == 0
    assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_a_database_from_a_newer_kiosk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    db = connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNew):
        Store.open(path)


def test_events_round_trip_and_filter_by_time(tmp_path: Path) -> None:
    written = [
        Event(ts=100.0, session="s", kind=EventKind.SHOW_START, session_offset=0.0),
        Event(
            ts=200.0,
            session="s",
            kind=EventKind.SLIDE_VIEW,
            session_offset=100.0,
            visit=1,
            slide=4,
            title="65\u202f%",
            language="fr",
            seconds=7.5,
        ),
        Event(
            ts=300.0, session="s", kind=EventKind.LANGUAGE_SWITCH, language="en", from_language="fr"
        ),
    ]
    with Store.open(tmp_path / "stats.sqlite3") as store:
        store.add(written)
        read = list(store.events())
        assert [e.id for e in read] == [1, 2, 3]
        assert [Event(**{**_fields(e), "id": None}) for e in read] == written
        assert [e.ts for e in store.events(since=200.0)] == [200.0, 300.0]
        assert [e.ts for e in store.events(until=300.0)] == [100.0, 200.0]
        assert [e.ts for e in store.events(200.0, 300.0)] == [200.0]


def _fields(event: Event) -> dict[str, object]:
    return {name: getattr(event, name) for name in Event.__slots__}


def test_rows_of_an_unknown_kind_are_skipped(tmp_path: Path, caplog) -> None:
    path = tmp_path / "stats.sqlite3"
    with Store.open(path) as store:
        store.add([Event(ts=1.0, session="s", kind=EventKind.SHOW_START)])
    db = connect(path)
    db.execute("INSERT INTO events (ts, session, kind) VALUES (2.0, 's', 'future_kind')")
    db.close()
    with Store.open(path) as store:
        assert [e.kind for e in store.events()] == [EventKind.SHOW_START]
    assert "1 events of unknown kinds" in caplog.text
