"""The committed kiosk.qmltypes describes the Python QML types as they are now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "kiosk" / "qml" / "Kiosk" / "kiosk.qmltypes"


def test_the_committed_qmltypes_is_up_to_date(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "qmltypes.py"), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    fresh = (tmp_path / "kiosk.qmltypes").read_text()
    assert fresh == COMMITTED.read_text(), (
        "kiosk/qml/Kiosk/kiosk.qmltypes is out of date: run .venv/bin/python scripts/qmltypes.py"
    )


def test_the_qmldir_names_it() -> None:
    qmldir = (COMMITTED.parent / "qmldir").read_text().splitlines()
    assert f"typeinfo {COMMITTED.name}" in qmldir
