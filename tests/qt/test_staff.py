"""Staff panel: the PIN pad's lockout, the actions behind the PIN, and the QML drawn offscreen.

Set KIOSK_STAFF_SHOTS=<folder> to keep the screenshots (1920x1080 and 1080x1920 of the pad,
a wrong PIN, the lockout and the panel) for a look.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.pinhash import hash_pin
from kiosk.qt import QML_IMPORT_PATH
from kiosk.qt.staff import LOCKOUT_S, SHORTCUT, StaffController
from kiosk.staffstatus import StaffStatus

PIN = "2468"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make(qapp: Any, pin_hash: str, clock: FakeClock) -> Iterator[Callable[..., StaffController]]:
    made: list[StaffController] = []

    def build(**options: Any) -> StaffController:
        options.setdefault("clock", clock)
        options.setdefault("export_folders", lambda: [])
        controller = StaffController(options.pop("pin_hash", pin_hash), **options)
        made.append(controller)
        return controller

    yield build
    for controller in made:
        controller.deleteLater()


# --- the controller ----------------------------------------------------------------------


def test_the_right_pin_opens_the_panel(make: Callable[..., StaffController], qtbot: Any) -> None:
    staff = make()
    assert not staff.padOpen and not staff.panelOpen
    with qtbot.waitSignal(staff.opened, timeout=0):
        staff.open()
    assert staff.padOpen

    with qtbot.waitSignals([staff.unlocked, staff.panelOpenChanged], timeout=0):
        assert staff.submit(PIN) is True
    assert not staff.padOpen and staff.panelOpen
    assert staff.triesLeft == 5


def test_five_wrong_pins_lock_the_pad_for_30_seconds(
    make: Callable[..., StaffController], clock: FakeClock, qtbot: Any
) -> None:
    staff = make()
    staff.open()
    rejected: list[int] = []
    staff.pinRejected.connect(rejected.append)

    for wrong in ("0000", "1111", "", "2222", "9999"):
        assert staff.submit(wrong) is False
    # An empty entry (OK pressed by mistake) costs no try.
    assert rejected == [4, 3, 2, 1] and staff.triesLeft == 1
    assert staff.lockedSeconds == 0

    with qtbot.waitSignal(staff.lockedSecondsChanged, timeout=0):
        assert staff.submit("1357") is False
    assert rejected[-1] == 0
    assert staff.lockedSeconds == LOCKOUT_S == 30

    # Locked: even the right PIN is refused, and not counted.
    assert staff.submit(PIN) is False
    assert not staff.panelOpen and rejected[-1] == 0 and len(rejected) == 5
    clock.now += 29.2
    assert staff.lockedSeconds == 1
    assert staff.submit(PIN) is False
    clock.now += 0.8
    assert staff.lockedSeconds == 0
    assert staff.triesLeft == 5  # a fresh set of tries after the lockout
    assert staff.submit(PIN) is True
    assert staff.panelOpen


def test_each_lockout_lasts_longer_until_the_right_pin(
    make: Callable[..., StaffController],
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    qtbot: Any,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.qt.staff")
    staff = make()
    staff.open()
    locks = []
    for _ in range(6):
        for _ in range(5):
            staff.submit("0000")
        locks.append(staff.lockedSeconds)
        clock.now += staff.lockedSeconds
    assert locks == [30, 60, 300, 900, 3600, 3600]
    # Each wrong PIN and each lockout is in the log, counted, with its length.
    assert "a wrong PIN (1 since the start; 4 tries left before a lockout)" in caplog.text
    assert (
        "a wrong PIN (10 since the start), 5 in a row: pad locked for 1 min"
        " (lockout 2; the next one lasts 5 min)" in caplog.text
    )
    assert "pad locked for 1 h 00 min (lockout 6" in caplog.text
    assert staff.submit(PIN) is True
    staff.resume()
    staff.open()
    for _ in range(5):
        staff.submit("0000")
    assert staff.lockedSeconds == 30  # the right PIN starts the steps again


def test_a_lockout_survives_a_restart(
    make: Callable[..., StaffController], clock: FakeClock, tmp_path: Path
) -> None:
    state = tmp_path / "state" / "staff-pin.json"
    first = make()
    first.remember_lockouts(state)
    first.open()
    for _ in range(5):
        first.submit("0000")
    clock.now += 30
    for _ in range(5):
        first.submit("0000")
    assert first.lockedSeconds == 60
    first.deleteLater()

    # The show starts again (a pulled plug, a crash): still locked, the next step next.
    clock.now += 5
    second = make()
    second.remember_lockouts(state)
    second.open()
    assert second.lockedSeconds == 60  # counted again from the restart: never less
    assert second.submit(PIN) is False
    clock.now += 60
    for _ in range(5):
        second.submit("0000")
    assert second.lockedSeconds == 300


def test_the_lockout_counts_down_for_the_pad(
    make: Callable[..., StaffController], clock: FakeClock, qtbot: Any
) -> None:
    staff = make(max_tries=1, lockout_s=3, tick_ms=5)
    staff.open()
    staff.submit("0000")
    assert staff.lockedSeconds == 3
    seen: list[int] = []
    staff.lockedSecondsChanged.connect(lambda: seen.append(staff.lockedSeconds))
    for _ in range(3):
        clock.now += 1
        qtbot.waitUntil(lambda: bool(seen) and seen[-1] == staff.lockedSeconds, timeout=1000)
    assert seen == [2, 1, 0]


def test_a_lockout_outlasts_closing_the_pad(
    make: Callable[..., StaffController], clock: FakeClock
) -> None:
    staff = make(max_tries=2)
    staff.open()
    staff.submit("0000")
    staff.submit("0000")
    staff.cancel()
    staff.open()
    assert staff.lockedSeconds == 30
    assert staff.submit(PIN) is False


def test_a_running_lock_is_written_down_as_it_counts_down(
    make: Callable[..., StaffController], clock: FakeClock, tmp_path: Path, qtbot: Any
) -> None:
    state = tmp_path / "staff-pin.json"
    staff = make(lock_refresh_s=0.01)
    staff.remember_lockouts(state)
    staff.open()
    for _ in range(5):
        staff.submit("0000")
    staff.cancel()  # the pad closed: the lock still runs, and is still written down
    clock.now += 20
    qtbot.waitUntil(lambda: '"locked_s": 10' in state.read_text(), timeout=2000)
    # A restart now waits the 10 s left, not 30 again.
    staff._keeper.stop()  # that show is over
    again = make(lock_refresh_s=0.01)
    again.remember_lockouts(state)
    # Nobody opens the pad: the lock from before the restart is written down as it runs.
    clock.now += 4
    qtbot.waitUntil(lambda: '"locked_s": 6' in state.read_text(), timeout=2000)
    assert again.lockedSeconds == 6
    clock.now += 6
    qtbot.waitUntil(lambda: '"locked_s": 0' in state.read_text(), timeout=2000)


@pytest.mark.parametrize("windowed", [False, True], ids=["booth", "window"])
def test_without_a_pin_the_shortcut_opens_the_panel_and_the_corner_nothing(
    make: Callable[..., StaffController],
    caplog: pytest.LogCaptureFixture,
    qtbot: Any,
    windowed: bool,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.qt.staff")
    staff = make(pin_hash="", windowed=windowed)
    assert "kiosk pin set" in caplog.text
    assert not staff.pinSet
    with qtbot.assertNotEmitted(staff.opened):
        staff.openByGesture()  # the corner: all a visitor can reach
    assert not staff.padOpen and not staff.panelOpen
    assert "the corner does nothing while no staff PIN is set" in caplog.text

    with qtbot.waitSignals([staff.opened, staff.unlocked], timeout=0):
        staff.open()  # the shortcut: the panel at once, no pad
    assert staff.panelOpen and not staff.padOpen
    assert staff.status["pinTries"] == "no PIN set"
    assert staff.status["pinTriesOk"] is False
    assert staff.submit(PIN) is False  # no pad, nothing to check
    with qtbot.waitSignal(staff.closed, timeout=0):
        staff.resume()


def test_with_a_pin_the_corner_opens_the_pad(
    make: Callable[..., StaffController], qtbot: Any
) -> None:
    staff = make()
    with qtbot.waitSignal(staff.opened, timeout=0):
        staff.openByGesture()
    assert staff.padOpen and not staff.panelOpen


def test_the_actions_need_the_panel_open(make: Callable[..., StaffController], qtbot: Any) -> None:
    staff = make()
    for signal, action in (
        (staff.reloadRequested, staff.reload),
        (staff.quitRequested, staff.quit),
        (staff.resumeRequested, staff.resume),
        (staff.exportRequested, lambda: staff.exportStats("/media/usb")),
    ):
        with qtbot.assertNotEmitted(signal):
            action()
    staff.open()
    with qtbot.assertNotEmitted(staff.quitRequested):
        staff.quit()  # the pad is open, but the PIN was not entered
    assert staff.submit("") is False


def test_the_actions_behind_the_pin(make: Callable[..., StaffController], qtbot: Any) -> None:
    staff = make()
    staff.open()
    staff.submit(PIN)

    with qtbot.waitSignal(staff.reloadRequested, timeout=0):
        staff.reload()
    with qtbot.waitSignal(staff.exportRequested, timeout=0) as export:
        staff.exportStats("  /media/staff/USB  ")
    assert export.args == ["/media/staff/USB"]
    with qtbot.assertNotEmitted(staff.exportRequested):
        staff.exportStats("   ")
    assert staff.message == "Choose a folder first." and not staff.messageOk
    staff.show_result("Exported 120 events to /media/staff/USB/kiosk.csv")
    assert staff.messageOk and staff.message.startswith("Exported 120")
    with qtbot.waitSignal(staff.quitRequested, timeout=0):
        staff.quit()

    with qtbot.waitSignals([staff.resumeRequested, staff.closed], order="strict", timeout=0):
        staff.resume()
    assert not staff.panelOpen and not staff.padOpen


def test_cancel_closes_the_pad(make: Callable[..., StaffController], qtbot: Any) -> None:
    staff = make()
    staff.open()
    with qtbot.waitSignal(staff.closed, timeout=0):
        staff.cancel()
    assert not staff.padOpen
    with qtbot.assertNotEmitted(staff.closed):
        staff.cancel()  # nothing open: nothing to close


def test_an_untouched_pad_and_a_forgotten_panel_close(
    make: Callable[..., StaffController], qtbot: Any
) -> None:
    staff = make(pad_timeout_ms=60, panel_timeout_ms=120)
    staff.open()
    with qtbot.waitSignal(staff.closed, timeout=2000):
        pass
    staff.open()
    staff.submit(PIN)
    with qtbot.assertNotEmitted(staff.closed, wait=60):
        pass
    staff.activity()  # a touch on the panel: the wait starts again
    with qtbot.waitSignal(staff.closed, timeout=2000):
        pass
    assert not staff.panelOpen


def test_the_status_the_panel_shows(
    make: Callable[..., StaffController], clock: FakeClock, tmp_path: Path
) -> None:
    log_file = tmp_path / "kiosk.log"
    log_file.write_text("".join(f"line {n}\n" for n in range(40)), encoding="utf-8")
    started = clock.now
    asked: list[int] = []

    def source() -> StaffStatus:
        asked.append(1)
        return StaffStatus(
            loops=12,
            visits_today=34,
            deck_path="/home/booth/deck",
            deck_hash="0123456789ab",
            last_reload="deck/slides.md:8: error: `duration` must be positive",
            last_reload_ok=False,
            last_reload_at=started + 3000,
            screen_awake="inhibited via org.freedesktop.ScreenSaver (cookie 7)",
            statistics="not recorded: /var/kiosk/stats.db is read-only",
            statistics_ok=False,
        )

    staff = make(status_source=source, log_path=log_file)
    clock.now = started + 2 * 86_400 + 3 * 3_600 + 600
    staff.open()
    staff.submit(PIN)
    assert asked  # read when the panel opened
    status = staff.status
    assert status["uptime"] == "2 d 3 h"
    assert (status["loops"], status["visitsToday"]) == (12, 34)
    assert status["deck"] == "/home/booth/deck" and status["deckHash"] == "0123456789ab"
    assert status["lastReload"] == (
        "2 d 2 h ago: deck/slides.md:8: error: `duration` must be positive"
    )
    assert status["lastReloadOk"] is False
    assert status["awake"].startswith("inhibited via")
    assert status["statistics"] == "not recorded: /var/kiosk/stats.db is read-only"
    assert status["statisticsOk"] is False
    assert status["pinTries"] == "none since the start" and status["pinTriesOk"] is True
    assert status["log"].splitlines() == [f"line {n}" for n in range(20, 40)]


def test_the_panel_shows_the_wrong_pins(
    make: Callable[..., StaffController], clock: FakeClock
) -> None:
    staff = make()
    staff.open()
    for _ in range(5):
        staff.submit("0000")
    clock.now += 30
    staff.submit("1111")
    clock.now += 240
    staff.submit(PIN)
    assert staff.status["pinTries"] == "6 since the start, the last 4 min ago"
    assert staff.status["pinTriesOk"] is False


def test_a_broken_status_source_does_not_close_the_panel(
    make: Callable[..., StaffController], caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> StaffStatus:
        raise RuntimeError("database locked")

    staff = make(status_source=broken)
    staff.open()
    assert staff.submit(PIN) is True
    assert staff.panelOpen
    assert staff.status["lastReload"] == "none since the start"
    assert "the status could not be read" in caplog.text


def test_the_status_is_refreshed_while_the_panel_is_open(
    make: Callable[..., StaffController], qtbot: Any
) -> None:
    count = [0]

    def source() -> StaffStatus:
        count[0] += 1
        return StaffStatus(loops=count[0])

    staff = make(status_source=source, refresh_ms=20)
    staff.open()
    staff.submit(PIN)
    qtbot.waitUntil(lambda: staff.status["loops"] >= 3, timeout=2000)
    staff.resume()
    seen = count[0]
    qtbot.wait(80)
    assert count[0] == seen  # closed: no more reads


def test_export_folders_put_removable_media_first_then_documents(
    make: Callable[..., StaffController], tmp_path: Path
) -> None:
    stick, documents = tmp_path / "USB", tmp_path / "Documents"
    stick.mkdir()
    sticks = [stick]
    staff = make(export_folders=lambda: list(sticks), documents=lambda: documents)
    staff.open()
    staff.submit(PIN)
    assert staff.exportFolders == [str(stick), str(documents)]
    assert staff.exportFolder == str(stick)
    assert staff.documentsFolder == str(documents)

    # No stick: the user's Documents folder, never the bare home folder.
    sticks.clear()
    staff.refreshExportFolders()
    assert staff.exportFolders == [str(documents)]
    assert staff.exportFolder == str(documents)


def _unlocked(make: Callable[..., StaffController], **options: Any) -> StaffController:
    staff = make(**options)
    staff.open()
    staff.submit(PIN)
    return staff


def test_the_last_export_folder_is_chosen_again_after_a_restart(
    make: Callable[..., StaffController], tmp_path: Path, qtbot: Any
) -> None:
    state = tmp_path / "state" / "staff-export.json"
    documents = tmp_path / "Documents"
    first, second = tmp_path / "media" / "CLE-A", tmp_path / "media" / "CLE-B"
    first.mkdir(parents=True)
    second.mkdir()
    sticks = [first, second]

    def booth() -> StaffController:  # a show as `kiosk run` makes it, its state kept in `state`
        staff = make(export_folders=lambda: list(sticks), documents=lambda: documents)
        staff.remember_export_folder(state)
        staff.open()
        staff.submit(PIN)
        return staff

    staff = booth()
    assert staff.exportFolder == str(first)
    with qtbot.waitSignal(staff.exportRequested, timeout=0) as asked:
        staff.exportStats(str(second))  # the staff tapped the second stick's key
    assert asked.args == [str(second)]
    staff.resume()

    # The next morning: a new show, both sticks plugged in again, in the same order.
    staff = booth()
    assert staff.exportFolder == str(second)
    assert staff.exportFolders == [str(first), str(second), str(documents)]

    # That stick stays at home: the first one there, then Documents when none is.
    sticks.remove(second)
    staff.refreshExportFolders()
    assert staff.exportFolder == str(first)
    sticks.clear()
    staff.refreshExportFolders()
    assert staff.exportFolder == str(documents)
    sticks.append(second)  # plugged in again: chosen again
    staff.refreshExportFolders()
    assert staff.exportFolder == str(second)

    # A folder typed on a keyboard is offered as a key of its own, while it is there.
    typed = tmp_path / "Rapports salon"
    typed.mkdir()
    staff.exportStats(str(typed))
    staff.resume()
    staff = booth()
    assert staff.exportFolders == [str(second), str(typed), str(documents)]
    assert staff.exportFolder == str(typed)
    typed.rmdir()
    staff.refreshExportFolders()
    assert staff.exportFolders == [str(second), str(documents)]
    assert staff.exportFolder == str(second)


@pytest.mark.parametrize("content", ["fifo", "garbage", "folder", "huge", "no access"])
def test_a_bad_export_memory_file_is_ignored_with_a_log_line(
    make: Callable[..., StaffController],
    tmp_path: Path,
    content: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    state = tmp_path / "staff-export.json"
    documents = tmp_path / "Documents"
    if content == "fifo":
        os.mkfifo(state)
    elif content == "garbage":
        state.write_text('{"version": 1, "folder": 7}')
    elif content == "folder":
        state.mkdir()
    elif content == "huge":
        state.write_text('{"version": 1, "folder": "' + "x" * 10_000 + '"}')
    else:
        state.write_text('{"version": 1, "folder": "/srv"}')
        state.chmod(0)
    staff = make(export_folders=lambda: [], documents=lambda: documents)
    staff.remember_export_folder(state)
    staff.open()
    staff.submit(PIN)  # opens at once: a FIFO in the file's place does not hang the panel
    assert staff.panelOpen
    if content != "no access" or os.geteuid() != 0:  # root reads a mode-0 file
        assert staff.exportFolder == str(documents)
        assert str(state) in caplog.text
    # The next choice is kept for this run even where the file cannot be written.
    chosen = tmp_path / "elsewhere"
    chosen.mkdir()
    staff.exportStats(str(chosen))
    staff.refreshExportFolders()
    assert staff.exportFolder == str(chosen)


# --- the QML components --------------------------------------------------------------------


SCENE = """
import QtQuick
import Kiosk

