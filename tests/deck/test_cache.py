"""The deck cache: a hit gives the same DeckSet; any change in the folder parses again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.deck import cache, load_deck_set


def make_deck(folder: Path) -> Path:
    folder.mkdir()
    (folder / "slides.md").write_text("---\nlang: fr\n---\n\n# Bonjour\n", encoding="utf-8")
    (folder / "slides.en.md").write_text("---\nlang: en\n---\n\n# Hello\n", encoding="utf-8")
    return folder


def test_second_load_is_a_hit_equal_to_a_fresh_parse(tmp_path: Path, monkeypatch) -> None:
    deck = make_deck(tmp_path / "deck")
    cache_dir = tmp_path / "cache"
    first = cache.cached_deck_set(deck, cache_dir)
    calls = []
    monkeypatch.setattr("kiosk.deck.variants.load_deck_set", lambda p: calls.append(p))
    second = cache.cached_deck_set(deck, cache_dir)
    assert calls == []  # not parsed again
    assert second == first == load_deck_set(deck)


def test_an_edit_a_new_file_or_a_removal_parses_again(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "deck")
    cache_dir = tmp_path / "cache"
    cache.cached_deck_set(deck, cache_dir)
    main = deck / "slides.md"
    main.write_text("---\nlang: fr\n---\n\n# Bonsoir\n", encoding="utf-8")
    os.utime(main, ns=(1, 1))  # even with an old timestamp: the size changed
    assert cache.cached_deck_set(deck, cache_dir).default.slides[0].title == "Bonsoir"
    (deck / "slides.de.md").write_text("---\nlang: de\n---\n\n# Hallo\n", encoding="utf-8")
    assert cache.cached_deck_set(deck, cache_dir).languages == ("fr", "de", "en")
    (deck / "slides.de.md").unlink()
    assert cache.cached_deck_set(deck, cache_dir).languages == ("fr", "en")


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "deck")
    cache_dir = tmp_path / "cache"
    cache.cached_deck_set(deck, cache_dir)
    for entry in cache_dir.iterdir():
        entry.write_bytes(b"not a pickle")
    assert cache.cached_deck_set(deck, cache_dir).default.slides[0].title == "Bonjour"


def test_an_entry_is_only_used_for_the_deck_it_was_kept_for(tmp_path: Path, monkeypatch) -> None:
    # Entries are spread over files by a checksum of the deck's path, not a digest: two
    # decks whose names collide, here two files of one folder (the same folder stamp),
    # must each get their own slides.
    monkeypatch.setattr(cache.zlib, "crc32", lambda data: 0)
    monkeypatch.setattr(cache.zlib, "adler32", lambda data: 0)
    cache_dir = tmp_path / "cache"
    folder = tmp_path / "decks"
    folder.mkdir()
    first, second = folder / "matin.md", folder / "soir.md"
    first.write_text("# Bonjour\n", encoding="utf-8")
    second.write_text("# Bonsoir\n", encoding="utf-8")
    assert cache.cached_deck_set(first, cache_dir).default.slides[0].title == "Bonjour"
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    assert cache.cached_deck_set(second, cache_dir).default.slides[0].title == "Bonsoir"
    assert cache.cached_deck_set(first, cache_dir).default.slides[0].title == "Bonjour"


def test_an_unwritable_cache_folder_does_not_fail(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "deck")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cache.cached_deck_set(deck, blocker / "cache").languages == ("fr", "en")


def test_a_cache_hit_imports_neither_markdown_nor_yaml(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "deck")
    cache_dir = tmp_path / "cache"
    cache.cached_deck_set(deck, cache_dir)
    code = (
        "import sys; from pathlib import Path; from kiosk.deck.cache import cached_deck_set;"
        f"cached_deck_set(Path({str(deck)!r}), Path({str(cache_dir)!r}));"
        "print('markdown' in sys.modules, 'yaml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"], result.stderr
