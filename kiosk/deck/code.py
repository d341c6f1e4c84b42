"""Slidev's code on a kiosk slide: fences with its extras, magic-move, snippet imports, LaTeX.

A Python-Markdown preprocessor (``SlidevCodePreprocessor``) that runs before everything else
on a slot's lines, keeping their count so that later findings keep their file lines:

- an opening fence's info string in any form Slidev accepts (```` ```ts [file.ts] {all|4|6}
  twoslash ````, ```` ```ts {monaco} ````, ```` ```mermaid {scale: 0.5} ````) keeps only its
  language, the form Python-Markdown's ``fenced_code`` reads: the rest is the browser's
  (line highlights by click, an editor, a diagram) and a booth has no clicks;
- a ```` ````md magic-move ```` block (Slidev animates from each inner block to the next)
  shows its last inner block, where the animation ends;
- ``<<< @/snippets/file.ts#region`` imports a file of the deck folder (``@/`` is the deck
  folder, as in Slidev; else relative to the Markdown file), the region between its
  ``#region name`` and ``#endregion`` markers, highlighted as a fenced block would be;
  a file outside the folder, missing, or not a plain file is an error with file and line;
- LaTeX (``$…$``, ``$$…$$``) is shown as its source in the code font, with a warning that
  it is not typeset.

Highlighting is Pygments' through Python-Markdown's ``codehilite``, with one formatter
(``RoleFormatter``) that names a token by its role only (keyword, string, comment, number,
name): the display colours the roles from the deck's palette (FitText.qml), so code reads
in the theme's colours on every background.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import codehilite
from markdown.extensions.codehilite import CodeHilite
from markdown.preprocessors import Preprocessor
from pygments.formatters.html import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Keyword, Literal, Name, Number, String, _TokenType

from kiosk.deck.source import (
    FENCE,
    DeckFileError,
    EscapesDeck,
    error,
    is_remote,
    read_text,
    resolve_inside,
    warning,
)

# codehilite's settings, shared by fenced blocks and snippet imports.
CODEHILITE: dict[str, Any] = {
    "guess_lang": False,  # an unnamed block is text: a guess colours prose as code
    "css_class": "code",
    "pygments_formatter": None,  # set below, once RoleFormatter exists
    "wrapcode": True,
}

# Token kinds -> the roles the display colours (the first that holds the token wins).
_ROLES: tuple[tuple[_TokenType, str], ...] = (
    (Comment, "cm"),
    (String, "st"),
    (Number, "nu"),
    (Keyword, "kw"),
    (Name.Builtin, "kw"),
    (Name.Tag, "kw"),
    (Name.Function, "fn"),
    (Name.Class, "fn"),
    (Name.Decorator, "fn"),
    (Name.Attribute, "fn"),
    (Literal, "st"),
)


class RoleFormatter(HtmlFormatter):  # type: ignore[misc]  # Pygments has no types
    """Pygments' HTML, each token's class its role (``kw``, ``st``, ``cm``, ``nu``, ``fn``) or
    none: five colours a visitor can tell apart from 3 m, not Pygments' eighty classes."""

    def _get_css_classes(self, ttype: _TokenType) -> str:
        return _role(ttype)

    def _create_stylesheet(self) -> None:
        # No Pygments style is ever written out (the display colours the roles): skip
        # building one per block, which was half of a code-heavy deck's parse.
        self.ttype2class: dict[Any, str] = {}
        self.class2style: dict[str, Any] = {}

    def _wrap_div(self, inner: Any) -> Any:
        # No <div class="code"> around the <pre>: a slide's rich text is Qt's subset, and
        # the <pre> is the block.
        yield from inner


CODEHILITE["pygments_formatter"] = RoleFormatter


@functools.cache
def _role(ttype: _TokenType) -> str:
    for kind, role in _ROLES:
        if ttype in kind:
            return role
    return ""


@functools.cache
def _lexer(name: str, options: tuple[tuple[str, Any], ...]) -> Any:
    return _get_lexer_by_name(name, **dict(options))


def _cached_lexer(name: str, **options: Any) -> Any:
    """codehilite's lexer lookup, kept per language: Pygments finds a lexer by name in
    its tables each time (a third of a millisecond), and its lexers are reusable."""
    try:
        key = tuple(sorted(options.items()))
        hash(key)
    except TypeError:  # an option Pygments takes but cannot be a key: no cache
        return _get_lexer_by_name(name, **options)
    return _lexer(name, key)


# codehilite looks lexers up through its module's name for Pygments' function.
_get_lexer_by_name = get_lexer_by_name
codehilite.get_lexer_by_name = _cached_lexer  # type: ignore[attr-defined]

