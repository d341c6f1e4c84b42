"""The docs are true: their deck examples pass `kiosk check`, their screenshots are current.

Every ```markdown (or ```md) block of README.md and docs/ is a deck an author may copy: it
is checked as written (with the picture it names, the sample deck's, beside it). The
screenshots in docs/screenshots/ are drawn again by their scripts and compared with the
committed files: a change to what visitors see that was not drawn again fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.deck import Layout, load_deck_set

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
PICTURE = SHOTS / "sample" / "public" / "photo.png"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^(`{3,})(?:markdown|md)\n(.*?)^\1[ \t]*$", re.S | re.M)


def deck_examples() -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        for number, match in enumerate(FENCE.finditer(path.read_text(encoding="utf-8")), 1):
            found.append((f"{path.relative_to(ROOT)}#{number}", match.group(2)))
    return found


EXAMPLES = deck_examples()


def test_the_readme_has_its_deck_example() -> None:
    assert any(name.startswith("README.md") for name, _ in EXAMPLES)


@pytest.mark.parametrize(("name", "text"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_every_deck_example_passes_kiosk_check(name: str, text: str, tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "slides.md").write_text(text, encoding="utf-8")
    for picture in set(re.findall(r"\b([\w./-]+\.png)\b", text)):
        target = deck / picture.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PICTURE, target)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(deck)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout, result.stdout
    # Two columns under one title: a heading in a column would be taken for the slide's
    # title (left) or drawn as one inside it (right).
    for slide in load_deck_set(deck).default.slides:
        if slide.layout is Layout.TWO_COLS:
            assert slide.title and "<h" not in slide.body + slide.right, (name, slide.line)


def differing_share(first: QImage, second: QImage) -> float:
    """The share of pixels that differ (1.0 when the sizes do)."""
    if first.size() != second.size():
        return 1.0
    a = first.convertToFormat(QImage.Format.Format_RGB32)
    b = second.convertToFormat(QImage.Format.Format_RGB32)
    raw_a, raw_b = bytes(a.constBits()), bytes(b.constBits())  # type: ignore[call-overload]
    if raw_a == raw_b:
        return 0.0
    pixels = len(raw_a) // 4
    differ = sum(raw_a[i : i + 4] != raw_b[i : i + 4] for i in range(0, len(raw_a), 4))
    return differ / pixels


@pytest.mark.slow
def test_the_screenshots_are_what_their_scripts_draw_now(tmp_path: Path) -> None:
    drawn = tmp_path / "docs"
    for script in ("layouts.py", "interaction.py"):
        subprocess.run(
            [sys.executable, str(SHOTS / script), str(tmp_path / "full"), "--docs-dir", str(drawn)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    made = sorted(p.name for p in drawn.glob("*.png"))
    committed = sorted(p.name for p in SHOTS.glob("*.png"))
    assert made == committed  # every committed screenshot is drawn by a script
    stale = {}
    for name in made:
        share = differing_share(QImage(str(drawn / name)), QImage(str(SHOTS / name)))
        if share > 0.001:  # antialiasing may differ by a pixel here and there, not a text
            stale[name] = f"{share:.1%} of pixels differ"
    assert stale == {}, f"{stale}: run docs/screenshots/*.py with --docs"
