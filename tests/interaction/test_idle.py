"""Who drives the real show: the loop, a visitor, « Toujours là ? » and the idle return.

The show's clock runs 100 times fast (``time_scale=0.01``): a slide of the loop lasts
100 ms, the idle timeout 600 ms (60 s), the countdown 10 ticks of 10 ms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

FAST = {"time_scale": 0.01}


@pytest.fixture
def fast(booth: Callable[..., Any]) -> Any:
    return booth(**FAST)


def test_the_loop_advances_on_its_own(fast: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(fast.navigator.currentChanged, timeout=2000):
        pass
    assert fast.slide == 1 and fast.mode == "attract"


def test_a_paused_preview_stays_still_after_an_idle_return(
    booth: Callable[..., Any], qtbot: Any
) -> None:
    # `kiosk run --paused`: the author previews slides; an idle return resets the visit
    # as at the booth, but does not start the loop the author paused.
    paused = booth(start=False, autoplay=False, **FAST)
    paused.tap(960, 540)
    assert paused.mode == "visitor"
    with qtbot.waitSignal(paused.playback.resetRequested, timeout=3000):
        pass
    assert paused.mode == "attract" and not paused.display.autoplay.running
    with qtbot.assertNotEmitted(paused.navigator.currentChanged, wait=300):  # 3 slide times
        pass


def test_no_auto_advance_while_a_visitor_is_there(fast: Any, qtbot: Any) -> None:
    fast.tap(960, 540)
    assert fast.mode == "visitor"
    # Four slide durations pass (400 ms), still under the idle timeout (600 ms):
    with qtbot.assertNotEmitted(fast.navigator.currentChanged, wait=400):
        pass
    assert fast.slide == 0
    assert not fast.shown("stillThere")


def test_idle_visitor_gets_the_countdown_then_everything_is_reset(fast: Any, qtbot: Any) -> None:
    fast.tap(960, 540)
    fast.press("languageButton")
    fast.navigator.goTo(6)
    fast.press("contentsButton")
    assert fast.display.deck().language == "en" and fast.shown("sectionMenu")
    seen: list[int] = []
    fast.playback.countdownChanged.connect(lambda: seen.append(fast.playback.countdown))
    qtbot.waitUntil(lambda: fast.shown("stillThere"), timeout=3000)
    assert "Still there?" in fast.texts("stillThere")
    assert fast.slide == 6  # nothing moves while it counts
    with qtbot.waitSignal(fast.playback.resetRequested, timeout=3000):
        pass
    assert seen[0] == 10 and seen[-1] == 0 and sorted(seen[:-1], reverse=True) == seen[:-1]
    assert fast.mode == "attract"
    assert fast.slide == 0
    assert fast.display.deck().language == "fr"
    assert not fast.shown("sectionMenu")
    qtbot.waitUntil(lambda: not fast.shown("stillThere"), timeout=1000)  # a turn later
    assert fast.shown("hint") and "Touchez l’écran" in fast.texts("hint")
    assert fast.display.autoplay.running


def test_the_countdown_speaks_the_visitors_language(fast: Any, qtbot: Any) -> None:
    fast.tap(960, 540)
    qtbot.waitUntil(lambda: fast.shown("stillThere"), timeout=3000)
    texts = fast.texts("stillThere")
    assert "Toujours là\u202f?" in texts
    assert "Touchez l’écran pour\u00a0continuer" in texts
    assert any(t.isdigit() and int(t) <= 10 for t in texts)  # the seconds left


def test_a_touch_cancels_the_countdown_and_does_nothing_else(fast: Any, qtbot: Any) -> None:
    fast.tap(960, 540)
    fast.navigator.goTo(3)
    qtbot.waitUntil(lambda: fast.playback.countdown > 0, timeout=3000)
    fast.tap(1700, 540)  # the right third: on the overlay, it does not turn the slide
    assert fast.playback.countdown == 0
    qtbot.waitUntil(lambda: not fast.shown("stillThere"), timeout=1000)
    assert fast.mode == "visitor" and fast.slide == 3


def test_a_key_cancels_the_countdown(fast: Any, qtbot: Any) -> None:
    fast.tap(960, 540)
    qtbot.waitUntil(lambda: fast.playback.countdown > 0, timeout=3000)
    fast.key(Qt.Key.Key_Escape)
    assert fast.playback.countdown == 0 and fast.mode == "visitor"


def test_idle_return_turns_the_black_screen_off(fast: Any, qtbot: Any) -> None:
    fast.key(Qt.Key.Key_B)
    assert fast.shown("blackout")
    with qtbot.waitSignal(fast.playback.resetRequested, timeout=3000):
        pass
    assert not fast.shown("blackout") and fast.mode == "attract"


def test_the_idle_timeout_never_goes_under_30_s(booth: Callable[..., Any]) -> None:
    from kiosk.app import DisplayOptions

    assert DisplayOptions(idle_timeout_s=5).idle_timeout_ms() == 30_000
    assert DisplayOptions(idle_timeout_s=90).idle_timeout_ms() == 90_000
    assert DisplayOptions(idle_timeout_s=5, time_scale=0.001).idle_timeout_ms() == 30
    assert DisplayOptions(countdown_s=7, time_scale=0.01).countdown_ticks() == (10, 7)


def test_the_figure_s_entrance_and_the_transitions_replay_on_every_loop(
    booth: Callable[..., Any], decks: Callable[..., Any], qtbot: Any
) -> None:
    deck_set = decks(count=4)  # cover, section, default, fact
    slow_fact = tuple(
        replace(deck, slides=(*deck.slides[:3], replace(deck.slides[3], duration=2.0)))
        for deck in deck_set.decks
    )
    # The clock twice as fast, fades too (Theme.ms): the other slides stay 250 ms and the
    # fact card 1 s; each fade takes 200 ms, four steps of 45 ms (the first drawn with the
    # change, at a fifth of the way), long enough to be seen under way.
    b = booth(
        replace(deck_set, decks=slow_fact),
        reduced_motion=False,
        time_scale=0.5,
        default_duration_s=0.5,
    )
    view = b.item("slideView")
    final = b.display.deck().slides[3].figure

    def figure() -> tuple[str, float]:
        """The visible figure as drawn (its Text) and its slide's entrance."""

        def find(node: Any) -> tuple[str, float] | None:
            if node.objectName() == "figure" and node.isVisible():
                texts = [c for c in node.childItems() if c.inherits("QQuickText")]
                drawn = next(str(t.property("text")) for t in texts if t.isVisible())
                return drawn, float(node.parentItem().property("entrance"))
            for child in node.childItems():
                if found := find(child):
                    return found
            return None

        return find(b.window.contentItem()) or ("", 1.0)

    seen: list[tuple[str, float]] = []

    def sample() -> None:
        if b.slide == 3:
            seen.append(figure())

    b.window.afterRendering.connect(sample)
    for _loop in range(2):
        qtbot.waitUntil(lambda: b.slide == 3, timeout=3000)
        assert view.property("fade") < 1  # fading in again
        qtbot.waitUntil(lambda: figure()[1] >= 1, timeout=3000)
        entrance = [e for _, e in seen]
        assert min(entrance) < 0.5  # the figure entered again, from below
        assert {text for text, _ in seen} == {final}  # and was the deck's all along
        seen.clear()
        with qtbot.waitSignal(b.navigator.wrapped, timeout=3000):
            pass
        assert view.property("fade") < 1  # the cover fades in after the last slide
    b.window.afterRendering.disconnect(sample)


