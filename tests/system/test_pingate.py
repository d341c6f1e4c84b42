"""The staff PIN's rate limit (kiosk/system/pingate.py): escalation, restarts, bad files."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.system.pingate import MAX_TRIES, SCHEDULE_S, PinGate, default_state_file


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def fail_until_locked(gate: PinGate) -> float:
    """Wrong PINs until the pad locks; the lockout's length."""
    for _ in range(gate.max_tries):
        attempt = gate.failed()
        if attempt.locked_s:
            return attempt.locked_s
    raise AssertionError("the pad never locked")


def test_lockouts_escalate_until_the_right_pin() -> None:
    clock = FakeClock()
    gate = PinGate(clock=clock)
    assert [gate.failed().tries_left for _ in range(MAX_TRIES - 1)] == [4, 3, 2, 1]
    lengths = []
    first = gate.failed()
    assert first.tries_left == 0 and first.lockouts == 1
    lengths.append(first.locked_s)
    for _ in range(6):
        clock.now += gate.locked_seconds()
        lengths.append(fail_until_locked(gate))
    assert SCHEDULE_S == (30, 60, 300, 900, 3600)
    assert lengths == [30, 60, 300, 900, 3600, 3600, 3600]

    # Locked: a PIN is not a try, and the lock stays as it was.
    clock.now += 10
    assert gate.failed().locked_s == 0 and gate.locked_seconds() == 3590
    assert gate.failed_since_start == 35

    clock.now += 3590
    gate.succeeded()
    assert gate.tries_left() == 5 and gate.lockouts == 0
    assert fail_until_locked(gate) == 30  # back to the first step


def test_guessing_every_4_digit_pin_takes_months() -> None:
    clock = FakeClock(0.0)
    gate = PinGate(clock=clock)
    for _ in range(10_000):
        clock.now += gate.locked_seconds() + 1  # as fast as the pad lets anyone try
        gate.failed()
    days = clock.now / 86_400
    assert days > 80, days  # 83 days; half of it on average to hit the PIN


def test_the_lockout_and_the_tries_survive_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state" / "staff-pin.json"
    clock = FakeClock(5000.0)
    gate = PinGate(state, clock=clock)
    fail_until_locked(gate)
    clock.now += 30
    fail_until_locked(gate)
    clock.now += 60
    assert fail_until_locked(gate) == 300
    clock.now += 100
    gate.refresh()  # what the app does while the lock runs
    assert json.loads(state.read_text())["locked_s"] == 200

    # A restart (after a reboot, the monotonic clock starts again near 0).
    clock = FakeClock(12.0)
    again = PinGate(state, clock=clock)
    assert again.locked_seconds() == 200  # counted down from the restart
    clock.now += 199
    assert again.locked_seconds() == 1 and again.failed().locked_s == 0
    clock.now += 1
    assert [again.failed().tries_left for _ in range(4)] == [4, 3, 2, 1]
    # Four tries, a pulled plug, one more: locked, and for the next step (15 min).
    third = PinGate(state, clock=FakeClock(3.0))
    attempt = third.failed()
    assert (attempt.tries_left, attempt.locked_s, attempt.lockouts) == (0, 900, 4)

    # The right PIN is remembered too.
    fourth = PinGate(state, clock=FakeClock(0.0))
    assert fourth.locked_seconds() == 900
    fourth._clock = FakeClock(900.0)  # type: ignore[assignment]
    fourth.succeeded()
    assert json.loads(state.read_text()) == {
        "version": 1,
        "failures": 0,
        "lockouts": 0,
        "locked_s": 0,
    }
    assert PinGate(state).tries_left() == 5


def test_a_running_lock_is_written_down_now_and_then_and_when_it_ends(tmp_path: Path) -> None:
    state = tmp_path / "staff-pin.json"
    clock = FakeClock()
    gate = PinGate(state, clock=clock, refresh_s=30)
    fail_until_locked(gate)
    written = []
    for _ in range(4):
        clock.now += 10
        gate.refresh()
        written.append(json.loads(state.read_text())["locked_s"])
    assert written == [30, 30, 0, 0]  # the lock ended at 30 s: written as over, once
    assert PinGate(state).locked_seconds() == 0


