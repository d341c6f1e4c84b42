"""The lines of text a Qt Quick ``Text`` item shows, broken where Qt breaks them.

``Text`` lays rich text out in a ``QTextDocument`` and plain text in a ``QTextLayout``,
with its font, width and wrap mode, and keeps the result to itself. The same classes given
the same inputs break the same lines. A caller can check the two agree: ``Text.lineCount``
says how many plain lines the item drew (it does not count rich text's), and the item's
``contentHeight`` is its rich text's height. What the typography tests read.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class TextLines:
    """What one ``Text`` item laid out."""

    lines: tuple[str, ...]  # each line's characters, in order
    rich: bool  # laid out as rich text (a QTextDocument)
    height: float  # the laid-out text's height, in pixels

    def agrees_with(self, item: QQuickItem) -> bool:
        """Whether ``item`` laid out as many lines (plain) or as high a text (rich)."""
        if self.rich:
            return abs(self.height - float(item.property("contentHeight"))) < 1.0
        return len(self.lines) == int(item.property("lineCount"))


def laid_out_lines(item: QQuickItem) -> TextLines:
    """The lines ``item`` (a ``Text``) shows, in order, as their characters."""
    text = str(item.property("text") or "")
    font = item.property("font")
    if not isinstance(font, QFont):
        font = QFont()
    wrap = _WRAPS.get(_enum_property(item, "wrapMode", 0), QTextOption.WrapMode.WordWrap)
    width = item.width() if wrap != QTextOption.WrapMode.NoWrap else -1.0
    text_format = _enum_property(item, "textFormat", _AUTO)
    rich = text_format in (_RICH, _STYLED) or (text_format == _AUTO and Qt.mightBeRichText(text))
    if rich:
        return _document_lines(text, font, width, wrap)
    return TextLines(_plain_lines(text, font, width, wrap), rich=False, height=0.0)


def _enum_property(item: QQuickItem, name: str, default: int) -> int:
    """An enum property of a QML item, as a number (PySide cannot convert QQuickText's)."""
    context = qmlContext(item)
    if context is None:
        return default
    value, undefined = QQmlExpression(context, item, f"{name} | 0").evaluate()
    return default if undefined or not isinstance(value, int | float) else int(value)


def _document_lines(html: str, font: QFont, width: float, wrap: QTextOption.WrapMode) -> TextLines:
    document = QTextDocument()
    document.setDocumentMargin(0)  # as QQuickText sets it
    document.setDefaultFont(font)
    option = document.defaultTextOption()
    option.setWrapMode(wrap)
    document.setDefaultTextOption(option)
    document.setHtml(html)
    document.setTextWidth(width)
    height = document.size().height()  # lays the document out (it does so lazily)
    lines: list[str] = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        text = block.text()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return TextLines(tuple(lines), rich=True, height=height)


def _plain_lines(
    text: str, font: QFont, width: float, wrap: QTextOption.WrapMode
) -> tuple[str, ...]:
    joined = text.replace("\r\n", "\n").replace("\n", _LINE_SEPARATOR)
    layout = QTextLayout(joined, font)
    option = QTextOption()
    option.setWrapMode(wrap)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        if width >= 0:
            line.setLineWidth(width)
        lines.append(joined[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return tuple(line.rstrip(_LINE_SEPARATOR) for line in lines)