Window {
    id: window
    required property StaffController controller
    color: Theme.background

    Binding { target: Theme; property: "viewWidth"; value: window.width }
    Binding { target: Theme; property: "viewHeight"; value: window.height }
    Binding { target: Theme; property: "pixelDensity"; value: window.Screen.pixelDensity }

    Item {
        id: show
        objectName: "show"
        anchors.fill: parent
        focus: true
        property int keys: 0
        property int taps: 0
        // Counts the keys a slide would act on (modifier presses alone do nothing there).
        Keys.onPressed: event => {
            if (event.key !== Qt.Key_Control && event.key !== Qt.Key_Alt)
                show.keys += 1;
            event.accepted = true;
        }
        TapHandler { onTapped: show.taps += 1 }
        Text {
            anchors.centerIn: parent
            text: "65\u202f%"
            color: Theme.accent
            font.family: Theme.displayFamily
            font.weight: Font.Bold
            font.pixelSize: Theme.figureSize
        }
    }

    StaffOverlay {
        objectName: "overlay"
        anchors.fill: parent
        controller: window.controller
        corner: "bottom-right"
        // Longer than a tap can last (Qt's press-and-hold, 0.8 s), as the booth's 3 s is.
        holdSeconds: 1.0
    }
}
"""


class Scene:
    """The staff overlay over a stand-in slide, in an offscreen window."""

    def __init__(self, engine: QQmlApplicationEngine, window: QQuickWindow) -> None:
        self.engine = engine
        self.window = window

    def items(self, name: str) -> list[QQuickItem]:
        """Every item called ``name`` in the visual tree (a Repeater's delegates)."""
        found, pending = [], [self.window.contentItem()]
        while pending:
            item = pending.pop()
            if item.objectName() == name:
                found.append(item)
            pending.extend(item.childItems())
        return found

    def item(self, name: str) -> QQuickItem:
        """The item called ``name`` in the visual tree (a Repeater's items are only there)."""
        pending = [self.window.contentItem()]
        while pending:
            item = pending.pop()
            if item.objectName() == name:
                return item
            pending.extend(item.childItems())
        raise AssertionError(f"no item named {name!r}")

    def centre(self, name: str) -> QPoint:
        item = self.item(name)
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        return point.toPoint()

    def click(self, name: str) -> None:
        QTest.mouseClick(
            self.window,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            self.centre(name),
        )

    def rect(self, name: str) -> QRectF:
        item = self.item(name)
        return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))

    def shot(self, name: str) -> None:
        folder = os.environ.get("KIOSK_STAFF_SHOTS")
        image = self.window.grabWindow()
        assert not image.isNull()
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            size = f"{self.window.width()}x{self.window.height()}"
            image.save(str(Path(folder) / f"staff-{name}-{size}.png"))


