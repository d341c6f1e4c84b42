"""Composition root of the display: deck -> Qt objects -> QML window; owns their lifetimes."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

from kiosk.config import MIN_IDLE_TIMEOUT_S, ROTATIONS, TRANSITIONS, Settings
from kiosk.deck import Deck, DeckSet
from kiosk.qt import QML_IMPORT_PATH
from kiosk.qt.access import Access
from kiosk.qt.activity import ActivityMonitor
from kiosk.qt.autoplay import Autoplay
from kiosk.qt.deckinfo import DeckInfo
from kiosk.qt.fonts import load_bundled_fonts
from kiosk.qt.framemeter import FrameMeter
from kiosk.qt.language import Language
from kiosk.qt.navigator import Navigator
from kiosk.qt.playback import Playback
from kiosk.qt.qmltypes import register_types
from kiosk.qt.sections import SectionModel
from kiosk.qt.slidemodel import SlideModel
from kiosk.qt.staff import StaffController
from kiosk.qt.translation import install_translation
from kiosk.render.legibility import TextSize
from kiosk.system.renderer import tune_raster_painting

log = logging.getLogger(__name__)

# The settings' defaults (kiosk.config): the options below take theirs from there.
_DEFAULTS = Settings()

# Nothing the first frame needs names a member of Qt's namespace (Qt.ConnectionType,
# Qt.CursorShape…) from Python: PySide6 makes Python's copy of that namespace, 94 enum
# types, at its first use, some 20 ms of the start. tests/commands/test_run_imports.py
# checks that the first frame is drawn before it is made.


class DisplayError(RuntimeError):
    """The QML scene could not be built (a bug or a broken install, never the deck's fault)."""


@dataclass(frozen=True, slots=True)
class DisplayOptions:
    """How to show a deck; the command line fills it; defaults: the settings' (kiosk.config)."""

    windowed: bool = False  # a resizable preview window instead of fullscreen
    screen: int | None = None  # index in QGuiApplication.screens(); None: the primary
    # Degrees, one of ROTATIONS: portrait totems on a landscape output.
    rotate: int = _DEFAULTS.rotation
    language: str | None = None  # BCP 47 tag; None: the deck's default language
    size: tuple[int, int] | None = None  # window size in pixels (windowed mode, export);
    # fullscreen takes the screen's size, so leave it None there
    reduced_motion: bool = _DEFAULTS.reduced_motion  # no fades, nothing moving in
    # Also when the platform asks for reduced motion (Qt's motion preference); False: the
    # settings' alone (tests that time the fades on any machine).
    follow_platform_motion: bool = True
    # The visitor's reading choices the show starts with (« Aa »; an export's
    # --text-size and --contrast); the idle return goes back to normal.
    text_size: TextSize = TextSize.NORMAL
    high_contrast: bool = False
    # The clicker's black screen waits for the next key: no countdown, no idle return.
    black_until_key: bool = _DEFAULTS.black_until_key
    autoplay: bool = True  # advance on its own; False: stay on the slide until input
    # The booth's controls (hint, position, arrows, time bar); False: the slide alone, as
    # exported for handouts (kiosk.export).
    controls: bool = True
    start: int = 0  # 0-based index of the first slide shown
    # A visitor idle this long (s) gets « Toujours là ? »; at least MIN_IDLE_TIMEOUT_S.
    idle_timeout_s: float = _DEFAULTS.idle_timeout_s
    # How long (s) « Toujours là ? » counts down before the loop restarts.
    countdown_s: float = _DEFAULTS.countdown_s
    # Seconds a slide stays in the loop when neither its frontmatter nor the deck's
    # headmatter says.
    default_duration_s: float = _DEFAULTS.slide_duration_s
    # One of TRANSITIONS, when the deck sets no `transition:`; how long it lasts (ms).
    transition: str = _DEFAULTS.transition
    transition_ms: int = _DEFAULTS.transition_ms
    # How Qt Quick draws: one of RENDERERS ("auto": kiosk.system.renderer decides). Read by
    # kiosk.show.run before the window is made; a Display made by hand leaves Qt's default.
    renderer: str = _DEFAULTS.renderer
    time_scale: float = 1.0  # multiplies every duration above (and the 30 s floor): the
    # tests run the whole show in milliseconds with 0.001; the booth leaves it at 1

    def idle_timeout_ms(self) -> int:
        """The idle timeout as the show runs it: never under 30 s (scaled), in ms."""
        seconds = max(self.idle_timeout_s, MIN_IDLE_TIMEOUT_S)
        return max(1, round(seconds * 1000 * self.time_scale))

    def countdown_ticks(self) -> tuple[int, int]:
        """(length of one countdown tick, in ms; number of ticks): a tick is a second."""
        tick_ms = max(1, round(1000 * self.time_scale))
        return tick_ms, max(1, round(self.countdown_s))


@dataclass(frozen=True, slots=True)
class StaffSetup:
    """The staff panel of a booth: its controller and where the hidden long press is."""

    controller: StaffController
    corner: str = _DEFAULTS.staff_corner  # one of CORNERS
    hold_s: float = _DEFAULTS.staff_hold_s  # seconds the corner must be held


def slide_transition(deck_set: DeckSet | None, fallback: str) -> str:
    """The deck's `transition:` (Slidev's names) as the show's kind, else ``fallback``.

    Slidev names slides' movements `slide-left`, `slide-up`…, fades `fade`, `fade-out`.
    """
    name = deck_set.default.transition.lower() if deck_set and deck_set.decks else ""
    if name.startswith("slide"):
        return "slide"
    if name.startswith("fade"):
        return "fade"
    if name == "none":
        return "none"
    if name:
        log.warning("transition %r is not one the kiosk draws: using %r", name, fallback)
    return fallback if fallback in TRANSITIONS else "fade"


def use_software_renderer() -> None:
    """Draw with Qt Quick's software renderer: same pixels on any machine (export, tests)."""
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)


