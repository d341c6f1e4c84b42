"""The report as a PDF printable on A4, drawn with Qt's painter on a QPdfWriter (text as text).

The same document as the HTML page (kiosk.stats.handout_doc), laid out in points on A4
portrait with 15 mm margins, in the bundled Inter (embedded by Qt): each booth starts a
page, a table that does not fit goes on over the page with its header again, a chart is
never cut. Laid out twice: once to count the pages ("page 2 of 5"), once to draw.

Needs a QGuiApplication with the bundled fonts (``kiosk.app.prepare_application``); may run
off the UI thread (the booth's export does): it paints only on its own QPdfWriter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from kiosk.files import atomic_write
from kiosk.stats.handout_doc import (
    REPORT_MARK,
    BarChart,
    Block,
    Document,
    HourChart,
    KeyFigures,
    Note,
    Section,
    Table,
)

FAMILY = "Inter"
NAVY = QColor("#0f2a44")
AMBER = QColor("#c98a12")
TEXT = QColor("#1b2430")
MUTED = QColor("#5b6673")
GRID = QColor("#d5dbe1")
FAINT = QColor("#eef1f4")

_DPI = 288  # device units per inch: 4 per point
_K = _DPI / 72
_PAGE_W, _PAGE_H = 595.276, 841.89  # A4, points
_MARGIN = 42.52  # 15 mm
_WIDTH = _PAGE_W - 2 * _MARGIN
_BOTTOM = _PAGE_H - _MARGIN - 18  # the footer's room below


class PdfError(Exception):
    """The PDF could not be made (Qt said nothing useful): the message says so."""


def render_pdf(document: Document) -> bytes:
    """The PDF of ``document``, as bytes."""
    pages = _Layout(document, None, 0).run()
    buffer = QBuffer()
    writer = _writer(buffer)
    writer.setTitle(f"{document.title} · {document.subtitle}")
    writer.setCreator(REPORT_MARK)
    writer.setDocumentXmpMetadata(_xmp(document))
    painter = QPainter()
    if not painter.begin(writer):
        raise PdfError("could not start the PDF")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _Layout(document, (painter, writer), pages).run()
    finally:
        painter.end()
    data = bytes(buffer.data().data())
    if not data.startswith(b"%PDF"):
        raise PdfError("Qt made no PDF")
    return data


def _writer(buffer: QBuffer) -> QPdfWriter:
    """A4 portrait, no margins (the layout keeps its own), at :data:`_DPI`."""
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    return writer


def write_pdf(document: Document, target: Path) -> None:
    """Write the PDF to ``target`` whole or not at all. Raises ``OSError``, ``PdfError``."""
    data = render_pdf(document)
    with atomic_write(target) as out:
        out.write(data)


def _xmp(document: Document) -> bytes:
    lang = escape(document.language)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="{lang}">{escape(document.title)}</rdf:li>'
        f"</rdf:Alt></dc:title><dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag>"
        f"</dc:language><xmp:CreatorTool>{REPORT_MARK}</xmp:CreatorTool>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def _font(size: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(size)
    font.setWeight(weight)
    # Inter's contextual alternates (the colon between figures, "%" after one) are glyphs
    # with no character behind them: copied or searched, the text would lose them.
    font.setFeature(QFont.Tag("calt"), 0)
    font.setKerning(True)
    return font


_BODY = _font(8.5)
_BOLD = _font(8.5, QFont.Weight.Bold)
_SMALL = _font(7.5)
_TINY = _font(6.5)
_LABEL = _font(7.5, QFont.Weight.DemiBold)
_FIGURE = _font(17, QFont.Weight.Bold)
_CAPTION = _font(10, QFont.Weight.Bold)
_H1 = _font(22, QFont.Weight.Bold)
_H2 = _font(15, QFont.Weight.Bold)
_SUBTITLE = _font(12)

_WRAP = int(Qt.TextFlag.TextWordWrap)
_LEFT = int(Qt.AlignmentFlag.AlignLeft)
_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_CENTER = int(Qt.AlignmentFlag.AlignHCenter)


class _Layout:
    """One pass over the document: with ``target`` None, only counts the pages."""

    def __init__(
        self, document: Document, target: tuple[QPainter, QPdfWriter] | None, pages: int
    ) -> None:
        self.doc = document
        self.painter = target[0] if target else None
        self.writer = target[1] if target else None
        # Fonts measured at the writer's resolution, in both passes (points scale exactly).
        self._buffer = QBuffer()  # the first pass's: kept while its writer is
        self.device = self.writer or _writer(self._buffer)
        self._metrics: dict[int, QFontMetricsF] = {}
        self.pages = pages
        self.page = 1
        self.y = _MARGIN

    # --- the page ------------------------------------------------------------------------

    def run(self) -> int:
        self.title()
        for number, section in enumerate(self.doc.sections):
            if number:
                self.new_page()
            self.section(section)
        self.paragraph(self.doc.rules, _SMALL, MUTED, space=14)
        self.footer()
        return self.page

    def new_page(self) -> None:
        self.footer()
        if self.writer is not None:
            self.writer.newPage()
        self.page += 1
        self.y = _MARGIN

    def room(self, height: float) -> None:
        """Go to a new page unless ``height`` points fit below."""
        if self.y + height > _BOTTOM and self.y > _MARGIN:
            self.new_page()

    def footer(self) -> None:
        words = self.doc.page_words.replace("%1", str(self.page)).replace("%2", str(self.pages))
        text = f"{self.doc.title} · {self.doc.subtitle} — {words}"
        self.text(QRectF(_MARGIN, _PAGE_H - _MARGIN - 9, _WIDTH, 10), text, _TINY, MUTED, _CENTER)

    # --- drawing, in points ----------------------------------------------------------------

    def text(
        self, box: QRectF, text: str, font: QFont, colour: QColor, flags: int = _LEFT
    ) -> float:
        """Draw ``text`` in ``box`` (word-wrapped); return the height it takes."""
        metrics = self.metrics(font)
        scaled = QRectF(box.x() * _K, box.y() * _K, box.width() * _K, 1e6)
        used = metrics.boundingRect(scaled, flags | _WRAP, text).height() / _K
        if self.painter is not None:
            self.painter.setFont(font)
            self.painter.setPen(colour)
            self.painter.drawText(scaled, flags | _WRAP, text)
        return used

    def metrics(self, font: QFont) -> QFontMetricsF:
        found = self._metrics.get(id(font))
        if found is None:
            found = self._metrics[id(font)] = QFontMetricsF(font, self.device)
        return found

    def measure(self, text: str, font: QFont, width: float) -> float:
        """The height ``text`` takes word-wrapped in ``width`` points."""
        box = QRectF(0, 0, width * _K, 1e6)
        return self.metrics(font).boundingRect(box, _WRAP, text).height() / _K

    def line_height(self, font: QFont) -> float:
        return self.metrics(font).height() / _K

    def rect(self, x: float, y: float, w: float, h: float, colour: QColor) -> None:
        if self.painter is not None and w > 0 and h > 0:
            self.painter.fillRect(QRectF(x * _K, y * _K, w * _K, h * _K), colour)

    def hline(self, x: float, y: float, w: float, colour: QColor, width: float = 0.6) -> None:
        if self.painter is not None:
            self.painter.setPen(QPen(colour, width * _K))
            self.painter.drawLine(QPointF(x * _K, y * _K), QPointF((x + w) * _K, y * _K))

    def elided(self, text: str, font: QFont, width: float) -> str:
        return self.metrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width * _K)

    def paragraph(self, text: str, font: QFont, colour: QColor, space: float = 6) -> None:
        self.room(space + self.measure(text, font, _WIDTH))
        self.y += space
        self.y += self.text(QRectF(_MARGIN, self.y, _WIDTH, 0), text, font, colour)

    # --- the blocks ------------------------------------------------------------------------

    def title(self) -> None:
        self.y += self.text(QRectF(_MARGIN, self.y, _WIDTH, 0), self.doc.title, _H1, NAVY)
        self.y += 2
        self.y += self.text(QRectF(_MARGIN, self.y, _WIDTH, 0), self.doc.subtitle, _SUBTITLE, TEXT)
        self.y += 3
        self.y += self.text(QRectF(_MARGIN, self.y, _WIDTH, 0), self.doc.made, _SMALL, MUTED)
        self.y += 14

    def section(self, section: Section) -> None:
        self.room(80)
        self.rect(_MARGIN, self.y, _WIDTH, 2.2, NAVY)
        self.y += 6
        self.y += self.text(QRectF(_MARGIN, self.y, _WIDTH, 0), section.heading, _H2, NAVY)
        if section.subheading:
            self.y += self.text(
                QRectF(_MARGIN, self.y, _WIDTH, 0), section.subheading, _SMALL, MUTED
            )
        self.y += 6
        for block in section.blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        draw: dict[type, Callable[[], None]] = {
            KeyFigures: lambda: self.key_figures(block),  # type: ignore[arg-type]
            Table: lambda: self.table(block),  # type: ignore[arg-type]
            HourChart: lambda: self.hours(block),  # type: ignore[arg-type]
            BarChart: lambda: self.bars(block),  # type: ignore[arg-type]
            Note: lambda: self.paragraph(block.text, _BODY, TEXT, space=10),  # type: ignore[union-attr]
        }
        draw[type(block)]()

    def together(self, height: float) -> float:
        """``height``, if a whole page can hold it (so it is kept on one), else a start."""
        return height if height < _BOTTOM - _MARGIN - 40 else min(height, 60.0)

    def caption(self, text: str, after: float) -> None:
        """A block's caption, kept on the page with ``after`` points of what follows."""
        self.room(10 + self.measure(text, _CAPTION, _WIDTH) + 3 + after)
        self.y += 10
        self.y += self.text(QRectF(_MARGIN, self.y, _WIDTH, 0), text, _CAPTION, NAVY) + 3

    def key_figures(self, block: KeyFigures) -> None:
        width = _WIDTH / max(1, len(block.items))
        labels = max(self.measure(label, _LABEL, width - 8) for label, _ in block.items)
        height = labels + 2 + self.line_height(_FIGURE)
        self.room(height + 4)
        for n, (label, value) in enumerate(block.items):
            x = _MARGIN + n * width
            self.text(QRectF(x, self.y, width - 8, 0), label, _LABEL, MUTED)
            self.text(QRectF(x, self.y + labels + 2, width - 8, 0), value, _FIGURE, NAVY)
        self.y += height + 4

    def table(self, table: Table) -> None:
        count = len(table.columns)
        numbers = count - table.text_columns
        number_width = min(62.0, _WIDTH * 0.62 / max(1, numbers))
        text_width = (_WIDTH - numbers * number_width) / max(1, table.text_columns)
        widths = [text_width] * table.text_columns + [number_width] * numbers
        xs = [_MARGIN + sum(widths[:i]) for i in range(count)]
        pad = 3.0
        head = max(
            self.measure(name, _LABEL, w - 2 * pad)
            for name, w in zip(table.columns, widths, strict=True)
        )
        row_height = self.line_height(_BODY) + 4

        def header() -> None:
            for i, name in enumerate(table.columns):
                flags = _LEFT if i < table.text_columns else _RIGHT
                self.text(
                    QRectF(xs[i] + pad, self.y, widths[i] - 2 * pad, 0), name, _LABEL, MUTED, flags
                )
            self.y += head + 2
            self.hline(_MARGIN, self.y, _WIDTH, GRID)
            self.y += 1

        self.caption(table.caption, self.together(head + 3 + row_height * len(table.rows)))
        header()
        for row in table.rows:
            if self.y + row_height > _BOTTOM:
                self.new_page()
                header()
            if row.total:
                self.hline(_MARGIN, self.y, _WIDTH, GRID)
            font = _BOLD if row.total else _BODY
            for i, cell in enumerate(row.cells):
                flags = _LEFT if i < table.text_columns else _RIGHT
                shown = self.elided(cell, font, widths[i] - 2 * pad)
                self.text(
                    QRectF(xs[i] + pad, self.y + 2, widths[i] - 2 * pad, 0),
                    shown,
                    font,
                    TEXT,
                    flags,
                )
            self.y += row_height
            if not row.total:
                self.hline(_MARGIN, self.y, _WIDTH, FAINT, 0.4)

    def hours(self, chart: HourChart) -> None:
        hours = range(chart.first_hour, chart.last_hour + 1)
        top = max([1, *(series[h] for _, series in chart.series for h in hours)])
        plot, label_h, axis = 34.0, self.line_height(_LABEL), self.line_height(_TINY)
        block = label_h + axis + 2 + plot + 3 + axis + 5  # a day: its name, counts, bars, hours
        self.caption(f"{chart.caption} ({chart.axis})", self.together(block * len(chart.series)))
        step = _WIDTH / len(hours)
        for label, series in chart.series:
            self.room(block)
            self.text(QRectF(_MARGIN, self.y, _WIDTH, 0), label, _LABEL, NAVY)
            base = self.y + label_h + axis + 2 + plot
            for n, hour in enumerate(hours):
                x = _MARGIN + n * step
                count = series[hour]
                height = plot * count / top
                if count:
                    self.rect(x + step * 0.12, base - height, step * 0.76, height, NAVY)
                    if step >= 14 or count == top:  # the counts, where there is room for them
                        self.text(
                            QRectF(x - 4, base - height - axis - 1, step + 8, 0),
                            str(count),
                            _TINY,
                            TEXT,
                            _CENTER,
                        )
                self.text(QRectF(x, base + 3, step, 0), str(hour), _TINY, MUTED, _CENTER)
            self.hline(_MARGIN, base, _WIDTH, GRID)
            self.y = base + 3 + axis + 5

    def bars(self, chart: BarChart) -> None:
        measures = len(chart.measures)
        label_width = _WIDTH * (0.46 if measures > 1 else 0.34)
        column = (_WIDTH - label_width) / measures
        text_room = 58.0 if measures > 1 else 110.0
        bar_room = column - text_room - 6
        tops = [max([0.0, *(row.values[m] for row in chart.rows)]) or 1.0 for m in range(measures)]
        row_height = self.line_height(_BODY) + 3.5
        colours = (NAVY, AMBER)

        def header() -> None:
            for m, name in enumerate(chart.measures):
                x = _MARGIN + label_width + m * column
                self.text(QRectF(x, self.y, column, 0), name, _LABEL, MUTED)
            self.y += self.line_height(_LABEL) + 3

        note = self.measure(chart.note, _SMALL, _WIDTH) + 3 if chart.note else 0.0
        self.caption(
            chart.caption,
            self.together(self.line_height(_LABEL) + 3 + row_height * len(chart.rows) + note),
        )
        header()
        for row in chart.rows:
            if self.y + row_height > _BOTTOM:
                self.new_page()
                header()
            self.text(
                QRectF(_MARGIN, self.y, label_width - 8, 0),
                self.elided(row.label, _BODY, label_width - 8),
                _BODY,
                TEXT,
            )
            for m, (value, text) in enumerate(zip(row.values, row.texts, strict=True)):
                x = _MARGIN + label_width + m * column
                length = max(0.8, bar_room * value / tops[m]) if value else 0.0
                self.rect(x, self.y + 2.5, length, row_height - 6.5, colours[m % 2])
                self.text(
                    QRectF(x + length + 4, self.y, text_room + bar_room - length, 0),
                    text,
                    _BODY,
                    TEXT,
                )
            self.y += row_height
        if chart.note:
            self.paragraph(chart.note, _SMALL, MUTED, space=3)
