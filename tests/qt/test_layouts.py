"""Every layout, at every screen size: drawn without a Qt warning, text inside and apart."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.deck.model import Deck, Layout
from kiosk.render.legibility import SCREEN_SIZES, body_floor_px

SIZE_IDS = [f"{w}x{h}" for w, h in SCREEN_SIZES]
TOLERANCE = 1.0  # pixels: anti-aliasing rounds a box's edges


def check_geometry(boxes: list[Any], size: tuple[int, int], where: str) -> None:
    width, height = size
    assert boxes, f"{where}: no text drawn"
    for box in boxes:
        r = box.rect
        assert r.left() >= -TOLERANCE and r.top() >= -TOLERANCE, f"{where}: off screen: {box}"
        assert r.right() <= width + TOLERANCE, f"{where}: past the right edge: {box}"
        assert r.bottom() <= height + TOLERANCE, f"{where}: past the bottom edge: {box}"
        # The text fits its own box: nothing drawn outside it (so nothing is clipped).
        assert box.content_width <= box.width + TOLERANCE, f"{where}: too wide: {box}"
        assert box.content_height <= box.height + TOLERANCE, f"{where}: too tall: {box}"
    for a, b in itertools.combinations(boxes, 2):
        overlap = a.rect.adjusted(TOLERANCE, TOLERANCE, -TOLERANCE, -TOLERANCE).intersects(
            b.rect.adjusted(TOLERANCE, TOLERANCE, -TOLERANCE, -TOLERANCE)
        )
        assert not overlap, f"{where}: {a} overlaps {b}"


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=SIZE_IDS)
def test_every_layout_renders_inside_the_screen(
    make_display: Callable[..., Any],
    scene_texts: Callable[..., list[Any]],
    layouts_deck: Deck,
    size: tuple[int, int],
) -> None:
    display = make_display(layouts_deck, size)
    floor = body_floor_px(size[1])
    for slide in layouts_deck.slides:
        display.navigator.goTo(slide.index)
        where = f"{slide.layout} (slide {slide.index + 1}) at {size[0]}x{size[1]}"
        boxes = scene_texts(display.window)
        check_geometry(boxes, size, where)
        # Realistic text needs no shrinking below the legibility floor.
        for box in boxes:
            if box.name in ("body", "statement", "lead", "quote", "title"):
                assert box.pixel_size >= floor - 1, f"{where}: below the floor: {box}"
        if slide.layout is Layout.FACT:
            figure = next(b for b in boxes if b.name == "figure")
            others = [b for b in boxes if b is not figure]
            assert all(figure.pixel_size > b.pixel_size for b in others), where
            assert figure.text == slide.figure, f"{where}: figure not counted up: {figure}"
            assert any(b.name == "source" and slide.source in b.text for b in boxes), where


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=SIZE_IDS)
def test_long_text_shrinks_to_fit_and_is_never_cut(
    make_display: Callable[..., Any],
    scene_texts: Callable[..., list[Any]],
    long_deck: Deck,
    size: tuple[int, int],
) -> None:
    display = make_display(long_deck, size)
    for slide in long_deck.slides:
        display.navigator.goTo(slide.index)
        where = f"long {slide.layout} (slide {slide.index + 1}) at {size[0]}x{size[1]}"
        boxes = scene_texts(display.window)
        check_geometry(boxes, size, where)
        if slide.source:
            assert any(b.name == "source" for b in boxes), f"{where}: source line missing"


@pytest.mark.parametrize("rotation", [90, 270])
def test_rotated_portrait_on_a_landscape_output(
    make_display: Callable[..., Any],
    scene_texts: Callable[..., list[Any]],
    layouts_deck: Deck,
    rotation: int,
) -> None:
    display = make_display(layouts_deck, (1920, 1080), rotate=rotation)
    for slide in layouts_deck.slides:
        display.navigator.goTo(slide.index)
        check_geometry(scene_texts(display.window), (1920, 1080), f"{slide.layout} rotated")
    # Portrait reflow: the stage is 1080 wide, so lines are portrait-short.
    title = next(b for b in scene_texts(display.window) if b.name == "title")
    assert title.rect.width() > title.rect.height() or title.rect.width() <= 1080


def test_an_empty_deck_shows_the_neutral_screen(
    make_display: Callable[..., Any], scene_texts: Callable[..., list[Any]]
) -> None:
    display = make_display(None, (1920, 1080))
    assert display.deck_info.empty
    # Nothing but (at most) the brand: no error text, nothing off screen.
    check_geometry(scene_texts(display.window) or [], (1920, 1080), "empty") if scene_texts(
        display.window
    ) else None
    image = display.window.grabWindow()
    assert image.width() == 1920


def test_a_deck_with_no_slide_keeps_its_title_on_the_neutral_screen(
    make_display: Callable[..., Any], scene_texts: Callable[..., list[Any]], layouts_deck: Deck
) -> None:
    from dataclasses import replace

    display = make_display(replace(layouts_deck, slides=()), (1280, 800))
    boxes = scene_texts(display.window)
    assert [b.text for b in boxes] == [layouts_deck.title]
    check_geometry(boxes, (1280, 800), "empty with title")
