"""Benchmark: hot reloads into a 16,000-slide deck and back while the show runs; stalls, memory.

The real show (Display + Booth + DeckWatcher, software renderer) on a copy of the bundled
deck. Each cycle saves a generated 16,000-slide deck (about 3 MB, bench_parse's generator)
over the deck's slides.md, waits until the show has it, then saves the bundled deck back
and waits again. The watcher notices the saves as it does at a booth. Reported per cycle:
the longest gap between two turns of the UI thread's loop (a 10 ms timer) and between two
frames on screen (frameSwapped; the timer asks for a frame at each turn), from the save until the
swap has settled; then PSS and anonymous memory (/proc/self/smaps_rollup).

Targets (issue 9, point 4): the longest gap during any reload under 100 ms; memory after
the last cycle within 50 MB of the first.

Run: python bench/bench_reload.py [CYCLES] [SLIDES]   (QT_QPA_PLATFORM=xcb under Xvfb too)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
sys.path.insert(0, str(Path(__file__).parent))

from bench_parse import generate
from bench_soak import anonymous_mb, pss_mb
from PySide6.QtCore import Qt, QTimer

from kiosk import BUNDLED_DECK
from kiosk.app import Display, DisplayOptions, StaffSetup, prepare_application
from kiosk.booth import Booth, BoothServices, ShowControls
from kiosk.deck import load_deck_set
from kiosk.qt.staff import StaffController
from kiosk.watch import DeckWatcher

SETTLE_S = 3.0  # after the swap: the old deck's clean-up (and the heap given back) is part of it
TIMEOUT_S = 120  # one direction of one cycle, at most


def save(path: Path, text: str) -> None:
    """As an editor saves: a file beside, renamed over the deck's."""
    partial = path.with_name(f".{path.name}.bench")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def main() -> int:
    cycles = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 16_000
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-reload-"))
    try:
        return run(folder / "deck", cycles, count)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(deck: Path, cycles: int, count: int) -> int:
    shutil.copytree(Path(BUNDLED_DECK), deck)
    for translation in deck.glob("slides.*.md"):  # one language: 16,000 slides need no twin
        translation.unlink()
    small_text = (deck / "slides.md").read_text(encoding="utf-8")
    big_text = generate(count)
    small_count = len(load_deck_set(deck).default.slides)

    app = prepare_application()
    options = DisplayOptions(size=(1280, 720), windowed=True, reduced_motion=False)
    staff = StaffController("", windowed=True)
    display = Display(load_deck_set(deck), options, StaffSetup(staff))
    watcher = DeckWatcher(deck, parent=display)
    booth = Booth(ShowControls.of(display), staff, parent=display)
    display.window.resize(1280, 720)
    display.show()
    booth.start(watcher.last_good or load_deck_set(deck), BoothServices(watcher=watcher))

    state = {"tick": 0.0, "frame": 0.0, "tick_gap": 0.0, "frame_gap": 0.0}

    def tick() -> None:
        now = time.monotonic()
        if state["tick"]:
            state["tick_gap"] = max(state["tick_gap"], now - state["tick"])
        state["tick"] = now
        # A frame wanted every tick, as while a slide fades or a figure enters: a still show
        # draws nothing (the time bar steps every 250 ms, often without a pixel's change),
        # so without this the frame gap would measure the show's calm, not a stall.
        display.window.update()

    def frame() -> None:  # on the render thread (threaded loop) or this one (basic loop)
        now = time.monotonic()
        if state["frame"]:
            state["frame_gap"] = max(state["frame_gap"], now - state["frame"])
        state["frame"] = now

    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    ticker.start()
    display.window.frameSwapped.connect(frame, Qt.ConnectionType.DirectConnection)

    # The plan: (text to save, rows expected); a step ends SETTLE_S after the rows are there.
    steps = [(big_text, count), (small_text, small_count)] * cycles
    rows: list[tuple[int, str, float, float, float]] = []
    memory: list[tuple[float, float]] = []
    failures: list[str] = []
    step = {"index": -1, "saved": 0.0, "arrived": 0.0}

    def begin() -> None:
        step["index"] += 1
        if step["index"] >= len(steps):
            app.exit(0)
            return
        text, _ = steps[step["index"]]
        state.update(tick_gap=0.0, frame_gap=0.0)
        step["saved"], step["arrived"] = time.monotonic(), 0.0
        save(deck / "slides.md", text)

    def check() -> None:
        index = step["index"]
        if not 0 <= index < len(steps):
            return
        now = time.monotonic()
        expected = steps[index][1]
        if not step["arrived"]:
            if display.slides.rowCount() == expected and not watcher.busy:
                step["arrived"] = now
            elif now - step["saved"] > TIMEOUT_S:
                failures.append(f"step {index}: no {expected}-slide deck after {TIMEOUT_S} s")
                app.exit(1)
            return
        if now - step["arrived"] < SETTLE_S:
            return
        cycle, direction = index // 2 + 1, "into big" if index % 2 == 0 else "back"
        took = step["arrived"] - step["saved"]
        rows.append((cycle, direction, took, state["tick_gap"], state["frame_gap"]))
        print(
            f"cycle {cycle} {direction:<8}: on screen after {took:5.2f} s,"
            f" longest loop gap {state['tick_gap'] * 1000:5.0f} ms,"
            f" longest frame gap {state['frame_gap'] * 1000:5.0f} ms",
            flush=True,
        )
        if index % 2 == 1:
            memory.append((pss_mb(), anonymous_mb()))
            print(
                f"cycle {cycle} memory  : PSS {memory[-1][0]:.0f} MB,"
                f" anonymous {memory[-1][1]:.0f} MB",
                flush=True,
            )
        begin()

    checker = QTimer()
    checker.setInterval(20)
    checker.timeout.connect(check)
    checker.start()
    print(f"platform: {app.platformName()}; {count} slides ({len(big_text) / 1e6:.1f} MB)")
    print(f"start memory   : PSS {pss_mb():.0f} MB, anonymous {anonymous_mb():.0f} MB")
    QTimer.singleShot(2000, begin)  # the show runs a moment first
    status = app.exec()
    checker.stop()
    ticker.stop()
    booth.stop()
    if failures or status or not memory:
        print("verdict: FAILED", *failures)
        return 1
    loop_gap = max(r[3] for r in rows)
    frame_gap = max(r[4] for r in rows)
    growth_pss = memory[-1][0] - memory[0][0]
    growth_anon = memory[-1][1] - memory[0][1]
    print(f"longest loop gap, any reload : {loop_gap * 1000:.0f} ms (target < 100 ms)")
    print(f"longest frame gap, any reload: {frame_gap * 1000:.0f} ms (target < 100 ms)")
    print(
        f"memory, last cycle vs first  : PSS {growth_pss:+.0f} MB, anonymous"
        f" {growth_anon:+.0f} MB (target within 50 MB)"
    )
    ok = max(loop_gap, frame_gap) < 0.1 and abs(growth_pss) < 50 and abs(growth_anon) < 50
    print("verdict:", "OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
