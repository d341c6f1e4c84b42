"""Recorder: the events of a scripted visit, calls that never wait for the database, and a
database that cannot be opened or written never stopping the show."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk.stats.model import Event, EventKind
from kiosk.stats.recorder import Recorder
from kiosk.stats.store import Store, migrate


def stored(path: Path) -> list[Event]:
    with Store.open(path) as store:
        return list(store.events())


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_a_scripted_visit_is_recorded_with_its_lengths(scripted_db: Path) -> None:
    events = stored(scripted_db)
    assert len(events) == 26
    assert len({e.session for e in events}) == 2  # one per show start
    visit = [e for e in events if e.visit == 1 and e.session == events[0].session]
    assert [e.kind for e in visit] == [
        EventKind.VISIT_START,
        EventKind.SLIDE_VIEW,
        EventKind.MENU_OPEN,
        EventKind.MENU_JUMP,
        EventKind.SLIDE_VIEW,  # swiped past
        EventKind.SLIDE_VIEW,
        EventKind.LANGUAGE_SWITCH,
        EventKind.SLIDE_VIEW,
        EventKind.QR_SHOWN,
        EventKind.VISIT_END,
    ]
    views = [(e.slide, e.title, e.language, e.seconds) for e in visit if e.kind == "slide_view"]
    assert views == [
        (3, "65\u202f%", "fr", 8.0),
        (6, "Swiped past", "fr", 0.4),
        (7, "Rejoignez-nous\u202f!", "fr", 12.0),
        (7, "Join us!", "en", 6.0),
    ]
    assert visit[3].slide == 7  # the menu jump's target
    assert (visit[6].from_language, visit[6].language) == ("fr", "en")
    assert (visit[8].slide, visit[8].seconds) == (7, 18.0)
    assert visit[-1].seconds == 88.0  # first touch to idle return
    assert visit[-1].session_offset == 20.0 + 88.0
    loop_views = [e for e in events if e.kind == "slide_view" and e.visit is None]
    assert len(loop_views) == 2  # the attract loop is told apart from visitors


def test_visit_calls_out_of_turn_are_ignored(tmp_path: Path, clock) -> None:
    path = tmp_path / "stats.sqlite3"
    with Recorder(path, clock=clock.time, monotonic=clock.monotonic) as rec:
        rec.visit_ended()  # no visit yet
        rec.visit_started()
        clock.advance(5)
        rec.visit_started()  # every touch may call it: the visit began at the first
        clock.advance(5)
        rec.visit_ended()
        assert not rec.in_visit
    kinds = [(e.kind, e.visit, e.seconds) for e in stored(path)]
    assert kinds == [(EventKind.VISIT_START, 1, None), (EventKind.VISIT_END, 1, 10.0)]


def test_each_show_start_is_a_new_random_session(tmp_path: Path) -> None:
    with Recorder(tmp_path / "stats.sqlite3") as rec:
        rec.show_started()
        first = rec.session
        rec.show_started()
        assert rec.session != first
        assert len(rec.session) == 16


class BlockedStore:
    """A store whose writes wait until released: the worst database there is."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.added: list[Event] = []

    def add(self, events: Sequence[Event]) -> None:
        self.entered.set()
        assert self.release.wait(10)
        self.added.extend(events)

    def still_at_path(self) -> str | None:
        return None  # nothing on disk to vanish

    def close(self) -> None:
        pass


def test_calls_return_while_the_writer_is_stuck(tmp_path: Path) -> None:
    store = BlockedStore()
    rec = Recorder(store_factory=lambda: store)  # type: ignore[arg-type,return-value]
    rec.slide_viewed(0, "first", "fr", 1.0)
    assert store.entered.wait(5)  # the writer is now inside add(), blocked
    for i in range(1, 1001):  # all of these return though nothing can be written
        rec.slide_viewed(i, f"slide {i}", "fr", 1.0)
    assert store.added == []
    store.release.set()
    assert rec.flush(5)
    rec.close()
    assert [e.slide for e in store.added] == list(range(1001))


def test_a_database_locked_by_another_process_delays_but_loses_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.stats")
    path = tmp_path / "stats.sqlite3"
    rec = Recorder(path, busy_timeout=0.02, retry_interval=0.01)
    assert rec.flush(5)  # database open and migrated
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    for i in range(100):
        rec.slide_viewed(i, f"slide {i}", "fr", 1.0)
    deadline = time.monotonic() + 5
    while "database locked, will retry" not in caplog.text:  # the writer waits, we don't
        assert time.monotonic() < deadline
        time.sleep(0.005)
    other.execute("ROLLBACK")
    other.close()
    assert rec.flush(5)
    rec.close()
    assert [e.slide for e in stored(path)] == list(range(100))
    assert warnings(caplog) == []


