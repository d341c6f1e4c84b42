"""Estimating, without Qt, how far a slide's text will shrink on each screen size.

`kiosk check` uses it to warn an author, file and line, before the display has
to shrink a slide's reading text below the legibility floor on one of the
screens the booth may run on. The boxes mirror the QML layouts
(kiosk/qml/Kiosk/*Layout.qml, sizes from Theme.qml): text fills a box of known
width and height at the layout's type size, and shrinks until it fits, as
FitText does; a slide's QR code takes its room out of the content area first
(`qr_room`). It is an estimate (Inter averages about half an em a
character), tuned to err towards warning; tests/qt compares it with what the
display really draws.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from kiosk.deck.model import Layout, Slide
from kiosk.render.legibility import BODY_RATIO_LANDSCAPE, SCREEN_SIZES, TextSize, body_floor_px

AVERAGE_CHAR_EMS = 0.53  # Inter, French text with its long words: measured on the bundled deck
MONO_CHAR_EMS = 0.6  # JetBrains Mono's advance: code lines, which never wrap
CODE_LINE_HEIGHT = 1.32
LINE_HEIGHT = 1.3  # rich text paragraphs and list items, including their spacing
PARAGRAPH_GAP_LINES = 0.5


@dataclass(frozen=True, slots=True)
class Box:
    """Where a layout sets its reading text: size ratios and the box, in the content area."""

    landscape_u: float  # type size in % of the screen height, landscape
    portrait_u: float  # same, portrait
    width: float  # fraction of the content area's width
    height: float  # fraction of the content area's height
    portrait_width: float | None = None  # when portrait reflows the layout (columns stack)
    # The heading above the reading text (a title, a fact's figure), in % of the screen
    # height, landscape and portrait: at a larger text size it grows (Theme.headingScale)
    # and takes its growth from the reading text's box. 0: nothing above it.
    heading_u: tuple[float, float] = (0.0, 0.0)


# The reading text of each layout (titles and figures are larger, and not checked).
BOXES: dict[Layout, Box] = {
    Layout.DEFAULT: Box(4.4, 3.6, 1.0, 0.62, heading_u=(6.6, 4.8)),
    Layout.CENTER: Box(4.4, 3.6, 1.0, 0.62, heading_u=(6.6, 4.8)),
    Layout.TWO_COLS: Box(4.4, 3.6, 0.47, 0.62, portrait_width=1.0, heading_u=(6.6, 4.8)),
    Layout.IMAGE_LEFT: Box(4.4, 3.6, 0.5, 0.62, heading_u=(6.6, 4.8)),
    Layout.IMAGE_RIGHT: Box(4.4, 3.6, 0.5, 0.62, heading_u=(6.6, 4.8)),
    Layout.IMAGE: Box(4.4, 3.6, 1.0, 0.3, heading_u=(6.6, 4.8)),
    Layout.FACT: Box(4.8, 4.0, 1.0, 0.3, heading_u=(30.0, 16.0)),
    Layout.QUOTE: Box(6.0, 4.4, 0.85, 0.6),
    Layout.STATEMENT: Box(7.0, 5.0, 0.9, 0.75),
    Layout.COVER: Box(5.0, 3.8, 0.9, 0.25, heading_u=(9.2, 5.6)),
    Layout.SECTION: Box(4.4, 3.6, 0.9, 0.3, heading_u=(8.4, 5.8)),
    Layout.END: Box(4.4, 3.6, 0.5, 0.3, heading_u=(9.0, 5.0)),
}

_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|pre|blockquote|tr)>|<br\s*/?>", re.IGNORECASE)


_CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)


def code_lines(slide: Slide) -> list[str]:
    """The lines of the code blocks in the slide's main text box, as written."""
    lines: list[str] = []
    for block in _CODE_BLOCK.findall(slide.body + slide.right):
        text = html.unescape(_TAGS.sub("", block))
        lines.extend(text.rstrip("\n").split("\n"))
    return lines


def reading_text(slide: Slide) -> list[str]:
    """The paragraphs a visitor reads in the slide's main text box (code apart)."""
    if slide.layout is Layout.FACT:
        source = slide.statement
    elif slide.layout in (Layout.QUOTE, Layout.STATEMENT):
        source = f"<p>{html.escape(slide.title)}</p>{slide.body}"
    else:
        source = _CODE_BLOCK.sub("", slide.body + slide.right)
    blocks = _BLOCK_END.split(source)
    return [t for t in (" ".join(html.unescape(_TAGS.sub(" ", b)).split()) for b in blocks) if t]


def fitted_size(
    paragraphs: list[str],
    size: float,
    width: float,
    height: float,
    code: tuple[str, ...] | list[str] = (),
) -> float:
    """The largest type size (px) at most ``size`` at which the paragraphs, and the code
    lines (each on one line, in the monospace font), fit the box."""
    if not paragraphs and not code:
        return size
    longest_word = max((len(w) for p in paragraphs for w in p.split()), default=0)
    longest_code = max((len(line) for line in code), default=0)
    for _ in range(60):  # shrink in 4 % steps, as FitText does in finer ones
        per_line = width / (AVERAGE_CHAR_EMS * size)
        lines = sum(math.ceil(len(p) / per_line) for p in paragraphs) + PARAGRAPH_GAP_LINES * (
            len(paragraphs) - 1
        )
        tall = lines * size * LINE_HEIGHT + len(code) * size * CODE_LINE_HEIGHT
        wide = longest_code * MONO_CHAR_EMS * size
        if tall <= height and longest_word <= per_line and wide <= width:
            return size
        size *= 0.96
    return size


