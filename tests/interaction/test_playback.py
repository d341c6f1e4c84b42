"""The booth state machine: attract, visitor, countdown, idle return, staff; in milliseconds."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.qt.autoplay import Autoplay
from kiosk.qt.navigator import Navigator
from kiosk.qt.playback import Mode, Playback

# A slide lasts 40 ms in the loop; the visitor is idle after 120 ms; the
# countdown is 3 ticks of 20 ms.
SLIDE_S = 0.040
IDLE_MS, COUNTDOWN_MS, TICK_MS = 120, 60, 20


@pytest.fixture
def booth(qapp: Any) -> tuple[Navigator, Autoplay, Playback]:
    navigator = Navigator(5)
    autoplay = Autoplay(navigator, [SLIDE_S] * 5)
    playback = Playback(
        navigator, autoplay, idle_timeout_ms=IDLE_MS, countdown_ms=COUNTDOWN_MS, tick_ms=TICK_MS
    )
    playback.start()
    return navigator, autoplay, playback


def test_starts_in_attract_and_advances_on_its_own(booth, qtbot) -> None:
    navigator, autoplay, playback = booth
    assert playback.current_mode is Mode.ATTRACT and str(playback.mode) == "attract"
    assert autoplay.running
    with qtbot.waitSignal(navigator.currentChanged, timeout=1000):
        pass
    assert navigator.current == 1


def test_attract_loops_from_the_last_slide_to_the_cover(booth, qtbot) -> None:
    navigator, _, _ = booth
    navigator.goTo(4)
    with qtbot.waitSignal(navigator.wrapped, timeout=1000):
        pass
    assert navigator.current == 0


def test_activity_enters_visitor_mode_and_stops_the_loop(booth, qtbot) -> None:
    navigator, autoplay, playback = booth
    with qtbot.waitSignals([playback.modeChanged, playback.visitStarted], timeout=100):
        playback.activity()
    assert playback.current_mode is Mode.VISITOR
    assert not autoplay.running
    # Three slide durations pass with the visitor there (but less than the idle timeout):
    with qtbot.assertNotEmitted(navigator.currentChanged, wait=int(SLIDE_S * 1000 * 2.5)):
        pass
    assert navigator.current == 0


def test_activity_keeps_the_visitor_and_resets_the_idle_timer(booth, qtbot) -> None:
    _, _, playback = booth
    playback.activity()
    for _ in range(4):  # 4 x 60 ms = twice the idle timeout, with activity in between
        with qtbot.assertNotEmitted(playback.countdownChanged, wait=IDLE_MS // 2):
            pass
        playback.activity()
    assert playback.current_mode is Mode.VISITOR


def test_idle_visitor_gets_a_countdown_then_the_loop_restarts_at_the_cover(booth, qtbot) -> None:
    navigator, autoplay, playback = booth
    playback.activity()
    navigator.goTo(3)
    seen: list[int] = []
    playback.countdownChanged.connect(lambda: seen.append(playback.countdown))
    with qtbot.waitSignals(
        [playback.visitEnded, playback.resetRequested, playback.modeChanged], timeout=2000
    ):
        pass
    assert seen[0] > 0 and seen[-1] == 0  # shown, counted, hidden
    assert playback.current_mode is Mode.ATTRACT
    assert navigator.current == 0
    assert autoplay.running


def test_touch_during_the_countdown_cancels_it(booth, qtbot) -> None:
    navigator, _, playback = booth
    playback.activity()
    navigator.goTo(2)
    qtbot.waitUntil(lambda: playback.countdown > 0, timeout=1000)
    playback.activity()
    assert playback.countdown == 0
    assert playback.current_mode is Mode.VISITOR
    assert navigator.current == 2


def test_reset_comes_before_the_cover_is_shown(booth, qtbot) -> None:
    navigator, _, playback = booth
    order: list[str] = []
    playback.resetRequested.connect(lambda: order.append(f"reset at {navigator.current}"))
    navigator.currentChanged.connect(lambda: order.append(f"slide {navigator.current}"))
    playback.activity()
    navigator.goTo(2)
    with qtbot.waitSignal(playback.visitEnded, timeout=2000):
        pass
    assert order == ["slide 2", "reset at 2", "slide 0"]


def test_staff_freeze_the_show_and_give_a_visitor_back_their_slide(booth, qtbot) -> None:
    navigator, autoplay, playback = booth
    playback.activity()
    navigator.goTo(3)
    playback.enter_staff()
    assert playback.current_mode is Mode.STAFF and not autoplay.running
    with qtbot.assertNotEmitted(playback.modeChanged, wait=IDLE_MS + COUNTDOWN_MS + 60):
        playback.activity()  # touches on the staff panel do not make a visitor
    with qtbot.waitSignal(playback.visitStarted, timeout=100):
        playback.leave_staff()
    assert playback.current_mode is Mode.VISITOR and not autoplay.running
    assert navigator.current == 3  # where the visitor was, not the cover
    with qtbot.waitSignal(playback.visitEnded, timeout=IDLE_MS + COUNTDOWN_MS + 2000):
        pass  # and left alone, the idle return comes as after any touch
    assert playback.current_mode is Mode.ATTRACT and navigator.current == 0


def test_staff_leaving_the_loop_let_it_go_on_from_its_slide(booth, qtbot) -> None:
    navigator, autoplay, playback = booth
    navigator.goTo(2)
    playback.enter_staff()
    assert not autoplay.running
    with qtbot.assertNotEmitted(playback.visitStarted, wait=20):
        playback.leave_staff()
    assert playback.current_mode is Mode.ATTRACT and autoplay.running
    assert navigator.current == 2


def test_one_slide_deck_does_not_spin(qapp, qtbot) -> None:
    navigator = Navigator(1)
    autoplay = Autoplay(navigator, [0.02])
    playback = Playback(navigator, autoplay, idle_timeout_ms=IDLE_MS)
    playback.start()
    with qtbot.assertNotEmitted(navigator.currentChanged, wait=100):
        pass
    assert navigator.current == 0
