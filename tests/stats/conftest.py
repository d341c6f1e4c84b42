"""Shared test data: a fake clock and a scripted day at the booth, recorded through Recorder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.stats.recorder import Recorder

DAY1 = dt.date(2025, 6, 12)
DAY2 = dt.date(2025, 6, 13)


class FakeClock:
    """Wall and monotonic clocks that move only when told: lengths exact, days chosen."""

    def __init__(self, day: dt.date, hour: int) -> None:
        self.wall = dt.datetime.combine(day, dt.time(hour)).timestamp()
        self.mono = 1000.0

    def time(self) -> float:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.mono += seconds

    def set_day(self, day: dt.date, hour: int) -> None:
        """The wall clock jumps (a new day); the monotonic one just goes on."""
        self.wall = dt.datetime.combine(day, dt.time(hour)).timestamp()
        self.mono += 60.0


def record_script(path: Path, booth: str = "") -> None:
    """Two days at the booth. Day 1: a loop, then three visits of 88 s, 30 s and 45 s; the
    first has 3 slide views (the same slide in two languages), a slide swiped past, a menu
    jump, a language switch and a QR code. Day 2: one visit of 20 s and two loops. 26 events
    in all."""
    clock = FakeClock(DAY1, 10)
    rec = Recorder(path, clock=clock.time, monotonic=clock.monotonic, booth=booth)
    rec.show_started()
    rec.slide_viewed(0, "L’action internationale", "fr", 10)  # attract loop, no visit
    clock.advance(10)
    rec.slide_viewed(1, "Un monde fait d’interconnexions", "fr", 10)
    clock.advance(10)
    rec.loop_completed()

    rec.visit_started()  # visit 1: 88 s
    clock.advance(8)
    rec.slide_viewed(3, "65\u202f%", "fr", 8)
    rec.menu_opened()
    clock.advance(2)
    rec.menu_jumped(7)
    rec.slide_viewed(6, "Swiped past", "fr", 0.4)  # under a second: not "viewed"
    clock.advance(12)
    rec.slide_viewed(7, "Rejoignez-nous\u202f!", "fr", 12)
    rec.language_switched("fr", "en")
    clock.advance(6)
    rec.slide_viewed(7, "Join us!", "en", 6)
    rec.qr_shown(7, 18)
    clock.advance(60)  # idle timeout and countdown
    rec.visit_ended()

    clock.advance(100)
    rec.visit_started()  # visit 2: 30 s
    clock.advance(10)
    rec.slide_viewed(3, "65\u202f%", "fr", 10)
    clock.advance(20)
    rec.visit_ended()

    clock.advance(100)
    rec.visit_started()  # visit 3: 45 s
    clock.advance(4)
    rec.slide_viewed(2, "Nos interconnexions\nsont partout", "fr", 4)
    clock.advance(41)
    rec.visit_ended()

    clock.set_day(DAY2, 9)
    rec.show_started()
    rec.visit_started()  # visit of 20 s
    clock.advance(20)
    rec.slide_viewed(1, "Un monde fait d’interconnexions", "fr", 20)
    rec.visit_ended()
    rec.loop_completed()
    rec.loop_completed()
    rec.close()


@pytest.fixture
def clock() -> FakeClock:
    """10:00 on the first day of the script."""
    return FakeClock(DAY1, 10)


@pytest.fixture
def scripted_db(tmp_path: Path) -> Path:
    path = tmp_path / "stats.sqlite3"
    record_script(path)
    return path