@pytest.fixture
def scene(qapp: Any, qtbot: Any) -> Iterator[Callable[..., Scene]]:
    from kiosk.qt.fonts import load_bundled_fonts
    from kiosk.qt.qmltypes import register_types

    register_types()  # StaffController, and the DeckInfo the Theme reads: this file alone too
    load_bundled_fonts()
    made: list[Scene] = []

    def build(controller: StaffController, size: tuple[int, int], hold_s: float = 1.0) -> Scene:
        engine = QQmlApplicationEngine()
        engine.addImportPath(str(QML_IMPORT_PATH))
        engine.setInitialProperties({"controller": controller})
        source = SCENE.replace("holdSeconds: 1.0", f"holdSeconds: {hold_s}")
        engine.loadData(source.encode(), QUrl("file:///staff-test/Scene.qml"))
        roots = engine.rootObjects()
        assert roots and isinstance(roots[0], QQuickWindow), "the test scene did not load"
        window = roots[0]
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(
            lambda: (window.contentItem().width(), window.contentItem().height()) == size
        )
        made.append(Scene(engine, window))
        return made[-1]

    yield build
    for built in made:
        built.window.close()
        built.engine.deleteLater()
    qapp.processEvents()


SIZES = [(1920, 1080), (1080, 1920), (1024, 768)]


