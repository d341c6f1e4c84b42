"""`kiosk stats` on the field's mistakes: --csv onto the database, a FIFO or someone else's
file; dates out of range; text in a hand-edited database; a database it may not write."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.stats.recorder import Recorder
from kiosk.stats.report import export_csv
from tests.stats.test_command import run

KIOSK = [sys.executable, "-m", "kiosk"]


def kiosk_stats(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KIOSK, "stats", *argv], capture_output=True, text=True, timeout=timeout)


def test_csv_onto_the_database_is_refused_and_the_database_kept(scripted_db: Path, capsys) -> None:
    before = scripted_db.read_bytes()
    code, _, err = run(capsys, "--db", str(scripted_db), "--csv", str(scripted_db))
    assert code == 2
    assert "is the statistics database: not overwritten" in err
    assert scripted_db.read_bytes() == before
    # through another name of the same file, too
    link = scripted_db.with_name("link.csv")
    link.symlink_to(scripted_db)
    code, _out, err = run(capsys, "--db", str(scripted_db), "--csv", str(link))
    assert code == 2 and scripted_db.read_bytes() == before


def test_csv_onto_another_sqlite_file_or_any_other_file_is_refused(
    scripted_db: Path, tmp_path: Path, capsys
) -> None:
    other_db = tmp_path / "other.sqlite3"
    shutil.copy(scripted_db, other_db)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    for target, message in (
        (other_db, "is a database, not a statistics CSV: not overwritten"),
        (notes, "exists and is not a statistics CSV: not overwritten"),
    ):
        before = target.read_bytes()
        code, _, err = run(capsys, "--db", str(scripted_db), "--csv", str(target))
        assert (code, err.strip()) == (2, f"kiosk stats: {target}: {message}")
        assert target.read_bytes() == before


def test_csv_replaces_an_earlier_export_of_ours_through_a_temporary_file(
    scripted_db: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "export.csv"
    assert (
        run(capsys, "--db", str(scripted_db), "--csv", str(target), "--until", "2025-06-12")[0] == 0
    )
    first = target.stat().st_ino
    code, out, _ = run(capsys, "--db", str(scripted_db), "--csv", str(target))
    assert (code, out) == (0, f"26 events written to {target}\n")
    assert target.stat().st_ino != first  # a new file renamed over it, not rewritten in place
    with target.open(newline="", encoding="utf-8-sig") as file:
        assert len(list(csv.reader(file))) == 27
    # no temporary file left behind
    assert [p.name for p in tmp_path.iterdir() if "export" in p.name] == ["export.csv"]


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "folder"])
def test_csv_onto_a_fifo_device_or_folder_exits_2_at_once(
    scripted_db: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "out.csv"
    if kind == "fifo":
        os.mkfifo(target)  # nobody reads it: opening it to write would block for ever
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to("/dev/zero")
    started = time.monotonic()
    done = kiosk_stats("--db", str(scripted_db), "--csv", str(target), timeout=30)
    assert done.returncode == 2, done.stderr
    assert time.monotonic() - started < 20
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"kiosk stats: {target}: is ")


@pytest.mark.parametrize("flag", ["--since", "--until"])
@pytest.mark.parametrize("text", ["0000-01-01", "99999-01-01", "2026-13-40", "yesterday", ""])
def test_a_day_that_is_no_date_is_a_usage_error(scripted_db: Path, capsys, flag, text) -> None:
    code, _out, err = run(capsys, "--db", str(scripted_db), flag, text)
    assert code == 2
    assert f"argument {flag}: not a date in the form YYYY-MM-DD" in err


@pytest.mark.parametrize(
    "argv",
    [
        ("--since", "0001-01-01"),
        ("--until", "9999-12-31"),
        ("--since", "0001-01-01", "--until", "9999-12-31"),
    ],
)
def test_the_first_and_last_days_a_date_can_hold_are_open_bounds(
    scripted_db: Path, capsys, argv
) -> None:
    code, out, err = run(capsys, "--db", str(scripted_db), *argv)
    assert (code, err) == (0, "")
    assert "  visits             4, median 38 s" in out  # every event: the whole range


@pytest.mark.parametrize(
    ("column", "value", "wanted"),
    [
        ("ts", "'yesterday'", "a number"),
        ("seconds", "'twelve'", "a number"),
        ("slide", "'three'", "a whole number"),
        ("visit", "1.5", "a whole number"),
        ("ts", "9e999", "a number"),  # infinity
    ],
)
def test_text_in_a_numeric_column_is_a_message_not_a_traceback(
    scripted_db: Path, capsys, column: str, value: str, wanted: str
) -> None:
    db = sqlite3.connect(scripted_db)
    db.execute(f"UPDATE events SET {column} = {value} WHERE id = 5")
    db.commit()
    db.close()
    for argv in ((), ("--csv", "-")):
        code, _, err = run(capsys, "--db", str(scripted_db), *argv)
        assert code == 1
        assert f"kiosk stats: {scripted_db}: event 5: {column} holds " in err
        assert err.rstrip().endswith(f"not {wanted}")


def test_absurd_timestamps_are_summarised_not_fatal(scripted_db: Path, capsys) -> None:
    db = sqlite3.connect(scripted_db)
    db.execute("UPDATE events SET ts = 1e18 WHERE id > 20")  # beyond the year 9999
    db.commit()
    db.close()
    code, out, err = run(capsys, "--db", str(scripted_db))
    assert (code, err) == (0, "")
    assert "  visits             4, median 38 s" in out.split("all days")[1]
    code, out, _ = run(capsys, "--db", str(scripted_db), "--csv", "-")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and len(rows) == 27
    assert [row[2] for row in rows[-6:]] == [""] * 6  # no local time for such a clock


def test_a_read_only_database_in_a_read_only_folder_is_read(scripted_db: Path) -> None:
    folder = scripted_db.parent / "stick"
    folder.mkdir()
    db = folder / "stats.sqlite3"
    shutil.copy(scripted_db, db)
    db.chmod(0o444)
    folder.chmod(0o555)
    # As root, permissions do not bind: drop the capabilities that bypass them.
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    try:
        done = subprocess.run(
            [*drop, *KIOSK, "stats", "--db", str(db)], capture_output=True, text=True, timeout=60
        )
        probe = subprocess.run(
            [*drop, sys.executable, "-c", f"open({str(folder / 'x')!r}, 'w')"],
            capture_output=True,
            timeout=60,
        )
    finally:
        folder.chmod(0o755)
    assert probe.returncode != 0  # the folder really was not writable for the command
    assert (done.returncode, done.stderr) == (0, "")
    assert "  visits             4, median 38 s" in done.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["stats.sqlite3"]  # nothing written


def test_the_staff_export_reads_a_live_database_and_one_not_made_yet(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    target = tmp_path / "stick" / "kiosk-stats.csv"
    target.parent.mkdir()
    assert export_csv(path, target) == 0  # nothing recorded yet: a header alone
    assert not path.exists()  # and no database made by an export
    with Recorder(path) as rec:  # the show goes on recording meanwhile
        rec.slide_viewed(0, "a", "fr", 2.0)
        assert rec.flush(5)
        assert export_csv(path, target) == 1
        rec.slide_viewed(1, "b", "fr", 2.0)
        assert rec.flush(5)
    with target.open(newline="", encoding="utf-8-sig") as file:
        assert [row["slide"] for row in csv.DictReader(file)] == ["0"]
