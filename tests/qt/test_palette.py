"""Brand colours are made legible: every text colour passes WCAG AA on the background."""

from __future__ import annotations

import pytest

from kiosk.deck.model import Theme
from kiosk.qt.deckinfo import Palette
from kiosk.render.palette import AA_TEXT, contrast, legible
from kiosk.render.text import link_caption, strip_outer_quotes

THEMES = [
    Theme(),  # the bundled deck: navy and amber
    Theme(background="#f7f5f0", foreground="#14213d", dark=False),  # colorSchema: light
    Theme(primary="#ffff00", background="#ffffff", foreground="#eeeeee", dark=False),  # careless
    Theme(primary="#000080", background="#000000", foreground="#111111"),  # careless, dark
    Theme(primary="not a colour", background="#zzz", foreground=""),  # broken headmatter
]


@pytest.mark.parametrize("theme", THEMES)
def test_text_colours_pass_aa(theme: Theme) -> None:
    palette = Palette(theme)
    for colour in (palette.foreground, palette.accent, palette.muted):
        assert contrast(colour, palette.background) >= AA_TEXT, (colour, palette.background)


def test_a_legible_accent_is_left_alone() -> None:
    assert legible("#f2b134", "#0f2a44", AA_TEXT) == "#f2b134"


def test_quotes_and_links_for_display() -> None:
    assert strip_outer_quotes("«\u202fBonjour.\u202f»") == "Bonjour."
    assert strip_outer_quotes("Sans guillemets") == "Sans guillemets"
    assert link_caption("https://www.cites-unies-france.org/") == "cites-unies-france.org"
