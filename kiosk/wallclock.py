"""Keep Python's clocks readable whatever the machine's clock says, so the show starts.

Python holds times as signed 64-bit nanoseconds: a clock read beyond 2262-04-11 (or before
1677-09-21) makes ``time.time()`` raise ``OverflowError``. The standard ``logging`` module
calls it when imported and for every record, so a booth whose clock says 9999-12-31 (a
flat RTC battery, a typing slip in the firmware set-up, a test rig under libfaketime) could
not even start. ``guard()``, called first by the command line, reads each clock once; for
one that is out of range it puts in ``time`` a version that reads the same clock through
``clock_gettime`` (which returns a float and never overflows), clamped to the range for the
wall clock. Nothing changes on a machine whose clock is sane.

The wall clock only files statistics under a day; lengths and timers use the monotonic
clock (out of range only under libfaketime, which shifts it too).
"""

from __future__ import annotations

import time
from collections.abc import Callable

# The last second Python can hold as nanoseconds, both ways: 2262-04-11 and 1677-09-21.
LATEST = float((2**63 - 1) // 1_000_000_000 - 1)
EARLIEST = -LATEST

_originals: dict[str, Callable[[], float | int]] = {}


def _wall() -> float:
    return min(max(time.clock_gettime(time.CLOCK_REALTIME), EARLIEST), LATEST)


def _monotonic() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _ns(read: Callable[[], float]) -> Callable[[], int]:
    return lambda: int(read() * 1_000_000_000)


def _replace(name: str, by: Callable[[], float | int]) -> None:
    _originals.setdefault(name, getattr(time, name))
    setattr(time, name, by)


def guard() -> list[str]:
    """Make the clocks that overflow readable again; return the names of those replaced
    (empty on a sane machine). Logs a warning for each, once."""
    replaced: list[str] = []
    try:
        time.time()
    except OverflowError:
        _replace("time", _wall)
        _replace("time_ns", _ns(_wall))
        replaced.append("time")
    try:
        time.monotonic()
    except OverflowError:
        for name in ("monotonic", "perf_counter"):
            _replace(name, _monotonic)
            _replace(f"{name}_ns", _ns(_monotonic))
        replaced.append("monotonic")
    if replaced:
        import logging  # only now: importing it reads time.time()

        reading = time.strftime("%Y-%m-%d %H:%M:%S")  # strftime takes any year
        logging.getLogger(__name__).warning(
            "the machine's clock reads %s, beyond what Python can hold: %s read another way"
            " (the wall clock clamped to 1677-2262); the show goes on, statistics are filed"
            " under a wrong day",
            reading,
            " and ".join(f"time.{name}()" for name in replaced),
        )
    return replaced


def restore() -> None:
    """Put back the clocks ``guard`` replaced (for tests)."""
    for name, original in _originals.items():
        setattr(time, name, original)
    _originals.clear()
