"""`kiosk stats`: the per-day summary and the CSV of a scripted booth day, filters, exit codes."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from stats_cli import run

from kiosk.commands import stats
from kiosk.stats.report import CSV_COLUMNS, export_csv

DAY1_BLOCK = """\
2025-06-12
  show starts        1
  loops              1
  visits             3, median 45 s
  slides viewed      5 by visitors
  most viewed        4. 65\u202f% (2 visits)
                     3. Nos interconnexions sont partout (1 visit)
                     8. Rejoignez-nous\u202f! (1 visit)
  languages          fr 3, en 1 (visits)
  menu               1 opened, 1 jump
  language switches  1
  « Aa » choices     0
  QR codes shown     1, 18 s in all"""


def test_per_day_summary_of_the_scripted_days(scripted_db: Path, capsys) -> None:
    code, out, err = run(capsys, "--db", str(scripted_db))
    assert (code, err) == (0, "")
    day1, day2, total = out.rstrip("\n").split("\n\n")
    assert day1 == DAY1_BLOCK
    assert day2.splitlines()[:4] == [
        "2025-06-13",
        "  show starts        1",
        "  loops              2",
        "  visits             1, median 20 s",
    ]
    assert total.splitlines()[0] == "all days"
    assert "  visits             4, median 38 s" in total  # median of 88, 30, 45, 20 = 37.5
    assert "  languages          fr 4, en 1 (visits)" in total
    assert "  slides viewed      6 by visitors" in total  # swiped past and loop not counted
    # one visit viewing a slide twice (two languages) counts once; ties in slide order
    assert total.splitlines()[5:8] == [
        "  most viewed        4. 65\u202f% (2 visits)",
        "                     2. Un monde fait d’interconnexions (1 visit)",
        "                     3. Nos interconnexions sont partout (1 visit)",
    ]


def test_since_and_until_keep_whole_days(scripted_db: Path, capsys) -> None:
    code, out, _ = run(capsys, "--db", str(scripted_db), "--until", "2025-06-12")
    assert (code, out) == (0, DAY1_BLOCK + "\n")
    code, out, _ = run(capsys, "--db", str(scripted_db), "--since", "2025-06-13")
    assert code == 0 and out.startswith("2025-06-13\n") and "all days" not in out
    code, out, _ = run(capsys, "--db", str(scripted_db), "--since", "2025-06-14")
    assert (code, out) == (0, "no events from 2025-06-14 to the end\n")


def test_csv_has_a_header_and_one_row_per_event(scripted_db: Path, capsys) -> None:
    code, out, _ = run(capsys, "--db", str(scripted_db), "--csv", "-")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 26
    kinds = [r["kind"] for r in rows]
    assert kinds.count("visit_start") == 4 and kinds.count("slide_view") == 9
    visit_lengths = sorted(float(r["seconds"]) for r in rows if r["kind"] == "visit_end")
    assert visit_lengths == [20.0, 30.0, 45.0, 88.0]
    [switch] = [r for r in rows if r["kind"] == "language_switch"]
    assert (switch["from_language"], switch["language"], switch["visit"]) == ("fr", "en", "1")
    assert rows[1]["kind"] == "slide_view" and rows[1]["visit"] == ""  # attract loop
    assert rows[1]["time"].startswith("2025-06-12T10:00:00.000")


def test_csv_to_a_file_is_filtered_too_and_opens_in_spreadsheets(
    scripted_db: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "export.csv"
    code, out, _ = run(
        capsys,
        "--db",
        str(scripted_db),
        "--csv",
        str(target),
        "--since",
        "2025-06-13",
        "--until",
        "2025-06-13",
    )
    assert (code, out) == (0, f"6 events written to {target}\n")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,ts,")  # BOM: accents right in a spreadsheet
    assert len(raw.decode("utf-8-sig").splitlines()) == 7


@pytest.mark.parametrize(
    "argv",
    [
        ["--since", "2025-02-30"],
        ["--until", "12/06/2025"],
        ["--since", "2025-06-13", "--until", "2025-06-12"],
        ["--csv", "/no/such/folder/out.csv"],
        ["--bogus"],
    ],
)
def test_usage_errors_exit_2(scripted_db: Path, capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, "--db", str(scripted_db), *argv)
    assert code == 2 and out == "" and err


def test_a_missing_database_given_with_db_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "nope.sqlite3"))
    assert code == 2 and "no such file" in err
    assert not (tmp_path / "nope.sqlite3").exists()  # never created by reading


def test_no_database_yet_at_the_default_place_is_an_empty_report(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(stats, "default_path", lambda: tmp_path / "stats.sqlite3")
    code, out, err = run(capsys)
    assert (code, out) == (0, "no events\n")
    assert "no statistics recorded yet" in err


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b""])
def test_an_unreadable_database_exits_1(tmp_path: Path, capsys, content: bytes) -> None:
    path = tmp_path / "stats.sqlite3"
    path.write_bytes(content)
    if not content:  # an empty file is a valid empty database: make it too new instead
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.close()
    code, out, err = run(capsys, "--db", str(path))
    assert code == 1 and out == ""
    assert "cannot read the statistics" in err


def test_export_csv_for_the_staff_panel_writes_every_event(
    scripted_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "usb" / "kiosk-stats.csv"
    target.parent.mkdir()
    assert export_csv(scripted_db, target) == 26
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 26 and rows[0]["kind"] == "show_start"