class Display(QObject):
    """One show window and the Qt objects behind it, built from one deck and its languages.

    ``content`` is a DeckSet (every language), a single Deck, or None (the neutral
    screen). Needs a QGuiApplication with the bundled fonts loaded (see
    ``prepare_application``). Input reaches the playback state machine through an event
    filter (kiosk.qt.activity) on this window, which sees each of the window's events
    before the scene does.
    """

    def __init__(
        self,
        content: DeckSet | Deck | None,
        options: DisplayOptions = DisplayOptions(),
        staff: StaffSetup | None = None,
    ) -> None:
        super().__init__()
        register_types()
        if options.rotate not in ROTATIONS:
            raise ValueError(f"rotation must be one of {ROTATIONS}, not {options.rotate}")
        self.options = options
        # Made first, so Qt deletes it (and the scene) before the objects the scene reads:
        # a QObject deletes its children in the order they were made.
        self.engine = QQmlApplicationEngine(self)
        self.engine.addImportPath(str(QML_IMPORT_PATH))
        # The staff controller is read by the scene: made a child after the engine, so
        # the scene goes first at exit.
        self.staff = staff.controller if staff is not None else None
        if self.staff is not None:
            self.staff.setParent(self)
        self._deck_set = _as_deck_set(content)
        self.language = Language(self._languages(), options.language, self)
        if staff is not None:
            # The PIN pad and panel speak the booth's language: the one the show starts in.
            install_translation(self.language.default_tag())
        deck = self._deck_in(self.language.current_tag())
        self.slides = SlideModel(deck, self, default_duration_s=options.default_duration_s)
        self.sections = SectionModel(deck, self)
        self.navigator = Navigator(self.slides.rowCount(), self)
        self.navigator.goTo(options.start)
        self.autoplay = Autoplay(
            self.navigator, self.slides.durations(), time_scale=options.time_scale, parent=self
        )
        if options.idle_timeout_s < MIN_IDLE_TIMEOUT_S:
            log.warning(
                "idle timeout %s s is under the %d s floor: using %d s",
                options.idle_timeout_s,
                MIN_IDLE_TIMEOUT_S,
                MIN_IDLE_TIMEOUT_S,
            )
        tick_ms, ticks = options.countdown_ticks()
        self.playback = Playback(
            self.navigator,
            self.autoplay,
            idle_timeout_ms=options.idle_timeout_ms(),
            countdown_ms=tick_ms * ticks,
            tick_ms=tick_ms,
            parent=self,
        )
        self.deck_info = DeckInfo(deck, self)
        self.access = Access(
            reduced_motion=options.reduced_motion,
            follow_platform=options.follow_platform_motion,
            language=self.language,
            parent=self,
        )
        self.access.set_text_size(options.text_size)
        self.access.setHighContrast(options.high_contrast)
        self.deck_info.set_high_contrast(self.access.high_contrast)
        self.access.changed.connect(self._show_contrast)
        self.language.switched.connect(self._show_language)
        self.playback.resetRequested.connect(self._reset)
        # The scene is laid out once, at the size it will be shown at: resizing it later
        # would lay every text out again before the first frame.
        width, height = self.planned_size()
        staff_properties = (
            {
                "staff": staff.controller,
                "staffCorner": staff.corner,
                "staffHoldSeconds": staff.hold_s,
            }
            if staff is not None
            # Main.qml requires them: without a staff panel, the settings' defaults.
            else {"staffCorner": _DEFAULTS.staff_corner, "staffHoldSeconds": _DEFAULTS.staff_hold_s}
        )
        self.engine.setInitialProperties(
            {
                **staff_properties,
                "transition": slide_transition(self._deck_set, options.transition),
                "transitionMs": options.transition_ms,
                "timeScale": options.time_scale,
                "width": width,
                "height": height,
                "slides": self.slides,
                "sections": self.sections,
                "navigator": self.navigator,
                "autoplay": self.autoplay,
                "playback": self.playback,
                "language": self.language,
                "deck": self.deck_info,
                "access": self.access,
                "blackUntilKey": options.black_until_key,
                "controls": options.controls,
                "contentRotation": options.rotate,
            }
        )
        self.engine.loadFromModule("Kiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            raise DisplayError("the QML scene failed to load (see the log for QML errors)")
        self.window: QQuickWindow = roots[0]
        # Every touch, click and key in this window reaches the playback first. On the
        # window, not the application: the monitor only counts the window's own events,
        # and an application-wide filter would call into Python for every event of every
        # item and timer (hundreds before the first frame, each wrapped for Python).
        self.activity = ActivityMonitor(self.playback, self, window=self.window)
        self.window.installEventFilter(self.activity)
        self.frame_meter = FrameMeter(self.window, self.navigator, self)
        self._first_frame_hooks: list[Callable[[], None]] = []
        self._first_frame_seen = False
        self.window.frameSwapped.connect(self._frame_swapped)

    # --- what is shown ---------------------------------------------------------------

    def set_deck(self, content: DeckSet | Deck | None) -> None:
        """Show another deck (a reload): same mode, same language and slide when they exist.

        Prefer a DeckSet: a single Deck replaces every language with its own.
        """
        self._deck_set = _as_deck_set(content)
        self.language.set_languages(self._languages(), self.options.language)
        self._show(self._deck_in(self.language.current_tag()))

        def release_memory() -> None:
            # The old deck's rows and slides are gone by now (deleted on the loop's later
            # turns): the JS heap collected, Python's frozen heap thawed if small again,
            # and the freed memory given back (kiosk.heap).
            from kiosk.heap import give_back_freed_memory, thaw_if_small

            self.engine.collectGarbage()
            thaw_if_small()
            give_back_freed_memory()

        QTimer.singleShot(1000, self, release_memory)

    def deck(self) -> Deck | None:
        """The deck on screen (in the language shown)."""
        return self.slides.deck

    def _languages(self) -> tuple[str, ...]:
        return self._deck_set.languages if self._deck_set else ()

    def _deck_in(self, language: str) -> Deck | None:
        if self._deck_set is None or not self._deck_set.decks:
            return None
        return self._deck_set.language(language)

    def _show_language(self, language: str) -> None:
        # Translations match slide for slide (`kiosk check`): the same index is the same
        # slide, so the visitor stays where they were.
        self._show(self._deck_in(language))

    def _show(self, deck: Deck | None) -> None:
        index = self.navigator.index()
        self.deck_info.set_deck(deck)
        self.slides.set_deck(deck)
        self.sections.set_deck(deck)
        self.navigator.set_count(self.slides.rowCount())  # the cover when the slide is gone
        self.navigator.goTo(index)
        # The running loop (if any) restarts the current slide's time with its new duration.
        self.autoplay.set_durations(self.slides.durations())

    def _show_contrast(self) -> None:
        self.deck_info.set_high_contrast(self.access.high_contrast)

    def _reset(self) -> None:
        """Idle return: undo the visitor's choices here (the QML undoes its own)."""
        self.navigator.first()  # first, so a language change does not rebuild the slide left
        self.language.reset()
        self.access.reset()

    @Slot()
    def _frame_swapped(self) -> None:
        # Called in this thread (frameSwapped from a render thread is queued to this
        # object's), maybe in the middle of drawing: the hooks wait for the loop's next turn.
        if self._first_frame_seen:
            return
        self._first_frame_seen = True
        self.window.frameSwapped.disconnect(self._frame_swapped)
        QTimer.singleShot(0, self, self._first_frame)  # not if the display is gone by then

    def _first_frame(self) -> None:
        for hook in self._first_frame_hooks:
            hook()
        self.frame_meter.start(frames_drawn=1)  # this first one
        # Then, on the next turn of the loop, build the first slide's neighbours (not if
        # the display is gone by then: a test's show torn down at once).
        QTimer.singleShot(0, self, self.warm_up)

    def warm_up(self) -> None:
        """Build what the first frame did without, now (it otherwise waits for a frame):
        the current slide's neighbours and the staff's PIN pad and panel.

        The window's `warm` (Main.qml's root, declared there): the slide view binds to it.
        Also the platform's motion preference, from now on (kiosk.qt.access)."""
        self.access.follow_platform()
        self.window.setProperty("warm", True)

    def planned_size(self) -> tuple[int, int]:
        """The window's size once shown: the asked size, a preview's, or the screen's."""
        screen = self.target_screen()
        if self.options.size:
            return self.options.size
        if self.options.windowed or screen is None:
            return _preview_size(screen, self.options.rotate)
        geometry = screen.geometry()
        return geometry.width(), geometry.height()

    def show(self) -> None:
        """Show the window as the options say: fullscreen on a screen, or a preview window."""
        window = self.window
        screen = self._screen()
        if self.options.windowed:
            width, height = self.planned_size()
            window.resize(width, height)
            if screen is not None:
                window.setScreen(screen)
                centre = screen.availableGeometry().center()
                window.setPosition(centre.x() - width // 2, centre.y() - height // 2)
            window.show()
        else:
            if screen is not None:
                window.setScreen(screen)
                window.setGeometry(screen.geometry())
            # A touch kiosk: no pointer on the show, from its first frame on (a cursor shape
            # is a member of Qt's namespace: see the top of this module).
            self.after_first_frame(self._hide_pointer)
            window.showFullScreen()
        window.requestActivate()
        if self.options.autoplay:
            self.playback.start()

    def _hide_pointer(self) -> None:
        from PySide6.QtCore import Qt

        self.window.setCursor(Qt.CursorShape.BlankCursor)

    def after_first_frame(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` once the first frame is on screen (work that must not delay it)."""
        self._first_frame_hooks.append(hook)

    def report_first_frame(self, path: Path, grab: bool = False) -> None:
        """When the first frame is on screen, write what it showed to ``path`` (JSON)."""

        def write() -> None:
            now = time.monotonic()
            window, screen = self.window, self.window.screen()
            geometry, screen_geometry = window.geometry(), screen.geometry()
            report = {
                "monotonic": now,
                "window": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
                "screen": [
                    screen_geometry.x(),
                    screen_geometry.y(),
                    screen_geometry.width(),
                    screen_geometry.height(),
                ],
                "fullscreen": window.visibility() == QWindow.Visibility.FullScreen,
                "slide": self.navigator.index(),
                "renderer": window.rendererInterface().graphicsApi().name,
                "grab": "",
            }
            if grab:
                image_path = path.with_suffix(".png")
                window.grabWindow().save(str(image_path))
                report["grab"] = str(image_path)
            import json  # here: only the tests' and the benchmark's probe writes JSON

            path.write_text(json.dumps(report), encoding="utf-8")

        self._first_frame_hooks.append(write)

    def target_screen(self) -> QScreen | None:
        """The screen the show belongs on (the options' or the primary), said quietly: what
        the window keeper puts the window back on (kiosk.system.lockdown)."""
        return self._screen(quiet=True)

    def _screen(self, quiet: bool = False) -> QScreen | None:
        screens = QGuiApplication.screens()
        if self.options.screen is None:
            return QGuiApplication.primaryScreen()
        if 0 <= self.options.screen < len(screens):
            return screens[self.options.screen]
        if not quiet:
            log.warning(
                "no screen %d (there are %d): using the primary screen",
                self.options.screen,
                len(screens),
            )
        return QGuiApplication.primaryScreen()


def _preview_size(screen: QScreen | None, rotate: int) -> tuple[int, int]:
    """A 16:9 preview (9:16 when rotated) that fits comfortably on ``screen``."""
    available = screen.availableGeometry() if screen else None
    width, height = (1280, 720) if rotate % 180 == 0 else (540, 960)
    if available is not None:
        scale = min(1.0, 0.85 * available.width() / width, 0.85 * available.height() / height)
        width, height = int(width * scale), int(height * scale)
    return width, height


def prepare_application(argv: list[str] | None = None) -> QGuiApplication:
    """The application object, with the bundled fonts loaded; made once per process."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        app = existing
    else:
        tune_raster_painting(os.environ)
        QGuiApplication.setApplicationName("kiosk")
        QGuiApplication.setDesktopFileName("kiosk")
        app = QGuiApplication(argv or ["kiosk"])
    load_bundled_fonts()
    return app


def _as_deck_set(content: DeckSet | Deck | None) -> DeckSet | None:
    if content is None or isinstance(content, DeckSet):
        return content
    return DeckSet((content,))
