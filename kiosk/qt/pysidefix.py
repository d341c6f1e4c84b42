"""A guard against PySide6 6.12.0 wearing away the reference counts of None and True.

On CPython 3.11, PySide6 6.12.0 returns ``None`` from every void method
(``QTimer.start()``, ``QObject.setObjectName()``, ...) and ``True`` from
``Signal.emit()`` without taking a reference to them (6.11.3 does take it). Each such
call takes one count away; a touch on the show makes a few dozen such calls, and
after some thousands the count reaches zero and the interpreter aborts ("Fatal Python
error: none_dealloc" or "bool_dealloc"): a booth would go dark within hours. Python
3.12 and later made these objects immortal, so nothing happens there.

``install()`` checks whether the running PySide6 has the flaw (a few calls on a
private object) and, only then, on a CPython before 3.12, does what 3.12 does: it
gives ``None``, ``True``, ``False`` (and the other singletons PySide6 might hand back
the same way) a reference count so large that no run of the show can wear it down.
They are static objects that are never freed, so the count only has to stay above
zero. A PySide6 without the flaw, or a newer Python, is left untouched.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBES = 10
# 2**60 counts: at a million lost references a second, 36,000 years of show.
_IMMORTAL = 1 << 60
_SINGLETONS = (None, True, False, NotImplemented, Ellipsis)


class _Probe(QObject):
    fired = Signal()


def references_lost() -> bool:
    """Whether void calls or ``Signal.emit()`` here take counts away from None or True."""
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a void method
        probe.fired.emit()
    lost = max(none_before - sys.getrefcount(None), true_before - sys.getrefcount(True))
    probe.deleteLater()
    return lost >= _PROBES


def _can_patch() -> bool:
    # The count is the object's first field only in a release build of CPython.
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and not hasattr(sys, "gettotalrefcount")  # a debug build lays objects out otherwise
    )


def install() -> bool:
    """Make the singletons effectively immortal when PySide6 is flawed; idempotent.

    Returns True when the counts are (now, or already) out of reach.
    """
    if not _can_patch():
        return False
    if sys.getrefcount(None) > _IMMORTAL // 2:
        return True
    if not references_lost():
        return False
    for singleton in _SINGLETONS:
        ctypes.c_ssize_t.from_address(id(singleton)).value += _IMMORTAL
    log.info(
        "this PySide6 drops references to None and True (CPython %d.%d):"
        " made them immortal, as Python 3.12 does (see %s)",
        *sys.version_info[:2],
        __name__,
    )
    return True