def test_a_missing_file_is_a_first_run(tmp_path: Path) -> None:
    gate = PinGate(tmp_path / "nothing" / "staff-pin.json")
    assert gate.locked_seconds() == 0 and gate.tries_left() == 5
    assert not (tmp_path / "nothing").exists()  # nothing written until something happens


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{not json",
        '{"version": 1, "failures": 1}',
        '{"version": 2, "failures": 0, "lockouts": 0, "locked_s": 0}',
        '{"version": 1, "failures": -1, "lockouts": 0, "locked_s": 0}',
        '{"version": 1, "failures": 0, "lockouts": true, "locked_s": 0}',
        '{"version": 1, "failures": 0, "lockouts": 0, "locked_s": 99999999}',
        "[1, 2, 3]",
        "\xff\xfe",
    ],
    ids=[
        "empty", "not-json", "missing-keys", "other-version", "negative", "bool",
        "too-long", "not-a-table", "not-utf8",
    ],
)  # fmt: skip
def test_a_corrupt_file_counts_as_a_lockout(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "staff-pin.json"
    state.write_bytes(text.encode("latin-1"))
    clock = FakeClock()
    gate = PinGate(state, clock=clock)
    assert gate.locked_seconds() == 30
    assert "taken as a lockout" in caplog.text and str(state) in caplog.text
    assert json.loads(state.read_text())["lockouts"] == 1  # rewritten as it now stands
    clock.now += 30
    assert fail_until_locked(gate) == 60  # never more permissive than a fresh start
    assert caplog.text.count("taken as a lockout") == 1


def test_a_fifo_or_a_device_in_the_files_place_does_not_hang_the_pad(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fifo = tmp_path / "fifo" / "staff-pin.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    zero = tmp_path / "zero" / "staff-pin.json"
    zero.parent.mkdir()
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        gate = PinGate(path)
        assert gate.locked_seconds() > 0  # no writer on the FIFO: it would block for ever
        assert "not a regular file" in caplog.text
        assert path.is_file() and not path.is_symlink()  # replaced by a real state file
    assert Path("/dev/zero").is_char_device()


def test_an_unwritable_file_keeps_the_state_in_memory_and_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder should be")
    clock = FakeClock()
    gate = PinGate(blocker / "staff-pin.json", clock=clock)
    with caplog.at_level(logging.WARNING, logger="kiosk.system.pingate"):
        # Unreadable too (not a folder): taken as one lockout, as a corrupt file is.
        assert gate.locked_seconds() == 30
        clock.now += 30
        assert fail_until_locked(gate) == 60  # escalation works in memory
        clock.now += 60
        assert fail_until_locked(gate) == 300
    assert caplog.text.count("cannot write the PIN state file") == 1
    assert "in memory only" in caplog.text


def test_the_state_file_is_replaced_atomically(tmp_path: Path) -> None:
    state = tmp_path / "staff-pin.json"
    gate = PinGate(state)
    gate.failed()
    first = state.stat().st_ino
    gate.failed()
    assert state.stat().st_ino != first  # a new file renamed over the old one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staff-pin.json"]  # no leftovers


def test_the_default_file_is_in_the_state_folder_beside_the_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.logs import default_state_dir

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert default_state_file() == default_state_dir() / "staff-pin.json"
    if sys.platform.startswith("linux"):
        assert default_state_file() == tmp_path / "kiosk" / "staff-pin.json"


LOCK_AND_READ = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kiosk.system.pingate import PinGate

    gate = PinGate(Path(sys.argv[1]))
    if sys.argv[2] == "lock":
        while not gate.failed().locked_s:
            pass
    print(round(gate.locked_seconds()))
    """
)


def test_a_wrong_wall_clock_neither_unlocks_early_nor_locks_for_ever(tmp_path: Path) -> None:
    """Real processes under libfaketime: the booth's clock a year ahead, then a year behind."""
    state = tmp_path / "staff-pin.json"

    def run(wall_clock: str, action: str) -> int:
        done = subprocess.run(
            ["faketime", "-f", wall_clock, sys.executable, "-c", LOCK_AND_READ, str(state),
             action],
            capture_output=True,
            text=True,
            timeout=60,
            # The wall clock only: the monotonic clock stays the machine's.
            env={**os.environ, "FAKETIME_DONT_FAKE_MONOTONIC": "1"},
            check=True,
        )  # fmt: skip
        return int(done.stdout.strip())

    assert run("+0d", "lock") == 30
    assert 29 <= run("+365d", "read") <= 30  # a year later by the clock: still locked
    assert 29 <= run("-365d", "read") <= 30  # a year earlier: locked, but only 30 s more


def test_a_gate_kept_in_a_file_keeps_its_tries_schedule_and_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    memory = PinGate(max_tries=2, schedule_s=(7.0, 11.0), refresh_s=3.0, clock=clock)
    state = tmp_path / "staff-pin.json"
    kept = memory.kept_in(state)
    assert kept.path == state and memory.path is None
    assert (kept.max_tries, kept.schedule_s, kept.refresh_s) == (2, (7.0, 11.0), 3.0)
    assert fail_until_locked(kept) == 7.0
    assert json.loads(state.read_text(encoding="utf-8"))["locked_s"] == 7
    clock.now += 4
    assert kept.locked_seconds() == 3  # the same clock
