"""PySide6 6.12.0's Signal.emit() must not wear away the count of True (an abort on 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import kiosk.qt  # noqa: F401  (installs the guard)
from kiosk.qt import pysidefix


class _Emitter(QObject):
    plain = Signal()
    valued = Signal(int)


def test_emitting_keeps_the_count_of_true() -> None:
    emitter = _Emitter()
    emitter.valued.connect(lambda value: None)
    before = sys.getrefcount(True)
    for _ in range(5_000):
        emitter.plain.emit()
        emitter.valued.emit(1)
    assert sys.getrefcount(True) >= before - 5  # allow for a few unrelated references
    assert not pysidefix.emit_loses_references()


def test_install_is_idempotent() -> None:
    first = pysidefix.install()
    assert pysidefix.install() == first