@pytest.mark.parametrize("size", SIZES, ids=["landscape", "portrait", "small"])
def test_the_pad_and_panel_draw_cleanly(
    make: Callable[..., StaffController],
    scene: Callable[..., Scene],
    clock: FakeClock,
    size: tuple[int, int],
    tmp_path: Path,
    qtbot: Any,
) -> None:
    log_file = tmp_path / "kiosk.log"
    log_file.write_text(
        "".join(
            f"2026-11-26 10:{n:02d}:00,000 INFO     kiosk.qt.playback: mode: attract -> visitor"
            f" (slide {n} of 27, Le saviez-vous ?)\n"
            for n in range(14)
        ),
        encoding="utf-8",
    )
    status = StaffStatus(
        loops=128,
        visits_today=48,
        visits_by_hour=(0,) * 9 + (3, 5, 8, 12, 6, 4, 7, 2, 1) + (0,) * 6,
        deck_path="/home/booth/Bureau/kiosk/slides",
        deck_hash="9f2c1e07ab44",
        last_reload="slides/slides.md:42: error: image not found: img/carte-du-monde.png",
        last_reload_ok=False,
        last_reload_at=clock.now - 300,
        screen_awake="inhibited via org.freedesktop.ScreenSaver (cookie 12)",
        statistics="not recorded: the disk is full",
        statistics_ok=False,
    )
    staff = make(
        status_source=lambda: status,
        log_path=log_file,
        export_folders=lambda: [Path("/media/booth/CLE-USB"), Path("/media/booth/SAUVEGARDE")],
    )
    shown = scene(staff, size)
    window = shown.window
    width, height = size

    staff.open()
    qtbot.waitUntil(lambda: shown.item("pinPad").isVisible())
    keys = shown.rect("keys")
    assert QRectF(0, 0, width, height).contains(shown.rect("pinCard"))
    # Every key at least 15 mm on this screen, and about a tenth of the short side.
    mm15 = 15 * window.screen().physicalDotsPerInch() / 25.4
    for digit in "0123456789":
        key = shown.rect("key" + digit)
        assert min(key.width(), key.height()) >= max(mm15, min(size) / 11.5), key
    shown.shot("pad")

    for digit in "13":
        shown.click("key" + digit)
    shown.click("keyOK")
    qtbot.waitUntil(lambda: shown.item("feedback").property("text") == "Wrong PIN. 4 tries left")
    qtbot.wait(350)  # the shake is over
    shown.shot("wrong")
    for digit in "97":
        shown.click("key" + digit)
    assert shown.item("feedback").property("text") == ""  # a new try: the message goes

    for _ in range(4):
        staff.submit("0000")
    qtbot.waitUntil(lambda: "Try again in 30 s" in shown.item("feedback").property("text"))
    assert not shown.item("key5").isEnabled()
    shown.shot("locked")
    assert keys == shown.rect("keys")  # the message never moves the keys

    clock.now += 31
    staff._tick()  # what the countdown timer does each second
    assert shown.item("key5").isEnabled()
    for digit in PIN:
        shown.click("key" + digit)
    shown.click("keyOK")
    qtbot.waitUntil(lambda: shown.item("staffPanel").isVisible())
    staff.show_result("Exported 1 204 events to /media/booth/CLE-USB/kiosk-stats.csv")
    assert shown.item("folder").property("text") == "/media/booth/CLE-USB"
    shown.shot("panel")  # drawn: the layout is settled before it is measured
    panel = shown.rect("panelCard")
    assert QRectF(0, 0, width, height).contains(panel)
    for name in ("resume", "reload", "export", "quit", "log", "message", "folderChoice"):
        assert panel.contains(shown.rect(name)), name
        if name not in ("log", "message"):
            assert shown.rect(name).height() >= mm15, name
    # Today's visits by hour: a bar a hour of the booth's day, 9 to 18, with its count.
    bars = shown.items("hourBar")
    assert [b.property("count") for b in sorted(bars, key=lambda b: b.property("hour"))] == [
        3, 5, 8, 12, 6, 4, 7, 2, 1, 0
    ]  # fmt: skip
    tallest = max(bars, key=lambda b: b.property("count"))
    assert tallest.property("hour") == 12 and panel.contains(shown.rect("hourChart"))
    # The log box keeps a few lines' room, and the status text is inside the card.
    assert shown.rect("log").height() >= height * 0.12
    assert panel.contains(shown.rect("status-lastReload"))
    # Statistics not recorded: their row in the warning colour, as a failed reload's.
    statistics = shown.item("status-statistics")
    assert statistics.property("text") == "not recorded: the disk is full"
    assert panel.contains(shown.rect("status-statistics"))
    warning = shown.item("status-lastReload").property("color")
    assert statistics.property("color") == warning != shown.item("status-loops").property("color")
    assert shown.rect("message").bottom() <= shown.rect("log").top()
    assert window.isVisible()


