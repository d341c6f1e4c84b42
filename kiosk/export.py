"""Export a deck offscreen: one PNG per slide and/or a PDF with one page per slide."""

from __future__ import annotations

import logging
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QIODevice,
    QMarginsF,
    QRect,
    QSizeF,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtQuick import QQuickWindow

from kiosk.app import Display, DisplayOptions
from kiosk.deck import Deck
from kiosk.files import NoTemporaryFile, atomic_write

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class ExportError(RuntimeError):
    """A file could not be written."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    images: tuple[Path, ...]
    pdf: Path | None
    slides: int


def render_slides(
    deck: Deck, size: tuple[int, int], progress: Progress | None = None
) -> list[QImage]:
    """Every slide of ``deck`` drawn at ``size``, settled (no fade, the figures at rest).

    Needs a QGuiApplication with the bundled fonts (``kiosk.app.prepare_application``).
    """
    width, height = size
    display = Display(deck, DisplayOptions(size=size, reduced_motion=True, autoplay=False))
    window = display.window
    window.resize(width, height)
    window.show()
    settle(window, size)
    images: list[QImage] = []
    total = display.slides.rowCount()
    try:
        for index in range(total):
            display.navigator.goTo(index)
            QCoreApplication.processEvents()  # deliver resizes and deferred deletes
            image = window.grabWindow()
            if image.size().width() != width or image.size().height() != height:
                image = image.scaled(width, height)
            images.append(image.convertToFormat(QImage.Format.Format_RGB32))
            if progress:
                progress(index + 1, total)
    finally:
        window.close()
        display.deleteLater()
    return images


def settle(window: QQuickWindow, size: tuple[int, int], timeout_ms: int = 5000) -> None:
    """Wait until the scene has the window's size: the platform resizes via the event loop."""
    deadline = QDeadlineTimer(timeout_ms)
    content = window.contentItem()
    while (content.width(), content.height()) != size and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    if (content.width(), content.height()) != size:
        log.warning("the window is %sx%s, not %sx%s", content.width(), content.height(), *size)


def write_pngs(images: list[QImage], folder: Path, stem: str = "slide") -> list[Path]:
    """``folder/slide-01.png`` ... one file per image; the folder is created if needed.

    Each file is whole or absent: see :func:`write_atomically`.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot make the folder ({_reason(exc)})") from None
    digits = max(2, len(str(len(images))))
    paths = []
    for number, image in enumerate(images, start=1):
        path = folder / f"{stem}-{number:0{digits}d}.png"
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stub: bytes; Qt: str
            raise ExportError(f"{path}: could not encode the image")
        write_atomically(path, bytes(buffer.data().data()))
        paths.append(path)
    return paths


def write_pdf(images: list[QImage], path: Path, title: str = "") -> Path:
    """One page per image, each page the image's size at 96 dpi, no margins.

    The PDF is made in memory, then written whole or not at all (:func:`write_atomically`):
    QPdfWriter says nothing when its file cannot be written, and a full disk would leave a
    truncated PDF behind a success.
    """
    if not images:
        raise ExportError(f"{path}: no slide to write")
    check_target(path)
    first = images[0]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("kiosk")
    writer.setResolution(96)
    points = QSizeF(first.width() * 72 / 96, first.height() * 72 / 96)
    layout = QPageLayout(
        QPageSize(points, QPageSize.Unit.Point, "slide", QPageSize.SizeMatchPolicy.ExactMatch),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )
    writer.setPageLayout(layout)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{path}: could not make the PDF")
    try:
        for number, image in enumerate(images):
            if number:
                writer.newPage()
            target = painter.viewport()
            if not target.isValid():
                target = QRect(0, 0, image.width(), image.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    data = bytes(buffer.data().data())
    if not data.startswith(b"%PDF"):
        raise ExportError(f"{path}: could not make the PDF")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{path.parent}: cannot make the folder ({_reason(exc)})") from None
    write_atomically(path, data)
    return path


def check_target(path: Path) -> None:
    """Refuse to write over anything but a regular file (a device, a FIFO, a folder)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"{path}: cannot write there ({_reason(exc)})") from None
    if not stat.S_ISREG(mode):
        raise ExportError(f"{path}: exists and is not a regular file; not written over")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (kiosk.files.atomic_write): on any
    failure ``path`` is as it was, no temporary file is left, and :class:`ExportError`
    says why."""
    check_target(path)
    try:
        with atomic_write(path) as file:
            file.write(data)
    except NoTemporaryFile as exc:
        raise ExportError(f"{path}: cannot write in {path.parent} ({_reason(exc)})") from None
    except OSError as exc:
        raise ExportError(f"{path}: could not write ({_reason(exc)}); nothing written") from None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = sys.stderr if stream is None else stream  # at call time: it may be swapped
        self.width = width
        self.enabled = self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        filled = round(self.width * done / total)
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(f"\r{self.label} {bar} {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def export_deck(
    deck: Deck,
    *,
    size: tuple[int, int] = (1920, 1080),
    out_dir: Path | None = None,
    pdf: Path | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Render ``deck`` once and write what was asked: PNGs in ``out_dir``, a ``pdf``."""
    images = render_slides(deck, size, progress)
    written = tuple(write_pngs(images, out_dir)) if out_dir is not None else ()
    pdf_path = write_pdf(images, pdf, deck.title) if pdf is not None else None
    return ExportResult(written, pdf_path, len(images))
