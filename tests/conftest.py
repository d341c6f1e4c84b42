"""Test-wide setup: Qt draws offscreen with the software renderer, before Qt is imported."""

from __future__ import annotations

import os

# Before any PySide6 import: no display needed, and the same pixels on every machine.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
