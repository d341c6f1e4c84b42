"""Export a deck offscreen: one PNG per slide and/or a PDF with one page per slide.

A handout shows the slides alone: no hint, position, arrows nor time bar (a sign-off copy
may ask for them); as a visitor sees them by default, or after choosing a larger text size
or high contrast with « Aa ». Each PDF page is the slide's picture with its text laid exactly over
it, invisible, so the text can be selected, searched and read out (kiosk.qt.textlines).
"""

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
    QPointF,
    QRect,
    QSizeF,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.app import Display, DisplayOptions
from kiosk.deck import Deck
from kiosk.files import NoTemporaryFile, atomic_write
from kiosk.qt.textlines import PlacedLine, drawn_text_items, placed_lines
from kiosk.render.legibility import TextSize

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class ExportError(RuntimeError):
    """A file could not be written."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    images: tuple[Path, ...]
    pdf: Path | None
    slides: int


@dataclass(frozen=True, slots=True)
class Page:
    """One slide as exported: its picture, and its text where the picture shows it."""

    image: QImage
    lines: tuple[PlacedLine, ...]


def render_slides(
    deck: Deck,
    size: tuple[int, int],
    progress: Progress | None = None,
    *,
    controls: bool = False,
    text_size: TextSize = TextSize.NORMAL,
    high_contrast: bool = False,
) -> list[QImage]:
    """Every slide of ``deck`` drawn at ``size``, settled (no fade, the figures at rest)."""
    pages = render_pages(
        deck, size, progress, controls=controls, text_size=text_size, high_contrast=high_contrast
    )
    return [page.image for page in pages]


def render_pages(
    deck: Deck,
    size: tuple[int, int],
    progress: Progress | None = None,
    *,
    controls: bool = False,
    text_size: TextSize = TextSize.NORMAL,
    high_contrast: bool = False,
) -> list[Page]:
    """Every slide of ``deck`` drawn at ``size``, with its text's lines and their places;
    the booth's controls only with ``controls``; at a visitor's ``text_size`` and in
    ``high_contrast`` when asked (the « Aa » choices).

    Needs a QGuiApplication with the bundled fonts (``kiosk.app.prepare_application``).
    """
    width, height = size
    options = DisplayOptions(
        size=size,
        reduced_motion=True,
        autoplay=False,
        controls=controls,
        text_size=text_size,
        high_contrast=high_contrast,
    )
    display = Display(deck, options)
    window = display.window
    window.resize(width, height)
    window.show()
    settle(window, size)
    pages: list[Page] = []
    total = display.slides.rowCount()
    try:
        for index in range(total):
            display.navigator.goTo(index)
            QCoreApplication.processEvents()  # deliver resizes and deferred deletes
            image = window.grabWindow()
            scale = 1.0
            if image.size().width() != width or image.size().height() != height:
                scale = width / max(1, image.size().width())
                image = image.scaled(width, height)
            lines = tuple(_drawn_lines(window.contentItem(), scale))
            pages.append(Page(image.convertToFormat(QImage.Format.Format_RGB32), lines))
            if progress:
                progress(index + 1, total)
    finally:
        window.close()
        display.deleteLater()
    return pages


def _drawn_lines(item: QQuickItem, scale: float) -> list[PlacedLine]:
    """The lines of every Text drawn under ``item``, in order, scaled by ``scale``."""
    lines: list[PlacedLine] = []
    for text in drawn_text_items(item):
        for line in placed_lines(text):
            box = line.box
            if scale != 1.0:
                font = line.font
                font.setPixelSize(max(1, round(font.pixelSize() * scale)))
                box = type(box)(
                    box.x() * scale, box.y() * scale, box.width() * scale, box.height() * scale
                )
                line = PlacedLine(line.text, box, font)
            lines.append(line)
    return lines


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


def write_pdf(
    pages: list[Page] | list[QImage], path: Path, title: str = "", language: str = ""
) -> Path:
    """One page per slide, each page the picture's size at 96 dpi, no margins, with the
    slide's text over it (invisible, selectable); the document's title and language set.

    The PDF is made in memory, then written whole or not at all (:func:`write_atomically`):
    QPdfWriter says nothing when its file cannot be written, and a full disk would leave a
    truncated PDF behind a success.
    """
    slides = [page if isinstance(page, Page) else Page(page, ()) for page in pages]
    if not slides:
        raise ExportError(f"{path}: no slide to write")
    check_target(path)
    first = slides[0].image
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("kiosk")
    writer.setDocumentXmpMetadata(_xmp(title, language))
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
        for number, page in enumerate(slides):
            if number:
                writer.newPage()
            image = page.image
            target = painter.viewport()
            if not target.isValid():
                target = QRect(0, 0, image.width(), image.height())
            painter.drawImage(target, image)
            _draw_text_layer(painter, page.lines, target.width() / max(1, image.width()))
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


# Text drawn with this colour is in the PDF, where it is selected, searched and read out,
# but adds nothing a reader can see over the slide's own picture of it.
_INVISIBLE = QColor(0, 0, 0, 1)


def _draw_text_layer(painter: QPainter, lines: tuple[PlacedLine, ...], scale: float) -> None:
    painter.save()
    painter.scale(scale, scale)
    painter.setPen(_INVISIBLE)
    for line in lines:
        # Inter's contextual alternates (the colon between letters or figures, the percent
        # sign after one) are glyphs with no character behind them in the PDF: copied or
        # searched, « 0,5 % » lost its sign and « Source : » its colon. The layer shows
        # nothing, so it does without them.
        font = QFont(line.font)
        font.setFeature(QFont.Tag("calt"), 0)
        painter.setFont(font)
        baseline = line.box.y() + QFontMetricsF(font).ascent()
        painter.drawText(QPointF(line.box.x(), baseline), line.text)
    painter.restore()


def _xmp(title: str, language: str) -> bytes:
    """The document's XMP metadata: its title and language (Dublin Core)."""
    from xml.sax.saxutils import escape

    lang = escape(language or "x-default")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="{lang}">{escape(title)}</rdf:li></rdf:Alt>'
        f"</dc:title><dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>"
        "<pdf:Producer>kiosk</pdf:Producer>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


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
    controls: bool = False,
    text_size: TextSize = TextSize.NORMAL,
    high_contrast: bool = False,
) -> ExportResult:
    """Render ``deck`` once and write what was asked: PNGs in ``out_dir``, a ``pdf``; the
    booth's controls on them only with ``controls`` (a sign-off copy); at ``text_size`` and
    in ``high_contrast`` as a visitor who chose them with « Aa » sees the slides."""
    pages = render_pages(
        deck, size, progress, controls=controls, text_size=text_size, high_contrast=high_contrast
    )
    images = [page.image for page in pages]
    written = tuple(write_pngs(images, out_dir)) if out_dir is not None else ()
    pdf_path = write_pdf(pages, pdf, deck.title, deck.language) if pdf is not None else None
    return ExportResult(written, pdf_path, len(pages))
