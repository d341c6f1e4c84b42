"""Benchmark: a soak run of 10,000 slide changes, touches and idle returns; PSS, warnings, errors.

The real show (Display + Booth, offscreen, software renderer) on the bundled deck with its
clock scaled down: slides last milliseconds, the idle timeout and the countdown too. A
driver mixes auto-advance, swipes and taps (as visitor activity and navigation), language
switches, menu and black-screen toggles, and idle returns. Reported: PSS at start and end
(/proc/self/smaps_rollup), Qt warnings and Python exceptions seen.

Target (issue 5): PSS growth under 10 MB, zero warnings, zero exceptions.

Run: python bench/bench_soak.py [CHANGES]
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler

from kiosk import BUNDLED_DECK
from kiosk.app import Display, DisplayOptions, StaffSetup, prepare_application
from kiosk.booth import Booth, ShowControls
from kiosk.deck import load_deck_set
from kiosk.qt.staff import StaffController


def _smaps_mb(*fields: str) -> float:
    total = 0
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in fields:
            total += int(rest.split()[0])
    return total / 1024


def pss_mb() -> float:
    """Proportional set size: the target's measure. Pages shared with other processes
    (Qt's libraries) count in part, so it dips while another Qt process runs."""
    return _smaps_mb("Pss")


def anonymous_mb() -> float:
    """Anonymous memory (heaps, the JS engine's, buffers): where a leak grows, and a
    figure other processes do not move."""
    return _smaps_mb("Anonymous")


def main() -> int:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    warnings: list[str] = []
    exceptions: list[str] = []

    def on_message(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
            warnings.append(message)

    qInstallMessageHandler(on_message)
    sys.excepthook = lambda kind, value, tb: exceptions.append(f"{kind.__name__}: {value}")

    app = prepare_application()
    deck_set = load_deck_set(BUNDLED_DECK)
    options = DisplayOptions(
        size=(1280, 720),
        windowed=True,
        reduced_motion=False,
        time_scale=0.0005,
        idle_timeout_s=30,
        countdown_s=3,
    )
    staff = StaffController("", windowed=True)
    display = Display(deck_set, options, StaffSetup(staff))
    booth = Booth(ShowControls.of(display), staff, parent=display)
    display.window.resize(1280, 720)
    display.show()
    changes = 0
    visits = 0
    rng = random.Random(7)

    def counted() -> None:
        nonlocal changes
        changes += 1

    display.navigator.currentChanged.connect(counted)
    display.playback.visitEnded.connect(lambda: None)

    # Phases: a visitor acts for a while, then leaves; the idle return brings the
    # loop back, which runs a little before the next visitor comes.
    phase = {"visitor_until": 0.0, "attract_until": 0.0}

    def drive() -> None:
        nonlocal visits
        now = time.monotonic()
        if now < phase["visitor_until"]:
            roll = rng.random()
            display.playback.activity()
            if roll < 0.7:
                display.navigator.next() if rng.random() < 0.7 else display.navigator.previous()
            elif roll < 0.8:
                display.language.toggle()
            elif roll < 0.9:
                display.sections.setProperty("open", not display.sections.property("open"))
            else:
                display.window.setProperty("black", not display.window.property("black"))
        elif str(display.playback.current_mode) == "attract":
            if phase["attract_until"] < phase["visitor_until"]:
                phase["attract_until"] = now + rng.uniform(0.1, 0.4)  # the loop runs
            elif now >= phase["attract_until"]:
                visits += 1
                phase["visitor_until"] = now + rng.uniform(0.05, 0.3)  # the next visitor

    driver = QTimer()
    driver.setInterval(3)
    driver.timeout.connect(drive)
    driver.start()

    # Everything runs in the real event loop (app.exec): deleteLater'd slides are only
    # freed there, never inside processEvents(). First a warm-up of 1,000 changes (every
    # slide many times in each language, menu, black screen), so that glyph, image and
    # component caches and the allocator's arenas are at their working size before the
    # first reading: what must not grow is the steady state of a booth running for days.
    state = {
        "start_pss": 0.0,
        "start_anonymous": 0.0,
        "start_changes": 0,
        "checkpoint": 0,
        "started": 0.0,
    }
    warm_up_changes = 1_000

    def watch() -> None:
        done = changes - state["start_changes"]
        if not state["started"]:
            if changes >= warm_up_changes:
                state.update(
                    start_pss=pss_mb(),
                    start_anonymous=anonymous_mb(),
                    start_changes=changes,
                    started=time.monotonic(),
                    checkpoint=target // 5,
                )
            return
        if done >= state["checkpoint"]:
            print(
                f"  after {done:>6} changes: PSS {pss_mb():.1f} MB,"
                f" anonymous {anonymous_mb():.1f} MB",
                flush=True,
            )
            state["checkpoint"] += target // 5
        if done >= target or time.monotonic() - state["started"] > 1200:
            app.exit(0)

    watcher = QTimer()
    watcher.setInterval(20)
    watcher.timeout.connect(watch)
    watcher.start()
    app.exec()
    driver.stop()
    watcher.stop()
    start_pss, start_changes, started = state["start_pss"], state["start_changes"], state["started"]
    end_pss, end_anonymous = pss_mb(), anonymous_mb()
    elapsed = time.monotonic() - started
    print(f"slide changes          : {changes - start_changes} in {elapsed:.0f} s")
    print(f"loops completed        : {booth.feed.loops}; visits: {visits}")
    print(f"warm-up                : {warm_up_changes} changes before the first reading")
    print(
        f"PSS start / end        : {start_pss:.1f} MB / {end_pss:.1f} MB"
        f" (growth {end_pss - start_pss:+.1f} MB, target < 10 MB)"
    )
    start_anonymous = state["start_anonymous"]
    print(
        f"anonymous start / end  : {start_anonymous:.1f} MB / {end_anonymous:.1f} MB"
        f" (growth {end_anonymous - start_anonymous:+.1f} MB; unlike PSS, not moved by"
        " other processes sharing Qt's libraries)"
    )
    first_warning = f" (first: {warnings[0]})" if warnings else ""
    first_exception = f" (first: {exceptions[0]})" if exceptions else ""
    print(f"Qt warnings            : {len(warnings)}{first_warning}")
    print(f"Python exceptions      : {len(exceptions)}{first_exception}")
    # Both memory figures: PSS (the target's) falls when another Qt process starts
    # meanwhile, which could hide a leak; anonymous memory does not.
    ok = (
        end_pss - start_pss < 10
        and end_anonymous - start_anonymous < 10
        and not warnings
        and not exceptions
    )
    print("verdict                :", "OK" if ok else "OVER TARGET")
    booth.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
