"""Fixtures for the system tests: a private D-Bus session bus, and fake services on it."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from xserver import private_xvfb

# What the bus tests need beyond the venv, on Debian/Ubuntu: the reference bus daemon
# (`dbus` pulls in `dbus-daemon` on Debian 12; on older releases it holds it).
APT_PACKAGES = "dbus"
FAKE_INHIBITOR = Path(__file__).with_name("fake_inhibitor.py")
FAKE_PORTAL = Path(__file__).with_name("fake_portal.py")  # xdg-desktop-portal's Inhibit

# The smallest bus that lets anyone own any name and call anyone: no service activation,
# so a name nobody owns fails at once (as on a desktop without that service).
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class Lines:
    """Reads a child's pipe line by line with a timeout.

    Its own buffer, not the file object's: once a buffered reader has pulled two lines in
    at once, ``select`` no longer sees the second one waiting.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self.fd = stream.fileno()
        self.buffer = b""

    def next(self, timeout: float) -> bytes:
        """The next line, or b"" if none is complete within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return b""
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return b""
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line + b"\n"


@pytest.fixture
def session_bus() -> Iterator[str]:
    """The address of a fresh, private D-Bus session bus (its own dbus-daemon)."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.fail(f"dbus-daemon is not installed: apt-get install -y {APT_PACKAGES}")
    # A short folder: a Unix socket path must fit in 108 bytes.
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bus-"))
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=folder), encoding="utf-8")
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        address = Lines(process.stdout).next(10).decode().strip()
        if not address:
            pytest.fail("dbus-daemon gave no address within 10 s")
        yield address
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


class FakeService:
    """A fake inhibitor service in a child process; ``calls()`` reads what it was asked."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        assert process.stdout is not None
        self.lines = Lines(process.stdout)
        self.seen: list[dict[str, Any]] = []

    def calls(self, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until ``count`` calls were recorded; return all recorded so far."""
        while len(self.seen) < count:
            line = self.lines.next(timeout)
            if not line:
                break
            self.seen.append(json.loads(line))
        return self.seen


@pytest.fixture
def fake_service(session_bus: str) -> Iterator[Callable[[str], FakeService]]:
    """Start fake inhibitor services ("screensaver", "power" or "portal") on the private bus."""
    started: list[subprocess.Popen[bytes]] = []

    def start(which: str) -> FakeService:
        env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
        process = subprocess.Popen(
            [sys.executable, str(FAKE_INHIBITOR), session_bus, which]
            if which != "portal"
            else [sys.executable, str(FAKE_PORTAL), session_bus],
            stdout=subprocess.PIPE,
            env=env,
        )
        started.append(process)
        service = FakeService(process)
        first = service.lines.next(20)
        if not first or not json.loads(first).get("ready"):
            pytest.fail(f"the fake {which} service did not start: {first!r}")
        return service

    yield start
    for process in started:
        process.terminate()
        process.wait(10)


# --- a real X server, a window manager, and a real `kiosk run` window on them -------------

# Debian packages these fixtures need beyond the venv (scripts/install.sh --test has them).
X_PACKAGES = "xvfb openbox xdotool x11-utils"
SCREEN = (1280, 720)


