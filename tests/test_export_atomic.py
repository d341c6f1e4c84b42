"""`kiosk export` writes each file whole or not at all, and says so when it cannot.

The full disk is a real one: a 48 KiB tmpfs mounted for the test (the tests run as root).
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import main

DECK = """---
title: Deux diapositives
---

# Bonjour

Une diapositive.

---

# Deux

Encore une.
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "slides.md").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 64 KiB filesystem: smaller than the PDF, room for one PNG."""
    folder = tmp_path / "small"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)


def test_pdf_on_a_full_disk_exits_1_and_leaves_nothing(
    qapp: Any, deck: Path, full_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = full_disk / "deck.pdf"

    assert main(["export", str(deck), "--pdf", str(target)]) == 1

    err = capsys.readouterr().err
    assert f"{target}: could not write (No space left on device); nothing written" in err
    assert "2-page PDF" not in err  # never the success line
    assert list(full_disk.iterdir()) == []  # no truncated PDF, no temporary file


def test_a_failed_pdf_keeps_the_previous_one(
    qapp: Any, deck: Path, full_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = full_disk / "deck.pdf"
    target.write_bytes(b"%PDF-1.4 the signed-off version\n")

    assert main(["export", str(deck), "--pdf", str(target)]) == 1

    assert target.read_bytes() == b"%PDF-1.4 the signed-off version\n"
    assert leftovers(full_disk) == []


def test_pngs_on_a_full_disk_are_each_whole_or_absent(
    qapp: Any, deck: Path, full_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(deck), "--out", str(full_disk)]) == 1

    assert "No space left on device" in capsys.readouterr().err
    assert leftovers(full_disk) == []
    written = sorted(full_disk.glob("*.png"))
    assert len(written) < 2
    for path in written:  # each one there is a whole image
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1920, 1080), path


def test_pdf_over_a_proc_file_exits_1(
    qapp: Any, deck: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path("/proc/version").read_text(encoding="utf-8")

    assert main(["export", str(deck), "--pdf", "/proc/version", "--size", "320x180"]) == 1

    assert "kiosk export: /proc/version: cannot write in /proc" in capsys.readouterr().err
    assert Path("/proc/version").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_pdf_never_writes_over_a_special_file(
    qapp: Any, deck: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "deck.pdf"
    if kind == "fifo":
        os.mkfifo(target)  # opening it for writing would block for ever
    elif kind == "device":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()

    assert main(["export", str(deck), "--pdf", str(target), "--size", "320x180"]) == 1

    assert "exists and is not a regular file; not written over" in capsys.readouterr().err
    assert leftovers(tmp_path) == []
    assert target.is_symlink() if kind == "device" else True


def test_a_written_pdf_is_whole_with_the_usual_permissions(
    qapp: Any, deck: Path, tmp_path: Path
) -> None:
    target = tmp_path / "deck.pdf"
    previous = os.umask(0o022)
    try:
        assert main(["export", str(deck), "--pdf", str(target), "--size", "320x180"]) == 0
    finally:
        os.umask(previous)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's 0600
    assert leftovers(tmp_path) == []
