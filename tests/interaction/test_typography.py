"""French typography reaches the glyphs: the no-break spaces survive to the laid-out lines.

Read from what Qt lays out on the real window (kiosk.qt.textlines, checked against each
Text item's own line count), for every slide of the bundled deck, both languages, at the
brief's five screen sizes; not from the Markdown source, which was right all along when a
narrow no-break space was lost on its way to the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kiosk import BUNDLED_DECK
from kiosk.deck import load_deck_set
from kiosk.qt.textlines import drawn_text_items, laid_out_lines

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 768), (3840, 2160)]
# A line never starts with what French typography ties to the word before it, nor ends
# with an opening guillemet (English has no space there: the same holds).
NO_LINE_STARTS_WITH = tuple(":;!?%»")
NO_LINE_ENDS_WITH = ("«",)


@pytest.fixture(scope="module")
def bundled() -> Any:
    return load_deck_set(BUNDLED_DECK)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_line_on_screen_is_cut_at_a_no_break_space(
    booth: Callable[..., Any], bundled: Any, size: tuple[int, int]
) -> None:
    b = booth(bundled, size=size, start=False)
    narrow_in_rich_text = 0
    for language in bundled.languages:
        if b.display.language.current_tag() != language:
            b.display.language.toggle()
        for index, slide in enumerate(bundled.language(language).slides):
            b.display.navigator.goTo(index)
            b.settle()
            # Every narrow no-break space of the slide's rich text (body, columns, the
            # statement under a figure) reaches its laid-out lines.
            rich = slide.body + slide.right + slide.statement
            expected = rich.count("\u202f")
            narrow_in_rich_text += expected
            on_screen = 0
            for text in drawn_text_items(b.window.contentItem()):
                laid_out = laid_out_lines(text)
                lines = laid_out.lines
                where = (language, index, size, lines)
                # The lines read are the lines drawn: as many, or as high, as the item's.
                assert laid_out.agrees_with(text), where
                for line in lines:
                    if len(line.strip()) == 1:  # the quote layout's drawn « and »
                        continue
                    assert not line.lstrip().startswith(NO_LINE_STARTS_WITH), where
                    assert not line.rstrip().endswith(NO_LINE_ENDS_WITH), where
                on_screen += sum(line.count("\u202f") for line in lines)
            assert on_screen >= expected, (language, index, size)
    assert narrow_in_rich_text >= 5  # the deck has them where Qt used to lose them


def test_the_body_keeps_its_narrow_no_break_space_before_a_colon(
    booth: Callable[..., Any], bundled: Any
) -> None:
    b = booth(bundled, size=(1080, 1920), start=False)
    b.display.navigator.goTo(13)  # « …l’ouverture internationale : très peu coûteux… »
    b.settle()
    lines = [
        line
        for text in drawn_text_items(b.window.contentItem())
        for line in laid_out_lines(text).lines
    ]
    body = " ".join(lines)
    assert "internationale\u202f: très" in body.replace("\n", " ") or any(
        line.endswith("internationale\u202f:") for line in lines
    ), lines