def _wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll ``condition`` (a child process's state: nothing signals it to us) until true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {timeout} s")
        time.sleep(0.05)


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A fresh Xvfb on a free display number (it tells us which via -displayfd)."""
    with private_xvfb(SCREEN) as display:
        yield display


def x_tool(display: str, *argv: str) -> str:
    """Run an X client (xdotool, xprop, xwininfo) on ``display``; its output."""
    done = subprocess.run(
        argv, env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, timeout=10
    )
    return done.stdout


# Distribution's own key bindings (Super+D shows the desktop), plus one to leave fullscreen.
_OPENBOX_EXTRA_KEY = '<keybind key="W-f"><action name="ToggleFullscreen"/></keybind>'


@pytest.fixture
def openbox(xvfb: str, tmp_path: Path) -> Iterator[str]:
    """Openbox managing ``xvfb`` with Debian's default configuration (and Super+F to
    toggle fullscreen); the display's name."""
    binary = shutil.which("openbox")
    if binary is None:
        pytest.fail(f"openbox is not installed: apt-get install -y {X_PACKAGES}")
    config = Path("/etc/xdg/openbox/rc.xml").read_text(encoding="utf-8")
    rc = tmp_path / "rc.xml"
    rc.write_text(config.replace("<keyboard>", "<keyboard>" + _OPENBOX_EXTRA_KEY, 1), "utf-8")
    process = subprocess.Popen(
        [binary, "--config-file", str(rc)],
        env={**os.environ, "DISPLAY": xvfb},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(
            lambda: "window id" in x_tool(xvfb, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"),
            20,
            "openbox did not take the screen",
        )
        yield xvfb
    finally:
        process.terminate()
        process.wait(10)


class KioskProcess:
    """A `kiosk run --verbose` child on an X display: its log lines and its show window."""

    screen = SCREEN  # the size of the display's screen

    def __init__(self, process: subprocess.Popen[bytes], display: str) -> None:
        self.process = process
        self.display = display
        assert process.stderr is not None
        self.lines = Lines(process.stderr)
        self.log: list[str] = []
        self.first_frame: dict[str, Any] = {}  # the KIOSK_FIRST_FRAME report

    def wait_log(self, text: str, timeout: float, since: int = 0) -> str:
        """The first log line containing ``text`` (from line ``since`` on); fails after
        ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self.log[since:]:
                if text in line:
                    return line
            left = deadline - time.monotonic()
            line = self.lines.next(left) if left > 0 else b""
            if not line:
                pytest.fail(f"no log line with {text!r} within {timeout} s:\n" + "".join(self.log))
            self.log.append(line.decode(errors="replace"))

    def read_log(self, timeout: float) -> list[str]:
        """Every log line so far, after waiting up to ``timeout`` s for more."""
        while line := self.lines.next(timeout):
            self.log.append(line.decode(errors="replace"))
        return self.log

    def stop(self, timeout: float = 20) -> int:
        """SIGTERM, as a service manager ends the show; its exit status, once the log is read."""
        self.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while (line := self.lines.next(max(0.0, deadline - time.monotonic()))) or (
            self.process.poll() is None and time.monotonic() < deadline
        ):
            if line:
                self.log.append(line.decode(errors="replace"))
        return self.process.wait(max(0.1, deadline - time.monotonic()))

    def x(self, *argv: str) -> str:
        """Run an X client (xdotool, xprop, xwininfo) on the show's display; its output."""
        return x_tool(self.display, *argv)

    def windows(self) -> list[str]:
        """The process's mapped top-level windows (ids as xdotool prints them)."""
        found = x_tool(
            self.display, "xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)
        )
        return found.split()

    def window(self) -> str:
        windows = self.windows()
        assert len(windows) == 1, f"expected one show window, found {windows}"
        return windows[0]


@pytest.fixture
def kiosk_on(tmp_path: Path) -> Iterator[Callable[..., KioskProcess]]:
    """Start `kiosk run --paused --verbose` on an X display; waits for its first frame.

    Its folders (log, statistics, cache, settings) are in ``tmp_path``; no session bus.
    ``env`` adds to or overrides its environment (another platform, a bus).
    """
    started: list[subprocess.Popen[bytes]] = []

    def start(display: str, *args: str, env: dict[str, str] | None = None) -> KioskProcess:
        report = tmp_path / "first-frame.json"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
        environment.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            KIOSK_FIRST_FRAME=str(report),
            DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/kiosk-test-bus",
            XDG_CONFIG_HOME=str(tmp_path / "config"),
            XDG_STATE_HOME=str(tmp_path / "state"),
            XDG_DATA_HOME=str(tmp_path / "data"),
            XDG_CACHE_HOME=str(tmp_path / "cache"),
        )
        environment.update(env or {})
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--paused", "--verbose", *args],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append(process)
        kiosk = KioskProcess(process, display)
        _wait_for(lambda: report.exists() or process.poll() is not None, 60, "no first frame")
        if process.poll() is not None:
            pytest.fail("kiosk run ended before its first frame:\n" + "".join(kiosk.read_log(1)))

        def parsed() -> bool:  # the file can exist a moment before its text is written
            try:
                kiosk.first_frame = json.loads(report.read_text(encoding="utf-8"))
            except ValueError:
                return False
            return True

        _wait_for(parsed, 5, "no first-frame report")
        return kiosk

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
