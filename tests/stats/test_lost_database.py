"""A database deleted, replaced or damaged under a running Recorder, or corrupt at the start:
detected, logged, kept aside, and recording goes on in a fresh one; health() says so."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

import pytest

from kiosk.stats.recorder import Recorder
from kiosk.stats.store import SQLITE_MAGIC, Store


def slides(path: Path) -> list[int | None]:
    with Store.open(path, read_only=True) as store:
        return [e.slide for e in store.events()]


def aside(folder: Path, why: str) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if f".{why}-" in p.name and p.name[-4:] not in ("-wal", "-shm")
    )


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.fixture
def recording(tmp_path: Path):
    """A recorder that has committed slides 0 and 1 to ``tmp_path/stats.sqlite3``."""
    rec = Recorder(tmp_path / "stats.sqlite3")
    rec.slide_viewed(0, "a", "fr", 2.0)
    rec.slide_viewed(1, "b", "fr", 2.0)
    assert rec.flush(5)
    yield rec
    rec.close()


def test_a_deleted_database_is_started_afresh_and_its_events_kept_aside(
    tmp_path: Path, recording: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "stats.sqlite3"
    for name in ("stats.sqlite3", "stats.sqlite3-wal", "stats.sqlite3-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    recording.slide_viewed(2, "c", "fr", 2.0)
    assert recording.flush(5)
    assert slides(path) == [2]  # later events land in a fresh database at the path
    [kept] = aside(tmp_path, "vanished")
    assert slides(kept) == [0, 1]  # and what was deleted is not lost
    [message] = warnings(caplog)
    assert "was deleted" in message and kept.name in message
    assert recording.health() == (True, "")


def test_a_replaced_database_is_detected_and_the_replaced_one_kept(
    tmp_path: Path, recording: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "stats.sqlite3"
    other = tmp_path / "other.sqlite3"
    with Recorder(other) as rec:
        rec.slide_viewed(7, "from elsewhere", "fr", 2.0)
    os.replace(other, path)
    recording.slide_viewed(2, "c", "fr", 2.0)
    assert recording.flush(5)
    [kept] = aside(tmp_path, "replaced")
    assert slides(kept) == [0, 1]  # the replaced one, kept aside
    assert slides(path) == [7, 2]  # recording goes on in the file now at the path
    [message] = warnings(caplog)
    assert "was replaced" in message and kept.name in message


def test_a_database_overwritten_with_garbage_is_set_aside_and_recording_goes_on(
    tmp_path: Path, recording: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "stats.sqlite3"
    with open(path, "r+b") as file:  # in place: same inode
        file.write(b"this is no database " * 500)
    inode = path.stat().st_ino
    recording.slide_viewed(2, "c", "fr", 2.0)
    assert recording.flush(5)
    [kept] = aside(tmp_path, "corrupt")
    assert kept.stat().st_ino == inode  # renamed, not deleted
    assert slides(path) == [2]  # the failed batch is in the fresh database
    [message] = warnings(caplog)
    assert "damaged" in message and kept.name in message
    assert recording.health() == (True, "")


def test_a_start_on_a_corrupt_database_sets_it_aside_and_records(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "stats.sqlite3"
    path.write_bytes(b"\x00garbage, not SQLite" * 100)
    with Recorder(path) as rec:
        rec.slide_viewed(3, "d", "fr", 2.0)
        assert rec.flush(5)
        assert rec.health() == (True, "")
    assert slides(path) == [3]
    [kept] = aside(tmp_path, "corrupt")
    assert kept.read_bytes().startswith(b"\x00garbage")
    [message] = warnings(caplog)
    assert "not a sound database" in message


def test_health_says_why_nothing_is_recorded(tmp_path: Path) -> None:
    off = Recorder(tmp_path / "off.sqlite3", enabled=False)
    assert off.health() == (False, "off in the settings")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere: use a path under a file
            blocker = tmp_path / "a file"
            blocker.write_text("")
            target = blocker / "stats.sqlite3"
        else:
            target = locked / "stats.sqlite3"
        with Recorder(target) as rec:
            rec.slide_viewed(0, "a", "fr", 1.0)
            assert rec.flush(5)
            ok, reason = rec.health()
        assert not ok and reason.startswith("cannot open the database")
    finally:
        locked.chmod(0o755)


def test_health_says_the_disk_is_full(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"

    def tiny_disk() -> Store:
        store = Store.open(path)
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL at once
        return store

    with Recorder(store_factory=tiny_disk) as rec:
        for i in range(20):
            rec.slide_viewed(i, "x" * 4000, "fr", 1.0)
        assert rec.flush(5)
        assert rec.health() == (False, "the disk is full")
    assert path.read_bytes().startswith(SQLITE_MAGIC)  # a full disk is no corruption


def test_a_corrupt_file_is_never_deleted_even_twice_in_one_second(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    for round_ in range(2):
        path.write_bytes(b"garbage %d" % round_ * 100)
        with Recorder(path) as rec:
            rec.slide_viewed(round_, "x", "fr", 1.0)
    kept = aside(tmp_path, "corrupt")
    assert sorted(p.read_bytes()[:9] for p in kept) == [b"garbage 0", b"garbage 1"]
    assert sqlite3.connect(path).execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_a_database_that_could_not_be_opened_is_opened_once_it_can(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "later"
    blocker.write_text("a file where the folder should be")
    path = blocker / "stats.sqlite3"
    with Recorder(path, reopen_interval=0.0) as rec:
        rec.slide_viewed(0, "lost", "fr", 1.0)
        assert rec.flush(5)
        assert not rec.health()[0]
        blocker.unlink()  # the folder can be made now (a USB stick mounted late, say)
        rec.slide_viewed(1, "kept", "fr", 1.0)
        assert rec.flush(5)
        assert rec.health() == (True, "")
    assert slides(path) == [1]
    assert len(warnings(caplog)) == 1  # "cannot open", once; recording again is info


@pytest.mark.parametrize("reading", [float("nan"), float("inf"), OverflowError])
def test_a_wall_clock_python_cannot_hold_never_stops_recording(
    tmp_path: Path, reading: float | type[Exception]
) -> None:
    def clock() -> float:
        if isinstance(reading, type):
            raise reading("timestamp too large to convert to C _PyTime_t")
        return reading

    path = tmp_path / "stats.sqlite3"
    with Recorder(path, clock=clock) as rec:
        rec.show_started()
        rec.slide_viewed(0, "a", "fr", 1.0)
    with Store.open(path, read_only=True) as store:
        events = list(store.events())
    assert [e.seq for e in events] == [1, 2]
    assert all(abs(e.ts - time.time()) < 3600 for e in events)  # the system clock instead


def test_a_database_of_a_newer_kiosk_is_left_as_it_is_and_health_says_so(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    with Recorder(path) as rec:
        rec.slide_viewed(0, "a", "fr", 1.0)
        assert rec.flush(5)
        ok, reason = rec.health()
    assert not ok and "made by a newer kiosk" in reason
    assert path.read_bytes() == before and aside(tmp_path, "corrupt") == []
