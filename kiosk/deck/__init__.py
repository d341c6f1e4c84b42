"""The deck: Slidev-compatible Markdown parsed once into frozen, validated data (no Qt)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.deck.model import Deck, DeckSet, Finding, Layout, Severity, Slide, Theme

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    # The parsers import Python-Markdown and PyYAML: loaded on first use only,
    # so reading a cached deck (kiosk.deck.cache) starts faster.
    if name == "load_deck":
        from kiosk.deck.parser import load_deck

        return load_deck
    if name == "load_deck_set":
        from kiosk.deck.variants import load_deck_set

        return load_deck_set
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
