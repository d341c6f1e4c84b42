"""Any tree of files, folders, links and named pipes as a deck folder gets an answer, quickly."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.deck import DeckSet, load_deck_set
from kiosk.deck.cache import folder_stamp

T = TypeVar("T")

# What an entry of the tree is.
KINDS = (
    "file",
    "folder",
    "link-inside",
    "link-outside",
    "link-to-parent",
    "dangling",
    "loop",
    "dev-zero",
    "fifo",
)
NAMES = (
    "slides.md",
    "slides.en.md",
    "slides.de.md",
    "part.md",
    "other.md",
    "img.png",
    "sub",
    "sub/part.md",
    "sub/img.png",
)
# Deck text that reaches for the other names: imports, images, a logo.
SNIPPETS = (
    "# Titre\n\nTexte.\n",
    "---\nlang: en\n---\n\n# Title\n",
    "---\nthemeConfig:\n  logo: img.png\n---\n\n# Logo\n",
    "\n---\nsrc: part.md\n---\n",
    "\n---\nsrc: sub/part.md\n---\n",
    "\n---\nsrc: other.md\n---\n",
    "\n---\nlayout: image\nimage: sub/img.png\n---\n\n# I\n",
    "\n---\n\n![x](img.png)\n",
    "\n---\n\n![x](../outside/secret.md)\n",
)
SECRET = "DEHORS-7f3a"  # in the file outside the deck folder: must never be in a deck
ENTRY = st.tuples(st.sampled_from(NAMES), st.sampled_from(KINDS), st.sampled_from(NAMES))
TREE = st.tuples(
    st.sampled_from(KINDS),  # what slides.md itself is
    st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=4).map("".join),
    st.lists(ENTRY, max_size=8),
)
# A check of a small deck takes about half a second; a hang is what this catches.
CHECK_TIMEOUT_S = 20
LOAD_TIMEOUT_S = 10
PEAK_BYTES = 64 * 1024 * 1024
ADDRESS_SPACE_LIMIT = 1024 * 1024 * 1024
# `kiosk check DECK` with its address space capped by itself, not by a preexec_fn: that
# runs between fork and exec in a process whose Qt threads may hold locks, and the whole
# suite's runs now and then died there (a segfault, a bus error).
CAPPED_CHECK = (
    "import resource, runpy, sys;"
    f" resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE_LIMIT}, {ADDRESS_SPACE_LIMIT}));"
    " sys.argv = ['kiosk', 'check', sys.argv[1]];"
    " runpy.run_module('kiosk', run_name='__main__')"
)


def build(base: Path, tree: tuple[str, str, list[tuple[str, str, str]]]) -> tuple[Path, list[Path]]:
    """Make the deck folder ``base/deck`` (and ``base/outside``); return it and its pipes."""
    main_kind, text, entries = tree
    deck, outside = base / "deck", base / "outside"
    deck.mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text(f"# {SECRET}\n\n{SECRET}\n", encoding="utf-8")
    pipes: list[Path] = []
    for name, kind, target in [("slides.md", main_kind, "part.md"), *entries]:
        path = deck / name
        if os.path.lexists(path) or not path.parent.is_dir() or path.parent.is_symlink():
            continue  # taken, or under something that is not a plain folder
        if kind == "file":
            path.write_text(text, encoding="utf-8")
        elif kind == "folder":
            path.mkdir()
        elif kind == "link-inside":
            path.symlink_to(os.path.relpath(deck / target, path.parent))
        elif kind == "link-outside":
            path.symlink_to(outside / "secret.md")
        elif kind == "link-to-parent":
            path.symlink_to("..")
        elif kind == "dangling":
            path.symlink_to("nowhere/gone.md")
        elif kind == "loop":
            path.symlink_to(path.name)
        elif kind == "dev-zero":
            path.symlink_to("/dev/zero")
        else:
            os.mkfifo(path)
            pipes.append(path)
    return deck, pipes


def within(seconds: float, call: Callable[[], T]) -> T:
    """``call()``, failing the test if it is still blocked after ``seconds``."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed back to the test below
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still blocked after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def has_reader(fifo: Path) -> bool:
    """Whether some process holds ``fifo`` open for reading; lets a blocked reader go."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            return False
        raise
    os.close(fd)
    return True


def assert_safe(deck_set: DeckSet, deck: Path) -> None:
    root = deck.resolve()
    for one in deck_set.decks:
        for slide in one.slides:
            assert slide.file.resolve().is_relative_to(root)
            assert SECRET not in slide.title + slide.body + slide.statement
            if slide.image is not None:
                assert slide.image.is_relative_to(root)
        if one.theme.logo is not None:
            assert one.theme.logo.is_relative_to(root)
    for finding in deck_set.all_findings:
        assert finding.line >= 1 and finding.message


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tree=TREE)
def test_any_tree_gives_the_loader_an_answer_without_opening_pipes_or_leaving_the_folder(
    tree: tuple[str, str, list[tuple[str, str, str]]],
) -> None:
    with tempfile.TemporaryDirectory() as base:
        deck, pipes = build(Path(base), tree)
        tracemalloc.start()
        try:
            deck_set = within(LOAD_TIMEOUT_S, lambda: load_deck_set(deck))
            stamp = within(LOAD_TIMEOUT_S, lambda: folder_stamp(deck))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            opened = [p.name for p in pipes if has_reader(p)]
        assert opened == []
        assert stamp is not None
        assert peak < PEAK_BYTES
        assert_safe(deck_set, deck)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tree=TREE)
def test_any_tree_gives_kiosk_check_an_exit_status_in_seconds_and_bounded_memory(
    tree: tuple[str, str, list[tuple[str, str, str]]],
) -> None:
    with tempfile.TemporaryDirectory() as base:
        deck, pipes = build(Path(base), tree)
        home = Path(base) / "home"
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
        try:
            result = subprocess.run(
                [sys.executable, "-c", CAPPED_CHECK, str(deck)],
                capture_output=True,
                text=True,
                timeout=CHECK_TIMEOUT_S,
                env=env,
                check=False,
            )
        finally:
            opened = [p.name for p in pipes if has_reader(p)]
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert SECRET not in result.stdout
        assert opened == []