def test_long_press_in_the_corner_opens_the_pad(
    make: Callable[..., StaffController], scene: Callable[..., Scene], qtbot: Any
) -> None:
    staff = make()
    shown = scene(staff, (960, 540))
    corner = QPoint(950, 530)  # bottom-right, as the scene sets it
    show = shown.item("show")

    # A short tap in the corner goes to the show, and opens nothing.
    QTest.mouseClick(
        shown.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner
    )
    qtbot.waitUntil(lambda: show.property("taps") == 1)
    assert not staff.padOpen

    with qtbot.waitSignal(staff.opened, timeout=3000):
        QTest.mousePress(
            shown.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner
        )
    QTest.mouseRelease(
        shown.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner
    )
    assert staff.padOpen
    assert show.property("taps") == 1  # the long press was not a tap on the show


def _pixels_changed(before: QImage, after: QImage, area: QRect) -> int:
    return sum(
        before.pixel(x, y) != after.pixel(x, y)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    )


def test_holding_the_corner_shows_a_ring_after_a_second_and_nothing_before(
    make: Callable[..., StaffController], scene: Callable[..., Scene], qtbot: Any
) -> None:
    staff = make()
    shown = scene(staff, (960, 540), hold_s=3.0)  # the booth's default hold
    window = shown.window
    side = shown.rect("holdRing").width() / 0.9
    corner = QRect(int(960 - side), int(540 - side), int(side), int(side))
    press = corner.center()
    before = window.grabWindow()

    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    qtbot.wait(700)  # a passing finger, or the first moments of a hold: nothing drawn
    assert _pixels_changed(before, window.grabWindow(), corner) == 0
    frames = []
    window.frameSwapped.connect(lambda: frames.append(1))
    qtbot.wait(700)  # past 1 s: the ring has started, and it is drawn on its own, frame
    # after frame (a grab draws a frame, the screen only one that something asked for)
    assert len(frames) >= 10
    early_image = window.grabWindow()
    assert _pixels_changed(before, early_image, corner) > 0
    assert shown.item("holdRing").property("item") is not None  # the ring's file, loaded
    qtbot.wait(800)
    later = window.grabWindow()
    # It fills as the hold goes on: the accent arc over more of the track (the track is as
    # visible as the controls' outlines, so the area drawn on stays the same).
    assert _pixels_changed(early_image, later, corner) > 0
    # Drawn inside the corner: nothing changed outside it.
    assert _pixels_changed(before, later, QRect(0, 0, int(960 - side), 540)) == 0
    if folder := os.environ.get("KIOSK_STAFF_SHOTS"):
        later.copy(corner.adjusted(-40, -40, 0, 0)).save(f"{folder}/staff-hold-ring.png")
    assert not staff.padOpen

    # Let go before the 3 s: no pad, and the ring is gone.
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    qtbot.waitUntil(lambda: _pixels_changed(before, window.grabWindow(), corner) == 0)
    qtbot.wait(1200)
    assert not staff.padOpen

    # Held to the end, it opens the pad, and the corner's ring goes with it.
    with qtbot.waitSignal(staff.opened, timeout=4000):
        QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    assert shown.item("holdRing").property("item") is None  # unloaded


