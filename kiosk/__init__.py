"""kiosk: a fullscreen booth presentation app for Slidev-compatible Markdown decks."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

# The deck shipped with the app: what `kiosk` shows when given no deck.
BUNDLED_DECK = Path(__file__).resolve().parent.parent / "slides"
