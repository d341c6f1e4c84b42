"""Touch and mouse on the real show window: swipes, taps, fingers, at most a slide a gesture."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Y = 540  # the middle of a 1920x1080 window, clear of the control bar


@pytest.fixture
def visitor(booth: Callable[..., Any]) -> Any:
    """The show on slide 3, a visitor already there (so tests count only their own steps)."""
    b = booth()
    b.playback.activity()
    b.navigator.goTo(3)
    return b


def test_a_first_touch_stops_the_loop_and_makes_a_visitor(booth: Callable[..., Any]) -> None:
    b = booth()
    assert b.mode == "attract" and b.display.autoplay.running
    b.tap(960, Y)  # the middle: wakes only
    assert b.mode == "visitor"
    assert not b.display.autoplay.running
    assert b.slide == 0


@pytest.mark.parametrize(
    ("start", "end", "step"),
    [((1500, Y), (500, Y), 1), ((500, Y), (1500, Y), -1)],
    ids=["left-next", "right-previous"],
)
def test_a_horizontal_swipe_moves_one_slide(visitor: Any, start, end, step) -> None:
    visitor.swipe(start, end)
    assert visitor.slide == 3 + step


def test_a_fast_flick_still_moves_one_slide(visitor: Any) -> None:
    visitor.swipe((1800, Y), (100, Y), steps=1)  # the whole width in one move
    assert visitor.slide == 4


def test_a_short_slide_of_the_finger_is_not_a_swipe(visitor: Any) -> None:
    visitor.swipe((1000, Y), (960, Y))  # 40 px: under the swipe distance; a middle tap
    assert visitor.slide == 3


@pytest.mark.parametrize(
    ("start", "end", "step"),
    [((1700, Y), (1740, Y + 12), 1), ((200, Y), (160, Y - 30), -1), ((1700, Y), (1700, Y + 50), 1)],
    ids=["right-rolled", "left-rolled", "right-rolled-down"],
)
def test_a_tap_whose_finger_rolls_is_still_a_tap(visitor: Any, start, end, step) -> None:
    # A finger on glass rolls 30 to 50 px: the touch is a tap where it landed, not nothing.
    visitor.swipe(start, end)
    assert visitor.slide == 3 + step


def test_a_vertical_swipe_does_nothing(visitor: Any) -> None:
    visitor.swipe((1500, 150), (1400, 900))  # mostly down, a little sideways
    visitor.swipe((300, 900), (420, 120))
    assert visitor.slide == 3
    assert visitor.mode == "visitor"


@pytest.mark.parametrize(
    ("start", "end", "step"),
    [((1500, Y), (400, Y), 1), ((400, Y), (1500, Y), -1)],
    ids=["left-next", "right-previous"],
)
def test_a_mouse_drag_swipes_too(visitor: Any, start, end, step) -> None:
    visitor.drag(start, end)
    assert visitor.slide == 3 + step


def test_taps_on_each_third(visitor: Any) -> None:
    visitor.tap(1700, Y)  # right third
    assert visitor.slide == 4
    visitor.tap(200, Y)  # left third
    assert visitor.slide == 3
    visitor.tap(960, Y)  # middle third: only wakes
    assert visitor.slide == 3


def test_mouse_clicks_on_each_third(visitor: Any) -> None:
    visitor.click(1700, Y)
    assert visitor.slide == 4
    visitor.click(200, Y)
    visitor.click(960, Y)
    assert visitor.slide == 3


def test_fast_repeated_taps_move_one_slide_each(visitor: Any) -> None:
    for _ in range(4):
        visitor.tap(1700, Y)
    assert visitor.slide == 7


def test_two_fingers_swiping_together_move_one_slide(visitor: Any) -> None:
    touch, w = visitor.touch, visitor.window
    touch().press(0, _p(1500, 400), w).press(1, _p(1550, 700), w).commit()
    for x in range(1400, 300, -100):
        touch().move(0, _p(x, 400), w).move(1, _p(x + 50, 700), w).commit()
    touch().release(0, _p(300, 400), w).release(1, _p(350, 700), w).commit()
    assert visitor.slide == 4


def test_fingers_lifting_one_by_one_still_make_one_gesture(visitor: Any) -> None:
    touch, w = visitor.touch, visitor.window
    touch().press(0, _p(1700, 400), w).commit()
    touch().stationary(0).press(1, _p(1650, 700), w).commit()
    for x in range(1600, 400, -200):
        touch().move(0, _p(x, 400), w).move(1, _p(x - 50, 700), w).commit()
    touch().release(0, _p(400, 400), w).stationary(1).commit()  # one finger up
    touch().release(1, _p(350, 700), w).commit()  # then the other
    assert visitor.slide == 4


def test_a_pinch_does_nothing(visitor: Any) -> None:
    touch, w = visitor.touch, visitor.window
    touch().press(0, _p(900, Y), w).press(1, _p(1020, Y), w).commit()
    for d in range(20, 400, 40):
        touch().move(0, _p(900 - d, Y), w).move(1, _p(1020 + d, Y), w).commit()
    touch().release(0, _p(500, Y), w).release(1, _p(1420, Y), w).commit()
    assert visitor.slide == 3


def test_a_palm_moves_at_most_one_slide(visitor: Any) -> None:
    touch, w = visitor.touch, visitor.window
    fingers = [(1500 + 40 * i, 300 + 90 * i) for i in range(5)]
    sequence = touch()
    for i, (x, y) in enumerate(fingers):
        sequence.press(i, _p(x, y), w)
    sequence.commit()
    for shift in range(0, 900, 60):  # the palm drags left, wobbling
        sequence = touch()
        for i, (x, y) in enumerate(fingers):
            sequence.move(i, _p(x - shift, y + (shift // 60 % 2) * 30), w)
        sequence.commit()
    sequence = touch()
    for i, (x, y) in enumerate(fingers):
        sequence.release(i, _p(x - 900, y), w)
    sequence.commit()
    assert visitor.slide in (3, 4)


def test_two_fingers_tapping_at_once_do_not_step(visitor: Any) -> None:
    touch, w = visitor.touch, visitor.window
    touch().press(0, _p(1700, 400), w).press(1, _p(1750, 600), w).commit()
    touch().release(0, _p(1700, 400), w).release(1, _p(1750, 600), w).commit()
    assert visitor.slide == 3


def test_the_on_screen_arrows_move_one_slide(visitor: Any) -> None:
    # The next arrow sits in the right third: the gesture area under it must not step too.
    visitor.press("nextButton")
    assert visitor.slide == 4
    visitor.press("previousButton")
    assert visitor.slide == 3
    point = visitor.centre("nextButton")
    visitor.click(point.x(), point.y())
    assert visitor.slide == 4


def test_the_arrows_show_in_visitor_mode_only(booth: Callable[..., Any]) -> None:
    b = booth()
    assert not b.shown("nextButton") and not b.shown("previousButton")
    b.tap(960, Y)
    assert b.shown("nextButton") and b.shown("previousButton")


def test_next_on_the_last_slide_goes_to_the_cover(visitor: Any) -> None:
    visitor.navigator.last()
    visitor.tap(1700, Y)
    assert visitor.slide == 0


def test_a_one_slide_deck_takes_swipes_and_taps_calmly(
    booth: Callable[..., Any], decks: Callable[..., Any]
) -> None:
    b = booth(decks(count=1))
    b.swipe((1500, Y), (400, Y))
    b.tap(1700, Y)
    b.tap(200, Y)
    assert b.slide == 0 and b.mode == "visitor"


def _p(x: float, y: float) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(round(x), round(y))


@pytest.mark.parametrize("rotate", [90, 270])
def test_on_a_turned_totem_swipes_and_taps_follow_the_slides(
    booth: Callable[..., Any], rotate: int
) -> None:
    from PySide6.QtCore import QPointF

    b = booth(size=(1920, 1080), rotate=rotate)  # a landscape output, portrait slides
    b.tap(*_on_screen(b, 0.5, 0.5))  # a visitor
    stage = b.item("gestureArea")
    assert (stage.width(), stage.height()) == (1080, 1920)

    def at(fx: float, fy: float) -> tuple[float, float]:
        point = stage.mapToScene(QPointF(fx * stage.width(), fy * stage.height()))
        return point.x(), point.y()

    b.swipe(at(0.8, 0.5), at(0.2, 0.5))  # leftwards, as the slides stand
    assert b.slide == 1
    b.tap(*at(0.9, 0.5))  # the slides' right third
    assert b.slide == 2
    b.tap(*at(0.1, 0.5))
    assert b.slide == 1
    b.swipe(at(0.5, 0.8), at(0.5, 0.2))  # along the slides' height: nothing
    assert b.slide == 1


def _on_screen(b: Any, fx: float, fy: float) -> tuple[float, float]:
    return fx * b.width, fy * b.height