def content_area(screen: tuple[int, int]) -> tuple[float, float]:
    """Width and height of the layouts' content area (Theme.qml margins)."""
    width, height = screen
    u = height / 100
    portrait = height > width * 1.05
    margin_x = max(width * 0.07, u * 5)
    margins_y = u * (14 if portrait else 19)
    return width - 2 * margin_x, height - margins_y


def qr_room(layout: Layout, screen: tuple[int, int]) -> tuple[float, float]:
    """The width and height a link's QR code takes from the layout's content area.

    As the layouts place it (Theme.qml ``linkQrSide``): beside the text on a landscape
    screen, a column of the code and two gaps; under it on a portrait one (and, in any
    orientation, in `center`, the image halves and the narrower screens' `two-cols`), the
    code, its address and a gap, less what the image layouts give back on a portrait
    screen (a shorter picture, text rising higher). `end` has its code in its box already.
    """
    width, height = screen
    u = height / 100
    portrait = height > width * 1.05
    area_width, area_height = content_area(screen)
    gap = u * 3.2
    side = min(area_width * (0.42 if portrait else 0.26), u * (22 if portrait else 30))
    if layout is Layout.END:
        return 0.0, 0.0
    if layout in (Layout.IMAGE_LEFT, Layout.IMAGE_RIGHT) and not portrait:
        side = min(side, width / 2 - (width - area_width) / 2 - gap * 1.5)
    caption = u * (2.3 if portrait else 3.0) * 1.25
    under = (0.0, side + u * 1.6 + caption + gap * 1.5)
    beside = (side + gap * 2, 0.0)
    if layout is Layout.TWO_COLS and not portrait:
        body = height * BODY_RATIO_LANDSCAPE  # Theme.bodySize
        return beside if (area_width - beside[0] - gap * 2) / 2 >= body * 12 else under
    if portrait and layout in (Layout.IMAGE_LEFT, Layout.IMAGE_RIGHT):
        return 0.0, under[1] - height * 0.12  # the picture gives up 12 % of the height
    if portrait and layout is Layout.IMAGE:
        return 0.0, under[1] - area_height * 0.25  # the text rises from 45 % to 20 %
    if portrait or layout in (Layout.CENTER, Layout.IMAGE_LEFT, Layout.IMAGE_RIGHT):
        return under
    return beside


@dataclass(frozen=True, slots=True)
class Shrink:
    """A slide whose reading text would fall below the floor on a screen."""

    screen: tuple[int, int]
    size_px: float
    floor_px: float


def heading_room(slide: Slide, box: Box, screen: tuple[int, int], text_size: TextSize) -> float:
    """The share of the reading text's room left at ``text_size`` by the slide's heading,
    grown (Theme.headingScale: half the text's growth): the content area's height less the
    heading's lines there, against the same at the normal size (a fact's figure is one
    line; a heading never takes more than 0.55 of the area, as the layouts cap it)."""
    if text_size is TextSize.NORMAL:
        return 1.0
    width, height = content_area(screen)
    portrait = screen[1] > screen[0] * 1.05
    u = box.heading_u[1 if portrait else 0]
    text = slide.figure if slide.layout is Layout.FACT else slide.title
    if not u or not text:
        return 1.0

    def tall(scale: float) -> float:
        size = screen[1] / 100 * u * scale
        lines = 1 if slide.layout is Layout.FACT else math.ceil(len(text) * 0.55 * size / width)
        return min(lines * size * 1.2, height * 0.55)

    return max(0.2, (height - tall(1 + (text_size.scale - 1) / 2)) / (height - tall(1.0)))


def below_floor(slide: Slide, text_size: TextSize = TextSize.NORMAL) -> Shrink | None:
    """The screen where the slide's reading text shrinks the most below the floor, if any,
    at the visitor's ``text_size`` (« Aa »: its type sizes larger, its heading too, the
    legibility floor the same)."""
    box = BOXES[slide.layout]
    paragraphs = reading_text(slide)
    code = code_lines(slide)
    worst: Shrink | None = None
    for screen in SCREEN_SIZES:
        area_width, area_height = content_area(screen)
        if slide.qr:  # the text reflows around the slide's QR code
            taken_width, taken_height = qr_room(slide.layout, screen)
            area_width, area_height = area_width - taken_width, area_height - taken_height
        portrait = screen[1] > screen[0] * 1.05
        start = screen[1] / 100 * (box.portrait_u if portrait else box.landscape_u)
        start *= text_size.scale
        width = box.portrait_width if portrait and box.portrait_width else box.width
        room = area_height * box.height * heading_room(slide, box, screen, text_size)
        size = fitted_size(paragraphs, start, area_width * width, room, code)
        floor = body_floor_px(screen[1])
        # At a larger step lines hold fewer words, and the estimate's rounding to whole
        # lines weighs more (the bundled deck: about 15 % under what the display draws).
        slack = 0.5 if text_size is TextSize.NORMAL else floor * 0.05
        if size < floor - slack and (
            worst is None or size / floor < worst.size_px / worst.floor_px
        ):
            worst = Shrink(screen, size, floor)
    return worst
