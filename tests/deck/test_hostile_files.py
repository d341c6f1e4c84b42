"""Special files and links in a deck folder: refused with file and line, never read, never a hang."""

from __future__ import annotations

import errno
import json
import logging
import os
import resource
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from kiosk.deck import DeckSet, Severity, load_deck, load_deck_set
from kiosk.deck.cache import folder_stamp

T = TypeVar("T")

GOOD = "---\ntitle: Bonjour\n---\n\n# Bonjour\n\nUn texte court.\n"
# A check of a small deck takes about half a second; a hang is what this catches.
CHECK_TIMEOUT_S = 30
# `kiosk check` of a small deck peaks near 30 MB; /dev/zero read whole would pass any limit.
ADDRESS_SPACE_LIMIT = 1024 * 1024 * 1024
PIPE_MESSAGE = "not a regular file (a named pipe): only ordinary files are read"


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
    """Whether some process holds ``fifo`` open for reading (a blocked reader counts)."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # no reader: nobody opened it
            return False
        raise
    os.close(fd)  # a blocked reader now sees the end of the file and lets go
    return True


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    deck = tmp_path / "deck"
    deck.mkdir()
    return deck


@pytest.fixture
def fifo(folder: Path) -> Iterator[Path]:
    """A named pipe as the deck's slides.md; any reader left blocked on it is let go."""
    path = folder / "slides.md"
    os.mkfifo(path)
    yield path
    has_reader(path)


def kiosk_check(deck: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`kiosk check` as the author runs it, in its own process, its memory capped."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))

    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(deck), *args],
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT_S,
        env=env,
        preexec_fn=cap_memory,
        check=False,
    )


def errors(deck_set: DeckSet) -> list[tuple[str, int, str]]:
    return [
        (f.file.name, f.line, f.message)
        for f in deck_set.all_findings
        if f.severity is Severity.ERROR
    ]


# --- point 2: special files ---------------------------------------------------------


