"""`kiosk stats` over several booths' databases: per booth, all together, each counted once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from stats_cli import run

from kiosk.stats.model import Event, EventKind
from kiosk.stats.store import Store

DAY = dt.datetime(2025, 6, 12, 10, 0).timestamp()


def booth_db(path: Path, booth: str | None, visits: int, session: str, day: int = 0) -> Path:
    """A database where one show started at ``booth`` and ``visits`` visits of 30 s ended."""
    ts = DAY + day * 86400
    events = [Event(ts, session, EventKind.SHOW_START, 0.0, seq=1, booth=booth)]
    for n in range(1, visits + 1):
        events.append(Event(ts + n * 60, session, EventKind.VISIT_START, n * 60.0, visit=n))
        events.append(
            Event(
                ts + n * 60 + 30, session, EventKind.VISIT_END, n * 60 + 30.0, visit=n, seconds=30
            )
        )
    events = [replace(e, seq=k + 1) for k, e in enumerate(events)]
    with Store.open(path) as store:
        store.add(events)
    return path


def visits_lines(out: str) -> list[str]:
    return [
        line.split()[1].rstrip(",")
        for line in out.splitlines()
        if line.strip().startswith("visits")
    ]


def test_a_summary_per_booth_and_for_all_together(tmp_path: Path, capsys) -> None:
    a = booth_db(tmp_path / "a.sqlite3", "Hall A", 2, "s-a")
    b = booth_db(tmp_path / "b.sqlite3", "Hall B", 3, "s-b")
    code, out, err = run(capsys, "--db", str(a), "--db", str(b))
    assert (code, err) == (0, "")
    assert f"=== Hall A ({a}) ===" in out and f"=== Hall B ({b}) ===" in out
    assert "=== all 2 booths ===" in out
    assert visits_lines(out) == ["2", "3", "5"]  # A, B, then both
    # A folder of databases is the same as naming each.
    code, folder_out, _ = run(capsys, "--db", str(tmp_path))
    assert (code, folder_out) == (0, out)


def test_the_csv_names_each_rows_booth_and_the_days_apply_to_all(tmp_path: Path, capsys) -> None:
    a = booth_db(tmp_path / "a.sqlite3", "Hall A", 1, "s-a", day=0)
    b = booth_db(tmp_path / "b.sqlite3", "Hall B", 2, "s-b", day=1)
    code, out, _ = run(capsys, "--db", str(a), "--db", str(b), "--csv", "-")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["booth"] for r in rows] == ["Hall A"] * 3 + ["Hall B"] * 5
    code, out, _ = run(capsys, "--db", str(a), "--db", str(b), "--since", "2025-06-13")
    assert code == 0 and "Hall A" in out and visits_lines(out)[-1] == "2"


def test_the_same_database_twice_or_a_copy_is_counted_once(tmp_path: Path, capsys) -> None:
    a = booth_db(tmp_path / "a.sqlite3", "Hall A", 2, "s-a")
    copy = tmp_path / "stick" / "a-copy.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(a, copy)
    b = booth_db(tmp_path / "b.sqlite3", "Hall B", 3, "s-b")
    code, out, err = run(capsys, "--db", str(a), "--db", str(a), "--db", str(b))
    assert (code, err) == (0, "") and visits_lines(out)[-1] == "5"
    code, out, err = run(capsys, "--db", str(a), "--db", str(copy), "--db", str(b))
    assert code == 0
    assert f"{copy}: 1 show session(s) already read from {a} (a copy?): counted once" in err
    assert visits_lines(out)[-1] == "5"  # not 7


def test_older_newer_and_empty_databases(tmp_path: Path, capsys) -> None:
    # A v3 database (before booth names): read as it is, named by its file.
    old = tmp_path / "old-stand.sqlite3"
    db = sqlite3.connect(old)
    db.executescript(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, ts REAL NOT NULL, session TEXT NOT NULL,"
        " session_offset REAL, kind TEXT NOT NULL, slide INTEGER, title TEXT, language TEXT,"
        " from_language TEXT, seconds REAL, visit INTEGER, seq INTEGER);"
        f"INSERT INTO events (ts, session, kind, seq) VALUES ({DAY}, 's-old', 'show_start', 1);"
        f"INSERT INTO events (ts, session, kind, visit, seq) VALUES ({DAY + 9}, 's-old', 'visit_start', 1, 2);"
        "PRAGMA user_version = 3;"
    )
    db.close()
    new = booth_db(tmp_path / "new.sqlite3", "Hall B", 2, "s-b")
    future = tmp_path / "future.sqlite3"
    sqlite3.connect(future).execute("PRAGMA user_version = 99").connection.close()
    empty = tmp_path / "empty.sqlite3"
    Store.open(empty).close()
    code, out, err = run(
        capsys, "--db", str(old), "--db", str(new), "--db", str(future), "--db", str(empty)
    )
    assert code == 1  # one database could not be counted: said, and the exit says so
    assert f"{future}: written by a newer kiosk" in err and "Traceback" not in err
    assert f"=== old-stand ({old}) ===" in out and "=== Hall B" in out
    assert "=== all 3 booths ===" in out  # old, new and the empty one
    assert visits_lines(out)[-1] == "3"


def test_a_missing_database_among_several_is_said(tmp_path: Path, capsys) -> None:
    a = booth_db(tmp_path / "a.sqlite3", "Hall A", 1, "s-a")
    code, out, err = run(capsys, "--db", str(a), "--db", str(tmp_path / "nope.sqlite3"))
    assert code == 1  # the rest summarized; the exit says not everything was read
    assert f"{tmp_path / 'nope.sqlite3'}: no such file" in err
    assert visits_lines(out) == ["1"]
