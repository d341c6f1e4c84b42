"""The accessibility tree's tests (accessibility_tree.py), in a process of their own.

With Qt's accessibility switched on, every item of a show gets an accessible interface
that Qt caches; shows torn down by the tests and deleted later, in another test's event
loop, then aborted the whole run now and then (a bus error, in a test after these).
A booth that runs a screen reader has accessibility on from start to end, as this process
does: the rest of the suite runs without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def test_the_accessibility_tree_in_a_process_of_its_own() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            str(HERE / "accessibility_tree.py"),
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    summary = result.stdout.strip().splitlines()[-1:] if result.stdout.strip() else [""]
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in summary[0] and "skipped" not in summary[0], summary