def test_the_shortcut_opens_the_pad_and_keys_stay_in_it(
    make: Callable[..., StaffController], scene: Callable[..., Scene], qtbot: Any
) -> None:
    assert SHORTCUT == "Ctrl+Alt+K"
    staff = make()
    shown = scene(staff, (960, 540))
    window, show = shown.window, shown.item("show")
    window.requestActivate()
    qtbot.waitUntil(lambda: show.hasActiveFocus())

    QTest.keyClick(window, Qt.Key.Key_Right)
    assert show.property("keys") == 1
    with qtbot.waitSignal(staff.opened, timeout=1000):
        QTest.keyClick(
            window,
            Qt.Key.Key_K,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )

    # Typed on the keyboard: digits, a mistake erased, Enter.
    with qtbot.waitSignal(staff.unlocked, timeout=1000):
        for key in (
            Qt.Key.Key_2,
            Qt.Key.Key_4,
            Qt.Key.Key_9,
            Qt.Key.Key_Backspace,
            Qt.Key.Key_6,
            Qt.Key.Key_8,
            Qt.Key.Key_Return,
        ):
            QTest.keyClick(window, key)
    assert show.property("keys") == 1  # none reached the show

    # Escape on the panel resumes the show, and the keys go to the show again.
    with qtbot.waitSignal(staff.closed, timeout=1000):
        QTest.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: show.hasActiveFocus())
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert show.property("keys") == 2


