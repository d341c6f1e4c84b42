"""CI keeps the habits: .ci/run lints before the tests, and the QML gate fails above its budget."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_lint_script_before_the_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lint = (ROOT / "scripts" / "lint.sh").read_text(encoding="utf-8")
    assert ci.index("scripts/lint.sh") < ci.index("pytest")
    for tool in ('ruff" check', 'ruff" format --check', 'mypy" kiosk', "scripts/qmllint.py"):
        assert tool in lint


def qmllint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "qmllint.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_qml_module_is_within_its_lint_budget() -> None:
    result = qmllint()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_qml_gate_fails_above_its_budget() -> None:
    within = qmllint()
    count = int(within.stdout.rsplit("qmllint: ", 1)[1].split()[0])
    over = qmllint("--max", str(count - 1))  # -1 once the module is clean: still over
    assert over.returncode == 1, over.stdout + over.stderr