# An opening fence and its info string: language first, Slidev's extras after.
_OPENING = re.compile(r"^(?P<indent>\s{0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
_LANGUAGE = re.compile(r"^[\w+#.-]+")
_SNIPPET = re.compile(
    r"^\s{0,3}<<<\s+(?P<path>\S+?)(?:#(?P<region>[\w.-]+))?(?:\s+(?P<lang>[\w+#-]+))?"
    r"(?:\s*\{[^}]*\})*\s*$"
)
_REGION_START = re.compile(r"#region\b\s*(?P<name>[\w.-]*)")
_REGION_END = re.compile(r"#endregion\b\s*(?P<name>[\w.-]*)")
# Inline LaTeX as Slidev's KaTeX reads it: no space inside the dollars, none touching a
# word outside them (so "5 $ et 10 $" stays money).
_INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=[^\s$])([^$\n]*?[^\s$\\])\$(?![\w$])")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_MATH_BLOCK = re.compile(r"^\s{0,3}\$\$(?P<rest>.*)$")
# Extensions Pygments' lexer names do not share.
_EXTENSION_LANGUAGES = {"md": "markdown", "yml": "yaml", "sh": "bash", "py": "python"}
MAX_SNIPPET_CHARS = 20_000
# A snippet's place between the two preprocessors: letters only, so nothing on the way
# (raw HTML cleaning, whitespace normalizing) touches it.
_SNIPPET_MARK = "kiosksnippetmark{}kiosksnippetmark"
_SNIPPET_MARK_LINE = re.compile(r"^kiosksnippetmark(\d+)kiosksnippetmark$")


class SlidevCodePreprocessor(Preprocessor):
    """Slidev's code forms as Python-Markdown reads code; see the module docstring."""

    def __init__(self, md: markdown.Markdown, state: Any) -> None:
        super().__init__(md)
        self.state = state  # kiosk.deck.markdown_ext.RenderState
        self.snippets: list[str] = []  # this slot's imported code, highlighted

    def run(self, lines: list[str]) -> list[str]:
        self.snippets.clear()
        out = list(lines)
        index = 0
        while index < len(out):
            line = out[index]
            opening = _OPENING.match(line)
            if opening:
                index = self._fence(out, index, opening)
                continue
            if line.lstrip().startswith("<<<"):
                out[index] = self._snippet(line, index)
            elif _MATH_BLOCK.match(line):
                index = self._math_block(out, index)
                continue
            elif "$" in line:
                out[index] = self._inline_math(line, index)
            index += 1
        return out

    def number(self, index: int) -> int:
        first_line: int = self.state.first_line
        return first_line + index

    # --- fences --------------------------------------------------------------------------

    def _fence(self, out: list[str], index: int, opening: re.Match[str]) -> int:
        """Normalize the fence opening at ``index``; return the index after its block."""
        fence, info = opening.group("fence"), opening.group("info").strip()
        end = _closing(out, index + 1, fence)
        words = info.split()
        if "magic-move" in words:
            return self._magic_move(out, index, end)
        language = _LANGUAGE.match(info)
        out[index] = f"{opening.group('indent')}{fence}{language.group(0) if language else ''}"
        return end + 1

    def _magic_move(self, out: list[str], start: int, end: int) -> int:
        """Keep the last inner block of a magic-move (its end state); blank the rest."""
        blocks: list[tuple[int, int]] = []
        index = start + 1
        while index < end:
            inner = _OPENING.match(out[index])
            if inner:
                close = _closing(out, index + 1, inner.group("fence"), limit=end)
                blocks.append((index, close))
                index = close + 1
            else:
                index += 1
        keep = blocks[-1] if blocks else None
        for k in range(start, min(end + 1, len(out))):
            if keep is None or not keep[0] <= k <= keep[1]:
                out[k] = ""
        if keep is not None:
            inner = _OPENING.match(out[keep[0]])
            assert inner is not None
            language = _LANGUAGE.match(inner.group("info").strip())
            out[keep[0]] = f"{inner.group('fence')}{language.group(0) if language else ''}"
            if keep[1] >= end:  # the inner block ran to the outer fence: close it
                out[min(end, len(out) - 1)] = inner.group("fence")
        return end + 1

    # --- snippet imports ------------------------------------------------------------------

    def _snippet(self, line: str, index: int) -> str:
        """A ``<<<`` line as the highlighted code it imports (one placeholder line)."""
        match = _SNIPPET.match(line)
        where = self.state.file, self.number(index)
        if match is None:
            self.state.findings.append(error(*where, "a snippet import reads `<<< @/path#region`"))
            return ""
        reference = match.group("path")
        if is_remote(reference):
            self.state.findings.append(warning(*where, f"remote snippet {reference} dropped"))
            return ""
        relative = reference[2:] if reference.startswith("@/") else reference
        base = self.state.root if reference.startswith("@/") else self.state.base
        try:
            path = resolve_inside(self.state.root, base, relative)
            text = read_text(path, self.state.root)
        except EscapesDeck:
            self.state.findings.append(error(*where, f"snippet {reference} leaves the deck folder"))
            return ""
        except DeckFileError as exc:
            self.state.findings.append(error(*where, f"snippet {reference}: {exc.finding.message}"))
            return ""
        except (OSError, RuntimeError, ValueError) as exc:
            self.state.findings.append(error(*where, f"snippet {reference}: {exc}"))
            return ""
        region = match.group("region")
        if region:
            cut = _region(text, region)
            if cut is None:
                self.state.findings.append(
                    error(*where, f"snippet {reference}: no `#region {region}` in the file")
                )
                return ""
            text = cut
        if len(text) > MAX_SNIPPET_CHARS:
            self.state.findings.append(
                warning(*where, f"snippet {reference} cut at {MAX_SNIPPET_CHARS:,} characters")
            )
            text = text[:MAX_SNIPPET_CHARS]
        language = match.group("lang") or _language_of(path)
        highlighted = CodeHilite(text.rstrip("\n"), lang=language, **CODEHILITE).hilite()
        self.snippets.append(highlighted)
        # A marker now, stashed after NormalizeWhitespace (which drops the stash's own
        # marks) by SnippetStashPreprocessor.
        return _SNIPPET_MARK.format(len(self.snippets) - 1)

    # --- LaTeX -------------------------------------------------------------------------------

    def _math_block(self, out: list[str], index: int) -> int:
        """``$$ … $$`` as a code block of its source; return the index after it."""
        rest = _MATH_BLOCK.match(out[index]).group("rest")  # type: ignore[union-attr]
        self._not_typeset(index)
        if "$$" in rest:  # $$ x $$ on one line: its source as inline code, a paragraph
            out[index] = f"`{rest.split('$$')[0].strip()}`"
            return index + 1
        out[index] = "```latex"
        for k in range(index + 1, len(out)):
            if out[k].strip().startswith("$$"):
                out[k] = "```"
                return k + 1
        out.append("```")  # never closed: the rest of the slot is its source
        return len(out)

    def _inline_math(self, line: str, index: int) -> str:
        pieces = _INLINE_CODE.split(line)
        if len(pieces) == 1 and not _INLINE_MATH.search(line):
            return line
        kept: list[str] = []
        found = False
        # re.split with two groups: text, ticks, code, text, ticks, code, ...
        for k in range(0, len(pieces), 3):
            text = pieces[k]
            replaced, count = _INLINE_MATH.subn(lambda m: f"`{m.group(1)}`", text)
            found = found or count > 0
            kept.append(replaced)
            if k + 2 < len(pieces):
                kept.append(pieces[k + 1] + pieces[k + 2] + pieces[k + 1])
        if found:
            self._not_typeset(index)
        return "".join(kept)

    def _not_typeset(self, index: int) -> None:
        self.state.findings.append(
            warning(
                self.state.file,
                self.number(index),
                "LaTeX is not typeset at the booth: shown as its source, in the code font",
            )
        )


