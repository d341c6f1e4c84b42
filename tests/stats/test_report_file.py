"""`kiosk stats --report FILE`: the PDF and HTML reports, read back, and the files they refuse."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from stats_cli import run

from kiosk.stats.handout import read_figures
from kiosk.stats.model import Event, EventKind
from kiosk.stats.report import summarize
from kiosk.stats.store import Store
from tests.stats.conftest import DAY1, record_script

B_START = DAY1.isoformat()


def hall_b(path: Path) -> Path:
    """Hall B, on the script's first day: one show start, three visits of 30 s from 10:01,
    each viewing slide 3 for 5 s in English."""
    import datetime as dt

    ts = dt.datetime.combine(DAY1, dt.time(10)).timestamp()
    events = [Event(ts, "s-b", EventKind.SHOW_START, 0.0, booth="Hall B")]
    for n in (1, 2, 3):
        start = ts + n * 60
        events += [
            Event(start, "s-b", EventKind.VISIT_START, n * 60.0, visit=n),
            Event(
                start + 5,
                "s-b",
                EventKind.SLIDE_VIEW,
                visit=n,
                slide=3,
                title="65%",
                language="en",
                seconds=5.0,
            ),
            Event(start + 30, "s-b", EventKind.VISIT_END, visit=n, seconds=30.0),
        ]
    with Store.open(path) as store:
        store.add([replace(e, seq=k + 1) for k, e in enumerate(events)])
    return path


@pytest.fixture
def two_booths(tmp_path: Path) -> tuple[Path, Path]:
    """Hall A: the scripted two days (visits of 88, 30 and 45 s on the first, 20 s on the
    second); Hall B: three visits of 30 s on the first day."""
    a = tmp_path / "a.sqlite3"
    record_script(a, booth="Hall A")
    return a, hall_b(tmp_path / "b.sqlite3")


def plain(text: str) -> str:
    """No-break spaces (French typography) as spaces, runs of spaces as one."""
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


class Figures(HTMLParser):
    """The report page's table cells by (section's booth, row's day, row's booth, key), its
    charts' labels, and every attribute that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str, str, str], str] = {}
        self.figures: dict[str, dict[str, str]] = {}  # the key figures, by section
        self.charts: list[str] = []
        self.loads: list[str] = []
        self.tags: set[str] = set()
        self._section = ""
        self._row: tuple[str, str] | None = None
        self._key: str | None = None
        self._figure: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        self.loads += [f"{k}={v}" for k, v in a.items() if k in ("src", "href", "xlink:href")]
        if tag == "section":
            self._section = a["data-booth"]
        elif tag == "tr" and "data-day" in a:
            self._row = (a["data-day"], a["data-booth"])
        elif tag == "td" and self._row is not None and "data-key" in a:
            self._key = a["data-key"]
            self.cells[(self._section, *self._row, self._key)] = ""
        elif tag == "dd" and a.get("data-key"):
            self._figure = a["data-key"]
            self.figures.setdefault(self._section, {})[self._figure] = ""
        elif tag == "svg" and "aria-label" in a and "data-series" in a:
            self.charts.append(f"{self._section}|{a['aria-label']}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._key = None
        elif tag == "dd":
            self._figure = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._figure is not None:
            mine = self.figures[self._section]
            mine[self._figure] = plain(mine[self._figure] + data)
        if self._key is not None and self._row is not None:
            key = (self._section, *self._row, self._key)
            self.cells[key] = plain(self.cells[key] + data)


def test_the_html_report_gives_each_booth_each_day_and_all_together(
    two_booths: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = two_booths
    target = tmp_path / "report.html"
    code, out, err = run(capsys, "--db", str(a), "--db", str(b), "--report", str(target))
    assert (code, err) == (0, "")
    assert out == f"report written to {target}: 2 booths, 2 days, 7 visits\n"
    page = Figures()
    page.feed(target.read_text(encoding="utf-8"))
    cells = page.cells
    day1, day2 = DAY1.isoformat(), "2025-06-13"
    # All booths: each booth's day, the day's total, the whole total.
    assert cells[("", day1, "Hall A", "visits")] == "3"
    assert cells[("", day1, "Hall A", "median_visit")] == "45 s"
    assert cells[("", day1, "Hall B", "visits")] == "3"
    assert cells[("", day1, "Hall B", "median_visit")] == "30 s"
    assert cells[("", day1, "", "visits")] == "6"  # the day, both booths
    assert cells[("", day1, "", "slide_views")] == "8"  # 5 in Hall A, 3 in Hall B
    assert cells[("", day2, "Hall A", "visits")] == "1"
    assert (day2, "Hall B") not in {(k[1], k[2]) for k in cells}  # Hall B was shut that day
    assert cells[("", "", "", "visits")] == "7"
    assert cells[("", "", "", "median_visit")] == "30 s"  # of 88, 30, 45, 20, 30, 30, 30
    assert cells[("", "", "", "show_starts")] == "3"
    assert cells[("", "", "", "loops")] == "3"
    # Menu, language switch and QR code: Hall A's first day only.
    assert cells[("", day1, "", "menu_opens")] == "1"
    assert cells[("", day1, "", "language_switches")] == "1"
    assert cells[("", day1, "", "qr_shown")] == "1"
    assert cells[("", day1, "", "qr_seconds")] == "18 s"
    assert page.figures["Hall A"]["visits"] == "4"  # each booth's own key figures
    assert page.figures["Hall A"]["median_visit"] == "38 s"  # 37.5 s
    assert page.figures["Hall B"]["slide_views"] == "3"
    assert page.figures[""]["visits"] == "7"
    assert cells[("Hall A", "", "Hall A", "menu_jumps")] == "1"  # and its use, day by day
    assert cells[("Hall B", day1, "Hall B", "menu_opens")] == "0"
    # Visits by hour: one chart a day, in the section of all booths and in each booth's.
    assert "|jeudi 12 juin: 6" in page.charts and "Hall B|jeudi 12 juin: 3" in page.charts
    text = plain(target.read_text(encoding="utf-8"))
    # Slides ranked by visits, titled as on screen (in French: Hall A's), reading time.
    assert re.search(r"4\. 65 %</td>.*?<span>5</span>.*?<span>33 s</span>", text)
    assert "8. Rejoignez-nous !" in text and "3. Nos interconnexions sont partout" in text
    assert "Français</td>" in text and "50 % (4 visites)" in text  # 4 of 8 visits
    assert "Anglais</td>" in text and "50 % (4 visites)" in text
    # Self-contained: nothing to load, no script.
    assert page.loads == [] and "script" not in page.tags and "url(" not in text


def test_the_pdf_report_reads_back_with_the_same_figures(
    two_booths: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    a, b = two_booths
    target = tmp_path / "report.pdf"
    code, _, err = run(capsys, "--db", str(a), "--db", str(b), "--report", str(target))
    assert (code, err) == (0, "")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info)
    text = plain(
        subprocess.run(
            [pdftotext, "-layout", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert "Rapport de fréquentation" in text
    assert "2 stands · du 12 juin au 13 juin 2025" in text
    # Day, booth, visits, median, slides viewed, show starts, loops.
    assert re.search(r"jeu\. 12 juin Hall A 3 45 s 5 1 1\n", text)
    assert re.search(r"jeu\. 12 juin Hall B 3 30 s 3 1 0\n", text)
    assert re.search(r"jeu\. 12 juin Total du jour 6 30 s 8 2 1\n", text)
    assert re.search(r"ven\. 13 juin Hall A 1 20 s 1 1 2\n", text)
    assert re.search(r"Total 7 30 s 9 3 3\n", text)
    assert re.search(r"4\. 65 % 5 33 s", text)
    assert "Hall A" in text and "Hall B" in text and "page 3 sur 3" in text


def test_the_report_in_english_and_for_one_booth_on_one_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = hall_b(tmp_path / "b.sqlite3")
    target = tmp_path / "b.html"
    code, _, _ = run(capsys, "--db", str(b), "--report", str(target), "--lang", "en")
    assert code == 0
    text = plain(target.read_text(encoding="utf-8"))
    assert '<html lang="en">' in text and "Visitor report" in text
    assert "Hall B · Thursday 12 June 2025" in text
    assert "Slides: visits and reading time" in text and "4. 65%" in text
    assert "English</td>" in text and "100% (3 visits)" in text
    assert "All booths" not in text  # one booth: its own section only


def test_the_default_language_is_the_settings_else_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b = hall_b(tmp_path / "b.sqlite3")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    target = tmp_path / "b.html"
    assert run(capsys, "--db", str(b), "--report", str(target))[0] == 0
    assert '<html lang="fr">' in target.read_text(encoding="utf-8")
    (tmp_path / "config" / "kiosk").mkdir(parents=True)
    (tmp_path / "config" / "kiosk" / "kiosk.toml").write_text('language = "en"\n')
    assert run(capsys, "--db", str(b), "--report", str(target))[0] == 0
    assert '<html lang="en">' in target.read_text(encoding="utf-8")


def test_the_figures_are_the_summarys(scripted_db: Path) -> None:
    figures, problems = read_figures([scripted_db])
    days, total = summarize(Store.open(scripted_db, read_only=True).events(), top=100)
    assert problems == []
    (booth,) = figures.booths
    for (day, mine), theirs in zip(booth.days, days, strict=True):
        assert day == theirs.day
        for name in ("events", "show_starts", "loops", "visits", "median_visit"):
            assert getattr(mine, name) == getattr(theirs, name), name
        assert (mine.slide_views, mine.languages) == (theirs.slide_views, theirs.languages)
        assert [(s.index, s.visits) for s in mine.slides] == [
            (s.index, s.visits) for s in theirs.top_slides
        ]
    assert booth.total.visits == total.visits and booth.total.median_visit == total.median_visit
    assert booth.total.hours[10] == 3 and booth.total.hours[9] == 1  # the visits' starts


def test_a_target_that_is_not_a_report_is_never_written(
    two_booths: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = two_booths
    notes = tmp_path / "notes.html"
    notes.write_text("<p>the booth's planning</p>")
    code, _, err = run(capsys, "--db", str(a), "--report", str(notes))
    assert code == 2 and "exists and is not a report of kiosk stats: not overwritten" in err
    assert notes.read_text() == "<p>the booth's planning</p>"
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    assert "is a folder" in run(capsys, "--db", str(a), "--report", str(folder))[2]
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "--db", str(a), "--report", str(fifo))  # must not block
    assert code == 2 and "is not a regular file" in err
    database = tmp_path / "copy.pdf"
    shutil.copyfile(a, database)
    code, _, err = run(capsys, "--db", str(a), "--report", str(database))
    assert code == 2 and "is a database, not a report of kiosk stats" in err
    code, _, err = run(capsys, "--db", str(a), "--report", str(tmp_path / "report.txt"))
    assert code == 2 and "must end in .pdf or .html" in err
    code, _, err = run(capsys, "--db", str(a), "--report", str(tmp_path / "no" / "r.pdf"))
    assert code == 2 and "no such folder" in err
    code, _, err = run(capsys, "--db", str(a), "--report", str(tmp_path / "r.pdf"), "--csv", "-")
    assert code == 2  # one output at a time
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.sqlite3", "b.sqlite3", "notes.html", "out.pdf", "pipe.pdf", "copy.pdf"]
    )  # nothing written, no temporary file left


def test_a_report_of_ours_is_replaced_and_a_bad_database_said(
    two_booths: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = two_booths
    for name in ("r.pdf", "r.html"):
        target = tmp_path / name
        assert run(capsys, "--db", str(a), "--report", str(target))[0] == 0
        first = target.stat().st_ino
        assert run(capsys, "--db", str(a), "--report", str(target))[0] == 0
        assert target.stat().st_ino != first  # replaced whole, through a temporary file
    future = tmp_path / "future.sqlite3"
    Store.open(future).close()
    import sqlite3

    sqlite3.connect(future).execute("PRAGMA user_version = 99").connection.close()
    target = tmp_path / "r.html"
    code, out, err = run(capsys, "--db", str(a), "--db", str(future), "--report", str(target))
    assert code == 1 and f"{future}: written by a newer kiosk" in err and "Traceback" not in err
    assert "1 booth, 2 days, 4 visits" in out  # the rest is reported
    code, _, err = run(capsys, "--db", str(tmp_path / "none.sqlite3"), "--report", str(target))
    assert code == 2 and "no such file" in err
