"""The window keeper puts the show window back: real `kiosk run` windows on Xvfb, with openbox
and without a window manager, and the keeper's escalation and back-off in process."""

from __future__ import annotations

import itertools
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QWindow

from kiosk.system.window import Fault, Repair, WindowKeeper

# KioskProcess: the kiosk_on fixture's (tests/system/conftest.py).
KioskProcess = Any
REPAIR_S = 2.0  # the promise: back within 2 s


def fullscreen_and_mapped(kiosk: KioskProcess, managed: bool) -> bool:
    """Whether the show window is mapped, covers the screen and (with a window manager) is
    fullscreen, on the current workspace, with the desktop not shown."""
    windows = kiosk.windows()
    if len(windows) != 1:
        return False
    info = kiosk.x("xwininfo", "-id", windows[0])
    if "Map State: IsViewable" not in info:
        return False
    numbers = {key: int(value) for key, value in re.findall(r"(\w[\w -]*\w):\s+(-?\d+)\n", info)}
    placed = (
        numbers.get("Absolute upper-left X"),
        numbers.get("Absolute upper-left Y"),
        numbers.get("Width"),
        numbers.get("Height"),
    )
    if placed != (0, 0, *kiosk.screen):
        return False
    if not managed:
        return True
    window = kiosk.x("xprop", "-id", windows[0], "_NET_WM_STATE", "_NET_WM_DESKTOP")
    root = kiosk.x("xprop", "-root", "_NET_CURRENT_DESKTOP", "_NET_SHOWING_DESKTOP")
    desktop = re.search(r"_NET_WM_DESKTOP\(CARDINAL\) = (\d+)", window)
    current = re.search(r"_NET_CURRENT_DESKTOP\(CARDINAL\) = (\d+)", root)
    return (
        "_NET_WM_STATE_FULLSCREEN" in window
        and desktop is not None
        and current is not None
        and desktop.group(1) == current.group(1)
        and "_NET_SHOWING_DESKTOP(CARDINAL) = 0" in root
    )


def wait_until_back(kiosk: KioskProcess, managed: bool, since: float) -> float:
    """Seconds from ``since`` until the window is fullscreen and mapped again."""
    deadline = since + REPAIR_S + 3  # a little over, so a slow repair is measured, not cut
    while not fullscreen_and_mapped(kiosk, managed):
        assert time.monotonic() < deadline, "the show window did not come back:\n" + "".join(
            kiosk.read_log(0.2)
        )
        time.sleep(0.05)
    return time.monotonic() - since


# Each: what is done to the window (xdotool arguments; WINDOW stands for its id), and
# the log line the keeper must write.
UNMANAGED = {
    "unmapped": (["windowunmap", "WINDOW"], "show window was not on screen"),
    "resized": (["windowsize", "WINDOW", "800", "600"], "show window was resized"),
    "destroyed": (["windowclose", "WINDOW"], "show window was destroyed"),
}
MANAGED = {
    "show desktop (a key, then Super+D)": (
        ["key", "a", "super+d"],
        "show window was not on screen",
    ),
    "unmapped": (["windowunmap", "WINDOW"], "show window was not on screen"),
    "minimised": (["windowminimize", "WINDOW"], "show window was minimised"),
    "out of fullscreen (Super+F)": (["key", "super+f"], "show window was taken out of fullscreen"),
    "another workspace": (
        ["set_desktop_for_window", "WINDOW", "1"],
        "show window was not on screen",
    ),
    "destroyed": (["windowclose", "WINDOW"], "show window was destroyed"),
}


def break_and_wait(
    kiosk: KioskProcess, managed: bool, action: list[str], line: str, since: int = 0
) -> float:
    """Do ``action`` to the show window; the keeper must log ``line`` and have the window
    fullscreen and mapped again within REPAIR_S. Returns how long that took."""
    _wait_for_fullscreen(kiosk, managed)
    window = kiosk.window()
    argv = [window if word == "WINDOW" else word for word in action]
    started = time.monotonic()
    kiosk.x("xdotool", *argv)
    try:
        kiosk.wait_log(line, REPAIR_S, since=since)
    except pytest.fail.Exception:
        # The fault may not have landed at all (a key xdotool sent before the window
        # manager took it, under load): then the window is still as it was, nothing was
        # there to repair, and the fault is done again. A fault that did land and was not
        # repaired in time still fails: the window is then not fullscreen and mapped.
        if not fullscreen_and_mapped(kiosk, managed):
            raise
        started = time.monotonic()
        kiosk.x("xdotool", *argv)
        kiosk.wait_log(line, REPAIR_S, since=since)
    elapsed = wait_until_back(kiosk, managed, started)
    assert elapsed < REPAIR_S, f"back after {elapsed:.2f} s"
    kiosk.wait_log("show window is back", 1, since=since)
    return elapsed


