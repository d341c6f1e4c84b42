"""« Aa » on the real show: larger text, high contrast and less motion, until the idle return.

Sizes are read from what Qt lays out on the window (kiosk.qt.textlines), colours from the
drawn Text items and the window's background.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from kiosk.qt.textlines import drawn_text_items, laid_out_lines
from kiosk.render.palette import contrast

DEFAULT_SLIDE, FACT_SLIDE = 2, 3  # made_decks: a short default slide, the « 4 700 » card


def visible_item(b: Any, name: str) -> Any:
    """The item called ``name`` on screen (the slide shown, not a neighbour built hidden)."""

    def find(node: Any) -> Any:
        if not node.isVisible() or node.opacity() <= 0:
            return None
        if node.objectName() == name:
            return node
        for child in node.childItems():
            if (found := find(child)) is not None:
                return found
        return None

    found = find(b.window.contentItem())
    assert found is not None, name
    return found


def text_size(b: Any, name: str) -> float:
    """The pixel size of the first laid-out line of the Text inside the item ``name``."""
    b.settle()
    texts = list(drawn_text_items(visible_item(b, name)))
    assert texts, name
    lines = laid_out_lines(texts[0])
    assert lines.lines and lines.font is not None
    return float(lines.font.pixelSize())


def slide_text_sizes(b: Any) -> dict[str, float]:
    """Every drawn Text of the slide on screen: its objectName path's last name and size."""
    b.settle()
    sizes: dict[str, float] = {}
    for index, text in enumerate(drawn_text_items(b.item("slideView"))):
        lines = laid_out_lines(text)
        assert lines.font is not None
        owner = text.parentItem()
        name = owner.objectName() if owner is not None else ""
        sizes[name or f"text{index}"] = float(lines.font.pixelSize())
    return sizes


