"""DeckWatcher: edits, breaks, fixes, deletions and new images reach the show, checked first."""

from __future__ import annotations

import logging
import os
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.deck import DeckSet, load_deck_set
from kiosk.watch import DeckWatcher, content_hash, deck_folder

FAST = 100  # debounce, in ms, for the tests that are not about timing


def deck_text(*titles: str, extra: str = "") -> str:
    """A small deck: a headmatter, then one slide per title."""
    slides = "\n---\n\n".join(f"# {title}\n" for title in titles)
    return f"---\ntitle: Booth\nlang: fr\n---\n\n{slides}{extra}"


BROKEN = textwrap.dedent(
    """\
    ---
    title: Booth
    ---

    # Hello

    ---
    duration: -2
    ---

    # Broken
    """
)


def write(path: Path, text: str) -> None:
    """Save like an editor does: write a temporary file beside, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-save")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def titles(deck_set: DeckSet) -> list[str]:
    return [slide.title for slide in deck_set.default.slides]


def png(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(16, 9, QImage.Format.Format_RGB32)
    image.fill(QColor("#2d6a4f"))
    assert image.save(str(path))


class CountingLoader:
    """load_deck_set, counting its calls."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.calls = 0
        self.fail = fail

    def __call__(self, path: Path) -> DeckSet:
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        return load_deck_set(path)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    write(folder / "slides.md", deck_text("Hello", "World"))
    return folder


@pytest.fixture
def make_watcher(qapp: Any) -> Iterator[Callable[..., DeckWatcher]]:
    made: list[DeckWatcher] = []

    def make(path: Path, *, start: bool = True, **options: Any) -> DeckWatcher:
        options.setdefault("debounce_ms", FAST)
        watcher = DeckWatcher(path, **options)
        made.append(watcher)
        if start:
            current = load_deck_set(path) if (path / "slides.md").is_file() else None
            watcher.start(current)
        return watcher

    yield make
    for watcher in made:
        watcher.stop()
        watcher.deleteLater()


def test_an_edit_reaches_the_show_within_two_seconds(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    watcher = make_watcher(deck, debounce_ms=500)  # the booth's own timing
    saved = time.monotonic()
    with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
        write(deck / "slides.md", deck_text("Bonjour", "World"))
    assert time.monotonic() - saved < 2.0
    assert titles(changed.args[0]) == ["Bonjour", "World"]
    assert watcher.last_good is changed.args[0]
    outcome = watcher.last_outcome
    assert outcome is not None and outcome.ok
    assert outcome.text == "reloaded deck/slides.md: 2 slides (fr)"
    assert outcome.at >= saved


def test_every_save_is_seen_though_editors_replace_the_file(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    watcher = make_watcher(deck)
    for word in ("One", "Two", "Three"):
        with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
            write(deck / "slides.md", deck_text(word))
        assert titles(changed.args[0]) == [word]


def test_a_broken_deck_is_refused_and_a_fixed_one_comes_back(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any, caplog: Any
) -> None:
    watcher = make_watcher(deck)
    shown = watcher.last_good
    assert shown is not None

    with (
        qtbot.assertNotEmitted(watcher.deckChanged, wait=FAST * 3),
        qtbot.waitSignal(watcher.reloadFailed, timeout=2000) as failed,
    ):
        write(deck / "slides.md", BROKEN)
    reason = failed.args[0]
    assert reason.startswith("deck/slides.md:8: error: ")
    assert "duration" in reason and "\n" not in reason
    assert watcher.last_good is shown  # the last good deck stays
    outcome = watcher.last_outcome
    assert outcome is not None and not outcome.ok and outcome.text == reason
    assert any(r.levelno == logging.WARNING and reason in r.getMessage() for r in caplog.records)

    with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
        write(deck / "slides.md", deck_text("Fixed"))
    assert titles(changed.args[0]) == ["Fixed"]
    assert watcher.last_outcome is not None and watcher.last_outcome.ok


def test_a_reason_counts_the_other_errors(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    watcher = make_watcher(deck)
    twice = BROKEN + "\n---\nduration: 0\n---\n\n# Again\n"
    with qtbot.waitSignal(watcher.reloadFailed, timeout=2000) as failed:
        write(deck / "slides.md", twice)
    assert failed.args[0].endswith(" (and 1 more error)")


def test_the_main_file_deleted_then_restored(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    watcher = make_watcher(deck)
    main = deck / "slides.md"
    text = main.read_text(encoding="utf-8")

    with (
        qtbot.assertNotEmitted(watcher.deckChanged, wait=FAST * 3),
        qtbot.waitSignal(watcher.reloadFailed, timeout=2000) as failed,
    ):
        main.unlink()
    assert "no slides.md" in failed.args[0]

    with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
        main.write_text(text, encoding="utf-8")
    assert titles(changed.args[0]) == ["Hello", "World"]


def test_an_image_added_fixes_the_deck(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    write(
        deck / "slides.md",
        deck_text("Hello", extra="\n---\nlayout: image\nimage: img/photo.png\n---\n\n# Pic\n"),
    )
    # The show starts on the broken deck: the neutral screen, nothing handed over yet.
    watcher = make_watcher(deck, start=False)
    watcher.start(None)
    assert watcher.content_hash == ""

    with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
        png(deck / "img" / "photo.png")  # the folder img/ is new too
    slide = changed.args[0].default.slides[1]
    assert slide.image == deck / "img" / "photo.png"
    assert len(watcher.content_hash) == 12


def test_an_image_replaced_reloads(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    png(deck / "img" / "photo.png")
    write(
        deck / "slides.md",
        deck_text("Hello", extra="\n---\nimage: img/photo.png\nlayout: image\n---\n\n# Pic\n"),
    )
    watcher = make_watcher(deck)
    before = watcher.content_hash
    assert f"{deck}/img/photo.png" in watcher.watched()

    with qtbot.waitSignal(watcher.deckChanged, timeout=2000):
        image = QImage(32, 18, QImage.Format.Format_RGB32)
        image.fill(QColor("#d8f3dc"))
        image.save(str(deck / "img" / "photo.png"))
    assert watcher.content_hash != before


def test_imports_and_translations_are_watched(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    write(deck / "pages" / "part.md", "# Imported\n")
    write(deck / "slides.md", deck_text("Hello", extra="\n---\nsrc: pages/part.md\n---\n"))
    write(deck / "slides.en.md", "---\nlang: en\n---\n\n# Hello\n\n---\n\n# Imported\n")
    watcher = make_watcher(deck)

    with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
        write(deck / "pages" / "part.md", "# Importé\n")
    assert titles(changed.args[0]) == ["Hello", "Importé"]

    with qtbot.waitSignal(watcher.reloadFailed, timeout=2000) as failed:
        write(deck / "slides.en.md", "---\nlang: en\n---\n\n# Hello\n")
    assert failed.args[0].startswith("deck/slides.en.md:1: error: 1 slides in `en` but 2")


def test_changes_within_the_debounce_window_make_one_reload(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any, qapp: Any
) -> None:
    loader = CountingLoader()
    watcher = make_watcher(deck, loader=loader, debounce_ms=400)
    with qtbot.waitSignal(watcher.deckChanged, timeout=3000) as changed:
        for step in range(5):  # five saves, 50 ms apart: well within 400 ms of each other
            write(deck / "slides.md", deck_text(f"Draft {step}"))
            qtbot.wait(50)
    with qtbot.assertNotEmitted(watcher.deckChanged, wait=600):
        pass
    assert loader.calls == 1
    assert titles(changed.args[0]) == ["Draft 4"]


def test_editor_leftovers_do_not_reload(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    loader = CountingLoader()
    watcher = make_watcher(deck, loader=loader)
    with qtbot.assertNotEmitted(watcher.deckChanged, wait=FAST * 4):
        (deck / ".slides.md.swp").write_bytes(b"vim")
        (deck / "slides.md~").write_text("backup", encoding="utf-8")
    assert loader.calls == 0


def test_a_deck_folder_made_after_the_start(
    tmp_path: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    folder = tmp_path / "later" / "deck"
    watcher = make_watcher(folder)  # nothing there yet: the neutral screen
    assert watcher.last_good is None
    assert str(tmp_path) in watcher.watched()

    with qtbot.waitSignal(watcher.deckChanged, timeout=3000) as changed:
        folder.mkdir(parents=True)
        qtbot.wait(FAST * 2)  # the folder alone, first: then its file
        (folder / "slides.md").write_text(deck_text("Enfin"), encoding="utf-8")
    assert titles(changed.args[0]) == ["Enfin"]


def test_a_markdown_file_as_the_deck(
    tmp_path: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    path = tmp_path / "talk.md"
    write(path, deck_text("One"))
    watcher = DeckWatcher(path, debounce_ms=FAST)
    watcher.start(load_deck_set(path))
    try:
        with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
            write(path, deck_text("Two"))
        assert titles(changed.args[0]) == ["Two"]
    finally:
        watcher.stop()


def test_the_poll_alone_sees_changes(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    """For filesystems that do not report changes: the stamp is compared on a timer."""
    watcher = make_watcher(deck, notify=False, poll_ms=100)
    assert watcher.watched() == []
    with qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed:
        write(deck / "slides.md", deck_text("Polled"))
    assert titles(changed.args[0]) == ["Polled"]


def test_a_loader_that_raises_is_a_failed_reload(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any, caplog: Any
) -> None:
    watcher = make_watcher(deck, loader=CountingLoader(fail=RuntimeError("parser bug\nline 2")))
    with qtbot.waitSignal(watcher.reloadFailed, timeout=2000) as failed:
        write(deck / "slides.md", deck_text("Any"))
    assert failed.args[0] == "deck: could not be read (RuntimeError: parser bug line 2)"
    assert any(r.exc_info for r in caplog.records)  # the traceback is in the log


def test_reload_now_reads_at_once(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    watcher = make_watcher(deck, debounce_ms=5_000)  # no help from the file's own event
    (deck / "slides.md").write_text(deck_text("Now"), encoding="utf-8")
    with (
        qtbot.waitSignal(watcher.reloadFinished, timeout=2000) as finished,
        qtbot.waitSignal(watcher.deckChanged, timeout=2000) as changed,
    ):
        assert watcher.reload_now() is None  # in the background: the outcome comes by signal
    outcome = finished.args[0]
    assert outcome.ok and titles(changed.args[0]) == ["Now"]
    assert outcome is watcher.last_outcome
    # The edit's own event, still pending, reloads once more: harmless, and no failure.
    with qtbot.assertNotEmitted(watcher.reloadFailed, wait=FAST * 3):
        pass


def test_stop_ends_the_watching(
    deck: Path, make_watcher: Callable[..., DeckWatcher], qtbot: Any
) -> None:
    watcher = make_watcher(deck, poll_ms=50)
    watcher.stop()
    assert watcher.watched() == []
    with qtbot.assertNotEmitted(watcher.deckChanged, wait=FAST * 4):
        write(deck / "slides.md", deck_text("Unseen"))


def test_deck_folder_and_content_hash(tmp_path: Path) -> None:
    write(tmp_path / "d" / "slides.md", "# A\n")
    assert deck_folder(tmp_path / "d") == tmp_path / "d"
    assert deck_folder(tmp_path / "d" / "slides.md") == tmp_path / "d"
    assert deck_folder(tmp_path / "missing.md") == tmp_path
    assert deck_folder(tmp_path / "missing") == tmp_path / "missing"
    files = [tmp_path / "d" / "slides.md"]
    first = content_hash(files, tmp_path / "d")
    assert first == content_hash(files, tmp_path / "d")
    write(tmp_path / "d" / "slides.md", "# B\n")
    assert content_hash(files, tmp_path / "d") != first
