"""The lines of text a Qt Quick ``Text`` item shows, broken where Qt breaks them.

``Text`` lays rich text out in a ``QTextDocument`` and plain text in a ``QTextLayout``,
with its font, width and wrap mode, and keeps the result to itself. The same classes given
the same inputs break the same lines, at the same places. A caller can check the two
agree: ``Text.lineCount`` says how many plain lines the item drew (it does not count rich
text's), and the item's ``contentHeight`` is its rich text's height. What the typography
tests read, and where the export's PDF puts each line's text over its picture.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, Qt, QTextDocument, QTextLayout, QTextOption
from PySide6.QtQml import QQmlExpression, qmlContext
from PySide6.QtQuick import QQuickItem

# QQuickText's TextFormat and WrapMode values (Text.PlainText…, Text.WordWrap…).
_RICH, _AUTO, _STYLED = 1, 2, 4
_WRAPS = {
    0: QTextOption.WrapMode.NoWrap,
    1: QTextOption.WrapMode.WordWrap,
    3: QTextOption.WrapMode.WrapAnywhere,
    4: QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere,
}
_LINE_SEPARATOR = "\u2028"


def is_text_item(item: QQuickItem) -> bool:
    return item.inherits("QQuickText")


def drawn_text_items(item: QQuickItem, skip: str = "") -> Iterator[QQuickItem]:
    """Every Text with text drawn under ``item`` (it and its parents visible, not
    transparent), in drawing order; the subtree of an item named ``skip`` left out."""
    if not item.isVisible() or item.opacity() <= 0 or (skip and item.objectName() == skip):
        return
    if is_text_item(item) and str(item.property("text") or "").strip():
        yield item
    for child in item.childItems():
        yield from drawn_text_items(child, skip)


@dataclass(frozen=True, slots=True)
class TextLines:
    """What one ``Text`` item laid out."""

    lines: tuple[str, ...]  # each line's characters, in order
    rich: bool  # laid out as rich text (a QTextDocument)
    height: float  # the laid-out text's height, in pixels
    boxes: tuple[QRectF, ...] = ()  # each line's box, in the item's own coordinates
    font: QFont | None = None  # the item's font

    def agrees_with(self, item: QQuickItem) -> bool:
        """Whether ``item`` laid out as many lines of all its text (plain) or as high a
        text (rich)."""
        if self.rich:
            return abs(self.height - float(item.property("contentHeight"))) < 1.0
        text = str(item.property("text") or "").replace("\r\n", "\n").replace("\n", "")
        return len(self.lines) == int(item.property("lineCount")) and "".join(self.lines) == text


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """One line of text where the scene draws it."""

    text: str
    box: QRectF  # in scene coordinates
    font: QFont


def laid_out_lines(item: QQuickItem) -> TextLines:
    """The lines ``item`` (a ``Text``) shows, in order, as their characters and boxes."""
    text = str(item.property("text") or "")
    font = item.property("font")
    if not isinstance(font, QFont):
        font = QFont()
    wrap = _WRAPS.get(_enum_property(item, "wrapMode", 0), QTextOption.WrapMode.WordWrap)
    width = item.width()  # the wrap width, or (NoWrap) what each line is aligned in
    text_format = _enum_property(item, "textFormat", _AUTO)
    option = QTextOption()
    option.setWrapMode(wrap)
    option.setAlignment(Qt.AlignmentFlag(_enum_property(item, "horizontalAlignment", 1)))
    rich = text_format in (_RICH, _STYLED) or (text_format == _AUTO and Qt.mightBeRichText(text))
    if rich:
        return _document_lines(text, font, width, option)
    return _plain_lines(text, font, width, option)


def placed_lines(item: QQuickItem) -> list[PlacedLine]:
    """The lines ``item`` shows, each in the box the scene draws it in."""
    laid_out = laid_out_lines(item)
    font = laid_out.font or QFont()
    content = laid_out.height
    vertical = _enum_property(item, "verticalAlignment", 0x20)  # Text.AlignTop
    spare = item.height() - content
    offset = spare / 2 if vertical == 0x80 else spare if vertical == 0x40 else 0.0
    placed = []
    for text, box in zip(laid_out.lines, laid_out.boxes, strict=True):
        if not text.strip():
            continue
        top_left = item.mapToScene(QPointF(box.x(), box.y() + offset))
        placed.append(PlacedLine(text, QRectF(top_left, box.size()), font))
    return placed


def _enum_property(item: QQuickItem, name: str, default: int) -> int:
    """An enum property of a QML item, as a number (PySide cannot convert QQuickText's)."""
    context = qmlContext(item)
    if context is None:
        return default
    value, undefined = QQmlExpression(context, item, f"{name} | 0").evaluate()
    return default if undefined or not isinstance(value, int | float) else int(value)


def rich_document(item: QQuickItem) -> QTextDocument | None:
    """The document ``item`` (a rich ``Text``) lays its text out in, built from the same
    inputs, laid out; None for plain text. Its fragments carry what each run is drawn with
    (font family, colour, underline), its blocks' layouts the glyph runs and their fonts."""
    text = str(item.property("text") or "")
    text_format = _enum_property(item, "textFormat", _AUTO)
    if not (text_format in (_RICH, _STYLED) or (text_format == _AUTO and Qt.mightBeRichText(text))):
        return None
    font = item.property("font")
    option = QTextOption()
    option.setWrapMode(
        _WRAPS.get(_enum_property(item, "wrapMode", 0), QTextOption.WrapMode.WordWrap)
    )
    option.setAlignment(Qt.AlignmentFlag(_enum_property(item, "horizontalAlignment", 1)))
    return _document(text, font if isinstance(font, QFont) else QFont(), item.width(), option)


def _document(html: str, font: QFont, width: float, option: QTextOption) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)  # as QQuickText sets it
    document.setDefaultFont(font)
    document.setDefaultTextOption(option)
    document.setHtml(html)
    document.setTextWidth(width)
    document.size()  # lays the document out (it does so lazily)
    return document


def _document_lines(html: str, font: QFont, width: float, option: QTextOption) -> TextLines:
    document = _document(html, font, width, option)
    height = document.size().height()
    lines: list[str] = []
    boxes: list[QRectF] = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        text = block.text()
        origin = layout.position()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
            boxes.append(line.naturalTextRect().translated(origin))
        block = block.next()
    return TextLines(tuple(lines), rich=True, height=height, boxes=tuple(boxes), font=font)


def _plain_lines(text: str, font: QFont, width: float, option: QTextOption) -> TextLines:
    joined = text.replace("\r\n", "\n").replace("\n", _LINE_SEPARATOR)
    layout = QTextLayout(joined, font)
    layout.setTextOption(option)
    lines: list[str] = []
    boxes: list[QRectF] = []
    top = 0.0
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(0.0, width))
        line.setPosition(QPointF(0, top))
        top += line.height()
        lines.append(joined[line.textStart() : line.textStart() + line.textLength()])
        boxes.append(line.naturalTextRect())
    layout.endLayout()
    texts = tuple(line.rstrip(_LINE_SEPARATOR) for line in lines)
    return TextLines(texts, rich=False, height=top, boxes=tuple(boxes), font=font)
