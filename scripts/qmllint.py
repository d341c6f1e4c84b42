"""Lint every QML file of the Kiosk module and fail above the warning budget.

    .venv/bin/python scripts/qmllint.py            # the warnings, their count; exit 1 above 10
    .venv/bin/python scripts/qmllint.py --max 0

qmllint reads the Python types from kiosk/qml/Kiosk/kiosk.qmltypes (scripts/qmltypes.py
makes it). Files are given by absolute path: given relative, qmllint does not match
Theme.qml with its `singleton` line in the qmldir and warns about it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_PATH = ROOT / "kiosk" / "qml"
MODULE_DIR = IMPORT_PATH / "Kiosk"
BUDGET = 10  # issue 10's target; each warning left is explained in a comment beside it

_WARNING = re.compile(r"^Warning: .*\[[a-z-]+\]$", re.MULTILINE)


def _qmllint() -> str:
    beside = Path(sys.executable).parent / "pyside6-qmllint"
    return str(beside) if beside.exists() else "pyside6-qmllint"


def warnings() -> list[str]:
    """qmllint's warning lines over the whole module (its notes and hints left out)."""
    files = sorted(str(path) for path in MODULE_DIR.rglob("*.qml"))
    done = subprocess.run(
        [_qmllint(), "-I", str(IMPORT_PATH), *files], capture_output=True, text=True, cwd=ROOT
    )
    return _WARNING.findall(done.stdout + done.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=BUDGET, help="warnings allowed")
    args = parser.parse_args(argv)
    found = warnings()
    for line in found:
        print(line.replace(f"{ROOT}/", ""))
    print(f"qmllint: {len(found)} warnings (at most {args.max})")
    return 0 if len(found) <= args.max else 1


if __name__ == "__main__":
    sys.exit(main())
