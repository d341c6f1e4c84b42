"""Load the bundled fonts into the application, so the look never depends on the machine."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from kiosk import ASSETS_DIR

log = logging.getLogger(__name__)

# assets/fonts/: beside the package in a checkout, under share/kiosk/ once installed.
FONT_DIR = ASSETS_DIR / "fonts"
FALLBACKS = {"Inter": ["Noto Emoji", "JetBrains Mono"], "JetBrains Mono": ["Inter", "Noto Emoji"]}


def load_bundled_fonts(folder: Path = FONT_DIR) -> list[str]:
    """Add every .otf/.ttf in ``folder``; return the family names the fonts declare.

    Needs a QGuiApplication. A font that fails to load is logged, not fatal: Qt then
    falls back to a system font, which is ugly but never a blank screen.
    """
    families: list[str] = []
    for path in sorted([*folder.glob("*.otf"), *folder.glob("*.ttf")]):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("could not load bundled font %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if not families:
        log.error("no bundled font found in %s: the system's fonts will be used", folder)
    # A character the text font lacks (an emoji, a box-drawing line in code) is taken from
    # the other bundled fonts first, whatever the machine has: the same glyphs everywhere.
    for family, others in FALLBACKS.items():
        QFont.insertSubstitutions(family, [f for f in others if f in families])
    return families
