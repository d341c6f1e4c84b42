"""ScreenAwake: the freedesktop inhibitors on a private bus, the fallbacks, Windows and macOS."""

from __future__ import annotations

import itertools
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtDBus import QDBusConnection

from kiosk.system.awake import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    REASON,
    ScreenAwake,
)

_names = itertools.count()


def bus_at(address: str) -> Callable[[], QDBusConnection]:
    """A factory of private connections to the bus at ``address``, as ScreenAwake wants."""
    return lambda: QDBusConnection.connectToBus(address, f"test-awake-{next(_names)}")


def no_program(name: str) -> str | None:
    return None


class FakeRun:
    """subprocess.run for xset: records every command, answers `xset q` with ``query``."""

    def __init__(self, query: str = "", fail: bool = False) -> None:
        self.query = query
        self.fail = fail
        self.commands: list[list[str]] = []

    def __call__(self, argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.commands.append(list(argv))
        output = self.query if argv[1:] == ["q"] else ""
        status = 1 if self.fail and argv[1:] != ["q"] else 0
        error = "unable to open display" if status else ""
        return subprocess.CompletedProcess(argv, status, output, error)


XSET_Q = """Keyboard Control:
  auto repeat:  on    key click percent:  0    LED mask:  00000000
Screen Saver:
  prefer blanking:  yes    allow exposures:  yes
  timeout:  600    cycle:  600
DPMS (Energy Star):
  Standby: 600    Suspend: 600    Off: 600
  DPMS is Enabled
  Monitor is On
"""


# --- Linux: D-Bus ---------------------------------------------------------------------


def test_screensaver_inhibit_then_uninhibit_with_the_cookie(
    qapp: Any, session_bus: str, fake_service: Any
) -> None:
    service = fake_service("screensaver")
    awake = ScreenAwake(platform="linux", bus=bus_at(session_bus), which=no_program)

    outcome = awake.acquire()

    assert outcome == "inhibited via org.freedesktop.ScreenSaver (cookie 42)"
    assert awake.active and awake.outcome == outcome
    assert service.calls(1) == [{"member": "Inhibit", "args": ["kiosk", REASON], "cookie": 42}]
    assert awake.acquire() == outcome  # already held: nothing asked twice

    awake.release()

    # The strict fake refuses an int32: this proves the cookie went out as a D-Bus uint32.
    assert service.calls(2)[1:] == [{"member": "UnInhibit", "args": [42]}]
    assert not awake.active
    awake.release()  # twice is fine
    assert len(service.calls(3, timeout=0.3)) == 2


def test_power_management_when_there_is_no_screensaver_service(
    qapp: Any, session_bus: str, fake_service: Any, caplog: pytest.LogCaptureFixture
) -> None:
    service = fake_service("power")
    caplog.set_level(logging.INFO, logger="kiosk.system.awake")

    with ScreenAwake(
        platform="linux",
        bus=bus_at(session_bus),
        which=no_program,
        environ={"DBUS_SESSION_BUS_ADDRESS": session_bus},
    ) as awake:
        assert awake.outcome == (
            "inhibited via org.freedesktop.PowerManagement.Inhibit (cookie 42)"
        )

    assert [call["member"] for call in service.calls(2)] == ["Inhibit", "UnInhibit"]
    assert service.calls(2)[1]["args"] == [42]
    # Each attempt is in the log: the screensaver's failure, then the success.
    messages = [record.getMessage() for record in caplog.records]
    assert any("Inhibit on org.freedesktop.ScreenSaver failed" in m for m in messages)
    assert any(
        "Inhibit on org.freedesktop.PowerManagement.Inhibit gave cookie 42" in m for m in messages
    )
    assert any(
        "UnInhibit(42) on org.freedesktop.PowerManagement.Inhibit done" in m for m in messages
    )


def test_a_bus_without_inhibitors_falls_back_to_xset(qapp: Any, session_bus: str) -> None:
    run = FakeRun(XSET_Q)
    awake = ScreenAwake(
        platform="linux",
        bus=bus_at(session_bus),
        which=lambda name: f"/usr/bin/{name}",
        run=run,
        environ={"DISPLAY": ":7"},
    )

    assert awake.acquire() == "inhibited via xset s off -dpms on :7"
    assert run.commands == [["/usr/bin/xset", "q"], ["/usr/bin/xset", "s", "off", "-dpms"]]

    awake.release()

    # What `xset q` said is put back, not a guess.
    assert run.commands[2:] == [["/usr/bin/xset", "s", "600", "600"], ["/usr/bin/xset", "+dpms"]]


def test_portal_inhibit_with_the_idle_flag_then_close_the_request(
    qapp: Any, session_bus: str, fake_service: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """No ScreenSaver service (a Wayland session): xdg-desktop-portal's Inhibit, flags 8."""
    portal = fake_service("portal")
    caplog.set_level(logging.INFO, logger="kiosk.system.awake")
    awake = ScreenAwake(
        platform="linux",
        bus=bus_at(session_bus),
        which=no_program,
        environ={"DBUS_SESSION_BUS_ADDRESS": session_bus},
    )

    outcome = awake.acquire()

    inhibit = portal.calls(1)[0]
    handle = inhibit["handle"]  # the request path the portal answered
    assert outcome == f"inhibited via org.freedesktop.portal.Inhibit (idle, request {handle})"
    # The strict fake refuses flags sent as an int32: "sua{sv}" proves a D-Bus uint32.
    assert inhibit["args"] == ["", 8] and inhibit["signature"] == "sua{sv}"
    assert handle.startswith("/org/freedesktop/portal/desktop/request/")
    assert awake.active

    awake.release()

    assert portal.calls(2)[1:] == [{"member": "Close", "path": handle}]
    assert not awake.active
    messages = [record.getMessage() for record in caplog.records]
    assert any("Inhibit on org.freedesktop.ScreenSaver failed" in m for m in messages)
    assert any(f"request {handle} closed" in m for m in messages)


def test_the_screensaver_service_comes_before_the_portal(
    qapp: Any, session_bus: str, fake_service: Any
) -> None:
    portal = fake_service("portal")
    fake_service("screensaver")
    with ScreenAwake(
        platform="linux",
        bus=bus_at(session_bus),
        which=no_program,
        environ={"DBUS_SESSION_BUS_ADDRESS": session_bus},
    ) as awake:
        assert awake.outcome == "inhibited via org.freedesktop.ScreenSaver (cookie 42)"
    assert portal.calls(1, timeout=0.3) == []


def test_a_bus_without_any_inhibitor_says_the_screen_may_blank(qapp: Any, session_bus: str) -> None:
    awake = ScreenAwake(
        platform="linux",
        bus=bus_at(session_bus),
        which=no_program,
        environ={"DBUS_SESSION_BUS_ADDRESS": session_bus},
    )

    outcome = awake.acquire()

    assert outcome.startswith("the screen may blank: org.freedesktop.ScreenSaver: ")
    assert "; org.freedesktop.portal.Inhibit: " in outcome
    assert "; org.freedesktop.PowerManagement.Inhibit: " in outcome
    assert outcome.endswith("; no xset program")
    assert not awake.active


# --- Linux: no bus --------------------------------------------------------------------


def test_no_bus_and_no_xset_is_reported_not_raised(
    qapp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    awake = ScreenAwake(
        platform="linux", bus=bus_at("unix:path=/nonexistent/kiosk-test-bus"), which=no_program
    )

    outcome = awake.acquire()

    assert outcome.startswith("the screen may blank: no session bus (")
    assert outcome.endswith("; no xset program")
    assert not awake.active
    assert any("the screen may blank" in r.getMessage() for r in caplog.records)
    awake.release()  # nothing held: nothing to do
    assert not awake.active


def test_no_bus_xset_without_a_display(qapp: Any) -> None:
    run = FakeRun(XSET_Q)
    awake = ScreenAwake(
        platform="linux",
        bus=bus_at("unix:path=/nonexistent/kiosk-test-bus"),
        which=lambda name: f"/usr/bin/{name}",
        run=run,
        environ={},
    )
    assert awake.acquire().endswith("; no X display for xset")
    assert run.commands == []


def test_no_xset_in_a_wayland_session(qapp: Any) -> None:
    """xset would reach XWayland only: it must not be reported as keeping the screen on."""
    run = FakeRun(XSET_Q)
    awake = ScreenAwake(
        platform="linux",
        bus=bus_at("unix:path=/nonexistent/kiosk-test-bus"),
        which=lambda name: f"/usr/bin/{name}",
        run=run,
        environ={"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"},
    )
    outcome = awake.acquire()
    assert outcome.startswith("the screen may blank: no session bus (")
    assert outcome.endswith("; xset cannot reach a Wayland compositor's blanking")
    assert run.commands == [] and not awake.active


def test_no_bus_xset_that_fails(qapp: Any) -> None:
    run = FakeRun("", fail=True)
    awake = ScreenAwake(
        platform="linux",
        bus=bus_at("unix:path=/nonexistent/kiosk-test-bus"),
        which=lambda name: f"/usr/bin/{name}",
        run=run,
        environ={"DISPLAY": ":0"},
    )
    assert awake.acquire().endswith("; xset: unable to open display")
    assert not awake.active


def test_no_bus_xset_restores_defaults_when_its_state_is_unknown(qapp: Any) -> None:
    run = FakeRun("")  # `xset q` said nothing readable
    with ScreenAwake(
        platform="linux",
        bus=bus_at("unix:path=/nonexistent/kiosk-test-bus"),
        which=lambda name: f"/usr/bin/{name}",
        run=run,
        environ={"DISPLAY": ":0"},
    ) as awake:
        assert awake.active
    assert run.commands[2:] == [["/usr/bin/xset", "s", "on"], ["/usr/bin/xset", "+dpms"]]


# --- Windows ----------------------------------------------------------------------------


class FakeKernel32:
    def __init__(self, result: int = ES_CONTINUOUS) -> None:
        self.result = result
        self.calls: list[int] = []

    def SetThreadExecutionState(self, flags: int) -> int:
        self.calls.append(flags)
        return self.result


def test_windows_sets_and_clears_the_thread_execution_state() -> None:
    kernel32 = FakeKernel32()
    awake = ScreenAwake(platform="win32", kernel32=kernel32)

    assert awake.acquire().startswith("inhibited via SetThreadExecutionState")
    assert kernel32.calls == [ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED]

    awake.release()
    assert kernel32.calls[1:] == [ES_CONTINUOUS]


def test_windows_failure_is_reported() -> None:
    awake = ScreenAwake(platform="win32", kernel32=FakeKernel32(result=0))
    assert awake.acquire() == "the screen may blank: SetThreadExecutionState failed"
    assert not awake.active


def test_a_platform_api_that_raises_does_not_stop_the_show() -> None:
    class Broken:
        def SetThreadExecutionState(self, flags: int) -> int:
            raise OSError("access denied")

    awake = ScreenAwake(platform="win32", kernel32=Broken())
    assert awake.acquire() == "the screen may blank: unexpected failure: access denied"


# --- macOS ------------------------------------------------------------------------------


class FakeProcess:
    pid = 4321

    def __init__(self) -> None:
        self.terminated = False

    def terminate(self) -> None:
        self.terminated = True

    def wait(self, timeout: float | None = None) -> int:
        return 0


def test_macos_runs_caffeinate_tied_to_our_pid_and_stops_it() -> None:
    started: list[list[str]] = []
    process = FakeProcess()

    def popen(argv: list[str], **kwargs: Any) -> FakeProcess:
        started.append(argv)
        return process

    awake = ScreenAwake(
        platform="darwin", which=lambda name: f"/usr/bin/{name}", popen=popen, pid=1234
    )

    assert awake.acquire() == "inhibited via caffeinate (pid 4321)"
    assert started == [["/usr/bin/caffeinate", "-d", "-i", "-w", "1234"]]
    assert not process.terminated

    awake.release()
    assert process.terminated


def test_macos_without_caffeinate() -> None:
    awake = ScreenAwake(platform="darwin", which=no_program)
    assert awake.acquire() == "the screen may blank: no caffeinate program"


def test_unknown_platform() -> None:
    assert (
        ScreenAwake(platform="haiku").acquire()
        == "the screen may blank: no known mechanism on haiku"
    )


def test_the_default_bus_is_the_session_bus_of_the_environment(
    session_bus: str, fake_service: Any
) -> None:
    """No injection: the session bus named by DBUS_SESSION_BUS_ADDRESS, in a fresh process
    (libdbus reads that variable once per process)."""
    service = fake_service("screensaver")
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from kiosk.system.awake import ScreenAwake\n"
        "app = QCoreApplication([])\n"
        "awake = ScreenAwake(platform='linux')\n"
        "print(awake.acquire())\n"
        "awake.release()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["DBUS_SESSION_BUS_ADDRESS"] = session_bus
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "inhibited via org.freedesktop.ScreenSaver (cookie 42)"
    assert [c["member"] for c in service.calls(2)] == ["Inhibit", "UnInhibit"]
