"""The visitor's reading choices (« Aa »): text size, high contrast, reduced motion.

The « Aa » button of the footer opens a small panel (components/AccessPanel.qml); what is
chosen there lasts until the idle return, which undoes it with the language (``reset``).
Reduced motion is also the booth's: the settings' ``reduced_motion``, or the platform's
own preference where Qt reports one (QStyleHints.accessibility().motionPreference, Qt
6.12); the visitor can only add to it, never turn the platform's off.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication, QStyleHints
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.render.legibility import TextSize
from kiosk.render.uitext import ui_text

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

_SIZES = tuple(TextSize)


def platform_reduces_motion(hints: QStyleHints | None) -> bool:
    """Whether the platform asks applications for less motion (Qt's motion preference;
    False where the platform says nothing, as offscreen and most X11 sessions do)."""
    if hints is None:
        return False
    from PySide6.QtCore import Qt  # not before the first frame: see Access.follow_platform

    preference = hints.accessibility().motionPreference()
    return bool(preference == Qt.MotionPreference.ReducedMotion)


@QmlElement
@QmlUncreatable("Access is made by the app")
class Access(QObject):  # type: ignore[operator]
    """What the « Aa » panel sets, and whether it is open.

    ``textScale`` multiplies every type size of the layouts (Theme.qml); high contrast is
    drawn by DeckInfo (the display hands it over on ``changed``); ``reducedMotion`` is the
    booth's (settings, platform) or the visitor's.

    Signals:
        changed(): a choice, the platform's motion preference or the words changed.
        openChanged(): the panel opened or closed.
        used(str): the visitor made a choice: what, in words of the statistics
            ("text_size:large", "contrast:high", "motion:reduced"...), nothing about them.
    """

    changed = Signal()
    openChanged = Signal()
    used = Signal(str)

    def __init__(
        self,
        *,
        reduced_motion: bool = False,
        follow_platform: bool = True,
        language: Any = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._booth_motion = reduced_motion  # the settings'
        self._size = TextSize.NORMAL
        self._high = False
        self._less_motion = False  # the visitor's
        self._open = False
        self._language = language  # a kiosk.qt.language.Language: the panel's words
        if language is not None:
            language.changed.connect(self.changed)
        # Kept: the accessibility hints are the style hints' child, gone with them.
        self._hints: QStyleHints | None = None
        self._platform_motion = False
        self._follow_platform = follow_platform

    def follow_platform(self) -> None:
        """Take the platform's motion preference, and its changes from now on (if made to
        follow it; once). The display calls it when the first frame is on screen: the
        preference is a member of Qt's namespace, which that frame must not wait for
        (kiosk.app), and a frame at rest shows no motion anyway."""
        if not self._follow_platform or self._hints is not None:
            return
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            return
        self._hints = app.styleHints()
        self._hints.accessibility().motionPreferenceChanged.connect(self._platform_changed)
        if platform_reduces_motion(self._hints):
            log.info("the platform asks for reduced motion: transitions off")
            self._platform_motion = True
            self.changed.emit()

    # --- for Python callers ---------------------------------------------------------

    @property
    def text_size(self) -> TextSize:
        return self._size

    @property
    def high_contrast(self) -> bool:
        return self._high

    @property
    def reduced_motion(self) -> bool:
        return self._booth_motion or self._platform_motion or self._less_motion

    def set_text_size(self, size: TextSize) -> None:
        self.setTextSize(size.step)

    def set_booth_motion(self, reduced: bool) -> None:
        """The settings' ``reduced_motion`` (read again on SIGHUP)."""
        if reduced != self._booth_motion:
            self._booth_motion = reduced
            self.changed.emit()

    def reset(self) -> None:
        """Idle return: normal text, the deck's colours, the booth's motion, panel closed."""
        self.setOpen(False)
        if (self._size, self._high, self._less_motion) != (TextSize.NORMAL, False, False):
            self._size, self._high, self._less_motion = TextSize.NORMAL, False, False
            log.info("reading choices reset")
            self.changed.emit()

    def _platform_changed(self, preference: Qt.MotionPreference) -> None:
        from PySide6.QtCore import Qt

        reduced = preference == Qt.MotionPreference.ReducedMotion
        if reduced != self._platform_motion:
            log.info("the platform's motion preference: %s", "reduced" if reduced else "none")
            self._platform_motion = reduced
            self.changed.emit()

    # --- for QML ------------------------------------------------------------------

    @Slot(int)
    def setTextSize(self, step: int) -> None:
        size = _SIZES[max(0, min(len(_SIZES) - 1, step))]
        if size is not self._size:
            self._size = size
            self.changed.emit()
            self.used.emit(f"text_size:{size}")

    @Slot(bool)
    def setHighContrast(self, high: bool) -> None:
        if high != self._high:
            self._high = high
            self.changed.emit()
            self.used.emit("contrast:high" if high else "contrast:normal")

    @Slot(bool)
    def setLessMotion(self, less: bool) -> None:
        if less != self._less_motion:
            self._less_motion = less
            self.changed.emit()
            self.used.emit("motion:reduced" if less else "motion:normal")

    @Slot(bool)
    def setOpen(self, open_: bool) -> None:
        if open_ != self._open:
            self._open = open_
            self.openChanged.emit()

    # --- properties for QML: named getters, which pyside6-metaobjectdump can read ---

    def _get_open(self) -> bool:
        return self._open

    def _get_text_step(self) -> int:
        return self._size.step

    def _get_text_scale(self) -> float:
        return self._size.scale

    def _get_high_contrast(self) -> bool:
        return self._high

    def _get_reduced_motion(self) -> bool:
        return self.reduced_motion

    def _get_less_motion(self) -> bool:
        return self._less_motion

    def _get_motion_fixed(self) -> bool:
        return self._booth_motion or self._platform_motion

    # The panel's words, in the language shown (kiosk/render/uitext.py).

    def _word(self, key: str) -> str:
        return ui_text(self._language.current_tag() if self._language else "fr", key)

    def _get_title(self) -> str:
        return self._word("access")

    def _get_text_size_label(self) -> str:
        return self._word("text_size")

    def _get_size_labels(self) -> list[str]:
        return [self._word(f"size_{size}") for size in _SIZES]

    def _get_contrast_label(self) -> str:
        return self._word("high_contrast")

    def _get_motion_label(self) -> str:
        return self._word("less_motion")

    open = Property(bool, _get_open, setOpen, notify=openChanged)
    textStep = Property(int, _get_text_step, notify=changed)
    textScale = Property(float, _get_text_scale, notify=changed)
    highContrast = Property(bool, _get_high_contrast, notify=changed)
    reducedMotion = Property(bool, _get_reduced_motion, notify=changed)
    lessMotion = Property(bool, _get_less_motion, notify=changed)  # the visitor's choice
    motionFixed = Property(bool, _get_motion_fixed, notify=changed)  # the booth's: already off
    title = Property(str, _get_title, notify=changed)
    textSizeLabel = Property(str, _get_text_size_label, notify=changed)
    sizeLabels = Property(list, _get_size_labels, notify=changed)
    contrastLabel = Property(str, _get_contrast_label, notify=changed)
    motionLabel = Property(str, _get_motion_label, notify=changed)
