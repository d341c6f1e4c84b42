"""Thin Qt glue between the frozen deck and the QML views.

Every module here that declares QML types sets ``QML_IMPORT_NAME = "Kiosk"``: its types
join the ``Kiosk`` QML module of ``kiosk/qml/Kiosk`` when the module is imported.
"""

from __future__ import annotations

from pathlib import Path

# The folder to hand to `QQmlEngine.addImportPath`: it holds the `Kiosk` module.
QML_IMPORT_PATH = Path(__file__).resolve().parent.parent / "qml"


def register_types() -> None:
    """Import every module that declares a QML type, so the types exist before QML loads."""
    from kiosk.qt import autoplay, deckinfo, navigator, qrcode, slidemodel  # noqa: F401
