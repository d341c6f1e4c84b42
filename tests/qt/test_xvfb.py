"""A real window on a real X server (Xvfb, xcb platform): fullscreen, the cover drawn."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from xserver import private_xvfb

# What a fresh Debian 12 needs beyond the project's venv for these tests (and for
# `kiosk run` on X11): the X server, and the two xcb libraries Qt's xcb plugin loads that the
# base image lacks. The others (libxcb-cursor0, libxkbcommon-x11-0, libegl1, libgl1, ...)
# are there already.
SCREEN = (1920, 1080)

pytestmark = pytest.mark.slow


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A fresh Xvfb on a free display number (it picks one and tells us via -displayfd)."""
    with private_xvfb(SCREEN) as display:
        yield display


def run_kiosk(display: str, tmp_path: Path, *args: str) -> tuple[dict[str, Any], str, int]:
    """Start `kiosk run` on ``display``; return its first-frame report, stderr, exit status."""
    report = tmp_path / "first-frame.json"
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        KIOSK_FIRST_FRAME=str(report),
        KIOSK_FIRST_FRAME_GRAB="1",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--paused", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not report.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # the show quits cleanly on SIGTERM
    try:
        _, stderr = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
    assert report.exists(), f"no frame drawn; kiosk said:\n{stderr}"
    return json.loads(report.read_text()), stderr, process.returncode


def distinct_colours(path: str) -> int:
    image = QImage(path)
    assert not image.isNull(), path
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    )


def test_fullscreen_on_the_screen_with_the_cover_drawn(xvfb: str, tmp_path: Path) -> None:
    report, stderr, status = run_kiosk(xvfb, tmp_path)
    assert status == 0, stderr
    assert report["fullscreen"], report
    assert report["window"] == [0, 0, *SCREEN] == report["screen"], report
    assert report["slide"] == 0
    assert distinct_colours(report["grab"]) > 8, "the grabbed frame is (nearly) uniform"
    assert ".qml:" not in stderr and "Traceback" not in stderr, stderr


def test_rotated_for_a_totem_still_fills_the_screen(xvfb: str, tmp_path: Path) -> None:
    report, stderr, status = run_kiosk(xvfb, tmp_path, "--rotate", "90", "--lang", "en")
    assert status == 0, stderr
    assert report["window"] == [0, 0, *SCREEN], report
    assert distinct_colours(report["grab"]) > 8
    assert ".qml:" not in stderr and "Traceback" not in stderr, stderr


def test_preview_window_has_the_asked_size(xvfb: str, tmp_path: Path) -> None:
    report, stderr, status = run_kiosk(xvfb, tmp_path, "--windowed", "--size", "800x450")
    assert status == 0, stderr
    assert not report["fullscreen"]
    assert report["window"][2:] == [800, 450], report
    assert distinct_colours(report["grab"]) > 8
