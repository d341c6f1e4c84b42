"""Every word the show's own controls say, in each language, and language names.

One table, so a translation is added or fixed in one place. French follows the
deck's typography: a narrow no-break space (U+202F) before ? and !, the
typographic apostrophe. A language the table lacks gets English.
"""

from __future__ import annotations

from collections.abc import Mapping

NNBSP = "\u202f"
NBSP = "\u00a0"

# key -> text. ``back_in`` holds ``%1``, the seconds left (QML's String.arg); ``slide_of``
# the slide's number and the count.
STRINGS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "hint": "Touchez l’écran",
        "contents": "Sommaire",
        "close": "Fermer",
        "still_there": f"Toujours là{NNBSP}?",
        "touch_to_continue": f"Touchez l’écran pour{NBSP}continuer",
        "back_in": f"Retour au début dans %1{NBSP}s",
        "previous": "Précédent",
        "next": "Suivant",
        # The « Aa » panel (kiosk/qt/access.py).
        "access": "Affichage",
        "text_size": "Taille du texte",
        "size_normal": "Normal",
        "size_large": "Grand",
        "size_larger": "Très grand",
        "high_contrast": "Contraste élevé",
        "less_motion": "Moins d’animations",
        # For assistive technology only (a screen reader): never drawn.
        "slide_of": "Diapositive %1 sur %2",
        "black_screen": "Écran noir",
    },
    "en": {
        "hint": "Tap the screen",  # short enough for a portrait totem at the body size
        "contents": "Contents",
        "close": "Close",
        "still_there": "Still there?",
        "touch_to_continue": f"Touch the screen to{NBSP}continue",
        "back_in": f"Back to the start in %1{NBSP}s",
        "previous": "Previous",
        "next": "Next",
        "access": "Display",
        "text_size": "Text size",
        "size_normal": "Normal",
        "size_large": "Large",
        "size_larger": "Larger",
        "high_contrast": "High contrast",
        "less_motion": "Less motion",
        "slide_of": "Slide %1 of %2",
        "black_screen": "Black screen",
    },
}
FALLBACK = "en"
KEYS = tuple(STRINGS[FALLBACK])

# Each language's name in that language, as the language button shows it (never a flag:
# a flag is a country, and French or English is spoken in many).
LANGUAGE_NAMES: Mapping[str, str] = {
    "fr": "Français",
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "nl": "Nederlands",
    "pl": "Polski",
    "ro": "Română",
    "ar": "العربية",
    "zh": "中文",
}


def _base(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def ui_text(language: str, key: str) -> str:
    """The control text ``key`` in ``language`` (a BCP 47 tag), English when missing."""
    table = STRINGS.get(_base(language), STRINGS[FALLBACK])
    return table.get(key, STRINGS[FALLBACK][key])


def language_name(tag: str, fallback: str = "") -> str:
    """``tag``'s own name for itself: ``fr`` -> « Français »; ``fallback`` or the tag if unknown."""
    name = LANGUAGE_NAMES.get(_base(tag))
    if name:
        return name
    return fallback[:1].upper() + fallback[1:] if fallback else tag