def hex_of(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_aa_opens_its_panel_and_each_step_sets_the_text_larger(
    booth: Callable[..., Any], size: tuple[int, int]
) -> None:
    b = booth(size=size, start=False)
    assert not b.shown("accessButton")  # the loop's footer: the invitation at its size
    b.tap(size[0] / 2, size[1] / 2)  # a visitor
    assert b.mode == "visitor" and b.shown("accessButton") and not b.display.access.open
    b.press("accessButton")
    assert b.display.access.open and b.shown("accessPanel")
    # Every control of the panel is a touch target (Theme.touchTarget: 96 px at 1080p).
    for name in ("textSize0", "textSize1", "textSize2", "contrastSwitch", "motionSwitch"):
        rect = b.rect(name)
        assert rect.height() >= 96 * min(size) / 1080 - 0.5 and rect.width() >= rect.height()
        assert rect.left() >= 0 and rect.right() <= size[0]
    b.navigator.goTo(DEFAULT_SLIDE)
    body, title = [text_size(b, "body")], [text_size(b, "title")]
    b.navigator.goTo(FACT_SLIDE)
    facts = [slide_text_sizes(b)]
    for step in (1, 2):
        b.press(f"textSize{step}")
        assert b.display.access.textStep == step
        b.navigator.goTo(DEFAULT_SLIDE)
        body.append(text_size(b, "body"))
        title.append(text_size(b, "title"))
        b.navigator.goTo(FACT_SLIDE)
        facts.append(slide_text_sizes(b))
    assert body[0] < body[1] < body[2], body  # each step: larger body text on screen
    # Titles grow too, as far as their longest word fits the width (« interconnexions »
    # on a totem stops at the first step).
    assert title[0] < title[1] <= title[2], title
    assert body[2] >= body[0] * 1.4
    for sizes in facts:  # the figure stays the largest thing on its slide
        figure = sizes.pop("figure")
        assert sizes and figure > max(sizes.values()), (figure, sizes)
    # Still open, the control's choices under the finger; a tap beside it closes it.
    assert b.shown("accessPanel")
    b.tap(size[0] * 0.2, size[1] * 0.3)
    assert not b.display.access.open and not b.shown("accessPanel")
    assert b.navigator.index() == FACT_SLIDE  # the tap only closed the panel


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_high_contrast_draws_every_text_at_7_to_1_at_least(
    booth: Callable[..., Any], size: tuple[int, int]
) -> None:
    b = booth(size=size, start=False)
    before = hex_of(b.window.color())
    b.tap(size[0] / 2, size[1] / 2)
    b.press("accessButton")
    b.press("contrastSwitch")
    assert b.display.access.highContrast
    ground = hex_of(b.window.color())
    assert ground == "#000000" and ground != before  # the bundled theme is light on dark
    checked = 0
    for index in range(b.display.slides.rowCount()):
        b.navigator.goTo(index)
        b.settle()
        for text in drawn_text_items(b.window.contentItem()):
            colour = hex_of(text.property("color"))
            assert contrast(colour, ground) >= 7.0, (index, text.property("text"), colour)
            checked += 1
    assert checked > 20
    # And back to the deck's own colours.
    b.press("contrastSwitch")
    assert hex_of(b.window.color()) == before


def test_every_choice_is_undone_at_the_idle_return(booth: Callable[..., Any], qtbot: Any) -> None:
    b = booth(time_scale=0.01)
    b.tap(960, 540)
    b.press("accessButton")
    b.press("textSize2")
    b.press("contrastSwitch")
    b.press("motionSwitch")
    access = b.display.access
    assert (access.textStep, access.highContrast, access.reducedMotion) == (2, True, True)
    assert access.textScale == 1.5
    with qtbot.waitSignal(b.playback.resetRequested, timeout=5000):
        pass
    assert b.mode == "attract"
    assert (access.textStep, access.highContrast, access.lessMotion) == (0, False, False)
    assert access.textScale == 1.0 and not access.open and not b.shown("accessPanel")
    assert hex_of(b.window.color()) != "#000000"


def test_less_motion_turns_the_transitions_off(booth: Callable[..., Any]) -> None:
    b = booth(reduced_motion=False, follow_platform_motion=False, start=False)
    view = b.item("slideView")
    assert view.property("animated")
    b.tap(960, 540)
    b.press("accessButton")
    b.press("motionSwitch")
    assert b.display.access.reducedMotion and not view.property("animated")
    b.press("motionSwitch")
    assert view.property("animated")


def test_the_settings_reduced_motion_shows_the_switch_on_and_fixed(
    booth: Callable[..., Any],
) -> None:
    b = booth(reduced_motion=True, start=False)
    b.tap(960, 540)
    b.press("accessButton")
    assert b.item("motionSwitch").property("checked")
    b.press("motionSwitch")  # nothing to turn off: the booth's own choice
    assert b.display.access.reducedMotion and not b.display.access.lessMotion


def test_the_platforms_reduced_motion_is_honoured(booth: Callable[..., Any]) -> None:
    b = booth(reduced_motion=False, start=False)
    view = b.item("slideView")
    hints = QGuiApplication.styleHints().accessibility()
    assert hints.motionPreference() == Qt.MotionPreference.NoPreference  # offscreen says none
    assert view.property("animated")
    # The platform says so while the show runs (GNOME's switch, Windows' animations off):
    hints.motionPreferenceChanged.emit(Qt.MotionPreference.ReducedMotion)
    try:
        assert b.display.access.reducedMotion and b.display.access.motionFixed
        assert not view.property("animated")
    finally:
        hints.motionPreferenceChanged.emit(Qt.MotionPreference.NoPreference)
    assert view.property("animated")


def test_a_show_started_under_the_platforms_reduced_motion_has_none(
    booth: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.qt.access.platform_reduces_motion", lambda hints: True)
    b = booth(reduced_motion=False, start=False)
    assert not b.item("slideView").property("animated")
    ignoring = booth(reduced_motion=False, follow_platform_motion=False, start=False)
    assert ignoring.item("slideView").property("animated")
