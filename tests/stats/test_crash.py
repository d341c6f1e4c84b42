"""Crash safety: a process killed with SIGKILL mid-write leaves a sound database that holds
every event recorded more than a second before the kill."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# The child records slide views in bursts of 50 (some 5,000 a second, with long titles:
# hundreds of times a real show), so the writer is in a transaction much of the time and the
# kill often lands mid-write. After each call it prints the event's number and the time just
# before the call, so every event's recorded ts is at or after the printed time.
CHILD = """
import sys, time
from pathlib import Path
from kiosk.stats.recorder import Recorder

rec = Recorder(Path(sys.argv[1]))
rec.show_started()
print("session", rec.session, flush=True)
i = 0
while True:
    for _ in range(50):
        before = time.time()
        rec.slide_viewed(i, "slide %d " % i + "x" * 200, "fr", 0.5)
        print(i, repr(before), flush=True)
        i += 1
    time.sleep(0.01)
"""


def committed(path: Path, session: str) -> int:
    """Events of ``session`` another connection can see, as the test polls them."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute(
                "SELECT count(*) FROM events WHERE session = ?", (session,)
            ).fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def read_lines(path: Path) -> list[str]:
    # The last line may have been cut by the kill: only whole lines count.
    text = path.read_text()
    return text.splitlines() if text.endswith("\n") else text.splitlines()[:-1]


def wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.slow
def test_sigkill_mid_write_keeps_a_sound_database_and_older_events(tmp_path: Path) -> None:
    db_path = tmp_path / "stats.sqlite3"
    rng = random.Random(5)
    for run in range(3):  # each run reopens the WAL the previous kill left behind
        out_path = tmp_path / f"child{run}.txt"
        with out_path.open("w") as out:
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path)], stdout=out)
        try:
            wait_for(lambda out_path=out_path: bool(read_lines(out_path)))
            session = read_lines(out_path)[0].split()[1]
            wait_for(lambda session=session: committed(db_path, session) > 0)
            # Then at least a second of steady writing, and a kill at no chosen instant.
            time.sleep(1.0 + rng.random() * 0.5)
            kill_time = time.time()
            os.kill(child.pid, signal.SIGKILL)
            child.wait(5)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == -signal.SIGKILL

        printed = [line.split() for line in read_lines(out_path)[1:]]
        must_keep = {int(i) for i, before in printed if float(before) < kill_time - 1.0}
        assert len(must_keep) > 100, "the child wrote too little for the test to mean much"

        db = sqlite3.connect(db_path)
        try:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            kept = {
                row[0]
                for row in db.execute(
                    "SELECT slide FROM events WHERE session = ? AND kind = 'slide_view'",
                    (session,),
                )
            }
        finally:
            db.close()
        assert must_keep <= kept, f"lost {sorted(must_keep - kept)[:10]}"
        # and nothing invented: every stored event was recorded by the child
        assert kept <= {int(i) for i, _ in printed} | {max(kept)}
