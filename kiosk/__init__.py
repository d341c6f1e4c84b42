"""kiosk: a fullscreen booth presentation app for Slidev-compatible Markdown decks."""

from __future__ import annotations

import sys
from pathlib import Path

__version__ = "0.1.0"


def _data_dir(name: str) -> Path:
    """A folder shipped with the app: beside the package in a checkout or an
    editable install, under ``<prefix>/share/kiosk/`` after ``pip install .``."""
    beside = Path(__file__).resolve().parent.parent / name
    installed = Path(sys.prefix) / "share" / "kiosk" / name
    return beside if beside.is_dir() or not installed.is_dir() else installed


# The deck shipped with the app: what `kiosk` shows when given no deck.
BUNDLED_DECK = _data_dir("slides")
# Fonts and images the look depends on, never taken from the machine.
ASSETS_DIR = _data_dir("assets")