def test_touches_on_the_pad_never_reach_the_show(
    make: Callable[..., StaffController], scene: Callable[..., Scene], qtbot: Any
) -> None:
    staff = make()
    shown = scene(staff, (960, 540))
    show = shown.item("show")
    staff.open()
    qtbot.waitUntil(lambda: shown.item("pinPad").isVisible())
    QTest.mouseClick(
        shown.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 20)
    )  # outside the pad's card
    shown.click("key1")
    finger = QTest.createTouchDevice()
    for point in (QPoint(30, 500), shown.centre("key2")):  # a real touch, outside and on a key
        QTest.touchEvent(shown.window, finger).press(0, point, shown.window).commit()
        QTest.touchEvent(shown.window, finger).release(0, point, shown.window).commit()
    qtbot.wait(50)
    assert show.property("taps") == 0
    assert shown.item("pinPad").property("entry") == "12"  # the keys took their presses


def test_quit_asks_for_a_second_tap(
    make: Callable[..., StaffController], scene: Callable[..., Scene], qtbot: Any
) -> None:
    staff = make()
    shown = scene(staff, (1280, 800))
    staff.open()
    staff.submit(PIN)
    qtbot.waitUntil(lambda: shown.item("staffPanel").isVisible())
    with qtbot.assertNotEmitted(staff.quitRequested):
        shown.click("quit")
    assert shown.item("quit").property("text") == "Tap again to quit"
    with qtbot.waitSignal(staff.quitRequested, timeout=1000):
        shown.click("quit")

    with qtbot.waitSignal(staff.exportRequested, timeout=1000) as export:
        shown.click("export")
    assert export.args == [staff.documentsFolder]  # no stick here: the Documents folder
    with qtbot.waitSignal(staff.reloadRequested, timeout=1000):
        shown.click("reload")
    with qtbot.waitSignal(staff.closed, timeout=1000):
        shown.click("resume")


@pytest.mark.parametrize(
    "size", [(1920, 1080), (1024, 768), (1080, 1920)], ids=["landscape", "small", "portrait"]
)
def test_without_a_pin_the_shortcut_opens_the_panel_with_a_notice(
    make: Callable[..., StaffController],
    scene: Callable[..., Scene],
    qtbot: Any,
    size: tuple[int, int],
) -> None:
    staff = make(pin_hash="")
    shown = scene(staff, size)
    window, show = shown.window, shown.item("show")
    window.requestActivate()
    qtbot.waitUntil(lambda: show.hasActiveFocus())
    corner = QPoint(size[0] - 10, size[1] - 10)  # bottom-right, as the scene sets it

    # The corner's long press, held well past its 1 s: nothing opens.
    with qtbot.assertNotEmitted(staff.opened, wait=0):
        QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
        qtbot.wait(1300)
        QTest.mouseRelease(
            window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner
        )
    assert not staff.padOpen and not staff.panelOpen

    # The shortcut: the panel itself, no pad, saying that no PIN is set and how to set one.
    with qtbot.waitSignal(staff.unlocked, timeout=1000):
        QTest.keyClick(
            window,
            Qt.Key.Key_K,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    qtbot.waitUntil(lambda: shown.item("staffPanel").isVisible())
    assert not shown.item("pinPad").isVisible()
    notice = shown.item("noPinNotice")
    assert notice.isVisible()
    assert notice.property("text") == (
        "No staff PIN is set: anyone with a keyboard can open this panel."
        " Set one with: kiosk pin set"
    )
    assert shown.item("status-pinTries").property("text") == "no PIN set"
    shown.shot("nopin")
    card = shown.rect("panelCard")
    assert card.contains(shown.rect("noPinNotice"))
    # The notice pushes the status down, never under it nor under the actions.
    assert shown.rect("noPinNotice").bottom() <= shown.rect("status-uptime").top()
    for name in ("resume", "reload", "export", "quit"):
        assert card.contains(shown.rect(name)), name
        assert not shown.rect(name).intersects(shown.rect("noPinNotice")), name
    with qtbot.waitSignal(staff.closed, timeout=1000):
        QTest.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: show.hasActiveFocus())