def _wait_for_fullscreen(kiosk: KioskProcess, managed: bool) -> None:
    # The first frame can come before the window manager's fullscreen state lands.
    wait_until_back(kiosk, managed, time.monotonic())


@pytest.mark.slow
@pytest.mark.parametrize("case", list(UNMANAGED))
def test_without_a_window_manager(case: str, xvfb: str, kiosk_on: Callable[..., KioskProcess]):
    kiosk = kiosk_on(xvfb)
    break_and_wait(kiosk, False, *UNMANAGED[case])
    assert "Traceback" not in "".join(kiosk.read_log(0))


@pytest.mark.slow
@pytest.mark.parametrize("case", list(MANAGED))
def test_under_openbox(case: str, openbox: str, kiosk_on: Callable[..., KioskProcess]):
    kiosk = kiosk_on(openbox)
    break_and_wait(kiosk, True, *MANAGED[case])
    assert "Traceback" not in "".join(kiosk.read_log(0))


@pytest.mark.slow
def test_one_show_survives_every_fault_in_turn(
    openbox: str, kiosk_on: Callable[..., KioskProcess]
) -> None:
    """The same window, broken again and again: every fault is repaired, each logged."""
    kiosk = kiosk_on(openbox)
    for action, line in MANAGED.values():
        before = len(kiosk.log)
        break_and_wait(kiosk, True, action, line, since=before)
    assert "Traceback" not in "".join(kiosk.log)


# Run in a child: this test process's Qt draws offscreen, and cannot see an X screen.
GRAB = """
import hashlib, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
image = app.primaryScreen().grabWindow(0).toImage()
pixels = [image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)]
print(len(set(pixels)), hashlib.sha1(repr(pixels).encode()).hexdigest())
"""