def test_check_on_a_named_pipe_slides_md_exits_1_at_once_with_file_and_line(
    fifo: Path, tmp_path: Path
) -> None:
    result = kiosk_check(fifo.parent, tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"slides.md:1: error: {PIPE_MESSAGE}" in result.stdout
    assert "Traceback" not in result.stderr
    assert not has_reader(fifo)


def test_loader_refuses_a_named_pipe_without_opening_it(fifo: Path) -> None:
    deck_set = within(10, lambda: load_deck_set(fifo.parent))
    assert errors(deck_set) == [("slides.md", 1, PIPE_MESSAGE)]
    assert deck_set.default.slides == ()
    assert not has_reader(fifo)  # never opened, not even without blocking


def test_show_start_on_a_named_pipe_deck_logs_why_and_does_not_freeze(
    fifo: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk.show import load_for_display

    caplog.set_level(logging.ERROR)
    for cache_dir in (None, tmp_path / "cache", tmp_path / "cache"):  # uncached, store, hit
        deck_set = within(10, lambda d=cache_dir: load_for_display(fifo.parent, d))
        assert deck_set is not None and deck_set.default.slides == ()
        assert PIPE_MESSAGE in caplog.text
        caplog.clear()
    assert not has_reader(fifo)


def test_check_on_slides_md_linked_to_dev_zero_ends_in_bounded_memory(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "slides.md").symlink_to("/dev/zero")
    result = kiosk_check(folder, tmp_path)
    assert result.returncode == 1, result.stderr
    assert (
        "slides.md:1: error: not a regular file (a device, through a link to /dev/zero):"
        " only ordinary files are read"
    ) in result.stdout
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr


def test_a_named_pipe_translation_is_an_error_not_a_missing_language(folder: Path) -> None:
    (folder / "slides.md").write_text(GOOD.replace("---\n", "---\nlang: fr\n", 1), encoding="utf-8")
    os.mkfifo(folder / "slides.en.md")
    try:
        deck_set = within(10, lambda: load_deck_set(folder))
    finally:
        has_reader(folder / "slides.en.md")
    assert errors(deck_set) == [("slides.en.md", 1, PIPE_MESSAGE)]
    assert deck_set.languages == ("fr",)  # no empty language for the visitors' button


def test_a_named_pipe_as_import_or_image_is_an_error_at_its_line(folder: Path) -> None:
    os.mkfifo(folder / "part.md")
    os.mkfifo(folder / "pipe.png")
    main = folder / "slides.md"
    main.write_text(GOOD + "\n---\nsrc: part.md\n---\n\n---\n\n# Image\n\n![x](pipe.png)\n")
    try:
        deck = within(10, lambda: load_deck(main))
    finally:
        has_reader(folder / "part.md")
    found = [(f.line, f.message) for f in deck.errors]
    assert found == [
        (10, f"import part.md: {PIPE_MESSAGE}"),
        (17, f"image pipe.png: {PIPE_MESSAGE}"),
    ]
    assert not has_reader(folder / "part.md")


def test_reads_are_bounded_by_bytes_read_not_by_the_size_reported(tmp_path: Path) -> None:
    from kiosk.deck.source import NotRegularFile, read_bytes_bounded

    status = Path("/proc/self/status")  # a regular file that says it is empty
    assert status.stat().st_size == 0
    assert len(read_bytes_bounded(status, 10)) == 11  # limit + 1: "too big" for the caller
    with pytest.raises(NotRegularFile) as device:
        read_bytes_bounded("/dev/zero", 10)
    assert device.value.kind == "a device"
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotRegularFile) as pipe:
        within(10, lambda: read_bytes_bounded(tmp_path / "pipe", 10))
    assert pipe.value.kind == "a named pipe"
    (tmp_path / "link").symlink_to(tmp_path / "pipe")
    with pytest.raises(OSError):  # O_NOFOLLOW: a link is refused, whatever it points to
        read_bytes_bounded(tmp_path / "link", 10, follow_symlinks=False)


def test_the_deck_cache_stamps_special_files_without_opening_them(folder: Path) -> None:
    (folder / "slides.md").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "loop.md").symlink_to("loop.md")
    stamp = within(10, lambda: folder_stamp(folder))
    assert stamp is not None
    assert {Path(name).name for name, _, _ in stamp} >= {"slides.md", "pipe.md", "zero.md"}
    assert not has_reader(folder / "pipe.md")


# --- point 3: links out of the deck folder ------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A Markdown file next to the deck folder, not in it: its text must never show."""
    path = tmp_path / "outside.md"
    path.write_text("---\ntitle: Secret\n---\n\n# Secret du dehors\n\nroot:x:0:0\n")
    return path


