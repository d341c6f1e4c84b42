"""The contrast table is the screen: pixels of a rendered Display, sampled where a pair is
drawn, are the colours kiosk/render/contrast.py composites for it (bundled and brand)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from made_decks import make_deck_set
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem

from kiosk.deck.model import DeckSet, Theme
from kiosk.render import contrast as c
from kiosk.render.palette import Palette

PAIRS = {pair.name: pair for pair in c.PAIRS}
BRAND = Theme(primary="#ffff00", background="#ffffff", foreground="#eeeeee", dark=False)


def _branded(theme: Theme) -> DeckSet:
    plain = make_deck_set()
    return DeckSet(tuple(dataclasses.replace(d, theme=theme) for d in plain.decks))


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _close(pixel: QColor, expected: str, slack: int = 2) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(_rgb(pixel), _hex(expected), strict=True))


def _scene(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _items(root: QQuickItem, test: Callable[[QQuickItem], bool]) -> list[QQuickItem]:
    found = []

    def visit(node: QQuickItem) -> None:
        if node.isVisible() and node.opacity() > 0:
            if test(node):
                found.append(node)
            for child in node.childItems():
                visit(child)

    visit(root)
    return found


def _ink(image: QImage, rect: QRectF, ground: str) -> str:
    """The most common colour in ``rect`` that is not ``ground``: a text's solid ink."""
    counts: Counter[tuple[int, int, int]] = Counter()
    for x in range(int(rect.left()) + 1, int(rect.right()) - 1, 2):
        for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1, 2):
            pixel = _rgb(image.pixelColor(x, y))
            if max(abs(a - b) for a, b in zip(pixel, _hex(ground), strict=True)) > 12:
                counts[pixel] += 1
    (best, _), *_ = counts.most_common(1)
    return "#{:02x}{:02x}{:02x}".format(*best)


@pytest.mark.parametrize("theme", [Theme(), BRAND], ids=["bundled", "brand"])
def test_sampled_pixels_are_the_tables_colours(booth: Callable[..., Any], theme: Theme) -> None:
    colours = c.roles(Palette(theme))
    b = booth(_branded(theme), start=True)

    def expect(name: str) -> tuple[str, str]:
        pair = PAIRS[name]
        return c.colour_of(pair, colours), c.ground_of(pair, colours)

    # Attract mode on the cover: the time bar, the other slides' dots.
    b.settle()
    image = b.window.grabWindow()
    bar = _items(
        b.window.contentItem(),
        lambda i: (
            i.inherits("QQuickRectangle")
            and i.property("color") == QColor(colours["accent"])
            and 0 < i.height() < 8
            and i.width() > b.width / 2
        ),
    )
    assert bar, "no time bar"
    rect = _scene(bar[0])
    colour, ground = expect("time bar")
    assert _close(image.pixelColor(int(rect.left()) + 20, int(rect.center().y())), colour)
    dots = _items(
        b.window.contentItem(),
        lambda i: i.inherits("QQuickRectangle") and i.property("color") == QColor(colours["line"]),
    )
    assert dots, "no dots"
    colour, ground = expect("other dots")
    centre = _scene(dots[-1]).center()
    assert _close(image.pixelColor(int(centre.x()), int(centre.y())), colour)

    # A fact card, as a visitor: the figure, the buttons, the background.
    b.tap(b.width / 2, b.height / 2)
    b.navigator.goTo(3)
    b.settle()
    b.qtbot.wait(50)
    image = b.window.grabWindow()
    colour, ground = expect("text")
    assert _close(image.pixelColor(b.width - 30, b.height // 3), ground)
    figure = b.item("figure") if _has(b, "figure") else None
    if figure is not None:
        colour, ground = expect("accent text")
        assert _close(QColor(_ink(image, _scene(figure), ground)), colour, slack=3)
    button = _scene(b.item("previousButton"))
    colour, ground = expect("button label")
    # Inside the pill, left of its arrow: the button's fill.
    fill = image.pixelColor(int(button.left() + button.width() * 0.2), int(button.center().y()))
    assert _close(fill, ground), (_rgb(fill), ground)
    # Its outline, at the top of the pill (2 px thick at 1080p).
    colour, ground = expect("button outline")
    edge = [image.pixelColor(int(button.center().x()), int(button.top()) + dy) for dy in (0, 1)]
    assert any(_close(pixel, colour, slack=6) for pixel in edge), [_rgb(p) for p in edge]

    # « Sommaire »: a tile's fill and its number.
    b.press("contentsButton")
    b.settle()
    image = b.window.grabWindow()
    tile = _scene(b.item("tile0"))  # not the section on screen: no accent edge
    colour, ground = expect("tile number")
    assert _close(image.pixelColor(int(tile.right()) - 24, int(tile.bottom()) - 24), ground)
    number = QRectF(tile.left(), tile.top(), tile.width() * 0.2, tile.height() * 0.4)
    assert _close(QColor(_ink(image, number, ground)), colour, slack=3)


def _has(b: Any, name: str) -> bool:
    try:
        b.item(name)
    except AssertionError:
        return False
    return True


def test_the_staff_card_is_the_tables_surface(qtbot: Any, qapp: Any) -> None:
    from staff_show import staff_display

    colours = c.roles(Palette(Theme()))
    display = staff_display(qtbot)
    try:
        window = display.window
        display.staff.open()  # no PIN set: the panel itself
        qtbot.waitUntil(lambda: display.staff.property("panelOpen"), timeout=3000)
        with qtbot.waitSignal(window.frameSwapped, timeout=2000):
            window.update()
        image = window.grabWindow()
        card = _scene(window.findChild(QQuickItem, "panelCard"))
        ground = c.ground_of(PAIRS["staff text"], colours)
        assert _close(image.pixelColor(int(card.left()) + 12, int(card.bottom()) - 12), ground)
        key = _scene(window.findChild(QQuickItem, "reload"))
        ground = c.ground_of(PAIRS["staff key label"], colours)
        pixel = image.pixelColor(int(key.left()) + 12, int(key.center().y()))
        assert _close(pixel, ground), (_rgb(pixel), ground)
    finally:
        display.window.close()
        display.deleteLater()
        qapp.processEvents()
