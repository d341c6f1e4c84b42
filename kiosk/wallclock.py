"""Keep Python's clocks readable whatever the machine's clock says, so the show goes on.

Python holds times as signed 64-bit nanoseconds: a clock read beyond 2262-04-11 (or before
1677-09-21) makes ``time.time()`` raise ``OverflowError``. The standard ``logging`` module
calls it when imported and for every record, so a booth whose clock says 9999-12-31 (a
flat RTC battery, a typing slip in the firmware set-up, a test rig under libfaketime) could
not start, and a clock set there during the show made every log call raise (the show could
not even stop on SIGTERM). ``guard()``, called first by the command line, puts in ``time``
versions of ``time``, ``monotonic`` and ``perf_counter`` (and their ``_ns`` forms) that call
the originals and, only when these overflow, read the same clock through ``clock_gettime``
(which returns a float and never overflows), the wall clock clamped to the range Python
holds. On a sane clock they return exactly what the originals do.

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
_warned: set[str] = set()


def _wall() -> float:
    return min(max(time.clock_gettime(time.CLOCK_REALTIME), EARLIEST), LATEST)


def _monotonic() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _warn_once(name: str) -> None:
    if name in _warned:
        return
    _warned.add(name)  # first: logging reads time.time(), which comes back here
    import logging

    if not hasattr(logging, "getLogger"):  # this very reading is logging's import's own
        _warned.discard(name)  # warn at the next one
        return
    reading = time.strftime("%Y-%m-%d %H:%M:%S")  # strftime takes any year
    logging.getLogger(__name__).warning(
        "the machine's clock reads %s, beyond what Python can hold: time.%s() read another"
        " way (the wall clock clamped to 1677-2262); the show goes on, statistics are filed"
        " under a wrong day",
        reading,
        name,
    )


def _safe(
    name: str, original: Callable[[], float | int], fallback: Callable[[], float | int]
) -> Callable[[], float | int]:
    def read() -> float | int:
        try:
            return original()
        except OverflowError:
            _warn_once(name.removesuffix("_ns"))
            return fallback()

    read.__name__ = read.__qualname__ = name
    read.__doc__ = original.__doc__
    return read


def _fallbacks() -> dict[str, Callable[[], float | int]]:
    def ns(read: Callable[[], float]) -> Callable[[], int]:
        return lambda: int(read() * 1_000_000_000)

    return {
        "time": _wall,
        "time_ns": ns(_wall),
        "monotonic": _monotonic,
        "monotonic_ns": ns(_monotonic),
        "perf_counter": _monotonic,
        "perf_counter_ns": ns(_monotonic),
    }


def guard() -> None:
    """Make the clocks of ``time`` never raise ``OverflowError`` (idempotent)."""
    for name, fallback in _fallbacks().items():
        if name not in _originals:
            _originals[name] = getattr(time, name)
            setattr(time, name, _safe(name, _originals[name], fallback))
    time.time()  # an out-of-range clock is told in the log from the start
    time.monotonic()


def restore() -> None:
    """Put back the clocks ``guard`` replaced (for tests)."""
    for name, original in _originals.items():
        setattr(time, name, original)
    _originals.clear()
    _warned.clear()
