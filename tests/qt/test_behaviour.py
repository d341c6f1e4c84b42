"""The Qt glue and the motion: model, navigator, autoplay, neighbours only, the figure's entrance, fades."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.deck.model import Deck
from kiosk.qt.autoplay import Autoplay
from kiosk.qt.navigator import Navigator
from kiosk.qt.slidemodel import Role, SlideModel
from kiosk.render.legibility import BODY_FLOOR_RATIO, BODY_RATIO_LANDSCAPE, BODY_RATIO_PORTRAIT


def test_slide_model_is_a_well_behaved_list_model(qtmodeltester: Any, layouts_deck: Deck) -> None:
    model = SlideModel(layouts_deck)
    qtmodeltester.check(model)
    assert model.rowCount() == len(layouts_deck.slides)
    end = model.index(len(layouts_deck.slides) - 1)
    assert model.data(end, Role.layout) == "end"
    assert model.data(end, Role.qr) == layouts_deck.link  # the deck's link on the end slide
    assert model.data(end, Role.qrCaption) == "cites-unies-france.org"
    fact = model.index(3)
    assert model.data(fact, Role.figure) == "4 700"
    # A layout's data in one call: the same values as the roles, without the duration.
    whole = model.slide(3)
    assert whole["figure"] == model.data(fact, Role.figure)
    assert set(whole) == {role.name for role in Role} - {"duration"}
    assert model.slide(len(layouts_deck.slides)) == {}


def test_navigator_wraps_around_the_loop(qtbot: Any) -> None:
    navigator = Navigator(3)
    with qtbot.waitSignal(navigator.wrapped):
        navigator.goTo(2)
        navigator.next()
    assert navigator.current == 0
    navigator.previous()
    assert navigator.current == 2
    navigator.goTo(7)  # out of range: ignored
    assert navigator.current == 2
    navigator.set_count(2)
    assert navigator.current == 0


def test_autoplay_advances_on_its_own_and_stops_when_paused(qtbot: Any) -> None:
    navigator = Navigator(3)
    autoplay = Autoplay(navigator, [10.0, 10.0, 10.0], time_scale=0.002)  # 20 ms a slide
    autoplay.start()
    with qtbot.waitSignal(navigator.currentChanged, timeout=2000):
        pass
    assert navigator.current == 1
    autoplay.pause()
    with qtbot.assertNotEmitted(navigator.currentChanged, wait=100):
        pass


def loaded_slides(window: Any) -> list[QQuickItem]:
    """The slide layouts that exist in the scene (built by their holders)."""
    found = []

    def visit(item: QQuickItem) -> None:
        if (built := item.property("content")) is not None:  # a slide holder's layout
            found.append(built)
        for child in item.childItems():
            visit(child)

    visit(window.contentItem())
    return found


def test_the_first_slide_is_built_alone_then_its_neighbours(qapp: Any, layouts_deck: Deck) -> None:
    from kiosk.app import Display, DisplayOptions

    display = Display(layouts_deck, DisplayOptions(autoplay=False))
    try:
        assert [i.property("slideIndex") for i in loaded_slides(display.window)] == [0]
        display.warm_up()
        indexes = sorted(i.property("slideIndex") for i in loaded_slides(display.window))
        assert indexes == [0, 1, len(layouts_deck.slides) - 1]  # wrapping around the loop
    finally:
        display.deleteLater()


def test_the_staff_overlay_waits_for_the_first_frame(qapp: Any, layouts_deck: Deck) -> None:
    from kiosk.app import Display, DisplayOptions, StaffSetup
    from kiosk.qt.staff import StaffController

    display = Display(
        layouts_deck, DisplayOptions(autoplay=False), StaffSetup(StaffController("", windowed=True))
    )
    try:
        # The cover's frame does not wait for the PIN pad and panel...
        assert display.window.findChild(QQuickItem, "pinPad") is None
        display.warm_up()  # ...which are built right after it
        assert display.window.findChild(QQuickItem, "pinPad") is not None
    finally:
        display.deleteLater()


def test_only_the_current_slide_and_its_neighbours_exist(
    make_display: Callable[..., Any], layouts_deck: Deck
) -> None:
    display = make_display(layouts_deck, (1280, 800))
    assert len(loaded_slides(display.window)) == 3  # the last, the first, the second
    display.navigator.goTo(6)
    indexes = sorted(item.property("slideIndex") for item in loaded_slides(display.window))
    assert indexes == [5, 6, 7]


def test_the_next_slide_is_laid_out_before_it_is_shown(
    make_display: Callable[..., Any], layouts_deck: Deck
) -> None:
    display = make_display(layouts_deck, (1280, 800), reduced_motion=False)
    display.navigator.goTo(5)  # a jump: nothing was preloaded there
    current = [i for i in loaded_slides(display.window) if i.property("slideIndex") == 5]
    assert current and current[0].property("shown")  # built synchronously, no blank frame
    display.navigator.next()  # the neighbour, already built: only faded in
    assert any(i.property("slideIndex") == 6 for i in loaded_slides(display.window))


def figure_text(window: Any) -> str:
    def visit(item: QQuickItem) -> str:
        if item.objectName() == "figure" and item.isVisible():
            # as drawn: FitText's visible Text (its twin, measured for the fit, is hidden)
            return next(
                str(c.property("text"))
                for c in item.childItems()
                if c.inherits("QQuickText") and c.isVisible()
            )
        for child in item.childItems():
            if found := visit(child):
                return found
        return ""

    return visit(window.contentItem())


def figure_rise(window: Any) -> float:
    """How far below its place the visible figure is drawn (its entrance), px."""

    def visit(item: QQuickItem) -> float | None:
        if not item.isVisible():
            return None
        if item.objectName() == "figure":
            placed = item.parentItem().mapToScene(QPointF(0, item.y())).y()
            return float(item.mapToScene(QPointF(0, 0)).y() - placed)
        for child in item.childItems():
            if (found := visit(child)) is not None:
                return found
        return None

    found = visit(window.contentItem())
    return round(found, 3) if found else 0.0


def test_a_fact_figure_is_the_deck_s_at_every_frame_of_its_entrance(
    qtbot: Any, make_display: Callable[..., Any], layouts_deck: Deck
) -> None:
    display = make_display(layouts_deck, (1280, 800), reduced_motion=False)
    drawn: list[tuple[str, float]] = []  # each frame's figure text and rise

    def sample() -> None:
        drawn.append((figure_text(display.window), figure_rise(display.window)))

    def risen() -> bool:
        return len(drawn) >= 8 and drawn[-1][1] == 0

    for index in (3, 4):  # 4 700; 0,2 à 0,5 %
        display.navigator.goTo(0)  # from the cover: the only figure on screen is the new one
        qtbot.wait(600)
        drawn.clear()
        display.window.afterRendering.connect(sample)
        display.navigator.goTo(index)
        qtbot.waitUntil(risen, timeout=3000)
        display.window.afterRendering.disconnect(sample)
        assert {text for text, _ in drawn} == {layouts_deck.slides[index].figure}
        rises = [rise for _, rise in drawn]
        assert rises[0] > 10 and rises[-1] == 0  # it rose into place as the card faded in
        assert rises == sorted(rises, reverse=True)


def test_reduced_motion_shows_the_figure_in_place_at_once(
    make_display: Callable[..., Any], layouts_deck: Deck
) -> None:
    display = make_display(layouts_deck, (1280, 800), reduced_motion=True)
    display.navigator.goTo(3)
    assert figure_text(display.window) == "4 700"
    assert figure_rise(display.window) == 0


def test_theme_shares_the_legibility_numbers_with_kiosk_check(
    make_display: Callable[..., Any], layouts_deck: Deck
) -> None:
    display = make_display(layouts_deck, (1920, 1080))
    theme = display.engine.singletonInstance("Kiosk", "Theme")
    assert abs(theme.property("bodyFloorRatio") - BODY_FLOOR_RATIO) < 1e-9
    assert abs(theme.property("bodyRatio") - BODY_RATIO_LANDSCAPE) < 1e-9
    assert theme.property("bodySize") >= BODY_FLOOR_RATIO * 1080
    portrait = make_display(layouts_deck, (1080, 1920))
    theme = portrait.engine.singletonInstance("Kiosk", "Theme")
    assert abs(theme.property("bodyRatio") - BODY_RATIO_PORTRAIT) < 1e-9


def test_the_qr_code_drawn_is_the_code_segno_made(
    make_display: Callable[..., Any], layouts_deck: Deck
) -> None:
    from kiosk.qt.qrcode import QUIET_ZONE, qr_matrix

    display = make_display(layouts_deck, (1920, 1080))
    display.navigator.last()
    image = display.window.grabWindow()

    def find(item: QQuickItem) -> QQuickItem | None:
        if item.inherits("QrCode") or type(item).__name__ == "QrCode":
            return item
        for child in item.childItems():
            if found := find(child):
                return found
        return None

    code = find(display.window.contentItem())
    assert code is not None and code.isVisible()
    matrix = qr_matrix(layouts_deck.link)
    total = len(matrix) + 2 * QUIET_ZONE
    rect = code.mapRectToScene(QRectF(0, 0, code.width(), code.height()))
    module = int(min(rect.width(), rect.height()) // total)
    assert module * total >= 0.3 * 1080  # about a third of the screen height: scannable at 1 m
    left = rect.x() + int((rect.width() - module * total) / 2)
    top = rect.y() + int((rect.height() - module * total) / 2)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            px = int(left + (x + QUIET_ZONE + 0.5) * module)
            py = int(top + (y + QUIET_ZONE + 0.5) * module)
            lightness = image.pixelColor(px, py).lightness()
            assert (lightness < 60) if dark else (lightness > 200), (x, y)
