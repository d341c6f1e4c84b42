"""Hot reload against the ways sync tools write a deck (issue 14, point 5): Syncthing's
temporary file then rename, rsync's ``.name.XXXXXX`` then rename, an editor's in-place
truncating write, a whole folder replaced. Each ends on the new deck, reloaded once it is
whole: never a half-written file on screen, never a failed reload while the sync runs.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from kiosk.deck import DeckSet, load_deck_set
from kiosk.watch import DeckWatcher

SLIDES = 40  # a deck long enough that half of it is a different, valid deck


def deck_text(word: str, slides: int = SLIDES) -> str:
    body = "\n---\n\n".join(f"# {word} {n}\n\nTexte {n}.\n" for n in range(1, slides + 1))
    return f"---\nlang: fr\ntitle: Booth\n---\n\n{body}"


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


@pytest.fixture
def watched(
    tmp_path: Path, qapp: Any
) -> Iterator[tuple[Path, DeckWatcher, list[DeckSet], list[str]]]:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "slides.md").write_text(deck_text("Avant"), encoding="utf-8")
    watcher = DeckWatcher(folder, debounce_ms=500)  # the booth's own timing
    changed: list[DeckSet] = []
    failed: list[str] = []
    watcher.deckChanged.connect(changed.append)
    watcher.reloadFailed.connect(failed.append)
    watcher.start(load_deck_set(folder))
    yield folder, watcher, changed, failed
    watcher.stop()
    watcher.deleteLater()


def written_slowly(path: Path, text: str, chunks: int = 6, pause_ms: int = 120) -> None:
    """Write ``text`` to ``path`` in pieces, as a sync over a slow link does."""
    data = text.encode("utf-8")
    step = len(data) // chunks + 1
    with path.open("wb") as out:
        for start in range(0, len(data), step):
            out.write(data[start : start + step])
            out.flush()
            os.fsync(out.fileno())
            spin(pause_ms)


def settle(changed: list[DeckSet], qtbot: Any) -> None:
    qtbot.waitUntil(lambda: bool(changed), timeout=5000)
    spin(1500)  # and nothing after it


def titles(deck_set: DeckSet) -> list[str]:
    return [s.title for s in deck_set.default.slides]


def whole(deck_set: DeckSet, word: str) -> bool:
    return titles(deck_set) == [f"{word} {n}" for n in range(1, SLIDES + 1)]


@pytest.mark.parametrize(
    "temporary",
    [".syncthing.slides.md.tmp", "~syncthing~slides.md.tmp", ".slides.md.Xq3Zt9"],
    ids=["syncthing", "syncthing-windows", "rsync"],
)
def test_a_temporary_file_renamed_over_the_deck(watched: Any, qtbot: Any, temporary: str) -> None:
    """Syncthing (.syncthing.NAME.tmp, or ~syncthing~NAME.tmp) and rsync (.NAME.XXXXXX)
    write beside the file, then rename: one reload, of the whole new deck."""
    folder, _, changed, failed = watched
    written_slowly(folder / temporary, deck_text("Après"))
    os.replace(folder / temporary, folder / "slides.md")
    settle(changed, qtbot)
    assert failed == [] and all(whole(d, "Après") for d in changed) and len(changed) == 1


def test_an_editor_truncates_and_writes_in_place(watched: Any, qtbot: Any) -> None:
    folder, _, changed, failed = watched
    written_slowly(folder / "slides.md", deck_text("Après"), chunks=4, pause_ms=100)
    settle(changed, qtbot)
    # Only the whole file is ever shown: no deck of half the slides on the way.
    assert failed == [] and changed and all(whole(d, "Après") for d in changed)


def test_a_whole_folder_replaced(watched: Any, qtbot: Any, tmp_path: Path) -> None:
    folder, _, changed, failed = watched
    fresh = tmp_path / "deck.new"
    fresh.mkdir()
    (fresh / "slides.md").write_text(deck_text("Après"), encoding="utf-8")
    old = tmp_path / "deck.old"
    os.replace(folder, old)
    os.replace(fresh, folder)
    settle(changed, qtbot)
    shutil.rmtree(old)
    spin(800)
    assert failed == [] and all(whole(d, "Après") for d in changed) and len(changed) == 1


def test_no_warning_storm_while_files_arrive_one_by_one(
    watched: Any, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    folder, _, changed, failed = watched
    started = time.monotonic()
    for n in range(8):  # a sync bringing images in, one file every 150 ms
        (folder / f".syncthing.img{n}.png.tmp").write_bytes(b"x" * 100)
        os.replace(folder / f".syncthing.img{n}.png.tmp", folder / f"img{n}.png")
        spin(150)
    written_slowly(folder / ".slides.md.tmp", deck_text("Après"), chunks=2, pause_ms=50)
    os.replace(folder / ".slides.md.tmp", folder / "slides.md")
    settle(changed, qtbot)
    assert failed == []
    assert len(changed) <= 2 and whole(changed[-1], "Après")
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and r.created >= started]
    assert warnings == []
