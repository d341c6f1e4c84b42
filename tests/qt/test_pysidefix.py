"""PySide6 6.12.0 must not wear away the counts of None and True (an abort on Python 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

import kiosk.qt  # noqa: F401  (installs the guard)
from kiosk.qt import pysidefix


class _Emitter(QObject):
    plain = Signal()
    valued = Signal(int)


def test_void_calls_and_emits_cannot_wear_the_singletons_down() -> None:
    emitter = _Emitter()
    emitter.valued.connect(lambda value: None)
    timer = QTimer()
    for _ in range(5_000):
        emitter.plain.emit()
        emitter.valued.emit(1)
        timer.start(1000)
        timer.stop()
    # Whatever this PySide6 does, the counts stay far from zero: either it takes its
    # references, or the guard made the singletons immortal (as Python 3.12 does).
    floor = 10_000 if pysidefix.references_lost() else 100
    assert sys.getrefcount(None) > floor
    assert sys.getrefcount(True) > floor


def test_install_is_idempotent() -> None:
    first = pysidefix.install()
    assert pysidefix.install() == first
