"""The stand's name (`booth_name`) goes with every show start, into the database and back."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

from kiosk.stats.model import EventKind
from kiosk.stats.recorder import Recorder
from kiosk.stats.store import SCHEMA_VERSION, Store


def show_starts(path: Path) -> list[str | None]:
    with Store.open(path, read_only=True) as store:
        return [e.booth for e in store.events() if e.kind is EventKind.SHOW_START]


def test_each_show_start_names_its_booth(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    with Recorder(path, booth="  Hall B, stand 12 ") as recorder:
        recorder.show_started()
        recorder.visit_started()
        recorder.show_started()
    assert show_starts(path) == ["Hall B, stand 12", "Hall B, stand 12"]
    with Store.open(path, read_only=True) as store:  # only show starts carry it
        assert {e.booth for e in store.events() if e.kind is not EventKind.SHOW_START} == {None}


def test_without_a_name_the_booth_is_the_host(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    with Recorder(path) as recorder:
        recorder.show_started()
    assert show_starts(path) == [socket.gethostname()]


def test_an_older_database_gains_the_column_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, ts REAL NOT NULL, session TEXT NOT NULL,"
        " session_offset REAL, kind TEXT NOT NULL, slide INTEGER, title TEXT, language TEXT,"
        " from_language TEXT, seconds REAL, visit INTEGER, seq INTEGER);"
        "CREATE INDEX events_ts ON events (ts);"
        "INSERT INTO events (ts, session, kind, seq) VALUES (1.7e9, 's1', 'show_start', 1);"
        "PRAGMA user_version = 3;"
    )
    db.close()
    assert show_starts(path) == [None]  # read-only: read as it is, the name missing
    with Recorder(path, booth="Mairie") as recorder:  # the booth migrates it, and writes on
        recorder.show_started()
    assert show_starts(path) == [None, "Mairie"]
    with Store.open(path, read_only=True) as store:
        assert store.version == SCHEMA_VERSION == 4
