"""The staff panel's status text: durations as precise as they are useful, the rows it shows."""

from __future__ import annotations

import pytest

from kiosk.staffstatus import (
    PinTries,
    StaffStatus,
    english,
    format_duration,
    status_rows,
    tries_text,
)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (59.9, "59 s"),
        (61, "1 min"),
        (3_600, "1 h 00 min"),
        (3_725, "1 h 02 min"),
        (86_400 * 3 + 7_200, "3 d 2 h"),
        (-5, "0 s"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_a_locks_time_left_keeps_its_seconds() -> None:
    assert format_duration(65, exact=True) == "1 min 05 s"
    assert format_duration(60, exact=True) == "1 min"
    assert format_duration(3_599, exact=True) == "59 min 59 s"
    assert format_duration(3_600, exact=True) == "1 h 00 min"


def test_the_rows_from_plain_values() -> None:
    status = StaffStatus(
        loops=12,
        visits_today=34,
        visits_by_hour=(0,) * 8 + (2,) + (0,) * 11 + (1,) + (0,) * 3,  # 8 h and 20 h
        deck_path="/home/booth/deck",
        deck_hash="0123456789ab",
        last_reload="deck/slides.md:8: error: `duration` must be positive",
        last_reload_ok=False,
        last_reload_at=100.0,
        screen_awake="",
        statistics_ok=False,
        booth="Hall B, stand 12",
    )
    rows = status_rows(
        status, PinTries(pin_set=True), now=100.0 + 125, started=0.0, log_lines=["a", "b"]
    )
    assert rows == {
        "booth": "Hall B, stand 12",
        "uptime": "3 min",
        "loops": 12,
        "visitsToday": 34,
        # The chart: a booth's usual day, 9 to 18, widened to the hours with a visit.
        "visitsByHour": [0] * 8 + [2] + [0] * 11 + [1] + [0] * 3,
        "hoursFirst": 8,
        "hoursLast": 20,
        "deck": "/home/booth/deck",
        "deckHash": "0123456789ab",
        "lastReload": "2 min ago: deck/slides.md:8: error: `duration` must be positive",
        "lastReloadOk": False,
        "awake": "unknown",
        "statistics": "unknown",
        "statisticsOk": False,
        "awakeOk": True,
        "pinTries": "none since the start",
        "pinTriesOk": True,
        "log": "a\nb",
    }


def test_the_wrong_pins_row() -> None:
    assert tries_text(PinTries(pin_set=False), now=0.0) == "no PIN set"
    tries = PinTries(pin_set=True, wrong_since_start=7, last_wrong_at=10.0, locked_s=65)
    assert tries_text(tries, now=250.0) == (
        "7 since the start, the last 4 min ago; pad locked for 1 min 05 s more"
    )
    rows = status_rows(StaffStatus(), tries, now=250.0, started=0.0)
    assert rows["pinTriesOk"] is False
    assert status_rows(StaffStatus(), PinTries(False), now=0, started=0)["pinTriesOk"] is False


def test_every_word_goes_through_the_translation() -> None:
    def shout(source: str, *values: object) -> str:
        return english(source.upper(), *values)

    assert format_duration(65, exact=True, staff_text=shout) == "1 MIN 05 S"
    tries = PinTries(pin_set=True, wrong_since_start=1, last_wrong_at=0.0)
    rows = status_rows(
        StaffStatus(last_reload="ok", last_reload_at=0.0),
        tries,
        now=3600.0,
        started=0.0,
        staff_text=shout,
    )
    assert rows["uptime"] == "1 H 00 MIN"
    assert rows["lastReload"] == "1 H 00 MIN AGO: ok"
    assert rows["awake"] == rows["statistics"] == "UNKNOWN"
    assert rows["pinTries"] == "1 SINCE THE START, THE LAST 1 H 00 MIN AGO"
