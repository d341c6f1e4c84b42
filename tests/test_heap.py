"""Memory around a reload: collections paused while a deck is read, frozen heap thawed when small."""

from __future__ import annotations

import gc
from pathlib import Path

from kiosk.deck import load_deck_set
from kiosk.heap import collections_paused, thaw_if_small


def test_no_collection_runs_while_a_deck_is_read_and_what_it_made_is_frozen_after() -> None:
    gc.unfreeze()
    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with collections_paused():
            before = len(runs)  # one may run on the way in, before the pause
            assert not gc.isenabled()
            made = [[i] for i in range(50_000)]  # enough to set off several collections
            during = runs[before:]
        assert during == []
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()


def test_a_pause_keeps_collections_off_when_they_were_off() -> None:
    gc.disable()
    try:
        with collections_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_frozen_heap_is_thawed_only_when_small() -> None:
    gc.unfreeze()
    kept = [[i] for i in range(20_000)]
    gc.freeze()
    try:
        assert not thaw_if_small(limit=1_000)  # a big deck on screen: left frozen
        assert gc.get_freeze_count() > 0
        assert thaw_if_small(limit=10_000_000)
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
    assert kept


def test_reading_a_deck_leaves_no_reference_cycles(tmp_path: Path) -> None:
    """Cycles a parse leaves are kept for good once frozen: a reload must make next to none
    (Python-Markdown's raw-HTML postprocessor made one per slide)."""
    slides = "\n---\n\n".join(f"# Titre {i}\n\nTexte *{i}* et `code`.\n" for i in range(300))
    (tmp_path / "slides.md").write_text(f"---\ntitle: T\n---\n\n{slides}", encoding="utf-8")
    load_deck_set(tmp_path)  # the first read builds the renderer and imports: not counted
    gc.collect()
    gc.disable()
    try:
        deck_set = load_deck_set(tmp_path)
        assert len(deck_set.default.slides) == 300
        del deck_set
        left = gc.collect()
    finally:
        gc.enable()
    assert left < 300, f"{left} objects in reference cycles after reading 300 slides"
