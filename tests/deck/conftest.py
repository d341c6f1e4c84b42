"""Fixtures for deck tests: write a deck into a temporary folder and load it."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.deck import Deck, load_deck


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write ``text`` (dedented) to ``name`` in the deck folder; return its path."""

    def _write(text: str, name: str = "slides.md") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def deck(write: Callable[..., Path]) -> Callable[..., Deck]:
    """Parse ``text`` as a deck's slides.md."""

    def _deck(text: str, name: str = "slides.md") -> Deck:
        return load_deck(write(text, name))

    return _deck
