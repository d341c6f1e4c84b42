"""The staff screens' translations (kiosk/qt/translation.py and kiosk/qml/Kiosk/i18n/)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from kiosk.qt import QML_IMPORT_PATH
from kiosk.qt.translation import TRANSLATIONS, install_translation, translation_file

NNBSP = "\u202f"
STAFF_QML = sorted((QML_IMPORT_PATH / "Kiosk" / "staff").glob("*.qml"))


def source_texts() -> dict[str, set[str]]:
    """Every staff-screen text, by context: ``qsTr("...")`` in the staff QML (the file's
    name), ``staff_text("...")`` and ``staff_words("...")`` in the Python ("Staff")."""
    found: dict[str, set[str]] = {}
    for path in STAFF_QML:
        texts = set(re.findall(r'qsTr\("((?:[^"\\]|\\.)*)"\)', path.read_text(encoding="utf-8")))
        if texts:
            found[path.stem] = texts
    package = QML_IMPORT_PATH.parent
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        texts = set(re.findall(r'(?:staff_text|staff_words)\(\s*"([^"]*)"', source))
        found.setdefault("Staff", set()).update(texts)
    return found


def translations(ts: Path) -> dict[str, dict[str, str]]:
    tree = ET.parse(ts)
    return {
        context.findtext("name", ""): {
            message.findtext("source", ""): message.findtext("translation", "")
            for message in context.iter("message")
        }
        for context in tree.getroot().iter("context")
    }


def test_every_staff_text_has_a_french_translation() -> None:
    french = translations(TRANSLATIONS / "kiosk_fr.ts")
    sources = source_texts()
    assert {"PinPad", "StaffPanel", "Staff"} <= sources.keys()
    assert "Choose a folder first." in sources["Staff"]
    for context, texts in sources.items():
        missing = texts - {s for s, t in french.get(context, {}).items() if t.strip()}
        assert not missing, f"{context}: no French for {sorted(missing)}"
        # Placeholders survive translation.
        for text in texts:
            assert text.count("%1") == french[context][text].count("%1"), text


def test_french_staff_texts_follow_french_typography() -> None:
    for messages in translations(TRANSLATIONS / "kiosk_fr.ts").values():
        for text in messages.values():
            assert "'" not in text, text  # the typographic apostrophe
            assert not re.search(r"[^\u202f][:?!»]|«[^\u202f]", text), text


def test_the_compiled_translation_matches_its_source(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"  # from PySide6-Essentials
    for ts in TRANSLATIONS.glob("*.ts"):
        built = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(built)], check=True)
        committed = ts.with_suffix(".qm")
        assert committed.read_bytes() == built.read_bytes(), (
            f"{committed.name} is older than {ts.name}: run pyside6-lrelease {ts}"
        )


def test_french_and_english_booths(qapp: Any) -> None:
    assert translation_file("fr-FR") == TRANSLATIONS / "kiosk_fr.qm"
    assert translation_file("en") is None and translation_file("de") is None
    assert install_translation("en", qapp) is None
    translator = install_translation("fr", qapp)
    assert translator is not None
    try:
        assert QCoreApplication.translate("StaffPanel", "Quit the show") == (
            "Quitter la présentation"
        )
        assert QCoreApplication.translate("PinPad", "Wrong PIN. %1 tries left") == (
            "Code erroné. Encore %1 essais"
        )
        assert install_translation("en", qapp) is None  # replaces the French one
        assert QCoreApplication.translate("StaffPanel", "Quit the show") == "Quit the show"
    finally:
        qapp.removeTranslator(translator)


def test_a_booth_speaks_its_default_language_to_its_staff(qapp: Any, layouts_deck: Any) -> None:
    from dataclasses import replace

    from kiosk.app import Display, DisplayOptions, StaffSetup
    from kiosk.deck.model import DeckSet
    from kiosk.qt.staff import StaffController

    french, english = layouts_deck, replace(layouts_deck, language="en")
    quit_text = ("StaffPanel", "Quit the show")
    shows = []
    try:
        # French and English decks, the show starting in English: the booth's language.
        shows.append(
            Display(
                DeckSet((french, english)),
                DisplayOptions(language="en"),
                StaffSetup(StaffController("", windowed=True)),
            )
        )
        assert QCoreApplication.translate(*quit_text) == "Quit the show"
        shows.append(
            Display(
                DeckSet((french, english)),
                DisplayOptions(),
                StaffSetup(StaffController("", windowed=True)),
            )
        )
        assert QCoreApplication.translate(*quit_text) == "Quitter la présentation"
        shows.append(Display(english, DisplayOptions()))  # no staff (a preview): unchanged
        assert QCoreApplication.translate(*quit_text) == "Quitter la présentation"
    finally:
        install_translation("en", qapp)
        for show in shows:
            show.deleteLater()