@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920)], ids=["small", "portrait"])
def test_a_french_booths_pad_and_panel_speak_french_and_fit(
    make: Callable[..., StaffController],
    scene: Callable[..., Scene],
    clock: FakeClock,
    qtbot: Any,
    size: tuple[int, int],
) -> None:
    from kiosk.qt.translation import install_translation

    assert install_translation("fr") is not None  # what a French booth's Display does
    try:
        staff = make(status_source=lambda: StaffStatus(screen_awake=""))
        shown = scene(staff, size)
        staff.open()
        qtbot.waitUntil(lambda: shown.item("pinPad").isVisible())
        assert shown.item("prompt").property("text") == "Saisissez le code de l’équipe"
        staff.submit("0000")
        qtbot.waitUntil(
            lambda: shown.item("feedback").property("text") == "Code erroné. Encore 4 essais"
        )
        shown.shot("pad-fr")
        # The longest lock's message, in French, whole on the pad: 1 h, then 59 min 59 s.
        for _ in range(5):
            for _ in range(5):
                staff.submit("0000")
            clock.now += staff.lockedSeconds
        for _ in range(5):
            staff.submit("0000")
        feedback = shown.item("feedback")
        qtbot.waitUntil(lambda: "Réessayez dans 1\u202fh 00\u202fmin" in feedback.property("text"))
        clock.now += 1
        staff._tick()
        qtbot.waitUntil(lambda: "Réessayez dans 59\u202fmin 59\u202fs" in feedback.property("text"))
        assert not feedback.property("truncated")
        shown.shot("locked-fr")
        clock.now += staff.lockedSeconds
        staff._tick()
        staff.submit(PIN)
        qtbot.waitUntil(lambda: shown.item("staffPanel").isVisible())
        staff.exportStats("")
        assert staff.message == "Choisissez d’abord un dossier."
        assert staff.status["awake"] == "inconnu"
        assert staff.status["statistics"] == "inconnu"
        assert staff.status["lastReload"] == "aucun depuis le démarrage"
        shown.shot("panel-fr")
        # The longer French words stay whole: no label cut short, none outside its button.
        texts = [c for c in _descendants(shown.item("panelCard")) if c.inherits("QQuickText")]
        cut = [t.property("text") for t in texts if t.isVisible() and t.property("truncated")]
        assert not cut, cut
        card = shown.rect("panelCard")
        for name in ("resume", "reload", "export", "quit"):
            button = shown.item(name)
            labels = [c for c in _descendants(button) if c.inherits("QQuickText")]
            assert labels, name
            for label in labels:
                assert label.property("contentWidth") <= button.width() + 0.5, (
                    name,
                    label.property("text"),
                )
            assert card.contains(shown.rect(name)), name
    finally:
        install_translation("en")


@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920)], ids=["small", "portrait"])
def test_a_french_booth_without_a_pin_says_so_in_french_and_fits(
    make: Callable[..., StaffController],
    scene: Callable[..., Scene],
    qtbot: Any,
    size: tuple[int, int],
) -> None:
    from kiosk.qt.translation import install_translation

    assert install_translation("fr") is not None
    try:
        staff = make(pin_hash="")
        shown = scene(staff, size)
        staff.open()
        qtbot.waitUntil(lambda: shown.item("staffPanel").isVisible())
        assert shown.item("noPinNotice").property("text") == (
            "Aucun code d’équipe n’est défini\u202f: toute personne munie d’un clavier peut"
            " ouvrir cet espace. Pour en définir un\u202f: kiosk pin set"
        )
        assert shown.item("status-pinTries").property("text") == "aucun code défini"
        shown.shot("nopin-fr")
        texts = [c for c in _descendants(shown.item("panelCard")) if c.inherits("QQuickText")]
        cut = [t.property("text") for t in texts if t.isVisible() and t.property("truncated")]
        assert not cut, cut
        card = shown.rect("panelCard")
        assert card.contains(shown.rect("noPinNotice"))
        for name in ("resume", "reload", "export", "quit"):
            assert card.contains(shown.rect(name)), name
    finally:
        install_translation("en")


def test_a_french_booths_lockouts_and_wrong_pins(
    make: Callable[..., StaffController], clock: FakeClock
) -> None:
    from kiosk.qt.translation import install_translation

    assert install_translation("fr") is not None
    try:
        staff = make()
        staff.open()
        for _ in range(5):
            staff.submit("0000")
        clock.now += 30
        for _ in range(5):
            staff.submit("0000")
        assert staff.lockedFor == "1\u202fmin"  # French: a narrow no-break space
        clock.now += 5
        assert staff.lockedFor == "55\u202fs"
        clock.now += 55
        staff.submit(PIN)
        assert staff.status["pinTries"] == ("10 depuis le démarrage, le dernier il y a 1\u202fmin")
    finally:
        install_translation("en")


def _descendants(item: QQuickItem) -> list[QQuickItem]:
    found = []
    for child in item.childItems():
        found.append(child)
        found.extend(_descendants(child))
    return found