def test_check_refuses_slides_md_linked_outside_the_folder_and_never_shows_it(
    folder: Path, outside: Path, tmp_path: Path
) -> None:
    (folder / "slides.md").symlink_to(outside)
    result = kiosk_check(folder, tmp_path, "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["slides"] == 0 and report["outline"] == []
    assert [e["message"] for e in report["errors"]] == [
        f"a link to {outside}, which leaves the deck folder: only files inside it are read"
    ]
    assert "Secret" not in result.stdout


def test_a_translation_linked_to_etc_passwd_is_refused_unread(folder: Path) -> None:
    (folder / "slides.md").write_text(GOOD, encoding="utf-8")
    (folder / "slides.en.md").symlink_to("/etc/passwd")
    deck_set = load_deck_set(folder)
    assert errors(deck_set) == [
        (
            "slides.en.md",
            1,
            "a link to /etc/passwd, which leaves the deck folder: only files inside it are read",
        )
    ]
    assert [d.path.name for d in deck_set.decks] == ["slides.md"]


LOGO = "---\ntitle: Bonjour\nthemeConfig:\n  logo: logo.png\n---\n\n# Bonjour\n"


@pytest.mark.parametrize(
    ("link", "text", "line", "message"),
    [
        ("part.md", GOOD + "\n---\nsrc: part.md\n---\n", 10, "import part.md leaves the deck"),
        ("hero.png", GOOD + "\n---\n\n# I\n\n![x](hero.png)\n", 13, "image path hero.png leaves"),
        ("logo.png", LOGO, 1, "image path logo.png leaves"),
    ],
    ids=["import", "image", "logo"],
)
def test_imports_images_and_logo_linked_outside_are_refused(
    folder: Path, outside: Path, link: str, text: str, line: int, message: str
) -> None:
    (folder / link).symlink_to(outside)
    main = folder / "slides.md"
    main.write_text(text, encoding="utf-8")
    deck = load_deck(main)
    assert [(f.line, f.message[: len(message)]) for f in deck.errors] == [(line, message)]
    assert all("Secret" not in s.title + s.body for s in deck.slides)
    assert deck.theme.logo is None


def test_a_deck_file_given_by_a_link_out_of_its_folder_is_refused(
    folder: Path, outside: Path
) -> None:
    link = folder / "talk.md"
    link.symlink_to(outside)
    deck = load_deck_set(link).default
    assert deck.slides == ()
    assert [f.message for f in deck.errors] == [
        f"a link to {outside}, which leaves the deck folder: only files inside it are read"
    ]


def test_links_that_stay_inside_the_folder_are_read(folder: Path) -> None:
    from kiosk.deck.source import is_regular_file_inside

    (folder / "versions").mkdir()
    (folder / "versions" / "v2.md").write_text(
        GOOD.replace("---\n", "---\nlang: fr\n", 1), encoding="utf-8"
    )
    (folder / "versions" / "v2.en.md").write_text(
        GOOD.replace("Bonjour", "Hello").replace("---\n\n", "lang: en\n---\n\n", 1)
    )
    (folder / "slides.md").symlink_to("versions/v2.md")
    (folder / "slides.en.md").symlink_to(folder / "versions" / "v2.en.md")
    deck_set = load_deck_set(folder)
    assert errors(deck_set) == []
    assert [d.slides[0].title for d in deck_set.decks] == ["Bonjour", "Hello"]
    assert is_regular_file_inside(folder, folder / "slides.md")
    assert not is_regular_file_inside(folder, folder / "versions")  # a folder
    assert not is_regular_file_inside(folder / "versions", folder.parent)  # above it


def test_dangling_links_and_loops_are_errors_with_file_and_line(folder: Path) -> None:
    (folder / "slides.md").symlink_to("gone.md")
    (folder / "slides.en.md").symlink_to("slides.en.md")
    assert sorted(errors(load_deck_set(folder))) == [
        ("slides.en.md", 1, "a symlink loop: the link leads back to itself"),
        ("slides.md", 1, "cannot read file: it is a link to gone.md, which does not exist"),
    ]


def test_the_deck_cache_sees_a_file_swapped_for_a_link_of_the_same_size_and_time(
    folder: Path, tmp_path: Path
) -> None:
    from kiosk.deck.cache import cached_deck_set

    (folder / "slides.md").write_text(GOOD + "\n---\nsrc: part.md\n---\n", encoding="utf-8")
    part = folder / "part.md"
    part.write_text("# Partie\n", encoding="utf-8")
    os.utime(part, ns=(1_000_000_000, 1_000_000_000))
    assert errors(cached_deck_set(folder, tmp_path / "cache")) == []
    twin = tmp_path / "twin.md"  # outside, same size and time: only the link tells them apart
    twin.write_text("# Secret\n", encoding="utf-8")
    os.utime(twin, ns=(1_000_000_000, 1_000_000_000))
    part.unlink()
    part.symlink_to(twin)
    assert errors(cached_deck_set(folder, tmp_path / "cache")) == [
        ("slides.md", 10, "import part.md leaves the deck folder")
    ]
