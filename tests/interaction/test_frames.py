"""What the show draws, frame by frame: nothing on a still slide, a few frames a change.

Frames are counted where they reach the screen: the window's frameSwapped, through the
show's own frame meter (kiosk.qt.framemeter). The software renderer (tests/conftest.py)
is the one a booth without a GPU runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem

from kiosk.qt.textlines import drawn_text_items

Booth = Any  # the booth fixture's (tests/interaction/conftest.py)


def frames_over(b: Booth, ms: int) -> int:
    before = b.display.frame_meter.frames
    b.qtbot.wait(ms)
    return int(b.display.frame_meter.frames - before)


def faded_in(b: Booth) -> Callable[[], bool]:
    view = b.item("slideView")
    return lambda: view.property("fade") >= 1 and view.property("previous") == -1


def test_a_still_slide_draws_no_frame(booth: Callable[..., Booth]) -> None:
    b = booth(reduced_motion=False, start=False)
    b.display.playback.activity()  # a visitor reading: no loop, no time bar, no invitation
    for slide in (2, 3):  # a text slide; the fact card, its figure risen into place
        before = b.display.frame_meter.frames
        b.navigator.goTo(slide)
        b.qtbot.waitUntil(faded_in(b), timeout=3000)
        b.qtbot.wait(800)  # the neighbours' building
        assert b.display.frame_meter.frames - before >= 5  # the change was drawn
        assert frames_over(b, 3000) == 0, f"slide {slide} drew frames while nothing moved"


def test_between_changes_the_loop_draws_only_the_time_bar_s_steps(
    booth: Callable[..., Booth],
) -> None:
    # A 30 s slide: the time bar steps once a second (ten steps a slide, at most 1 s apart)
    b = booth(reduced_motion=False, default_duration_s=30)
    b.qtbot.waitUntil(faded_in(b), timeout=3000)
    b.qtbot.wait(600)
    drawn = frames_over(b, 3000)
    # Its steps (2 to 4 in 3 s), and the invitation's fingertip: a tap of two frames
    # every 6 s, none or one in 3 s.
    assert 2 <= drawn <= 4 + 2, f"{drawn} frames in 3 s of a still slide with its time bar"
    assert b.slide == 0 and b.display.autoplay.running


def test_the_time_bar_steps_down_and_is_full_again_with_each_change(
    booth: Callable[..., Booth],
) -> None:
    # 2 s slides: steps of 500 ms (Theme.timeBarStepMs), none on the change itself.
    b = booth(reduced_motion=False, default_duration_s=2)
    bar = b.item("timeBar").childItems()[0]
    full = b.item("timeBar").width()
    b.qtbot.waitUntil(lambda: b.slide == 1, timeout=5000)
    seen: list[tuple[int, float]] = []  # (slide, bar width) at each frame
    record = lambda: seen.append((b.slide, bar.width()))  # noqa: E731
    b.window.frameSwapped.connect(record)
    try:
        b.qtbot.waitUntil(lambda: b.slide == 3, timeout=6000)
        b.qtbot.wait(300)  # the change's frames
    finally:
        b.window.frameSwapped.disconnect(record)
    whole = [w for slide, w in seen if slide == 2]
    distinct = [w for i, w in enumerate(whole) if i == 0 or w != whole[i - 1]]
    assert distinct[0] == full  # full from the change on
    assert distinct == sorted(distinct, reverse=True)  # only ever shorter
    assert 3 <= len(distinct) <= 4, distinct  # 3 steps: 75 %, 50 %, 25 %
    assert min(distinct) >= full * 0.2  # never drawn empty: the change fills it again
    assert next(w for slide, w in seen if slide == 3) == full


def test_the_invitation_taps_in_a_few_frames_and_not_under_reduced_motion(
    booth: Callable[..., Booth],
) -> None:
    b = booth(reduced_motion=False, start=False)  # the attract mode, no loop: no time bar
    assert b.shown("hint")
    b.qtbot.wait(1000)  # the cover drawn, its neighbours built
    ring = b.item("tapRing")
    seen: set[bool] = set()
    steps = b.display.frame_meter.frames
    for _ in range(80):  # 8 s: one tap or two
        seen.add(ring.isVisible())
        b.qtbot.wait(100)
    drawn = b.display.frame_meter.frames - steps
    assert seen == {True, False}  # the ring leaves the finger, then is gone
    assert 2 <= drawn <= 5, f"{drawn} frames in 8 s for the invitation's taps"  # 2 a tap
    still = booth(reduced_motion=True, start=False)
    assert still.shown("hint")  # still invited, without the motion
    still.qtbot.wait(1000)
    before = still.display.frame_meter.frames
    assert not any(still.item("tapRing").isVisible() or still.qtbot.wait(100) for _ in range(45))
    assert still.display.frame_meter.frames == before


def test_a_fade_draws_twenty_two_frames_a_second(booth: Callable[..., Booth]) -> None:
    b = booth(reduced_motion=False, start=False)  # fades of 400 ms
    b.navigator.goTo(2)
    b.qtbot.waitUntil(faded_in(b), timeout=3000)
    b.qtbot.wait(500)
    before = b.display.frame_meter.frames
    b.navigator.goTo(5)  # a text slide to a text slide
    b.qtbot.waitUntil(faded_in(b), timeout=3000)
    b.qtbot.wait(200)  # its last step on screen, the neighbours built
    drawn = b.display.frame_meter.frames - before
    # Nine steps, and the change's own frames (the dots; the new slide built and fitted,
    # being no neighbour of the old one); at the screen's 60 Hz it was 24 and more.
    assert 8 <= drawn <= 13, f"a 400 ms fade drew {drawn} frames"
    assert frames_over(b, 1000) == 0  # and then nothing: the old slide is gone for good


def ink(image: QImage, background: QColor, rows: range) -> int:
    """The largest difference from ``background`` (sum over R, G, B) in ``rows``."""
    most = 0
    for y in rows:
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            most = max(
                most,
                abs(c.red() - background.red())
                + abs(c.green() - background.green())
                + abs(c.blue() - background.blue()),
            )
    return most


def title_rows(b: Booth) -> range:
    """The rows of the title drawn now (the first Text of an item named "title")."""
    for text in drawn_text_items(b.window.contentItem()):
        parent = text.parentItem()
        if parent is not None and parent.objectName() == "title" and text.opacity() > 0:
            box = text.mapRectToScene(QRectF(0, 0, text.width(), text.height()))
            return range(int(box.top()), int(box.bottom()))
    raise AssertionError("no title drawn")


def test_mid_fade_both_slides_show_at_part_strength(booth: Callable[..., Booth]) -> None:
    b = booth(reduced_motion=False, start=False)
    b.navigator.goTo(2)
    b.qtbot.waitUntil(faded_in(b), timeout=3000)
    view: QQuickItem = b.item("slideView")
    background = b.window.color()
    old_title = title_rows(b)
    b.navigator.goTo(5)
    view.setProperty("fade", 1.0)
    new_title = title_rows(b)
    # The rows of both titles (each text slide's block is placed by its own height).
    titles = range(min(old_title.start, new_title.start), max(old_title.stop, new_title.stop), 2)
    strength = {}
    for fade in (0.0, 0.5, 1.0):
        view.setProperty("fade", fade)  # the fade's own steps move on from here
        strength[fade] = ink(b.window.grabWindow(), background, titles)
    full = min(strength[0.0], strength[1.0])  # the old title alone, then the new one
    assert full > 200
    # Halfway, neither title is drawn at full strength (the old one under the new, or the
    # new one popping in), nor vanished: a cross-fade.
    assert 0.3 * full <= strength[0.5] <= 0.8 * full, strength


def fitted_sizes(b: Booth) -> list[tuple[str, float]]:
    sizes = []

    def walk(item: QQuickItem) -> None:
        if not item.isVisible():
            return
        if item.property("fitPixelSize") is not None and item.property("text"):
            sizes.append((str(item.property("text"))[:30], float(item.property("fitPixelSize"))))
        for child in item.childItems():
            walk(child)

    walk(b.window.contentItem())
    return sizes


def test_a_text_fitted_again_in_the_same_box_takes_the_same_size(
    booth: Callable[..., Booth],
) -> None:
    # FitText keeps the sizes it found (FitSizes): another box must not get a kept size.
    b = booth(size=(1920, 1080), start=False)
    b.navigator.goTo(2)
    b.qtbot.waitUntil(faded_in(b), timeout=3000)
    large = fitted_sizes(b)
    b.window.resize(1280, 720)
    b.qtbot.waitUntil(lambda: b.window.contentItem().height() == 720)
    b.qtbot.wait(100)
    small = fitted_sizes(b)
    b.window.resize(1920, 1080)
    b.qtbot.waitUntil(lambda: b.window.contentItem().height() == 1080)
    b.qtbot.wait(100)
    assert fitted_sizes(b) == large
    fresh = booth(size=(1280, 720), start=False)  # another engine: nothing kept
    fresh.navigator.goTo(2)
    fresh.qtbot.waitUntil(faded_in(fresh), timeout=3000)
    assert small == fitted_sizes(fresh) != large


def test_the_frames_of_each_slide_are_logged_as_it_is_left(
    booth: Callable[..., Booth], caplog: Any
) -> None:
    b = booth(reduced_motion=False, start=False)
    b.navigator.goTo(2)
    b.qtbot.waitUntil(faded_in(b), timeout=3000)
    b.qtbot.wait(300)
    drawn = b.display.frame_meter.frames_this_slide()
    with caplog.at_level("DEBUG", logger="kiosk.qt.framemeter"):
        b.navigator.goTo(5)
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.qt.framemeter"]
    assert len(lines) == 1 and lines[0].startswith(f"frames: {drawn} drawn while slide 3 was")
    assert drawn >= 8  # its fade, at least
    assert b.display.frame_meter.frames_this_slide() == 0
