"""A slide that names a link shows its QR code, in every layout, as the brief asks.

A deck of one linked slide per layout, on the real window at 1920x1080 and 1080x1920: the
slide on screen shows one QR code, inside the grid's margins, large enough to scan from a
metre, covering none of the text's laid-out lines (kiosk.qt.textlines: where Qt drew each
line), beside the text or under it as `kiosk check`'s estimate assumes
(kiosk.render.fit.qr_room); and the code read back from the window's pixels by zbarimg (a
real decoder, zbar-tools) is the link.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.deck import load_deck_set
from kiosk.deck.model import DeckSet, Layout
from kiosk.qt.textlines import drawn_text_items, placed_lines
from kiosk.render.fit import qr_room

ROOT = Path(__file__).resolve().parent.parent.parent
PICTURE = ROOT / "docs" / "screenshots" / "sample" / "public" / "photo.png"
SIZES = [(1920, 1080), (1080, 1920)]
SITE = "https://cites-unies-france.org"

# Each layout's slide: frontmatter lines, then its text, naming a link of its own.
SLIDES: dict[Layout, tuple[str, str]] = {
    Layout.COVER: ("", f"# Coopérer entre villes\n\nVoir [le guide]({SITE}/guide)"),
    Layout.DEFAULT: (
        "",
        "# Nos interconnexions\n\n- La santé ignore les frontières\n"
        f"- Déforestation là-bas, climat ici\n- Tout savoir sur [le réseau]({SITE}/reseau)",
    ),
    Layout.SECTION: ("", f"# Un monde d’interconnexions\n\nLire [l’étude]({SITE}/etude)"),
    Layout.FACT: (
        "source: AFD, juin 2025\n",
        "# 65\u202f%\n\ndes Français jugent utile l’action internationale"
        " ([l’enquête](https://www.afd.fr/enquete))",
    ),
    Layout.STATEMENT: (
        "",
        "# Penser l’avenir ensemble\n\nLe programme sur [afd.fr](https://www.afd.fr/programme)",
    ),
    Layout.QUOTE: (
        "",
        f"# « La gouvernance locale est un levier »\n\n[Cités Unies France]({SITE}/levier)",
    ),
    Layout.CENTER: ("", f"# Au centre\n\nPlus sur [le site]({SITE}/centre)"),
    Layout.TWO_COLS: (
        "",
        "# Deux colonnes\n\nIci, les villes coopèrent sur l’eau, la santé et la culture.\n\n"
        f"::right::\n\nLà-bas, [nos partenaires]({SITE}/partenaires) portent les projets.",
    ),
    Layout.IMAGE_LEFT: (
        "image: /photo.png\n",
        f"# L’image à gauche\n\nDans 138\u202fpays\u202f: [la carte]({SITE}/carte)",
    ),
    Layout.IMAGE_RIGHT: (
        "image: /photo.png\n",
        f"# L’image à droite\n\nDans 138\u202fpays\u202f: [la carte]({SITE}/carte-2)",
    ),
    Layout.IMAGE: ("image: /photo.png\n", f"# Pleine image\n\nVoir [la galerie]({SITE}/galerie)"),
    # The closing slide's code is the deck's `link:` (its text names none).
    Layout.END: ("", "# Rejoignez-nous\u202f!\n\nAdhérez au réseau"),
}
LINK = f"{SITE}/rejoindre"


def test_every_layout_is_in_the_deck() -> None:
    assert set(SLIDES) == set(Layout)


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> DeckSet:
    folder = tmp_path_factory.mktemp("linked")
    (folder / "public").mkdir()
    shutil.copyfile(PICTURE, folder / "public" / "photo.png")
    parts = [f"---\ntitle: Liens\nlang: fr\nlink: {LINK}\n---\n"]
    for index, (layout, (frontmatter, text)) in enumerate(SLIDES.items()):
        head = f"layout: {layout.value}\n{frontmatter}"
        parts.append(text if index == 0 else f"---\n{head}---\n\n{text}")
    (folder / "slides.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    deck_set = load_deck_set(folder)
    assert [s.layout for s in deck_set.default.slides] == list(SLIDES)
    return deck_set


def _ancestors(item: QQuickItem) -> list[QQuickItem]:
    found = []
    node: QQuickItem | None = item
    while node is not None:
        found.append(node)
        node = node.parentItem()
    return found


def _on_screen(item: QQuickItem) -> bool:
    return all(node.isVisible() and node.opacity() > 0 for node in _ancestors(item))


def _codes(item: QQuickItem) -> list[QQuickItem]:
    found = [item] if item.inherits("QrCode") or type(item).__name__ == "QrCode" else []
    for child in item.childItems():
        found.extend(_codes(child))
    return found


def _scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _decode(image: Any, rect: QRectF, folder: Path) -> str:
    """What zbarimg reads in ``rect`` of ``image`` (the code and a little of its ground)."""
    crop = image.copy(rect.adjusted(-8, -8, 8, 8).toAlignedRect())
    path = folder / "code.png"
    assert crop.save(str(path))
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("layout", list(SLIDES), ids=[layout.value for layout in SLIDES])
def test_a_linked_slide_shows_its_code_clear_of_its_text(
    booth: Callable[..., Any],
    linked: DeckSet,
    layout: Layout,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    b = booth(linked, size=size, start=False)
    index = list(SLIDES).index(layout)
    slide = linked.default.slides[index]
    url = LINK if layout is Layout.END else slide.qr
    assert url.startswith("https://"), slide
    b.display.navigator.goTo(index)
    b.settle()
    where = f"{layout.value} at {size[0]}x{size[1]}"

    codes = [code for code in _codes(b.window.contentItem()) if _on_screen(code)]
    assert len(codes) == 1, f"{where}: {len(codes)} QR codes on screen"
    code = codes[0]
    assert code.property("text") == url, where
    panel = code.parentItem()
    assert panel is not None
    slide_item = next(node for node in _ancestors(code) if node.property("slideIndex") is not None)
    assert slide_item.property("slideIndex") == index, where

    # Inside the grid's margins.
    theme = b.display.engine.singletonInstance("Kiosk", "Theme")
    width, height = size
    margin_x, top, bottom = (
        float(theme.property(n)) for n in ("marginX", "marginTop", "marginBottom")
    )
    area = QRectF(margin_x, top, width - 2 * margin_x, height - top - bottom).adjusted(-1, -1, 1, 1)
    box = _scene_rect(panel)  # the code and the address under it
    assert area.contains(box), f"{where}: {box} outside the grid {area}"

    # Large enough to scan from a metre: a quarter of the screen's short side at least
    # (7.5 cm on a 24-inch 1080p screen), in whole-pixel modules.
    modules = int(code.property("modules"))
    drawn = int(min(code.width(), code.height()) // modules) * modules
    assert drawn >= 0.25 * min(size), f"{where}: a {drawn} px code"

    # No line of the slide's text under the code or its address.
    lines = [
        line
        for text in drawn_text_items(slide_item)
        if panel not in _ancestors(text)
        for line in placed_lines(text)
    ]
    assert lines, where
    sources = [
        line
        for text in drawn_text_items(slide_item)
        if any(node.objectName() == "source" for node in _ancestors(text))
        for line in placed_lines(text)
    ]
    for line in lines:
        assert not line.box.intersects(box), f"{where}: {line.text!r} under the QR code"

    # Beside the text or under it, as `kiosk check` makes room for it (end: in its box).
    if layout is not Layout.END:
        taken_width, taken_height = qr_room(layout, size)
        if taken_width:
            assert all(line.box.right() <= box.left() for line in lines), where
        else:  # a fact card's source line stays at the foot of the grid, under it
            above = [line for line in lines if line not in sources]
            assert taken_height and all(line.box.bottom() <= box.top() for line in above), where

    assert _decode(b.window.grabWindow(), _scene_rect(code), tmp_path) == url, where
