"""Benchmark: what recording a statistics event costs the UI thread, and how fast it lands.

Prints, for 20,000 slide views: the time per call in the calling thread (median and worst,
in microseconds), the same while another connection holds the database's write lock (the
calls must not notice), the time until everything is committed, and the summary's time over
100,000 stored events. A real show records a few events a second.

Run: python bench/bench_stats.py [EVENTS]
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kiosk.stats.recorder import Recorder
from kiosk.stats.report import summarize
from kiosk.stats.store import Store


def timed_calls(rec: Recorder, count: int, start: int = 0) -> list[float]:
    costs = []
    for i in range(start, start + count):
        t0 = time.perf_counter()
        rec.slide_viewed(i % 50, f"Diapositive {i % 50}", "fr", 8.0)
        costs.append(time.perf_counter() - t0)
    return costs


def report(label: str, costs: list[float]) -> None:
    us = sorted(c * 1e6 for c in costs)
    print(
        f"{label}: median {statistics.median(us):.1f} µs, "
        f"99th {us[int(len(us) * 0.99)]:.1f} µs, worst {us[-1]:.0f} µs per call"
    )


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stats.sqlite3"
        rec = Recorder(path, busy_timeout=0.05, retry_interval=0.05)
        rec.show_started()
        rec.visit_started()
        assert rec.flush()

        costs = timed_calls(rec, count)
        t0 = time.perf_counter()
        rec.flush(60)
        report(f"{count} calls, database free", costs)
        print(f"  committed {time.perf_counter() - t0:.3f} s after the last call")

        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        costs = timed_calls(rec, count, count)
        report(f"{count} calls, database locked", costs)
        other.execute("ROLLBACK")
        other.close()
        t0 = time.perf_counter()
        rec.flush(60)
        print(f"  committed {time.perf_counter() - t0:.3f} s after the lock went")
        rec.close()

        with Store.open(path) as store:
            store.add(list(store.events()) * max(1, 100_000 // (2 * count) - 1))
            t0 = time.perf_counter()
            _, total = summarize(store.events())
            print(f"summary of {total.events} events: {time.perf_counter() - t0:.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
