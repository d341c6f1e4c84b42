"""Thin Qt glue between the frozen deck and the QML views.

Every module here that declares QML types sets ``QML_IMPORT_NAME = "Kiosk"``: its types
join the ``Kiosk`` QML module of ``kiosk/qml/Kiosk`` when the module is imported.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.qt import pysidefix

# Before any of our signals is emitted: PySide6 6.12.0's emit() would otherwise abort the
# show after a few hours on Python 3.11 (see kiosk/qt/pysidefix.py).
pysidefix.install()

# The folder to hand to `QQmlEngine.addImportPath`: it holds the `Kiosk` module.
QML_IMPORT_PATH = Path(__file__).resolve().parent.parent / "qml"
