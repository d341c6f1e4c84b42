"""Reading budgets: how much text each layout may carry for about 10 s of reading at 3 m."""

from __future__ import annotations

from kiosk.deck.model import Layout

# Visible characters (title included) a passer-by reads in about ten seconds
# from a distance, at roughly 20-25 characters a second for short lines.
# Figures-first layouts get less: their point is one glance.
_BUDGETS: dict[Layout, int] = {
    Layout.COVER: 160,
    Layout.SECTION: 160,
    Layout.FACT: 170,
    Layout.STATEMENT: 160,
    Layout.QUOTE: 260,
    Layout.END: 220,
    Layout.CENTER: 260,
    Layout.DEFAULT: 320,
    Layout.IMAGE: 120,
    Layout.IMAGE_LEFT: 260,
    Layout.IMAGE_RIGHT: 260,
    Layout.TWO_COLS: 380,
}


def reading_budget(layout: Layout) -> int:
    """The most visible characters a slide of ``layout`` should hold."""
    return _BUDGETS[layout]
