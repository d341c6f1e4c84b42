"""Fixtures for the system tests: a private D-Bus session bus, and fake services on it."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

# What the bus tests need beyond the venv, on Debian/Ubuntu: the reference bus daemon
# (`dbus` pulls in `dbus-daemon` on Debian 12; on older releases it holds it).
APT_PACKAGES = "dbus"
FAKE_INHIBITOR = Path(__file__).with_name("fake_inhibitor.py")

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
    """Start fake inhibitor services ("screensaver" or "power") on the private bus."""
    started: list[subprocess.Popen[bytes]] = []

    def start(which: str) -> FakeService:
        env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
        process = subprocess.Popen(
            [sys.executable, str(FAKE_INHIBITOR), session_bus, which],
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
