"""The deck: Slidev-compatible Markdown parsed once into frozen, validated data (no Qt)."""

from __future__ import annotations

from kiosk.deck.model import Deck, DeckSet, Finding, Layout, Severity, Slide, Theme
from kiosk.deck.parser import load_deck
from kiosk.deck.variants import load_deck_set

__all__ = [
    "Deck",
    "DeckSet",
    "Finding",
    "Layout",
    "Severity",
    "Slide",
    "Theme",
    "load_deck",
    "load_deck_set",
]
