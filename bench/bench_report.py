"""Benchmark: the report to hand on (`kiosk stats --report`) over three booths' big databases.

Writes 3 booths × 3 days × 100,000 events (visits of one to eight slide views, in French or
English, menu and language switches, loops), then times reading them into the report's
figures, writing the PDF and writing the HTML page, and prints the peak memory (RSS) of the
process. Targets: both reports in under 5 s, under 300 MB.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_report.py [EVENTS_PER_BOOTH_AND_DAY]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kiosk.stats.model import Event, EventKind
from kiosk.stats.store import Store

BOOTHS = ("Hall A, stand 12", "Hall B, stand 3", "Mairie annexe")
DAYS = 3
FIRST = dt.date(2025, 6, 12)


def booth_events(booth: str, per_day: int, seed: int) -> list[Event]:
    """A booth's days, 9:00 to 19:00, ``per_day`` events each."""
    rnd = random.Random(seed)
    events: list[Event] = []
    for day in range(DAYS):
        kinds: list[tuple[EventKind, dict[str, Any]]] = [(EventKind.SHOW_START, {"booth": booth})]
        visit = 0
        while len(kinds) < per_day - 12:
            visit += 1
            kinds.append((EventKind.VISIT_START, {"visit": visit}))
            lang = "fr" if rnd.random() < 0.7 else "en"
            for _ in range(rnd.randint(1, 8)):
                slide = rnd.randint(0, 29)
                view = {
                    "visit": visit,
                    "slide": slide,
                    "title": f"Diapositive {slide}" if lang == "fr" else f"Slide {slide}",
                    "language": lang,
                    "seconds": rnd.uniform(0.3, 40),
                }
                kinds.append((EventKind.SLIDE_VIEW, view))
            if rnd.random() < 0.2:
                kinds.append((EventKind.MENU_OPEN, {"visit": visit}))
            if rnd.random() < 0.1:
                switch = {"visit": visit, "language": "en", "from_language": "fr"}
                kinds.append((EventKind.LANGUAGE_SWITCH, switch))
            kinds.append((EventKind.VISIT_END, {"visit": visit, "seconds": rnd.uniform(10, 200)}))
            if rnd.random() < 0.3:
                kinds.append((EventKind.LOOP_COMPLETED, {}))
        start = dt.datetime.combine(FIRST + dt.timedelta(days=day), dt.time(9)).timestamp()
        step = 10 * 3600 / per_day
        events += [
            Event(start + n * step, f"{seed}-{day}", kind, n * step, seq=n + 1, **fields)
            for n, (kind, fields) in enumerate(kinds)
        ]
    return events


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def report(folder: Path) -> None:
    """The report of the databases in ``folder``, timed, in this process (a child of
    :func:`main`, so that its peak memory is the report's alone)."""
    from kiosk.app import prepare_application
    from kiosk.stats.handout import read_figures
    from kiosk.stats.handout_doc import build_document
    from kiosk.stats.handout_html import write_html
    from kiosk.stats.handout_pdf import write_pdf

    prepare_application()
    paths = sorted(folder.glob("*.sqlite3"))
    pdf, html = folder / "report.pdf", folder / "report.html"
    t0 = time.perf_counter()
    figures, problems = read_figures(paths)
    t1 = time.perf_counter()
    document = build_document(figures, "fr")
    write_pdf(document, pdf)
    t2 = time.perf_counter()
    write_html(document, html)
    t3 = time.perf_counter()
    assert not problems, problems
    total = figures.total
    print(f"  figures read: {t1 - t0:.2f} s ({total.events:,} events, {total.visits:,} visits)")
    print(f"  PDF written: {t2 - t1:.2f} s ({pdf.stat().st_size:,} bytes)")
    print(f"  HTML written: {t3 - t2:.3f} s ({html.stat().st_size:,} bytes)")
    print(
        f"report, both files: {t3 - t0:.2f} s (target < 5 s);"
        f" peak RSS {peak_mb():.0f} MB (target < 300 MB)"
    )


def main(per_day: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        for number, booth in enumerate(BOOTHS):
            with Store.open(Path(folder) / f"booth{number}.sqlite3") as store:
                store.add(booth_events(booth, per_day, number))
        print(f"{len(BOOTHS)} booths × {DAYS} days × {per_day:,} events")
        subprocess.run([sys.executable, __file__, "--report", folder], check=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--report"]:
        report(Path(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
