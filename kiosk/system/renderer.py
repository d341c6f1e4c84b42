"""Which Qt Quick renderer suits the machine: the GPU, or Qt's software renderer.

A booth PC without a working GPU driver, a virtual machine or a small fanless box runs
OpenGL in software (Mesa's llvmpipe, softpipe or swrast). There every frame of OpenGL is
drawn by the CPU, the whole window each time: a cross-fade cost about 40 % of a core all
day. Qt Quick's software renderer draws only what changed, which suits a slide show: it is
chosen there, and the GPU everywhere else. The ``renderer`` setting overrides the choice.

:func:`choose` is pure (the tests give it OpenGL strings); :func:`opengl_renderer` asks the
machine, once, before the show window exists (the renderer cannot change after), and
:func:`remembered_opengl_renderer` keeps its answer for the next start: asking loads the
OpenGL driver into the show, Mesa's llvmpipe with LLVM, some 60 MB and 60 ms, all for
nothing where the answer is the software renderer.
:func:`tune_raster_painting` sets Qt's raster painter, which the software renderer and the
export draw with, for slides.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.files import atomic_write, read_bytes_bounded
from kiosk.logs import banner_log  # the choice is part of what ran: logged at any level

log = logging.getLogger(__name__)

# Substrings of GL_RENDERER naming a rasteriser that runs on the CPU.
SOFTWARE_OPENGL = ("llvmpipe", "softpipe", "swrast", "software rasterizer", "gdi generic")

_GL_RENDERER, _GL_VENDOR = 0x1F01, 0x1F00
MEMORY_LIMIT = 64 * 1024  # bytes of the remembered answer read at most (it is a few lines)

# Qt's raster painter, set for slides (environment variables Qt reads once, at its first
# glyph and its first fill). Measured on the attract loop, software renderer, 2 s a slide
# (bench/bench_loop.py): 2.7 CPU-s per 30 s without them, 1.0 with them.
RASTER_PAINTING = {
    # Draw glyphs up to this size (px) from the glyph cache. Above Qt's default, 64 px, a
    # glyph is filled as a path at every repaint: every letter of a title, every digit of
    # a figure, each frame of a fade.
    "QT_MAX_CACHED_GLYPH_SIZE": "1024",
    # Paint on the painting thread only. Qt hands each fill taller than 96 lines to a
    # thread pool, 64 lines a task, and waits for them: on a booth's two cores the wake-ups
    # cost more than the painting they share (half the loop's CPU was the kernel's).
    "QT_NO_GUI_THREADPOOL": "1",
}


@dataclass(frozen=True, slots=True)
class Choice:
    """The renderer the show will use and why, as the start of the log says it."""

    api: str  # "software" (Qt Quick's), "opengl", or "default": Qt's own pick
    reason: str

    @property
    def software(self) -> bool:
        return self.api == "software"

    def __str__(self) -> str:
        return f"{self.api}, {self.reason}"


def choose(setting: str, opengl: str | None, env: Mapping[str, str] | None = None) -> Choice:
    """The renderer for ``setting`` ("auto", "opengl", "software") on a machine whose
    OpenGL renderer string is ``opengl`` (None: no OpenGL could be asked)."""
    forced = qt_variable(os.environ if env is None else env)
    if forced:  # whoever set Qt's own variable meant it: Qt reads it itself
        return Choice("default", f"{forced} is set")
    if setting == "software":
        return Choice("software", 'renderer = "software" in the settings')
    if setting == "opengl":
        return Choice("opengl", 'renderer = "opengl" in the settings')
    if opengl is None:
        return Choice("default", "no OpenGL to ask (Qt picks)")
    if any(name in opengl.lower() for name in SOFTWARE_OPENGL):
        return Choice("software", f"OpenGL is {opengl}, drawn by the CPU")
    return Choice("default", f"OpenGL is {opengl}, a GPU")


def qt_variable(env: Mapping[str, str]) -> str:
    """``NAME=value`` of the first of Qt's own renderer variables set, else ""."""
    for name in ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND"):
        if env.get(name):
            return f"{name}={env[name]}"
    return ""


def tune_raster_painting(env: MutableMapping[str, str]) -> None:
    """Set :data:`RASTER_PAINTING` in ``env`` (``os.environ``, before the QGuiApplication
    exists), each unless already set: a value given on the machine wins."""
    for name, value in RASTER_PAINTING.items():
        env.setdefault(name, value)


def opengl_renderer() -> str | None:
    """The machine's OpenGL renderer string (GL_RENDERER), from a context made and dropped
    at once; None when there is no OpenGL (the offscreen platform, no driver at all).
    Needs the QGuiApplication."""
    from PySide6.QtGui import QOffscreenSurface, QOpenGLContext

    context = QOpenGLContext()
    if not context.create():
        return None
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not context.makeCurrent(surface):
            return None
        functions = context.functions()
        name = functions.glGetString(_GL_RENDERER)
        context.doneCurrent()
        return str(name) if name else None
    finally:
        surface.destroy()


def graphics_key() -> str:
    """What this machine's OpenGL renderer string depends on: the windowing system the show
    opens on (the platform, the display, the screen) and the kernel's graphics drivers (a
    GPU driver installed, a card added). Needs the QGuiApplication."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    drivers = sorted(
        os.path.realpath(driver) for driver in Path("/sys/class/drm").glob("*/device/driver")
    )
    parts = [
        QGuiApplication.platformName(),
        os.environ.get("DISPLAY", ""),
        os.environ.get("WAYLAND_DISPLAY", ""),
        f"{screen.name()}|{screen.manufacturer()}|{screen.model()}" if screen else "",
        *drivers,
    ]
    return "\n".join(parts)


def remembered_opengl_renderer(memory: Path | None) -> tuple[str | None, bool]:
    """The OpenGL renderer string, as :func:`opengl_renderer`, and whether it was
    remembered: read from ``memory`` (a small text file) when an earlier start asked on the same
    machine (:func:`graphics_key`), else asked now and written there. A file that cannot be
    read or written only means asking."""
    key = graphics_key()
    if memory is not None:
        try:
            # Plain text, not JSON: `json` is not imported before the first frame
            # (tests/commands/test_run_imports.py). The renderer string ("" for none), then
            # the key's lines. Read bounded: a pipe or a device put there never hangs the start.
            text = read_bytes_bounded(memory, MEMORY_LIMIT).decode("utf-8")
            remembered, _, kept = text.partition("\n")
            if kept == key:
                return remembered or None, True
        except (OSError, ValueError):
            pass
    name = opengl_renderer()
    if memory is not None:
        try:
            memory.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(memory, "w", encoding="utf-8") as out:
                out.write(f"{name or ''}\n{key}")
        except OSError as error:
            log.debug("renderer: cannot remember the OpenGL renderer in %s: %s", memory, error)
    return name, False


def use(setting: str, memory: Path | None = None) -> Choice:
    """Choose the renderer for ``setting`` on this machine and set it for every window made
    from now on; logged. ``memory``: where the machine's OpenGL renderer string is kept
    between starts (:func:`remembered_opengl_renderer`); None: asked every time."""
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    needs_probe = setting == "auto" and not qt_variable(os.environ)
    opengl, remembered = remembered_opengl_renderer(memory) if needs_probe else (None, False)
    choice = choose(setting, opengl)
    if choice.api == "software":
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    elif choice.api == "opengl":
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.OpenGL)
    banner_log.info(
        "renderer: %s%s", choice, " (as asked at an earlier start)" if remembered else ""
    )
    return choice
