"""The staff panel speaks one language: every word it shows went through the translation.

A marking translation stands in for the French one: every text it has comes back between
⟪ ⟫ (compiled from the French .ts, as the show's own is: a translator written in Python
would be called from Qt's QML loader thread and wait there for the interpreter). Then every text drawn on the open panel, after a good reload and a failed one,
with the screen unable to stay on and the statistics failing, is either marked or a name
or number (a path, the deck's hash, a count) or a line of the log (which stays English).
A text built in Python outside ``staff_text`` (an English reason passed through) is caught.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QTranslator
from PySide6.QtDBus import QDBusConnection
from PySide6.QtQuick import QQuickItem

from kiosk.app import Display, DisplayOptions, StaffSetup
from kiosk.booth import Booth, BoothServices, ShowControls
from kiosk.deck import load_deck_set
from kiosk.qt.staff import StaffController
from kiosk.qt.textlines import drawn_text_items
from kiosk.qt.translation import TRANSLATIONS
from kiosk.staffstatus import staff_words
from kiosk.system.awake import ScreenAwake
from kiosk.watch import DeckWatcher

# A name or a number the panel may show as it is: a count, a duration's digits, a path,
# the deck's hash, the languages' tags.
AS_IT_IS = re.compile(r"^[\d\s.,:/%()+-]*$|^\S*/\S*$|^[0-9a-f]{12}$|^(?:[a-z]{2}(?:, )?)+$")


class Recorder:
    """The statistics failing, as the booth reads them."""

    def health_words(self) -> tuple[bool, Any]:
        return False, staff_words("cannot open the database: %1", staff_words("the disk is full"))

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


@pytest.fixture
def marked(qapp: Any, tmp_path: Path) -> Iterator[QTranslator]:
    """Every text of the French translation, translated to itself between ⟪ ⟫."""
    tree = ET.parse(TRANSLATIONS / "kiosk_fr.ts")
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.text = f"⟪{message.findtext('source', '')}⟫"
    ts, qm = tmp_path / "marked.ts", tmp_path / "marked.qm"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    yield translator
    QCoreApplication.removeTranslator(translator)


def drawn_texts(item: QQuickItem) -> Iterator[str]:
    """The text of every Text drawn under ``item``, but the log's lines."""
    for text in drawn_text_items(item, skip="log"):
        yield str(text.property("text")).strip()


def test_every_word_on_the_staff_panel_is_translated(
    tmp_path: Path, qapp: Any, qtbot: Any, marked: QTranslator
) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "slides.md").write_text("---\nlang: fr\n---\n\n# Un\n\n---\n\n# Deux\n", "utf-8")
    staff = StaffController("", windowed=True)
    display = Display(
        load_deck_set(deck),
        DisplayOptions(size=(1280, 720), reduced_motion=True),
        StaffSetup(staff),
    )
    QCoreApplication.installTranslator(marked)  # after the show's own (French) one
    awake = ScreenAwake(
        platform="linux",
        bus=lambda: QDBusConnection.connectToBus("unix:path=/nonexistent/kiosk-bus", "none"),
        which=lambda name: None,
    )
    awake.acquire()  # nothing can keep the screen on here
    watcher = DeckWatcher(deck, debounce_ms=60_000, notify=False)
    booth = Booth(ShowControls.of(display), staff, parent=display)
    try:
        display.window.resize(1280, 720)
        display.window.show()
        qtbot.waitUntil(lambda: display.window.contentItem().width() == 1280)
        display.warm_up()
        booth.start(
            load_deck_set(deck),
            BoothServices(watcher=watcher, recorder=Recorder(), awake=awake),  # type: ignore[arg-type]
        )
        staff.open()  # no PIN: the panel itself
        panel = display.window.findChild(QObject, "staffPanel")
        qtbot.waitUntil(lambda: panel is not None and panel.isVisible(), timeout=2000)
        for slides in ("# Un\n\n---\n\n# Deux\n\n---\n\n# Trois\n", "---\nlayout: nope\n---\n"):
            (deck / "slides.md").write_text(f"---\nlang: fr\n---\n\n{slides}", "utf-8")
            with qtbot.waitSignal(watcher.reloadFinished, timeout=10_000):
                staff.reload()
            staff.refreshStatus()
            qtbot.wait(50)  # the bindings follow
            texts = list(drawn_texts(panel))
            assert any("⟪reloaded" in t or "⟪not reloaded" in t for t in texts), texts
            unmarked = [t for t in texts if "⟪" not in t and not AS_IT_IS.search(t)]
            assert unmarked == [], texts
    finally:
        watcher.stop()
        display.window.hide()
        display.deleteLater()
        qapp.processEvents()
