"""Test-wide setup: Qt draws offscreen with the software renderer, before Qt is imported."""

from __future__ import annotations

import os

# Before any PySide6 import: no display needed, and the same pixels on every machine.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
# The same system language on every machine: a deck that declares none is read in it
# (kiosk.deck.variants.undeclared_language); a test wanting another one sets it.
os.environ["LANG"] = "C.UTF-8"
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)


import pytest


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """A QML app needs no widgets: pytest-qt builds a QGuiApplication."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication


@pytest.fixture(autouse=True)
def _staff_screens_back_in_english(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A booth with staff installs its language's translation for the whole process
    (kiosk.qt.translation); each test starts and ends with the English source texts."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from kiosk.qt.translation import install_translation

        install_translation("en")