def grab_screen(display: str) -> tuple[int, str]:
    """(distinct colours, a digest) of what the X screen shows now."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    done = subprocess.run(
        [sys.executable, "-c", GRAB], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    colours, digest = done.stdout.split()
    return int(colours), digest


def settled_screen(display: str, within_s: float = 10) -> tuple[int, str]:
    """What the X screen shows once two grabs in a row agree (a first frame, or a window
    just recreated, can still be filling in when it is first seen)."""
    deadline = time.monotonic() + within_s
    last = grab_screen(display)
    while True:
        time.sleep(0.2)
        now = grab_screen(display)
        if now == last:
            return now
        assert time.monotonic() < deadline, "the screen never settled"
        last = now


@pytest.mark.slow
def test_a_recreated_window_draws_the_show_and_takes_keys(
    xvfb: str, kiosk_on: Callable[..., KioskProcess]
) -> None:
    kiosk = kiosk_on(xvfb)
    _wait_for_fullscreen(kiosk, False)
    before = settled_screen(xvfb)
    break_and_wait(kiosk, False, *UNMANAGED["destroyed"])

    after = settled_screen(xvfb)
    assert after[0] > 8, "the recreated window is (nearly) uniform"
    assert after == before  # the same slide, drawn again
    kiosk.x("xdotool", "key", "Right")  # a visitor's key reaches the new native window
    deadline = time.monotonic() + 5
    while grab_screen(xvfb) == after:
        assert time.monotonic() < deadline, "the key did not move the show on"


@pytest.mark.slow
def test_a_windowed_preview_is_left_alone(xvfb: str, kiosk_on: Callable[..., KioskProcess]) -> None:
    kiosk = kiosk_on(xvfb, "--windowed", "--size", "640x360")
    kiosk.x("xdotool", "windowunmap", kiosk.window())
    log = "".join(kiosk.read_log(1.5))
    assert "show window" not in log, log
    assert kiosk.windows() == []


# --- in process: escalation, back-off, quiet log --------------------------------------------


class RefusingWindow(QWindow):
    """A window whose window manager refuses to show it again: it stays hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def showFullScreen(self) -> None:
        self.calls.append("showFullScreen")

    def hide(self) -> None:
        self.calls.append("hide")
        super().hide()

    def destroy(self) -> None:
        self.calls.append("destroy")
        super().destroy()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_refused_repair_escalates_then_backs_off_and_logs_quietly(
    qapp: Any, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.system.window")
    window = RefusingWindow()
    screen = QGuiApplication.primaryScreen()
    window.setGeometry(screen.geometry())
    QWindow.showFullScreen(window)
    qtbot.waitUntil(window.isExposed)
    clock = FakeClock()
    seen: list[tuple[str, str]] = []
    keeper = WindowKeeper(
        window, lambda: screen, check_ms=1000, quiet_s=10, native=lambda _: True, clock=clock
    )
    keeper.faultSeen.connect(lambda fault, remedy: seen.append((fault, remedy)))
    keeper.check()  # the window is on screen: the keeper is armed
    assert keeper.fault is None

    QWindow.hide(window)
    attempts_at: list[float] = []
    for _ in range(60):  # 60 s of checks, one a second
        before = len(seen)
        keeper.check()
        if len(seen) > before:
            attempts_at.append(clock.now)
        clock.now += 1.0

    assert keeper.fault is Fault.HIDDEN
    # Milder remedies first, then recreating; then ever longer waits, at most 10 s.
    assert [remedy for _, remedy in seen[:3]] == [r.name for r in Repair]
    gaps = [b - a for a, b in itertools.pairwise(attempts_at)]
    assert gaps[:5] == [1, 1, 2, 4, 8]
    assert set(gaps[5:]) == {10}
    # Logged when seen, then at most once per 10 s while it lasts, with what was left out.
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings[0] == "show window was hidden: restored to fullscreen"
    assert warnings[1] == (
        "show window is still hidden after 5 attempts: recreated and shown fullscreen"
        " (4 more times not logged)"
    )
    assert 4 <= len(warnings) <= 1 + 60 // 10
    assert window.calls.count("destroy") == len(seen) - 2
    keeper.stop()
    window.destroy()


class FlappingWindow(QWindow):
    """Never on screen again, and minimised every other moment: faults that alternate."""

    def __init__(self) -> None:
        super().__init__()
        self.broken = False
        self.minimised = False

    def isExposed(self) -> bool:
        return not self.broken and super().isExposed()

    def windowStates(self) -> Qt.WindowState:
        if self.broken and self.minimised:
            return Qt.WindowState.WindowMinimized
        return super().windowStates()


def test_faults_that_alternate_back_off_too(qapp: Any, qtbot: Any) -> None:
    window = FlappingWindow()
    screen = QGuiApplication.primaryScreen()
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    qtbot.waitUntil(window.isExposed)
    clock = FakeClock()
    seen: list[str] = []
    keeper = WindowKeeper(window, lambda: screen, check_ms=1000, native=lambda _: True, clock=clock)
    keeper.faultSeen.connect(lambda fault, remedy: seen.append(fault))
    keeper.check()  # armed

    window.broken = True
    for _ in range(60):  # 60 s of checks, one a second; the fault changes at each
        window.minimised = not window.minimised
        keeper.check()
        clock.now += 1.0

    assert {"MINIMISED", "NOT_EXPOSED"} <= set(seen)
    assert len(seen) <= 3 + 60 // 10 + 2, seen  # not one repair a second
    window.destroy()


def test_nothing_is_done_before_the_window_was_first_on_screen(qapp: Any) -> None:
    window = QWindow()
    keeper = WindowKeeper(window, native=lambda _: True)
    keeper.start()
    keeper.check()
    keeper.check()
    assert keeper.fault is None and not window.isVisible()
    keeper.stop()
    keeper.stop()  # twice is fine


class NeverExposed(QWindow):
    """A shown window whose native window is gone before anything drew it."""

    def isExposed(self) -> bool:
        return False


def test_a_window_destroyed_before_it_was_first_seen_is_still_kept(qapp: Any) -> None:
    window = NeverExposed()
    window.show()
    keeper = WindowKeeper(window, native=lambda _: False)
    keeper.start()
    keeper.check()
    assert keeper.fault is Fault.DESTROYED
    keeper.stop()
    window.destroy()


def test_a_window_hidden_after_its_first_frame_is_kept_before_any_check(qapp: Any) -> None:
    """Super+D right after the first frame, before the keeper's first look: still a fault."""
    window = QWindow()
    keeper = WindowKeeper(window, native=lambda _: True)
    keeper.start()
    keeper.saw_on_screen()  # what the first frame tells it (kiosk.system.lockdown.Lockdown.keep)
    keeper.check()
    assert keeper.fault is Fault.HIDDEN
    keeper.stop()


class OffsetWindow(QWindow):
    """A fullscreen window that reports itself 40,30 off its screen's origin, as Qt does for a
    Wayland window on a second output (it reports 0,0 there)."""

    def geometry(self) -> QRect:
        return super().geometry().translated(40, 30)


@pytest.mark.parametrize("positions_known", [True, False])
def test_a_window_off_the_screens_origin_is_a_fault_unless_positions_are_unknown(
    qapp: Any, qtbot: Any, positions_known: bool
) -> None:
    """On Wayland a window's position is unknown: only its size counts there, or the keeper
    would "repair" a healthy window for ever."""
    window = OffsetWindow()
    screen = QGuiApplication.primaryScreen()
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    qtbot.waitUntil(window.isExposed)
    keeper = WindowKeeper(
        window, lambda: screen, native=lambda _: True, positions_known=positions_known
    )
    keeper.check()  # armed

    assert keeper.diagnose() is (Fault.RESIZED if positions_known else None)
    window.destroy()
