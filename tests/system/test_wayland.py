"""The show under a Wayland compositor (Weston's headless backend): its first frame fullscreen,
a clean exit on SIGTERM, and what the log says about keeping the screen awake."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Debian packages beyond the venv: the compositor, and the Wayland client libraries Qt's
# wayland platform plugin loads (scripts/install.sh --test has them).
APT_PACKAGES = "weston libwayland-client0 libwayland-cursor0 libwayland-egl1"
SIZE = (1280, 720)
SOCKET = "wayland-kiosk-test"

pytestmark = pytest.mark.slow


@pytest.fixture
def weston() -> Iterator[dict[str, str]]:
    """Weston on its headless backend, in a runtime folder of its own; the environment a
    Wayland client needs to reach it."""
    binary = shutil.which("weston")
    if binary is None:
        pytest.fail(f"weston is not installed: apt-get install -y {APT_PACKAGES}")
    # A short folder: the socket's path must fit in 108 bytes. Mode 0700, as Wayland wants.
    runtime = Path(tempfile.mkdtemp(prefix="kiosk-wl-"))
    process = subprocess.Popen(
        [
            binary,
            "--backend=headless-backend.so",
            f"--socket={SOCKET}",
            f"--width={SIZE[0]}",
            f"--height={SIZE[1]}",
            "--no-config",
        ],
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not (runtime / SOCKET).exists():  # nothing tells us but the socket appearing
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("weston did not open its socket within 20 s")
            time.sleep(0.05)
        yield {
            "XDG_RUNTIME_DIR": str(runtime),
            "WAYLAND_DISPLAY": SOCKET,
            "QT_QPA_PLATFORM": "wayland",
        }
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(runtime, ignore_errors=True)


def test_the_wheel_has_the_wayland_platform_plugin() -> None:
    import PySide6

    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms"
    assert (plugins / "libqwayland.so").exists() or any(plugins.glob("libqwayland*.so"))


def test_the_show_runs_under_weston_and_says_the_screen_may_blank(
    weston: dict[str, str], kiosk_on: Callable[..., Any]
) -> None:
    """No session bus (a bare compositor): the show runs, and the log says plainly that
    the screen may blank."""
    kiosk = kiosk_on("", env=weston)

    assert kiosk.first_frame["fullscreen"], kiosk.first_frame
    assert kiosk.first_frame["window"] == [0, 0, *SIZE] == kiosk.first_frame["screen"]
    line = kiosk.wait_log("screen awake: the screen may blank: ", 20)
    assert "no session bus" in line
    assert "no xset program" in line or "xset cannot reach a Wayland compositor" in line
    # The window keeper runs here too, and finds nothing to repair on a healthy window.
    kiosk.read_log(1.5)
    assert kiosk.stop() == 0
    log = "".join(kiosk.log)
    assert "stopping on SIGTERM" in log
    assert "show window was" not in log and "show window is still" not in log, log
    assert "Traceback" not in log, log


def test_under_weston_the_portal_keeps_the_screen_awake(
    weston: dict[str, str], session_bus: str, fake_service: Any, kiosk_on: Callable[..., Any]
) -> None:
    """A Wayland session without org.freedesktop.ScreenSaver but with xdg-desktop-portal."""
    portal = fake_service("portal")
    kiosk = kiosk_on("", env={**weston, "DBUS_SESSION_BUS_ADDRESS": session_bus})

    assert kiosk.first_frame["fullscreen"], kiosk.first_frame
    line = kiosk.wait_log("screen awake: inhibited via org.freedesktop.portal.Inhibit", 20)
    inhibit = portal.calls(1)[0]
    assert inhibit["args"] == ["", 8] and inhibit["handle"] in line

    assert kiosk.stop() == 0
    # Released on the way out.
    assert portal.calls(2)[1:] == [{"member": "Close", "path": inhibit["handle"]}]
    assert "Traceback" not in "".join(kiosk.log)
