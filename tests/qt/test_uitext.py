"""The controls' words (kiosk/render/uitext.py and kiosk/qt/language.py)."""

from __future__ import annotations

from typing import Any

from kiosk.qt.language import Language
from kiosk.render.uitext import KEYS, STRINGS, language_name, ui_text

NNBSP = "\u202f"


def test_every_string_exists_in_every_language() -> None:
    for language, table in STRINGS.items():
        assert set(table) == set(KEYS), language
        assert all(text.strip() for text in table.values()), language


def test_french_typography() -> None:
    assert ui_text("fr", "still_there") == f"Toujours là{NNBSP}?"
    assert "’" in ui_text("fr", "hint") and "'" not in ui_text("fr", "hint")
    assert "%1" in ui_text("fr", "back_in") and "%1" in ui_text("en", "back_in")


def test_unknown_languages_get_english_and_regions_their_language() -> None:
    assert ui_text("de", "contents") == "Contents"
    assert ui_text("fr-CA", "contents") == "Sommaire"


def test_language_names_are_in_their_own_language() -> None:
    assert language_name("fr") == "Français"
    assert language_name("en-GB") == "English"
    assert language_name("xx", "xxish") == "Xxish"


def test_the_language_button_steps_through_the_decks_languages(qapp: Any, qtbot: Any) -> None:
    language = Language(("fr", "en", "de"))
    assert language.current == "fr" and language.switchLabel == "English"
    assert language.contentsLabel == "Sommaire" and language.multiple
    with qtbot.waitSignal(language.switched) as switched:
        language.toggle()
    assert switched.args == ["en"]
    assert language.switchLabel == "Deutsch" and language.contentsLabel == "Contents"
    language.toggle()
    assert language.switchLabel == "Français"
    language.reset()
    assert language.current == "fr"
    with qtbot.assertNotEmitted(language.switched):
        language.choose("it")  # not one of the deck's
        language.choose("fr")  # already shown


def test_the_default_language_comes_from_the_settings(qapp: Any) -> None:
    language = Language(("fr", "en"), "en")
    assert language.current == "en" and language.default_tag() == "en"
    language.set_languages(("fr",), "en")  # a reload without the English file
    assert language.current == "fr" and not language.multiple
