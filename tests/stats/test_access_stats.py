"""« Aa » in the statistics: a visitor's choices there are recorded, anonymously, and counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from made_decks import make_deck_set
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from kiosk.app import Display, DisplayOptions
from kiosk.stats.feed import StatsFeed
from kiosk.stats.model import EventKind
from kiosk.stats.recorder import Recorder
from kiosk.stats.report import format_summary, summarize
from kiosk.stats.store import Store


def _tap(display: Display, qtbot: Any, name: str) -> None:
    window = display.window
    with qtbot.waitSignal(window.frameSwapped, timeout=2000):
        window.update()  # rows of buttons are laid out before a frame
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        if item.objectName() == name and item.isVisible():
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
            QTest.mouseClick(
                window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
            )
            return
        pending.extend(item.childItems())
    raise AssertionError(f"no visible {name}")


def test_the_choices_made_with_aa_are_recorded_and_counted(
    qapp: QGuiApplication, qtbot: Any, tmp_path: Path
) -> None:
    display = Display(make_deck_set(), DisplayOptions(reduced_motion=True, size=(1280, 720)))
    feed = StatsFeed(
        display.playback,
        display.navigator,
        display.language,
        display.sections,
        display.deck,
        display,
        access=display.access,
    )
    path = tmp_path / "stats.sqlite3"
    recorder = Recorder(path)
    try:
        display.window.show()
        qtbot.waitUntil(lambda: display.window.contentItem().width() == 1280)
        display.warm_up()
        display.playback.start()
        feed.start(recorder)
        display.playback.activity()  # a visitor (any first touch): « Aa » among the controls
        _tap(display, qtbot, "accessButton")
        _tap(display, qtbot, "textSize2")
        _tap(display, qtbot, "contrastSwitch")
        assert display.access.textStep == 2 and display.access.highContrast
        assert recorder.flush()
    finally:
        recorder.close()
        display.window.close()
        display.deleteLater()
        qapp.processEvents()
    events = list(Store.open(path, read_only=True).events())
    used = [e for e in events if e.kind is EventKind.ACCESS_USED]
    assert [e.title for e in used] == ["text_size:larger", "contrast:high"]
    assert all(e.visit == 1 and e.slide is None for e in used)  # what, never who
    _, total = summarize(events)
    assert (total.access_choices, total.access_visits) == (2, 1)
    assert "  « Aa » choices     2 in 1 visit" in list(format_summary(total))
