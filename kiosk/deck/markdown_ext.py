"""The Python-Markdown extension that turns one slide's Markdown into safe, Qt-ready rich text.

Two hooks, as Python-Markdown intends (no regex over the HTML output):

- ``KioskPreprocessor`` runs first, on source lines, where line numbers are
  still known: it drops raw HTML, ``<script>``/``<style>``/``<iframe>`` blocks,
  Vue components and remote images, and resolves local images, each with a
  finding that names the file line. Code fences and inline code are left alone.
- ``KioskTreeprocessor`` runs after inline parsing: it takes the first heading
  out as the slide's title, keeps only the elements Qt's rich text draws,
  strips attributes, points images at their resolved files and counts the
  characters a visitor would have to read.

What it extracts lives on the ``Markdown`` instance (``md.kiosk``) and is
cleared by ``reset()``, so one instance renders every slide of a deck.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markdown import util
from markdown.extensions import Extension
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from kiosk.deck.code import CODEHILITE, SlidevCodePreprocessor, SnippetStashPreprocessor
from kiosk.deck.model import Finding
from kiosk.deck.source import (
    FENCE,
    EscapesDeck,
    RefusedFile,
    deck_file,
    error,
    is_remote,
    resolve_inside,
    warning,
)
from kiosk.render.glyphs import describe, undrawable

# Elements Qt's rich text engine draws (a subset of HTML 4); anything else is
# unwrapped, keeping its text.
ALLOWED_TAGS = frozenset(
    [
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "del",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "img",
        "hr",
        "sub",
        "sup",
    ]
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "th": {"align"}, "td": {"align"}}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Elements whose content is code or presentation, never text to keep.
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "template", "object", "svg", "noscript"}
)

_TAG = re.compile(r"<(/?)([A-Za-z][\w.:-]*)((?:\s[^<>]*?)?)(/?)>", re.DOTALL)
_TAG_START = re.compile(r"<([A-Za-z][\w.:-]*)(?=[\s/>]|$)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ESCAPED = re.compile("\x02(\\d+)\x03")
# Nesting deeper than this is not a slide anyone can read, and deep enough
# input makes Python-Markdown recurse until it fails.
MAX_NESTING = 16
# First characters of a line that may nest (indentation, blockquote) or fence.
_NESTERS = frozenset(" \t>`~-*+0123456789")
_NESTING_PREFIX = re.compile(r"^(?:\s*(?:>|[-*+]\s|\d{1,9}[.)]\s))*")
_LIST_MARKER = re.compile(r"[-*+]\s|\d{1,9}[.)]\s")
# No slide has a paragraph or list this long; past it, blocks are cut.
MAX_BLOCK_LINES = 60
MAX_BLOCK_CHARS = 2_000
# Python-Markdown's link parsing takes quadratic time in unmatched `[` (20,000
# of them take minutes), and no slide anyone can read has more than a few or
# runs to tens of thousands of characters. Past these, a slot is shown as
# plain text: the author gets a warning instead of a hung check.
MAX_BRACKETS = 200
MAX_SLOT_CHARS = 20_000
# A tag may span lines (Slidev components often do), but not a whole slide.
MAX_TAG_LINES = 12


@dataclass
class RenderState:
    """What rendering one slide extracted; reset before each slide."""

    file: Path = Path()
    first_line: int = 1  # file line of the source's first line
    root: Path = Path()  # deck folder
    base: Path = Path()  # folder of the Markdown file
    take_title: bool = True
    title: str = ""
    chars: int = 0
    images: dict[str, str] = field(default_factory=dict)  # reference -> file URL
    source: str = ""  # the slot's Markdown, to find the line of a character left out
    findings: list[Finding] = field(default_factory=list)


class KioskPreprocessor(Preprocessor):
    """Drops raw HTML, Vue components and remote images; resolves local images."""

    def __init__(self, md: markdown.Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence: str | None = None
        dropping: tuple[str, int] | None = None  # (tag, line) of a block being dropped
        pending: tuple[str, int] | None = None  # a tag opened on an earlier line
        for index, line in enumerate(lines):
            number = self.state.first_line + index
            if fence is not None:
                if line.lstrip().startswith(fence):
                    fence = None
                out.append(line)
                continue
            if dropping is None and pending is None:
                if "<" not in line and "![" not in line and line[:1] not in _NESTERS:
                    out.append(line)  # plain text: the common case, nothing to clean
                    continue
                match = FENCE.match(line)
                if match:
                    fence = match.group(1)
                    out.append(line)
                    continue
                if _nesting(line) > MAX_NESTING:
                    self.state.findings.append(
                        error(
                            self.state.file,
                            number,
                            f"nested deeper than {MAX_NESTING} levels; line left out",
                        )
                    )
                    out.append("")
                    continue
            if pending is not None:  # a tag spanning lines: join until it closes
                joined = pending[0] + "\n" + line
                if not line.strip() or joined.count("\n") > MAX_TAG_LINES:
                    out.append(joined.replace("\n", " "))  # not a tag after all: text
                    pending = None
                    continue
                line, number = joined, pending[1]
            text, dropping, pending = self._clean_line(line, number, dropping)
            out.append(text.replace("\n", " "))
        if dropping is not None:
            self.state.findings.append(
                warning(
                    self.state.file,
                    dropping[1],
                    f"<{dropping[0]}> never closed: the rest of the slide is dropped",
                )
            )
        if pending is not None:
            out[-1] += " " + pending[0].replace("\n", " ")
        return _break_long_blocks(out)

    def _clean_line(
        self, line: str, number: int, dropping: tuple[str, int] | None
    ) -> tuple[str, tuple[str, int] | None, tuple[str, int] | None]:
        """Remove tags and remote images from ``line``, outside inline code spans."""
        pieces = re.split(r"(`+[^`]*`+)", line)
        kept: list[str] = []
        for k, piece in enumerate(pieces):
            if k % 2 == 1:  # an inline code span: literal text
                if dropping is None:
                    kept.append(piece)
                continue
            rest = piece
            while rest:
                if dropping is not None:
                    close = re.search(rf"</{re.escape(dropping[0])}\s*>", rest, re.IGNORECASE)
                    if close is None:
                        rest = ""
                        break
                    rest = rest[close.end() :]
                    dropping = None
                    continue
                match = _TAG.search(rest)
                start = _TAG_START.search(rest)
                unclosed = start and (match is None or start.start() < match.start())
                if start and unclosed and not _TAG.match(rest, start.start()):
                    # A tag that goes on past this line: the caller joins the next one.
                    kept.append(self._images(rest[: start.start()], number))
                    tail = rest[start.start() :] + "".join(pieces[k + 1 :])
                    return "".join(kept), dropping, (tail, number)
                if match is None:
                    kept.append(self._images(rest, number))
                    break
                kept.append(self._images(rest[: match.start()], number))
                closing, name, attributes, self_closing = match.groups()
                rest = rest[match.end() :]
                if name.endswith(":"):  # an autolink like <https://...>: Markdown's
                    kept.append(match.group(0))
                    continue
                self._report(name, attributes, closing, number)
                if not closing and not self_closing and name.lower() in _DROP_WITH_CONTENT:
                    dropping = (name, number)
        return "".join(kept), dropping, None

    def _report(self, name: str, attributes: str, closing: str, number: int) -> None:
        if closing:
            return  # the opening tag was reported
        if any(c.isupper() for c in name) or "-" in name or ":" in name:
            message = f"Vue component <{name}> dropped (components are not run in the kiosk)"
        elif name.lower() in _DROP_WITH_CONTENT:
            message = f"<{name}> dropped with its content (never run in the kiosk)"
        else:
            message = f"raw HTML <{name}> dropped (its text is kept)"
            vue = re.findall(r"(?:^|\s)((?:v-|:|@)[\w.:-]+)", attributes)
            if vue:
                message += f"; Vue attribute {vue[0]} ignored"
        self.state.findings.append(warning(self.state.file, number, message))

    def _images(self, text: str, number: int) -> str:
        """Drop remote images and resolve local ones in a run of Markdown text."""

        def replace(match: re.Match[str]) -> str:
            reference = match.group(2)
            resolved = resolve_image(self.state, reference, number)
            if resolved is None:
                return ""
            self.state.images[reference] = resolved
            return match.group(0)

        return _IMAGE.sub(replace, text)


def resolve_image(state: RenderState, reference: str, number: int) -> str | None:
    """A file URL for an image reference, or None (with a finding) when unusable."""
    if not reference:
        state.findings.append(error(state.file, number, "image without a path"))
        return None
    if is_remote(reference):
        state.findings.append(
            warning(state.file, number, f"remote image {reference} dropped (never fetched)")
        )
        return None
    try:
        path = resolve_inside(state.root, state.base, reference)
    except EscapesDeck:
        state.findings.append(
            error(state.file, number, f"image path {reference} leaves the deck folder")
        )
        return None
    except (OSError, RuntimeError, ValueError) as exc:
        state.findings.append(error(state.file, number, f"image path {reference}: {exc}"))
        return None
    if not os.path.lexists(path):
        state.findings.append(error(state.file, number, f"image not found: {reference}"))
        return None
    try:
        path = deck_file(state.root, path)
    except RefusedFile as exc:  # a named pipe, a device: Qt would block or read forever
        state.findings.append(error(state.file, number, f"image {reference}: {exc.reason}"))
        return None
    return path.as_uri()


def _nesting(line: str) -> int:
    """How deep a line nests blockquotes and lists (``>``, list markers, indentation)."""
    prefix = _NESTING_PREFIX.match(line).group(0)  # type: ignore[union-attr]
    markers = prefix.count(">") + len(_LIST_MARKER.findall(prefix))
    indent = (len(line) - len(line.lstrip(" \t"))) // 4
    return max(markers, indent)


def _break_long_blocks(lines: list[str]) -> list[str]:
    """End a paragraph or list every MAX_BLOCK_LINES lines or MAX_BLOCK_CHARS characters.

    Python-Markdown re-scans the rest of a block after each line it takes
    (setext headings, list items) and the rest of a text after each failed
    emphasis, so one endless block costs quadratic time. No readable slide has
    such a block. The break is added inside a line, keeping the line count.
    Code fences are left whole.
    """
    run_lines, run_chars, fence = 0, 0, None
    for index, line in enumerate(lines):
        if fence is None and (match := FENCE.match(line)):
            fence = match.group(1)
        elif fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            continue
        if not line.strip():
            run_lines = run_chars = 0
            continue
        if len(line) > MAX_BLOCK_CHARS:
            pieces = [line[i : i + MAX_BLOCK_CHARS] for i in range(0, len(line), MAX_BLOCK_CHARS)]
            line = lines[index] = "\n\n".join(pieces)
            run_chars = len(pieces[-1])
        run_lines, run_chars = run_lines + 1, run_chars + len(line)
        if run_lines >= MAX_BLOCK_LINES or run_chars >= MAX_BLOCK_CHARS:
            lines[index] = line + "\n"
            run_lines = run_chars = 0
    return lines


class KioskTreeprocessor(Treeprocessor):
    """Takes out the title, keeps Qt's rich-text subset, points images at files."""

    def __init__(self, md: markdown.Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.take_title:
            for child in list(root):
                if child.tag in HEADINGS:
                    self.state.title = self.plain(child)
                    root.remove(child)
                    break
        self._sanitize(root)
        self.state.chars = len(self.state.title) + len(self.plain(root))

    def _sanitize(self, parent: etree.Element) -> None:
        for child in list(parent):
            self._sanitize(child)
            if child.tag == "img":
                src = child.get("src", "")
                url = self.state.images.get(src) or resolve_image(
                    self.state, src, self.state.first_line
                )
                if url is None:
                    _unwrap(parent, child, keep_text=False)
                    continue
                child.set("src", url)
            if not isinstance(child.tag, str) or child.tag not in ALLOWED_TAGS:
                _unwrap(parent, child, keep_text=True)
                continue
            allowed = ALLOWED_ATTRIBUTES.get(child.tag, set())
            for name in list(child.attrib):
                if name not in allowed:
                    del child.attrib[name]

    def plain(self, element: etree.Element) -> str:
        """The text a visitor reads in ``element``, placeholders resolved."""
        text = "".join(element.itertext())

        def stashed(match: re.Match[str]) -> str:
            index = int(match.group(1))
            blocks = self.md.htmlStash.rawHtmlBlocks
            raw = str(blocks[index]) if index < len(blocks) else ""
            return html.unescape(re.sub(r"<[^>]*>", "", raw))

        text = _PLACEHOLDER.sub(stashed, text)
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        # Collapse ASCII whitespace only: U+202F and U+00A0 are French typography.
        return _ASCII_SPACE.sub(" ", text).strip()


def _unwrap(parent: etree.Element, child: etree.Element, keep_text: bool) -> None:
    """Replace ``child`` by its text and children (or by nothing), keeping its tail."""
    index = list(parent).index(child)
    inner = (child.text or "") if keep_text else ""
    grandchildren = list(child) if keep_text else []
    tail = child.tail or ""
    parent.remove(child)
    for offset, grandchild in enumerate(grandchildren):
        parent.insert(index + offset, grandchild)
    before = parent[index - 1] if index > 0 else None
    if grandchildren:
        last = grandchildren[-1]
        last.tail = (last.tail or "") + tail
        text = inner
    else:
        text = inner + tail
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text


# Characters that can start an inline pattern (code, escape, link, image,
# autolink, entity, emphasis), a hard line break, or a stash placeholder.
_INLINE_TRIGGER = re.compile(r"[`\\\[!<&*_]|  \n|\x02")
_handle_inline = InlineProcessor._InlineProcessor__handleInline  # type: ignore[attr-defined]


class PlainTextInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, skipping text no inline pattern can match.

    Most slide text is plain words; trying fifteen patterns on each run of it
    was most of the parse time of a large deck. The output is identical
    (tests/deck/test_markdown_ext.py compares both on generated text).
    """

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, util.AtomicString) and _INLINE_TRIGGER.search(data) is None:
            return data
        result: str = _handle_inline(self, data, patternIndex)
        return result


class StashAwareRawHtmlPostprocessor(RawHtmlPostprocessor):
    """Markdown's own raw-HTML postprocessor, skipped when nothing was stashed (most slides).

    Its ``run`` makes a recursive closure each call: a reference cycle per slide that only
    the cyclic collector frees, tens of thousands of objects for a big deck, which a reload
    keeps out of the collector's sight (kiosk.heap) and so would keep for good.
    """

    def run(self, text: str) -> str:
        if not self.md.htmlStash.html_counter:
            return text
        result: str = super().run(text)
        return result


# Qt's rich text reads U+202F as an ordinary space, a full-width one where a line may
# break (« internationale : » split before the colon), and keeps it only where white space
# is preserved. U+00A0 survives as it is.
_NARROW_NO_BREAK = '<span style="white-space:pre">\u202f</span>'
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def keep_narrow_no_break_spaces(rich_text: str) -> str:
    """``rich_text`` with every U+202F outside a tag kept as such by Qt's rich text."""
    if "\u202f" not in rich_text:
        return rich_text
    parts = _TAG_OR_TEXT.split(rich_text)
    return "".join(
        part if index % 2 else part.replace("\u202f", _NARROW_NO_BREAK)
        for index, part in enumerate(parts)
    )


class NarrowSpacePostprocessor(Postprocessor):
    """Last of all: the French narrow no-break spaces as Qt's rich text keeps them."""

    def run(self, text: str) -> str:
        return keep_narrow_no_break_spaces(text)


class UndrawablePostprocessor(Postprocessor):
    """Leaves out of the slot (and its title) each character no bundled font draws, with a
    warning at the first line that holds it: a booth PC without the right font would draw
    an empty box, and the look must not depend on the machine (kiosk.render.glyphs)."""

    def __init__(self, md: markdown.Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        missing = undrawable(self.state.title + _TAG_OR_TEXT.sub(" ", text))
        if not missing:
            return text
        gone = set(missing)
        self.state.title = "".join(c for c in self.state.title if c not in gone).strip()
        parts = _TAG_OR_TEXT.split(text)
        kept = "".join(
            part if index % 2 else "".join(c for c in part if c not in gone)
            for index, part in enumerate(parts)
        )
        lines = self.state.source.split("\n")
        line = next((k for k, t in enumerate(lines) if any(c in t for c in gone)), 0)
        self.state.findings.append(
            warning(
                self.state.file,
                self.state.first_line + line,
                f"no bundled font draws {describe(missing)}: left out at the booth",
            )
        )
        return kept


class KioskExtension(Extension):
    """Registers the kiosk's preprocessor and treeprocessor on a Markdown instance."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = RenderState()

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)
        # First of all, Slidev's code forms as fenced_code reads them (kiosk/deck/code.py),
        # then, before NormalizeWhitespace (30) and the raw-HTML block stash (25), the rest.
        code = SlidevCodePreprocessor(md, self.state)
        md.preprocessors.register(code, "kiosk_code", 36)
        md.preprocessors.register(KioskPreprocessor(md, self.state), "kiosk_sanitize", 35)
        # Between NormalizeWhitespace (30) and fenced_code (25): imported snippets stashed.
        md.preprocessors.register(SnippetStashPreprocessor(md, code), "kiosk_snippets", 28)
        # After inline parsing (20), before prettifying (10).
        md.treeprocessors.register(KioskTreeprocessor(md, self.state), "kiosk_tree", 15)
        md.treeprocessors.register(PlainTextInlineProcessor(md), "inline", 20)
        md.postprocessors.register(StashAwareRawHtmlPostprocessor(md), "raw_html", 30)
        md.postprocessors.register(UndrawablePostprocessor(md, self.state), "kiosk_glyphs", 6)
        md.postprocessors.register(NarrowSpacePostprocessor(md), "kiosk_narrow_spaces", 5)
        # Raw HTML never reaches the output: the preprocessor dropped the tags it
        # knows, and without these two a stray `<` is escaped as text, not passed on.
        md.preprocessors.deregister("html_block", strict=False)
        md.inlinePatterns.deregister("html", strict=False)

    def reset(self) -> None:
        fresh = RenderState()
        for name in fresh.__dataclass_fields__:
            setattr(self.state, name, getattr(fresh, name))


@dataclass(frozen=True, slots=True)
class Rendered:
    """One rendered slot of a slide."""

    title: str
    html: str
    chars: int
    findings: tuple[Finding, ...]


class SlideRenderer:
    """Renders slide Markdown with one reusable ``Markdown`` instance."""

    def __init__(self) -> None:
        self._extension = KioskExtension()
        self._md = markdown.Markdown(
            extensions=[
                "tables",
                "fenced_code",
                CodeHiliteExtension(**CODEHILITE),
                "sane_lists",
                self._extension,
            ],
            output_format="html",
        )

    def render(
        self,
        text: str,
        *,
        file: Path,
        first_line: int,
        root: Path,
        take_title: bool = True,
        plain_reason: str = "",
    ) -> Rendered:
        self._md.reset()
        state = self._extension.state
        state.file, state.first_line, state.root = file, first_line, root
        state.base, state.take_title = file.parent, take_title
        state.source = text
        if len(text) > MAX_SLOT_CHARS:
            plain_reason = f"slide text over {MAX_SLOT_CHARS:,} characters"
        elif text.count("[") > MAX_BRACKETS:
            plain_reason = f"more than {MAX_BRACKETS} `[` in one slide"
        if plain_reason:
            return self._as_plain_text(text, state, plain_reason)
        try:
            body = self._md.convert(text)
        except RecursionError:
            state.findings.append(
                error(file, first_line, "Markdown nested too deeply to render; slot left out")
            )
            return Rendered("", "", 0, tuple(state.findings))
        return Rendered(state.title, body, state.chars, tuple(state.findings))

    @staticmethod
    def _as_plain_text(text: str, state: RenderState, reason: str) -> Rendered:
        """Escaped text in one paragraph: for slots Markdown would take too long on."""
        finding = warning(state.file, state.first_line, f"{reason}: shown as plain text")
        plain = _ASCII_SPACE.sub(" ", text).strip()
        paragraph = keep_narrow_no_break_spaces(f"<p>{html.escape(plain)}</p>")
        return Rendered("", paragraph, len(plain), (finding,))
