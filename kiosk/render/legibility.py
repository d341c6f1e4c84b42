"""The legibility rules of the display: type sizes as fractions of the screen height.

Pure Python, so `kiosk check` can share the floor with the QML views without importing
Qt. ``kiosk/qml/Kiosk/Theme.qml`` holds the same numbers (QML cannot import Python
constants); ``tests/qt/test_behaviour.py`` fails when the two disagree.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

# The smallest body text readable from 3 m: 3.3 % of the screen height (36 px at 1080p).
# Text is shrunk below it only when it would not fit otherwise; `kiosk check` warns then.
BODY_FLOOR_RATIO: Final = 0.033

# Body text size before any shrinking, as a fraction of the screen height.
BODY_RATIO_LANDSCAPE: Final = 0.044
BODY_RATIO_PORTRAIT: Final = 0.036

# Widest body line, in ems of the body size: about 45 characters of Inter.
MEASURE_EMS: Final = 23.0

# The screen sizes every layout must render correctly at (width, height) in pixels.
SCREEN_SIZES: Final[tuple[tuple[int, int], ...]] = (
    (1920, 1080),
    (3840, 2160),
    (1280, 800),
    (1024, 768),
    (1080, 1920),
)


def body_floor_px(screen_height: int) -> float:
    """The smallest body text size, in pixels, on a screen ``screen_height`` pixels high."""
    return BODY_FLOOR_RATIO * screen_height


class TextSize(StrEnum):
    """The text sizes a visitor may pick with the « Aa » control (and `kiosk export
    --text-size`): every type size of the layouts is multiplied by ``scale``."""

    NORMAL = "normal"
    LARGE = "large"
    LARGER = "larger"

    @property
    def scale(self) -> float:
        return TEXT_SCALES[self]

    @property
    def step(self) -> int:
        """0, 1, 2: the size's place among the choices (what QML gets)."""
        return tuple(TextSize).index(self)


# A quarter larger, then half as large again: steps a visitor sees at once, and at the
# larger one a landscape slide's body (6.6 % of the height) as large as a title at normal.
TEXT_SCALES: Final[dict[TextSize, float]] = {
    TextSize.NORMAL: 1.0,
    TextSize.LARGE: 1.25,
    TextSize.LARGER: 1.5,
}
