"""A deck written for Slidev, on the booth's screen: code as code, links in the accent colour,
emoji from the bundled font, nothing of Slidev's syntax shown and no character undrawn.

Read from the real window's Text items (kiosk.qt.textlines: their laid-out lines, and the
document Qt lays each rich text out in, with its formats and glyph runs), for every slide of
tests/slidev_starter/ at 1920x1080 and 1080x1920.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QTextDocument, QTextFragment
from PySide6.QtQuick import QQuickItem

from kiosk.deck import load_deck_set
from kiosk.qt.textlines import drawn_text_items, laid_out_lines, rich_document
from kiosk.render.glyphs import undrawable

STARTER = Path(__file__).resolve().parent.parent / "slidev_starter"
SIZES = [(1920, 1080), (1080, 1920)]


@pytest.fixture(scope="module")
def starter() -> Any:
    return load_deck_set(STARTER)


def fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def body_item(window_item: QQuickItem) -> QQuickItem:
    for text in drawn_text_items(window_item):
        parent = text.parentItem()
        if parent is not None and parent.objectName() == "body":
            return text
    raise AssertionError("no body drawn")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_slidev_deck_reaches_the_screen_as_the_booth_means_it(
    booth: Callable[..., Any], starter: Any, size: tuple[int, int]
) -> None:
    b = booth(starter, size=size, start=False)
    deck = starter.default
    accent = QColor(b.display.deck_info.property("accent"))
    checked = {"code": 0, "link": 0, "emoji": 0}
    for index, slide in enumerate(deck.slides):
        b.display.navigator.goTo(index)
        b.settle()
        where = f"slide {index + 1} ({slide.title}) at {size[0]}x{size[1]}"
        drawn = list(drawn_text_items(b.window.contentItem(), skip="controlBar"))
        shown = "".join(str(t.property("text")) for t in drawn)
        visible = "\n".join(line for t in drawn for line in laid_out_lines(t).lines)
        for syntax in ("```", "<<<", "$$", "::right::", "{all|", "twoslash", "magic-move"):
            assert syntax not in visible, f"{where}: {syntax!r} shown"
        assert undrawable(visible) == [], where  # every character has a bundled glyph
        assert "\ufffd" not in shown, where
        if "<pre" not in slide.body and "<a href" not in slide.body and "📝" not in slide.body:
            continue
        body = body_item(b.window.contentItem())
        document = rich_document(body)
        assert document is not None
        if "<pre" in slide.body:
            # The code's lines, one laid-out line each: kept as written, never wrapped.
            code = [line for line in _code(slide.body) if line.strip()]
            lines = [line.rstrip() for line in laid_out_lines(body).lines]
            for line in code:
                assert line in lines, f"{where}: {line!r} not a line of {lines}"
            families = {
                family
                for fragment in fragments(document)
                if fragment.text().strip() and fragment.text().strip() in "\n".join(code)
                for family in fragment.charFormat().fontFamilies() or []
            }
            assert "JetBrains Mono" in families, f"{where}: {families}"
            checked["code"] += 1
        if "<a href" in slide.body:
            links = [f for f in fragments(document) if f.charFormat().isAnchor()]
            assert links, where
            for link in links:
                fmt = link.charFormat()
                assert fmt.foreground().color().name() == accent.name(), f"{where}: {link.text()}"
                assert fmt.fontUnderline(), where
            checked["link"] += 1
        if "📝" in slide.body:
            runs = {
                run.rawFont().familyName()
                for block in _blocks(document)
                for number in range(block.layout().lineCount())
                for run in block.layout().lineAt(number).glyphRuns()
            }
            assert "Noto Emoji" in runs, f"{where}: {runs}"
            checked["emoji"] += 1
    assert checked["code"] >= 4 and checked["link"] >= 2 and checked["emoji"] >= 1, checked


def _blocks(document: QTextDocument) -> Iterator[Any]:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _code(rich_text: str) -> list[str]:
    import html
    import re

    lines: list[str] = []
    for block in re.findall(r"<pre\b.*?</pre>", rich_text, re.DOTALL):
        lines.extend(html.unescape(re.sub(r"<[^>]+>", "", block)).rstrip("\n").split("\n"))
    return lines