@pytest.mark.parametrize("where", ["a folder", "under a file"])
def test_an_unopenable_database_logs_once_and_drops_events(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    (tmp_path / "file").write_text("not a folder")
    path = tmp_path if where == "a folder" else tmp_path / "file" / "stats.sqlite3"
    rec = Recorder(path)
    for i in range(50):
        rec.slide_viewed(i, "x", "fr", 1.0)
        rec.visit_started()
        rec.visit_ended()
    assert rec.flush(5)
    rec.close()
    [message] = warnings(caplog)
    assert "cannot open the database" in message


def test_a_full_disk_logs_once_drops_events_and_keeps_going(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "stats.sqlite3"

    def tiny_disk() -> Store:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        migrate(db)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
        return Store(db, path)

    rec = Recorder(store_factory=tiny_disk)
    for _ in range(5):
        for i in range(20):
            rec.slide_viewed(i, "x" * 2000, "fr", 1.0)
        assert rec.flush(5)  # the writer survives each failure
    rec.close()
    [message] = warnings(caplog)
    assert "cannot write" in message and "full" in message


def test_a_wiring_mistake_drops_the_event_not_the_show(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "stats.sqlite3"
    with Recorder(path) as rec:
        rec.slide_viewed("not a number", "t", "fr", 1.0)  # type: ignore[arg-type]
        rec.qr_shown(1, None)  # type: ignore[arg-type]  # None is allowed: no length
        rec.slide_viewed(2, "t", "fr", object())  # type: ignore[arg-type]
    assert [e.kind for e in stored(path)] == [EventKind.QR_SHOWN]
    assert len(warnings(caplog)) == 1


def test_disabled_or_closed_recorders_record_nothing(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    off = Recorder(path, enabled=False)
    off.show_started()
    assert off.flush()
    off.close()
    assert not path.exists()
    rec = Recorder(path)
    rec.show_started()
    rec.close()
    rec.loop_completed()  # after close: ignored, no error
    rec.close()
    assert [e.kind for e in stored(path)] == [EventKind.SHOW_START]


def test_slide_shown_times_views_and_splits_them_at_visit_edges(tmp_path: Path, clock) -> None:
    path = tmp_path / "stats.sqlite3"
    rec = Recorder(path, clock=clock.time, monotonic=clock.monotonic)
    rec.show_started()
    rec.slide_shown(0, "Cover", "fr")
    clock.advance(10)
    rec.slide_shown(1, "Fact", "fr")
    clock.advance(3)
    rec.visit_started()  # touched 3 s into slide 1: 3 s of loop, then the visitor's view
    clock.advance(5)
    rec.slide_shown(1, "Fact (en)", "en")  # same slide, other language
    clock.advance(4)
    rec.slide_shown(9, "Join us", "en", qr=True)
    clock.advance(7)
    rec.visit_ended()  # the last slide's 7 s belong to the visit
    clock.advance(2)
    rec.close()  # the slide still on screen is recorded too
    got = [
        (e.kind.value, e.visit, e.slide, e.language, e.seconds)
        for e in stored(path)
        if e.kind != EventKind.SHOW_START
    ]
    assert got == [
        ("slide_view", None, 0, "fr", 10.0),
        ("slide_view", None, 1, "fr", 3.0),
        ("visit_start", 1, None, None, None),
        ("slide_view", 1, 1, "fr", 5.0),
        ("slide_view", 1, 1, "en", 4.0),
        ("slide_view", 1, 9, "en", 7.0),
        ("qr_shown", 1, 9, None, 7.0),
        ("visit_end", 1, None, None, 16.0),
        ("slide_view", None, 9, "en", 2.0),
        ("qr_shown", None, 9, None, 2.0),
    ]


def test_slide_left_ends_the_view_without_a_next_slide(tmp_path: Path, clock) -> None:
    path = tmp_path / "stats.sqlite3"
    with Recorder(path, clock=clock.time, monotonic=clock.monotonic) as rec:
        rec.slide_shown(4, "Quote", "fr")
        clock.advance(6)
        rec.slide_left()  # black screen
        clock.advance(100)
    assert [(e.slide, e.seconds) for e in stored(path)] == [(4, 6.0)]
