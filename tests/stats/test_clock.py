"""Any wall-clock value, and the clock jumping back during the show, leave the show running
and the statistics in the order they were recorded: real `kiosk run` processes under
Debian's libfaketime, and the summary of a visit the clock jumped back in."""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.stats.model import EventKind
from kiosk.stats.recorder import Recorder
from kiosk.stats.report import summarize
from kiosk.stats.store import Store
from tests.stats.conftest import DAY1, DAY2, FakeClock

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


def wait_for(predicate, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def events_in(db: Path) -> list[tuple]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT kind, ts, seq, seconds FROM events ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # not created or not migrated yet
        return []


class Show:
    """`kiosk run` (kiosk mode: a preview window records no statistics) on the offscreen
    platform under libfaketime, in its own home."""

    def __init__(self, home: Path, **faketime: str) -> None:
        self.home = home
        self.probe = home / "first-frame.json"
        self.db = home / "data" / "kiosk" / "stats.sqlite3"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_FIRST_FRAME": str(self.probe),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "LD_PRELOAD": str(LIBFAKETIME),
            **faketime,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_started(self) -> None:
        """Until the first frame is on screen and the statistics hold the show's start."""
        wait_for(lambda: self.probe.exists() or self.process.poll() is not None, what="first frame")
        assert self.process.poll() is None, self.process.communicate()[1]
        wait_for(lambda: events_in(self.db), what="show_start")

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=60)
        return self.process.returncode, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@pytest.fixture
def shows(tmp_path: Path):
    started: list[Show] = []

    def start(**faketime: str) -> Show:
        show = Show(tmp_path, **faketime)
        started.append(show)
        return show

    try:
        yield start
    finally:
        for show in started:
            show.kill()


@pytest.mark.parametrize(
    "faketime",
    [
        # beyond 2262: time.time() overflows; libfaketime moves the monotonic clock too
        {"FAKETIME": "@9999-12-31 23:00:00"},
        # the same with a sane monotonic clock, as on a real machine with a wrong date
        {"FAKETIME": "@9999-12-31 23:00:00", "FAKETIME_DONT_FAKE_MONOTONIC": "1"},
        {"FAKETIME": "@1970-01-01 00:00:00"},
        {"FAKETIME": "@1900-01-01 00:00:00"},
    ],
    ids=["9999", "9999-real-monotonic", "1970", "1900"],
)
def test_the_show_runs_and_records_whatever_the_wall_clock_says(shows, faketime) -> None:
    show = shows(**faketime)
    show.wait_started()
    code, err = show.stop()
    assert code == 0, err
    assert "Traceback" not in err
    kinds = [kind for kind, *_ in events_in(show.db)]
    assert kinds[0] == "show_start" and "slide_view" in kinds  # the view ended at the stop
    seqs = [seq for _, _, seq, _ in events_in(show.db)]
    assert seqs == list(range(1, len(seqs) + 1))
    summary = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "--db", str(show.db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (summary.returncode, summary.stderr) == (0, "")
    assert "  show starts        1" in summary.stdout


@pytest.mark.parametrize(
    "jump_to", ["@2025-06-10 10:00:00", "@9999-12-31 23:00:00"], ids=["back-2-days", "to-9999"]
)
def test_the_clock_jumping_mid_show_keeps_it_running_and_the_recorded_order(
    shows, tmp_path: Path, jump_to: str
) -> None:
    clock_file = tmp_path / "faketime.rc"
    clock_file.write_text("@2025-06-12 10:00:00\n")
    show = shows(
        FAKETIME_TIMESTAMP_FILE=str(clock_file),
        FAKETIME_NO_CACHE="1",  # read the file at every clock reading
        FAKETIME_DONT_FAKE_MONOTONIC="1",  # a wall-clock change never moves this one
    )
    show.wait_started()
    clock_file.write_text(jump_to + "\n")
    code, err = show.stop()  # the show still answers SIGTERM, and stops cleanly
    assert code == 0, err
    assert "Traceback" not in err
    (start_kind, start_ts, _, _), *rest = events_in(show.db)
    assert start_kind == "show_start"
    view = rest[-1]
    assert view[0] == "slide_view"
    if jump_to.startswith("@2025"):  # recorded after the jump: the wall time went back...
        assert view[1] < start_ts - 86_400
    else:  # ...or beyond what Python holds, clamped
        assert view[1] > start_ts + 100 * 365 * 86_400
    assert view[3] > 0  # ...the length is from the monotonic clock...
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "--db", str(show.db), "--csv", "-"],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    # ...and the CSV keeps the recorded order, numbered by seq, not the clock's
    assert rows[0]["kind"] == "show_start"
    assert [int(row["seq"]) for row in rows] == list(range(1, len(rows) + 1))


def test_a_visit_the_clock_jumped_back_in_counts_on_the_day_it_started(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    clock = FakeClock(DAY2, 10)
    with Recorder(path, clock=clock.time, monotonic=clock.monotonic) as rec:
        rec.show_started()
        rec.visit_started()
        clock.advance(5)
        rec.slide_viewed(3, "65\u202f%", "fr", 5)
        clock.set_day(DAY1, 10)  # the clock is put back a day during the visit
        clock.advance(5)
        rec.slide_viewed(4, "0,2 %", "fr", 5)
        rec.visit_ended()
        rec.loop_completed()  # after the visit: on the day the clock says
    with Store.open(path, read_only=True) as store:
        events = list(store.events())
    # recorded order, numbered 1.. in the session, though ts went back
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    assert events[3].ts < events[2].ts
    days, total = summarize(events)
    by_day = {summary.day: summary for summary in days}
    assert by_day[DAY2].visits == 1
    assert by_day[DAY2].slide_views == 2  # both views with their visit, not split off
    assert by_day[DAY2].median_visit == 70.0  # 5 + 60 (set_day) + 5, monotonic
    assert by_day[DAY1].visits == 0 and by_day[DAY1].slide_views == 0
    assert by_day[DAY1].loops == 1
    assert total.visits == 1 and total.slide_views == 2
    assert [e.kind for e in events][-1] is EventKind.LOOP_COMPLETED


def test_guard_reads_an_overflowing_clock_another_way_and_warns_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk import wallclock

    def overflowing() -> float:
        raise OverflowError("timestamp too large to convert to C _PyTime_t")

    monkeypatch.setattr(wallclock, "_originals", {})
    monkeypatch.setattr(wallclock, "_warned", set())
    monkeypatch.setattr(time, "time", overflowing)
    sane = time.monotonic()
    try:
        wallclock.guard()
        readings = [time.time() for _ in range(3)]
        assert time.monotonic() >= sane  # a sane clock: the original's reading
    finally:
        wallclock.restore()
    real = time.clock_gettime(time.CLOCK_REALTIME)
    assert all(abs(reading - real) < 60 for reading in readings)
    [warning] = [r.getMessage() for r in caplog.records if r.name == "kiosk.wallclock"]
    assert "time.time() read another way" in warning
