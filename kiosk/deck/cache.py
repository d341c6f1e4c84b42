"""Parsed decks kept on disk between runs, so an unchanged deck starts without re-parsing.

A booth starts the same deck every morning. Parsing it means importing
Python-Markdown and PyYAML and rendering every slide: a good part of the time
before the cover appears. The cache stores the DeckSet (frozen, picklable)
with a stamp of every file in the deck folder (path, size, modification
time) and of the parser's own source. Any difference, any error: parse again.
This module imports neither Markdown nor YAML, so a cache hit needs neither.
"""

from __future__ import annotations

import logging
import os
import pickle
import stat
import zlib
from pathlib import Path

from kiosk import __version__
from kiosk.deck.model import DeckSet

log = logging.getLogger(__name__)

# A deck folder is a handful of files; past this, stamping costs more than parsing.
MAX_STAMPED_FILES = 2_000
_FORMAT = 3  # bump when the pickled layout changes

# No hashlib here: it loads OpenSSL's libcrypto, some 4 ms before the cover, and nothing
# here needs a digest. The stamps are compared whole, and an entry's name only spreads
# decks over files (the entry says which deck it holds).


def _parser_stamp() -> str:
    """Changes whenever the code that builds a deck changes (a new kiosk version, an edit)."""
    parts = [f"{__version__}/{_FORMAT}"]
    for source in sorted(Path(__file__).parent.glob("*.py")):
        info = source.stat()
        parts.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def folder_stamp(root: Path) -> tuple[tuple[str, int, int], ...] | None:
    """(path, size, mtime) of every file under ``root``; None when the folder is too big.

    Only stat() is used, never open(): a named pipe or a device in the folder
    is stamped, not read, and cannot block. A symlink is stamped as itself
    (its target's name shows in its size and time) and as what it points to,
    so a file swapped for a link, or a link retargeted, is a change.
    """
    stamp: list[tuple[str, int, int]] = []
    # Links to folders are not followed; folders count too, so a tree of empty ones ends.
    for folders, (folder, subfolders, files) in enumerate(os.walk(root), start=1):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
                stamp.append((path, info.st_size, info.st_mtime_ns))
                if stat.S_ISLNK(info.st_mode):
                    target = os.stat(path)
                    pointer = f"{path} -> {os.readlink(path)}"
                    stamp.append((pointer, target.st_size, target.st_mtime_ns))
            except OSError:  # a dangling link or a loop: its own entry is enough
                pass
            if len(stamp) + folders > MAX_STAMPED_FILES:
                return None
        if len(stamp) + folders > MAX_STAMPED_FILES:
            return None
    return tuple(stamp)


def _entry(cache_dir: Path, deck_path: Path) -> tuple[Path, str]:
    """The entry's file and the deck's real path it is kept for."""
    real = os.path.realpath(deck_path)
    data = real.encode("utf-8", "surrogateescape")
    return cache_dir / f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.pickle", real


def load(
    cache_dir: Path, deck_path: Path, root: Path, language_setting: str = ""
) -> DeckSet | None:
    """The cached DeckSet for ``deck_path`` if nothing it depends on changed (its files, the
    parser, the language setting an undeclared deck is read in), else None."""
    entry, real = _entry(cache_dir, deck_path)
    try:
        with entry.open("rb") as stream:
            kept_for, stamp, parser, language, deck_set = pickle.load(stream)  # our own file
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file (or an older format): parse again
        log.info("deck cache %s unusable (%s)", entry, exc)
        return None
    if language != language_setting:
        return None
    if kept_for != real or parser != _parser_stamp() or stamp != folder_stamp(root):
        return None
    return deck_set if isinstance(deck_set, DeckSet) else None


def store(
    cache_dir: Path, deck_path: Path, root: Path, deck_set: DeckSet, language_setting: str = ""
) -> None:
    """Keep ``deck_set`` for the next start; never fails the caller."""
    stamp = folder_stamp(root)
    if stamp is None:
        return
    entry, real = _entry(cache_dir, deck_path)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            record = (real, stamp, _parser_stamp(), language_setting, deck_set)
            pickle.dump(record, stream, pickle.HIGHEST_PROTOCOL)
        os.replace(partial, entry)  # atomic: a reader sees the old file or the new one
    except Exception as exc:  # read-only disk, full disk: the show goes on uncached
        log.info("deck cache not written to %s (%s)", entry, exc)


def cached_deck_set(path: Path, cache_dir: Path, language_setting: str = "") -> DeckSet:
    """``load_deck_set(path, language_setting)``, from the cache when the deck folder is
    unchanged.

    Raises DeckNotFound for a bad path, like ``load_deck_set``.
    """
    from kiosk.deck.variants import load_deck_set, main_file

    main = main_file(Path(path))
    root = main.parent
    deck_set = load(cache_dir, main, root, language_setting)
    if deck_set is None:
        deck_set = load_deck_set(path, language_setting)
        store(cache_dir, main, root, deck_set, language_setting)
    return deck_set
