"""Reading gestures (kiosk/qt/gesture.py), without Qt: one step at most, and the right one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.qt.gesture import Gesture, GestureTracker, Rules, Step, read_gesture

RULES = Rules(swipe_distance=80, dominance=1.5, tap_slop=24, tap_max_ms=1500)
WIDTH = 1920


def one_finger(path: list[tuple[float, float]], duration_ms: int = 200) -> Gesture:
    tracker = GestureTracker()
    tracker.press(7, *path[0], 0)
    for x, y in path[1:-1]:
        tracker.move(7, x, y)
    gesture = tracker.release(7, *path[-1], duration_ms)
    assert gesture is not None
    return gesture


def test_swipes_left_and_right() -> None:
    assert (
        read_gesture(one_finger([(1500, 500), (1000, 500), (400, 520)]), WIDTH, RULES) is Step.NEXT
    )
    assert read_gesture(one_finger([(400, 500), (1500, 480)]), WIDTH, RULES) is Step.PREVIOUS


def test_vertical_and_diagonal_moves_are_not_swipes() -> None:
    assert read_gesture(one_finger([(1000, 100), (1000, 900)]), WIDTH, RULES) is Step.NONE
    assert read_gesture(one_finger([(1000, 100), (900, 200)]), WIDTH, RULES) is Step.NONE  # 45°
    assert read_gesture(one_finger([(1000, 100), (870, 180)]), WIDTH, RULES) is Step.NEXT  # flat


def test_taps_by_third() -> None:
    assert read_gesture(one_finger([(100, 500), (104, 503)]), WIDTH, RULES) is Step.PREVIOUS
    assert read_gesture(one_finger([(960, 500)]), WIDTH, RULES) is Step.NONE
    assert read_gesture(one_finger([(1800, 500)]), WIDTH, RULES) is Step.NEXT


def test_a_wandering_finger_or_a_long_press_is_not_a_tap() -> None:
    wander = one_finger([(1800, 500), (1800, 560), (1801, 502)])  # went away and came back
    assert read_gesture(wander, WIDTH, RULES) is Step.NONE
    assert read_gesture(one_finger([(1800, 500)], duration_ms=2000), WIDTH, RULES) is Step.NONE


def test_the_gesture_ends_when_the_last_finger_lifts() -> None:
    tracker = GestureTracker()
    tracker.press(1, 1500, 400, 0)
    tracker.press(2, 1550, 700, 10)
    tracker.move(1, 500, 400)
    assert tracker.release(1, 500, 400, 100) is None  # one finger still down
    tracker.move(2, 550, 700)
    gesture = tracker.release(2, 550, 700, 120)
    assert gesture is not None and gesture.points == 2
    assert read_gesture(gesture, WIDTH, RULES) is Step.NEXT


def test_a_pinch_moves_on_average_nowhere() -> None:
    tracker = GestureTracker()
    tracker.press(1, 900, 500, 0)
    tracker.press(2, 1000, 500, 0)
    tracker.move(1, 500, 500)
    tracker.move(2, 1400, 500)
    tracker.release(1, 500, 500, 100)
    gesture = tracker.release(2, 1400, 500, 100)
    assert gesture is not None and abs(gesture.dx) < 1
    assert read_gesture(gesture, WIDTH, RULES) is Step.NONE


def test_stray_events_are_ignored() -> None:
    tracker = GestureTracker()
    assert tracker.release(3, 10, 10, 0) is None  # a release never pressed
    tracker.move(3, 10, 10)  # a move never pressed
    tracker.press(3, 10, 10, 0)
    tracker.press(3, 12, 10, 5)  # a press already held (a lost release)
    gesture = tracker.release(3, 12, 10, 20)
    assert gesture is not None and gesture.points == 1
    tracker.press(4, 10, 10, 0)
    tracker.cancel()
    assert not tracker.active and tracker.release(4, 10, 10, 5) is None


events = st.lists(
    st.tuples(
        st.sampled_from(["press", "move", "release"]),
        st.integers(0, 5),
        st.floats(0, WIDTH),
        st.floats(0, 1080),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(events)
def test_any_input_gives_at_most_one_step_per_gesture(sequence) -> None:
    tracker = GestureTracker()
    gestures = 0
    presses_since = 0
    for t, (kind, point, x, y) in enumerate(sequence):
        if kind == "press":
            tracker.press(point, x, y, t)
            presses_since += 1
        elif kind == "move":
            tracker.move(point, x, y)
        else:
            gesture = tracker.release(point, x, y, t)
            if gesture is not None:
                gestures += 1
                assert presses_since >= 1  # a gesture needs a press of its own
                presses_since = 0
                assert gesture.points >= 1
                assert read_gesture(gesture, WIDTH, RULES) in Step
    assert gestures <= sum(1 for kind, *_ in sequence if kind == "press")
