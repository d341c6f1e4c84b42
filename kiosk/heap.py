"""Memory around a reload: no collector stall while a deck is read, freed memory given back.

Reading a deck of thousands of slides makes some 150,000 Python objects, and the cyclic
garbage collector rescans all of them each time its oldest generation fills: three full
collections of 25-80 ms each during one reload of a 16,000-slide deck, every one holding
the interpreter lock, so the UI thread stood still that long (bench/bench_reload.py). The
deck read is acyclic (frozen dataclasses, tuples, strings): reference counting frees it.
So a reload runs with automatic collections paused and, once read, everything alive is
frozen (moved out of the collector's sight, gc.freeze). What is frozen is still freed by
reference counting when the deck is replaced; once the frozen heap is small again (a
small deck back on screen) it is thawed, and the few cycles a parse leaves behind are
collected as usual, so nothing accumulates over reloads. (Python-Markdown's raw-HTML
postprocessor made a cycle per slide; kiosk.deck.markdown_ext skips it when it has nothing
to do, so a parse leaves almost none.)
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

log = logging.getLogger(__name__)

# Below this many frozen objects a full collection is short (about 25 ms on a slow booth
# PC): thawed then. The bundled deck's whole show is some 40,000-60,000.
THAW_BELOW = 100_000

_paused = 0  # reloads running with collections paused (one at a time, but be safe)
_paused_state = {"was_enabled": True}  # whether collections ran before the first pause
_lock = threading.Lock()


@contextmanager
def collections_paused() -> Iterator[None]:
    """Within the block no automatic collection runs; on leaving, all alive is frozen."""
    global _paused
    with _lock:
        if _paused == 0:
            _paused_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0:
                gc.freeze()
                if _paused_state["was_enabled"]:
                    gc.enable()


def thaw_if_small(limit: int = THAW_BELOW) -> bool:
    """Let the collector see the frozen objects again when they are few; True if it did."""
    with _lock:
        if _paused or not 0 < gc.get_freeze_count() < limit:
            return False
        gc.unfreeze()
    return True


def give_back_freed_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc keeps them otherwise: a few
    reloads of a big deck left over 1 GB resident). Elsewhere, nothing to do."""
    import ctypes
    import ctypes.util

    with suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


__all__ = ["THAW_BELOW", "collections_paused", "give_back_freed_memory", "thaw_if_small"]
