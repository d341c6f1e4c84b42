"""Composed text slides: short texts set larger, blocks balanced, quotes closed on their line.

Read from the real window (the drawn Text items and their laid-out lines, kiosk.qt.textlines)
for every text slide of the bundled deck, both languages, at the brief's five screen sizes.
Before this, a 16:9 text slide filled the top half of the screen's left 60 % with 47 px
text, and the lower 40 % stayed empty; a quote's closing mark sat alone at the bottom right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem

from kiosk import BUNDLED_DECK
from kiosk.deck import load_deck_set
from kiosk.deck.model import Layout
from kiosk.qt.textlines import drawn_text_items, laid_out_lines, placed_lines
from kiosk.render.legibility import BODY_RATIO_LANDSCAPE, BODY_RATIO_PORTRAIT

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 768), (3840, 2160)]
LONGEST_LINE = 50  # characters: the brief's "about 45", with a long word's slack
STEP_RATIO = 0.052  # Theme.bodyStepSize on a landscape screen, of its height


@pytest.fixture(scope="module")
def bundled() -> Any:
    return load_deck_set(BUNDLED_DECK)


def _named(window_item: QQuickItem) -> dict[str, QQuickItem]:
    """The slide's own Text items drawn now, by the name of their FitText (or their own)."""
    found: dict[str, QQuickItem] = {}
    for text in drawn_text_items(window_item):
        parent = text.parentItem()
        name = text.objectName() or (parent.objectName() if parent is not None else "")
        if name in ("title", "body", "quote", "attribution", "mark"):
            found.setdefault(name, text)
    return found


def _scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _drawn_block(items: list[QQuickItem]) -> QRectF:
    """From the top of the first line drawn to the bottom of the last."""
    boxes = [line.box for item in items for line in placed_lines(item)]
    block = boxes[0]
    for box in boxes[1:]:
        block = block.united(box)
    return block


def _first_inked_row(image: QImage, columns: QRectF, line: QRectF) -> int:
    """The first row, from a little above ``line``, where something lighter than the
    background is drawn between ``columns``' left and right edges."""
    background = image.pixelColor(2, 2).lightness()
    for y in range(max(0, int(line.top() - line.height())), int(line.bottom())):
        for x in range(int(columns.left()), int(columns.right())):
            if image.pixelColor(x, y).lightness() > background + 60:
                return y
    raise AssertionError(f"nothing drawn in {columns} near {line}")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_text_slides_are_balanced_and_set_large_where_they_fit(
    booth: Callable[..., Any], bundled: Any, size: tuple[int, int]
) -> None:
    width, height = size
    landscape = width > height
    body_size = height * (BODY_RATIO_LANDSCAPE if landscape else BODY_RATIO_PORTRAIT)
    b = booth(bundled, size=size, start=False)
    stepped = 0
    for language in bundled.languages:
        if b.display.language.current_tag() != language:
            b.display.language.toggle()
        for index, slide in enumerate(bundled.language(language).slides):
            if slide.layout not in (Layout.DEFAULT, Layout.QUOTE):
                continue
            b.display.navigator.goTo(index)
            b.settle()
            where = f"{language} slide {index + 1} ({slide.layout.value}) at {width}x{height}"
            items = _named(b.window.contentItem())
            parts = ("mark", "title", "body", "quote", "attribution")  # the opening mark too
            text_items = [items[n] for n in parts if n in items]
            block = _drawn_block(text_items)

            # Balanced: the text's middle within a tenth of the screen of the screen's
            # middle (a little above it, never below), not stuck at the top.
            middle = block.center().y()
            assert height * 0.40 <= middle <= height * 0.52, f"{where}: {block}"

            if slide.layout is Layout.DEFAULT:
                title, body = items["title"], items["body"]
                title_px, body_px = (
                    title.property("font").pixelSize(),
                    body.property("font").pixelSize(),
                )
                # A clear hierarchy: the title well above the body, whatever the step.
                assert title_px >= 1.2 * body_px, f"{where}: title {title_px}, body {body_px}"
                # Never smaller than the body size: the bundled deck's texts all fit.
                assert body_px >= int(body_size) - 1, f"{where}: {body_px}px"
                if landscape and body_px >= int(height * STEP_RATIO):
                    stepped += 1
                # Larger type keeps the measure: about 45 characters a line, at most.
                for line in laid_out_lines(body).lines:
                    assert len(line.strip()) <= LONGEST_LINE, f"{where}: {line!r}"
            else:
                quote = items["quote"]
                lines = [line.strip() for line in laid_out_lines(quote).lines if line.strip()]
                close = "»" if language == "fr" else "”"
                # Closed at the end of its last line, tied to the last word; never alone.
                assert lines[-1].endswith(close) and len(lines[-1]) > 2, f"{where}: {lines}"
                if language == "fr":
                    assert lines[-1].endswith("\u202f»"), f"{where}: {lines[-1]!r}"
                assert all(close not in line for line in lines[:-1]), f"{where}: {lines}"
                # The attribution right under the quote, in its column.
                attribution = _scene_rect(items["attribution"])
                quote_box = _scene_rect(quote)
                assert 0 <= attribution.top() - quote_box.bottom() <= height * 0.06, where
                assert attribution.left() >= quote_box.left(), where
                if landscape:
                    # The hanging mark's top level with the first line's capitals, in the
                    # pixels drawn.
                    image = b.window.grabWindow()
                    first = placed_lines(quote)[0].box
                    mark_top = _first_inked_row(image, _scene_rect(items["mark"]), first)
                    text_top = _first_inked_row(image, first, first)
                    size_px = quote.property("font").pixelSize()
                    assert abs(mark_top - text_top) <= size_px * 0.12, (where, mark_top, text_top)
    if landscape:
        # Short slides do take the larger step: most of the deck's text slides.
        assert stepped >= 10, stepped