class SnippetStashPreprocessor(Preprocessor):
    """After NormalizeWhitespace: each snippet marker becomes a block of its highlighted
    code, stashed as fenced_code stashes its blocks."""

    def __init__(self, md: markdown.Markdown, code: SlidevCodePreprocessor) -> None:
        super().__init__(md)
        self.code = code

    def run(self, lines: list[str]) -> list[str]:
        if not self.code.snippets:
            return lines
        out = []
        for line in lines:
            mark = _SNIPPET_MARK_LINE.match(line)
            if mark and int(mark.group(1)) < len(self.code.snippets):
                placeholder = self.md.htmlStash.store(self.code.snippets[int(mark.group(1))])
                out.extend(["", placeholder, ""])
            else:
                out.append(line)
        return out


def _closing(lines: list[str], start: int, fence: str, limit: int | None = None) -> int:
    """The index of the line closing ``fence`` from ``start``, or the last line."""
    stop = len(lines) if limit is None else limit
    for index in range(start, stop):
        match = FENCE.match(lines[index])
        if (
            match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not lines[index].strip()[len(match.group(1)) :].strip()
        ):
            return index
    return stop - 1 if limit is None else stop


def _region(text: str, name: str) -> str | None:
    """The lines between ``#region name`` and its ``#endregion``, or None."""
    lines: list[str] = []
    inside = False
    for line in text.split("\n"):
        if not inside:
            start = _REGION_START.search(line)
            inside = bool(start and start.group("name") == name)
            continue
        end = _REGION_END.search(line)
        if end and end.group("name") in ("", name):
            return "\n".join(_dedent(lines))
        if not _REGION_START.search(line) and not _REGION_END.search(line):
            lines.append(line)
    return None


def _dedent(lines: list[str]) -> Iterator[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return (line[cut:] for line in lines)


def _language_of(path: Path) -> str:
    extension = path.suffix.lstrip(".").lower()
    return _EXTENSION_LANGUAGES.get(extension, extension or "text")
