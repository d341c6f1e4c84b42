"""Regenerate kiosk/qml/Kiosk/kiosk.qmltypes, the description of the Python QML types.

qmllint, qmlls and the QML compiler cannot import Python: they learn the ``Kiosk`` types
declared with ``@QmlElement`` in ``kiosk/qt/`` from this file, named in the module's
``qmldir`` (``typeinfo``). It is made the way ``pyside6-project`` makes it:
``pyside6-metaobjectdump`` reads the sources into moc-style JSON, and
``pyside6-qmltyperegistrar`` turns that into qmltypes. The base classes (QObject,
QQuickItem, QAbstractListModel) stay bare names, which the tools find in the QtQuick the
``qmldir`` depends on; Qt's metatypes as "foreign types" would make the registrar drop them
("Base type ... is not a JavaScript type"), so none are given.

Run it after changing a QML type's properties, signals, slots or enums:

    .venv/bin/python scripts/qmltypes.py            # rewrites the committed file
    .venv/bin/python scripts/qmltypes.py --output DIR

tests/qt/test_qmltypes.py fails while the committed file is out of date.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "kiosk" / "qt"
MODULE_DIR = ROOT / "kiosk" / "qml" / "Kiosk"
FILE_NAME = "kiosk.qmltypes"
IMPORT_NAME = "Kiosk"
MAJOR_VERSION = 1

# What PySide6 makes of a Python type in a Property, Signal or Slot; metaobjectdump passes
# the Python name through (but for str), and qmllint knows no "float" or "dict".
_PYTHON_TO_QT = {
    "float": "double",
    "list": "QVariantList",
    "dict": "QVariantMap",
    "object": "QVariant",
}

_OPAQUE = re.compile(r"^\s*Component \{ isTypeOpaque: true; ")

_DECLARES_TYPES = re.compile(rf'^QML_IMPORT_NAME = "{IMPORT_NAME}"$', re.MULTILINE)


def sources() -> list[Path]:
    """The modules that declare ``Kiosk`` QML types, in a stable order."""
    return sorted(p for p in SOURCES.glob("*.py") if _DECLARES_TYPES.search(p.read_text()))


def _tool(name: str) -> str:
    # The venv's own tools first: the ones of the PySide6 the app runs on.
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (scripts/install.sh)")
    return found


def _qt_types(node: Any) -> Any:
    """``node`` (metaobjectdump's JSON) with Python type names as PySide6 registers them."""
    if isinstance(node, list):
        return [_qt_types(item) for item in node]
    if isinstance(node, dict):
        return {
            key: _PYTHON_TO_QT.get(value, value)
            if key in ("type", "returnType") and isinstance(value, str)
            else _qt_types(value)
            for key, value in node.items()
        }
    return node


def _run(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        # metaobjectdump stops at a Property whose getter is not a plain name (a lambda, a
        # call): give that Property a named getter method.
        lines = done.stderr.strip().splitlines()
        said = [line for line in lines if line.startswith("Error parsing")] + lines[-1:]
        raise SystemExit(f"{Path(command[0]).name} failed: " + "; ".join(said))


def generate(output_dir: Path) -> Path:
    """Write ``kiosk.qmltypes`` into ``output_dir``; return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / FILE_NAME
    with tempfile.TemporaryDirectory() as scratch:
        metatypes = Path(scratch) / "kiosk_metatypes.json"
        # Relative paths and no inputFile entry: the output does not depend on the checkout.
        names = [str(path.relative_to(ROOT)) for path in sources()]
        _run([_tool("pyside6-metaobjectdump"), "--suppress-file", "-o", str(metatypes), *names])
        dumped = _qt_types(json.loads(metatypes.read_text()))
        metatypes.write_text(json.dumps(dumped, indent=4))
        _run(
            [
                _tool("pyside6-qmltyperegistrar"),
                f"--generate-qmltypes={target}",
                f"--import-name={IMPORT_NAME}",
                f"--major-version={MAJOR_VERSION}",
                "-o",
                str(Path(scratch) / "registrations.cpp"),  # C++ we have no use for
                str(metatypes),
            ]
        )
    # Without Qt's metatypes the registrar also declares every value type it saw (QString,
    # int, QVariantMap...) as an opaque type of this module, hiding QtQml's own: qmllint then
    # knows no QString.length. Those lines go.
    kept = [
        line for line in target.read_text().splitlines(keepends=True) if not _OPAQUE.match(line)
    ]
    target.write_text("".join(kept))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", type=Path, default=MODULE_DIR, help="folder to write kiosk.qmltypes into"
    )
    args = parser.parse_args(argv)
    print(generate(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
