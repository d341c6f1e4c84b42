"""Test-wide setup: Qt draws offscreen with the software renderer, before Qt is imported."""

from __future__ import annotations

import os

# Before any PySide6 import: no display needed, and the same pixels on every machine.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"


import pytest


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """A QML app needs no widgets: pytest-qt builds a QGuiApplication."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication
