"""Reloads off the UI thread: the show keeps turning, one reload at a time, special files."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTimer

from kiosk.app import Display, DisplayOptions, StaffSetup
from kiosk.booth import Booth, BoothServices, ShowControls
from kiosk.deck import DeckSet, load_deck_set
from kiosk.qt.staff import StaffController
from kiosk.watch import DeckWatcher, _walk, content_hash

BIG = 3_000  # slides: a parse of about half a second, long enough to see the loop turn


def deck_text(*titles: str) -> str:
    slides = "\n---\n\n".join(
        f"# {title}\n\nTexte **{i}**, [lien](https://example.org/{i})\n"
        for i, title in enumerate(titles)
    )
    return f"---\ntitle: Booth\nlang: fr\n---\n\n{slides}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-save")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class GatedLoader:
    """load_deck_set, held on the worker thread until ``release``: a reload caught mid-way."""

    def __init__(self) -> None:
        self.calls = 0
        self.entered = threading.Event()
        self.gate = threading.Event()

    def __call__(self, path: Path) -> DeckSet:
        self.calls += 1
        self.entered.set()
        self.gate.wait(30)
        return load_deck_set(path)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    write(folder / "slides.md", deck_text("Hello", "World"))
    return folder


@pytest.fixture
def watchers(qapp: Any) -> Iterator[list[DeckWatcher]]:
    made: list[DeckWatcher] = []
    yield made
    for watcher in made:
        watcher.stop()
        watcher.deleteLater()


def started(made: list[DeckWatcher], path: Path, **options: Any) -> DeckWatcher:
    # A long debounce and no file watcher: only reload_now reloads, when the test says.
    watcher = DeckWatcher(path, debounce_ms=60_000, notify=False, poll_ms=600_000, **options)
    made.append(watcher)
    watcher.start(load_deck_set(path))
    return watcher


def test_the_ui_thread_keeps_turning_while_a_big_deck_is_read(
    deck: Path, watchers: list[DeckWatcher], qtbot: Any
) -> None:
    watcher = started(watchers, deck)
    write(deck / "slides.md", deck_text(*(f"Diapositive {i}" for i in range(BIG))))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    arrived: list[DeckSet] = []
    watcher.deckChanged.connect(arrived.append)
    began = time.monotonic()
    watcher.reload_now()
    assert arrived == []  # read in the background: not there when reload_now returns
    with qtbot.waitSignal(watcher.deckChanged, timeout=60_000) as changed:
        pass
    ended = time.monotonic()
    timer.stop()
    assert len(changed.args[0].default.slides) == BIG
    during = [t for t in ticks if began <= t <= ended]
    # The loop turned all along: many ticks, and no gap near the reload's own length
    # (on the UI thread, the whole parse would be one gap and no tick at all).
    assert len(during) >= 5
    gaps = [b - a for a, b in zip([began, *during], [*during, ended], strict=True)]
    assert max(gaps) < (ended - began) / 3


def test_a_change_during_a_reload_makes_one_more_after_it(
    deck: Path, watchers: list[DeckWatcher], qtbot: Any
) -> None:
    loader = GatedLoader()
    watcher = started(watchers, deck, loader=loader)
    arrived: list[list[str]] = []
    watcher.deckChanged.connect(
        lambda deck_set: arrived.append([s.title for s in deck_set.default.slides])
    )
    watcher.reload_now()
    assert loader.entered.wait(10) and watcher.busy
    write(deck / "slides.md", deck_text("Second"))
    watcher.reload_now()
    write(deck / "slides.md", deck_text("Third"))
    watcher.reload_now()  # asked twice while busy: one more reload, not two
    assert loader.calls == 1  # never two at once
    loader.gate.set()
    qtbot.waitUntil(lambda: len(arrived) == 2 and not watcher.busy, timeout=10_000)
    with qtbot.assertNotEmitted(watcher.deckChanged, wait=200):
        pass
    assert loader.calls == 2
    assert arrived[-1] == ["Third"]  # the last edit wins
    assert watcher.last_good is not None
    assert [s.title for s in watcher.last_good.default.slides] == ["Third"]


def test_a_reload_running_when_the_watcher_stops_is_dropped(
    deck: Path, watchers: list[DeckWatcher], qtbot: Any
) -> None:
    loader = GatedLoader()
    watcher = started(watchers, deck, loader=loader)
    shown = watcher.last_good
    watcher.reload_now()
    assert loader.entered.wait(10)
    watcher.stop()
    with (
        qtbot.assertNotEmitted(watcher.deckChanged, wait=300),
        qtbot.assertNotEmitted(watcher.reloadFinished, wait=0),
    ):
        write(deck / "slides.md", deck_text("Too late"))
        loader.gate.set()
        qtbot.waitUntil(lambda: not watcher.busy, timeout=10_000)
    assert watcher.last_good is shown


def test_a_reload_ending_after_its_watcher_is_deleted_is_dropped(
    deck: Path, qapp: Any, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # A show torn down while its deck is read (a test's, or the app quitting): the read's
    # end must not touch the deleted watcher; it is said in the log, and nothing else.
    loader = GatedLoader()
    watcher = DeckWatcher(deck, loader=loader, notify=False)
    watcher.start(load_deck_set(deck))
    watcher.reload_now()
    assert loader.entered.wait(10)
    thread = watcher._worker
    watcher.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(watcher), timeout=2000)
    caplog.set_level("DEBUG", logger="kiosk.watch")
    loader.gate.set()
    assert thread is not None
    thread.join(10)
    qtbot.waitUntil(
        lambda: "a reload finished after its watcher was gone" in caplog.text, timeout=5000
    )


def test_a_fifo_and_a_link_to_dev_zero_in_the_folder_never_block_the_hash(deck: Path) -> None:
    fifo = deck / "a-pipe"  # sorted first: a blocking open would stop the hash there
    os.mkfifo(fifo)
    (deck / "z-zero").symlink_to("/dev/zero")
    files = [fifo, deck / "slides.md", deck / "z-zero"]
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(content_hash(files, deck)), daemon=True)
    worker.start()
    worker.join(10)
    try:
        assert not worker.is_alive() and len(result[0]) == 12
    finally:
        if worker.is_alive():  # the old code blocked in open(): a writer lets it go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert _walk(deck, 100) == [deck / "slides.md"]  # neither is watched nor stamped


def test_a_deck_folder_with_special_files_still_reloads(
    deck: Path, watchers: list[DeckWatcher], qtbot: Any
) -> None:
    os.mkfifo(deck / "a-pipe")
    (deck / "z-zero").symlink_to("/dev/zero")
    watcher = started(watchers, deck)
    assert len(watcher.content_hash) == 12
    write(deck / "slides.md", deck_text("Encore"))
    with qtbot.waitSignal(watcher.deckChanged, timeout=10_000) as changed:
        watcher.reload_now()
    assert [s.title for s in changed.args[0].default.slides] == ["Encore"]


def test_the_staff_reload_shows_the_outcome_when_the_background_reload_ends(
    deck: Path, qapp: Any, qtbot: Any
) -> None:
    loader = GatedLoader()
    watcher = DeckWatcher(deck, loader=loader, debounce_ms=60_000, notify=False)
    staff = StaffController("", windowed=True)
    display = Display(load_deck_set(deck), DisplayOptions(size=(640, 360)), StaffSetup(staff))
    booth = Booth(ShowControls.of(display), staff, parent=display)
    results: list[tuple[str, bool]] = []
    staff.show_result = lambda text, ok: results.append((text, ok))  # type: ignore[method-assign]
    try:
        booth.start(watcher.last_good or load_deck_set(deck), BoothServices(watcher=watcher))
        write(deck / "slides.md", deck_text("Un", "Deux", "Trois"))
        booth._reload()  # the panel's « Reload »
        assert loader.entered.wait(10)
        assert results == []  # nothing to say yet: the deck is being read
        loader.gate.set()
        qtbot.waitUntil(lambda: bool(results), timeout=10_000)
        # In the staff's language (a French deck: a French booth), not the log's English.
        assert results == [("rechargé deck/slides.md\u202f: 3 diapositives (fr)", True)]
        assert display.slides.rowCount() == 3  # and the show has it
    finally:
        loader.gate.set()
        booth.stop()
        display.deleteLater()
        qapp.processEvents()


def test_a_deck_of_thousands_makes_only_the_wanted_slide_holders(
    tmp_path: Path, qapp: Any, qtbot: Any
) -> None:
    """Swapping a big deck in and out builds the current slide and its neighbours, not a
    holder per slide: one per row made the show freeze most of a second at 16,000."""
    from PySide6.QtCore import QObject

    write(tmp_path / "big" / "slides.md", deck_text(*(f"S{i}" for i in range(BIG))))
    write(tmp_path / "small" / "slides.md", deck_text("Un", "Deux"))
    big, small = load_deck_set(tmp_path / "big"), load_deck_set(tmp_path / "small")
    display = Display(small, DisplayOptions(size=(640, 360), reduced_motion=True))
    try:
        display.show()
        display.warm_up()
        view = display.window.findChild(QObject, "slideView")

        def every_holder() -> list[QObject]:
            return [c for c in view.childItems() if c.property("isCurrent") is not None]

        def holders() -> list[QObject]:
            # A holder let go keeps its place until the loop deletes it, but not its slide.
            return [h for h in every_holder() if h.property("content") is not None]

        def titles() -> set[str]:
            return {str(h.property("content").property("title")) for h in holders()}

        qtbot.waitUntil(lambda: titles() == {"Un", "Deux"}, timeout=5000)
        display.set_deck(big)
        qtbot.waitUntil(lambda: len(holders()) == 3, timeout=5000)
        assert titles() == {"S0", "S1", f"S{BIG - 1}"}  # the cover and its neighbours
        qtbot.waitUntil(lambda: len(every_holder()) == 3, timeout=5000)  # none for the rest
        display.navigator.goTo(1500)
        qtbot.waitUntil(lambda: titles() == {"S1499", "S1500", "S1501"}, timeout=5000)
        display.set_deck(small)
        qtbot.waitUntil(lambda: titles() == {"Un", "Deux"} and len(holders()) == 2, timeout=5000)
        assert display.navigator.index() == 0  # slide 1501 is gone: the cover
    finally:
        display.deleteLater()
        qapp.processEvents()
