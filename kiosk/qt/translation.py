"""The staff screens' own words in the booth's language: Qt translations for ``qsTr``.

The visitor's controls follow the language the visitor picks (kiosk/render/uitext.py).
The PIN pad and the staff panel speak the booth's language instead, the one the show
starts in and comes back to: booth staff read it, not visitors. Their English source
texts are translated the Qt way, a ``.ts`` file per language beside the QML (edited with
Qt Linguist or by hand) compiled to the ``.qm`` that is loaded here
(``pyside6-lrelease kiosk/qml/Kiosk/i18n/kiosk_fr.ts``; a test checks they match).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.qt import QML_IMPORT_PATH

log = logging.getLogger(__name__)

TRANSLATIONS = QML_IMPORT_PATH / "Kiosk" / "i18n"


def translation_file(language: str) -> Path | None:
    """The compiled translation for ``language`` (a BCP 47 tag), None for English or
    a language without one (the source texts are English)."""
    base = language.replace("_", "-").split("-")[0].lower()
    path = TRANSLATIONS / f"kiosk_{base}.qm"
    return path if base and base != "en" and path.is_file() else None


# The one translator installed here: a later call replaces it (a process shows one booth,
# but the tests build many, in both languages).
_installed: list[QTranslator] = []


def install_translation(language: str, app: QCoreApplication | None = None) -> QTranslator | None:
    """Translate the staff screens into ``language`` from now on; the translator made,
    owned by the application, or None when the English texts stay."""
    app = app or QCoreApplication.instance()
    if app is None:
        return None
    while _installed:
        previous = _installed.pop()
        app.removeTranslator(previous)
        previous.deleteLater()
    path = translation_file(language)
    if path is None:
        return None
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.warning("staff screens: could not read the %s translation %s", language, path)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    _installed.append(translator)
    return translator


def staff_text(source: str, *values: object) -> str:
    """A staff-screen text made in Python (a status value, an action's outcome), in the
    installed language; ``%1``, ``%2``... are replaced by ``values`` in order."""
    text = QCoreApplication.translate("Staff", source)
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", str(value))
    return text
