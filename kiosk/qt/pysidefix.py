"""A guard against PySide6 6.12.0's ``Signal.emit()`` dropping a reference to ``True``.

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without taking a
reference to it (6.11.3 does not). On Python 3.11, where ``True`` is an ordinary
counted object, every emit from Python takes one count away; after a few
thousand (a few hours of the attract loop) the count reaches zero and the
interpreter aborts ("Fatal Python error: bool_dealloc"). On Python 3.12 and later
``True`` is immortal and nothing happens.

``install()`` checks whether the running PySide6 has the flaw (ten emits of a
private signal) and, only then, wraps ``SignalInstance.emit`` to give the
reference back. A PySide6 without the flaw is left untouched.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

_PROBES = 10


class _Probe(QObject):
    fired = Signal()


def emit_loses_references() -> bool:
    """Whether ``Signal.emit()`` here takes a count away from ``True`` each time."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    probe.deleteLater()
    return lost >= _PROBES


def install() -> bool:
    """Wrap ``SignalInstance.emit`` when it is flawed; idempotent. True when wrapped."""
    if getattr(SignalInstance.emit, "_kiosk_fixed", False):
        return True
    if not emit_loses_references():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True:
            incref(result)  # the reference emit() should have taken
        return result

    emit._kiosk_fixed = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit  # type: ignore[method-assign]
    log.info("PySide6 Signal.emit() loses references to True: compensating (see %s)", __name__)
    return True