# --- the black screen (a clicker's B or ".") ----------------------------------------------


def _centre_is_black(b: Any) -> bool:
    image = b.window.grabWindow()
    colour = image.pixelColor(image.width() // 2, image.height() // 3)
    return (colour.red(), colour.green(), colour.blue()) == (0, 0, 0)


def test_the_countdown_shows_over_the_black_screen_before_the_cover_comes_back(
    fast: Any, qtbot: Any
) -> None:
    fast.tap(960, 540)
    fast.navigator.goTo(4)
    fast.key(Qt.Key.Key_B)
    assert fast.shown("blackout") and _centre_is_black(fast)
    qtbot.waitUntil(lambda: fast.shown("stillThere"), timeout=3000)
    # Whoever blanked the screen sees it coming: « Toujours là ? » is drawn over the black.
    assert fast.shown("blackout") and "Toujours là\u202f?" in fast.texts("stillThere")
    assert not _centre_is_black(fast)
    with qtbot.waitSignal(fast.playback.resetRequested, timeout=3000):
        pass
    assert not fast.shown("blackout") and fast.slide == 0


def test_a_presenter_s_black_screen_can_wait_for_the_next_key(
    booth: Callable[..., Any], qtbot: Any
) -> None:
    held = booth(black_until_key=True, **FAST)
    held.tap(960, 540)
    held.navigator.goTo(4)
    held.key(Qt.Key.Key_B)
    # Three idle timeouts and their countdowns (600 ms + 100 ms each): nothing comes back.
    with qtbot.assertNotEmitted(held.playback.resetRequested, wait=2100):
        pass
    assert held.shown("blackout") and not held.shown("stillThere") and _centre_is_black(held)
    assert held.slide == 4 and held.mode == "visitor"
    held.key(Qt.Key.Key_Right)  # the next key brings the slide back, and only that
    assert not held.shown("blackout") and held.slide == 4
    # Then the visitor's idle wait runs again as usual.
    qtbot.waitUntil(lambda: held.shown("stillThere"), timeout=3000)


def test_the_menu_closes_when_the_screen_is_blanked(fast: Any) -> None:
    fast.tap(960, 540)
    fast.press("contentsButton")
    assert fast.shown("sectionMenu")
    fast.key(Qt.Key.Key_B)
    assert fast.shown("blackout") and not fast.shown("sectionMenu")
