"""Splitting a Slidev Markdown file into raw slides: separators, frontmatter blocks, notes.

Follows Slidev's own parser (packages/parser/src/core.ts): a line starting
with ``---`` outside a code fence separates slides; when the next line is not
blank (and the separator is exactly three dashes) a YAML frontmatter block
follows, closed by a ``---`` line; a YAML code fence at the top of a slide is
frontmatter too. We also skip separators inside HTML comments. The last HTML
comment that ends a slide is its speaker note; every comment is blanked out of
the content, keeping line numbers intact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.deck.model import Finding
from kiosk.deck.source import FENCE, error

# First characters of a line that can open or close something here (a
# separator, a fence, possibly indented); other lines are skipped quickly.
_MAY_MATTER = frozenset("-`~ \t")
_YAML_FENCE = re.compile(r"^\s*```ya?ml\s*$")


@dataclass(frozen=True, slots=True)
class RawSlide:
    """One slide's text as written, before any Markdown is rendered."""

    file: Path
    line: int  # 1-based line where the slide starts (its separator, or 1)
    frontmatter: str | None  # YAML text, None when the slide has none
    frontmatter_line: int  # file line of the first YAML line
    content: str  # Markdown with comments blanked; line k is file line content_line + k
    content_line: int
    note: str


def split_slides(text: str, file: Path, findings: list[Finding]) -> list[RawSlide]:
    """Cut ``text`` (normalised to ``\\n`` line endings) into raw slides."""
    lines = text.split("\n")
    slides: list[RawSlide] = []
    start = 0  # index of the slide's first line (its separator, if any)
    fm_range: tuple[int, int] | None = None  # [first, end) indices of the YAML
    content_start = 0
    fence: str | None = None
    in_comment = False

    def cut(end: int) -> None:
        if end <= start and fm_range is None:
            return
        frontmatter = None if fm_range is None else "\n".join(lines[fm_range[0] : fm_range[1]])
        slides.append(
            _finish(file, start, fm_range, frontmatter, lines[content_start:end], content_start)
        )

    i = 0
    while i < len(lines):
        line = lines[i]
        if fence is None and not in_comment and line[:1] not in _MAY_MATTER and "<!--" not in line:
            i += 1  # plain text: most lines of a deck
            continue
        line = line.rstrip()
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
        elif in_comment:
            if "-->" in line:
                in_comment = _opens_comment(line[line.index("-->") + 3 :])
        elif line.startswith("---"):
            cut(i)
            start, fm_range, content_start = i, None, i + 1
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if line[3:4] != "-" and following.strip():
                close = _closing_dashes(lines, i + 1)
                if close is None:
                    findings.append(
                        error(
                            file,
                            i + 1,
                            "frontmatter block opened here is never closed with `---`;"
                            " the rest of the file is skipped",
                        )
                    )
                    lines = lines[: i + 1]
                    start = content_start = len(lines)
                    break
                fm_range, content_start = (i + 1, close), close + 1
                i = close
        elif (match := FENCE.match(line)) is not None:
            fence = match.group(1)
        elif _opens_comment(line):
            in_comment = True
        i += 1
    if fence is None or start < len(lines):
        cut(len(lines))
    return [s for s in slides if s.frontmatter is not None or s.content.strip() or s.note]


def _closing_dashes(lines: list[str], first: int) -> int | None:
    for j in range(first, len(lines)):
        if lines[j].rstrip() == "---":
            return j
    return None


def _opens_comment(line: str) -> bool:
    """Whether ``line`` leaves an HTML comment open at its end."""
    while "<!--" in line:
        line = line[line.index("<!--") + 4 :]
        if "-->" not in line:
            return True
        line = line[line.index("-->") + 3 :]
    return False


def _finish(
    file: Path,
    start: int,
    fm_range: tuple[int, int] | None,
    frontmatter: str | None,
    content_lines: list[str],
    content_start: int,
) -> RawSlide:
    content = "\n".join(content_lines)
    # A slide may carry its frontmatter as a ```yaml fence at its top (Slidev).
    if frontmatter is None:
        stripped = content.lstrip("\n")
        offset = len(content) - len(stripped)
        skipped = content[:offset].count("\n")
        rest = content_lines[skipped:]
        if rest and _YAML_FENCE.match(rest[0]):
            for j in range(1, len(rest)):
                if rest[j].strip().startswith("```"):
                    frontmatter = "\n".join(rest[1:j])
                    fm_range = (content_start + skipped + 1, content_start + skipped + j)
                    blank = [""] * (skipped + j + 1)
                    content = "\n".join(blank + rest[j + 1 :])
                    break
    content, note = _strip_comments(content)
    return RawSlide(
        file=file,
        line=start + 1,
        frontmatter=frontmatter,
        frontmatter_line=(fm_range[0] + 1) if fm_range else start + 1,
        content=content,
        content_line=content_start + 1,
        note=note,
    )


def _strip_comments(content: str) -> tuple[str, str]:
    """Blank out HTML comments outside code fences; the last one ending the slide is the note."""
    if "<!--" not in content:
        return content, ""
    out: list[str] = []
    # (text, line index in ``out`` where it ended, column there where it ended)
    comments: list[tuple[str, int, int]] = []
    fence: str | None = None
    lines = content.split("\n")
    buffer: list[str] | None = None  # an open comment's text so far
    for raw in lines:
        line = raw
        if buffer is None and fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            out.append(line)
            continue
        if buffer is None and (match := FENCE.match(line)) is not None:
            fence = match.group(1)
            out.append(line)
            continue
        kept: list[str] = []
        while line:
            if buffer is not None:
                if "-->" in line:
                    end = line.index("-->")
                    buffer.append(line[:end])
                    column = sum(len(k) for k in kept)
                    comments.append(("\n".join(buffer), len(out), column))
                    buffer = None
                    line = line[end + 3 :]
                else:
                    buffer.append(line)
                    line = ""
            elif "<!--" in line:
                begin = line.index("<!--")
                kept.append(line[:begin])
                buffer = []
                line = line[begin + 4 :]
            else:
                kept.append(line)
                line = ""
        out.append("".join(kept))
    if buffer is not None:  # never closed: Markdown would hide the rest, and so do we
        comments.append(("\n".join(buffer), len(out), 0))
    note = ""
    if comments:
        text, row, column = comments[-1]
        after = "\n".join(out[row:])[column:]
        if not after.strip():
            note = text.strip()
    return "\n".join(out), note
