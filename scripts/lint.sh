#!/usr/bin/env bash
# The habits CI keeps: lint, formatting, types, QML. Run from anywhere; exits non-zero on a miss.
set -uo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin
status=0
step() { echo "lint: $*" >&2; "$@" || status=1; }

step "$py/ruff" check .
step "$py/ruff" format --check .
step "$py/mypy" kiosk           # strict over the whole package (pyproject.toml)
step "$py/python" scripts/qmllint.py  # fails above the warning budget it names
exit "$status"
