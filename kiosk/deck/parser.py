"""Building a Deck from a Slidev Markdown file: imports, frontmatter, layouts, slots, budgets."""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.deck.budget import reading_budget
from kiosk.deck.frontmatter import LANGUAGE_TAG, YamlBlock, load_yaml_block, validate
from kiosk.deck.markdown_ext import Rendered, RenderState, resolve_image
from kiosk.deck.model import Deck, Finding, Layout, Slide, Theme, frozen_mapping
from kiosk.deck.render_pool import RenderJob, render_all
from kiosk.deck.source import (
    FENCE,
    DeckFileError,
    EscapesDeck,
    RefusedFile,
    deck_file,
    error,
    is_remote,
    read_text,
    resolve_inside,
    warning,
)
from kiosk.deck.splitter import RawSlide, split_slides

log = logging.getLogger(__name__)

_SLOT = re.compile(r"^::([A-Za-z][\w-]*)::\s*$")
_IMAGE_LAYOUTS = frozenset({Layout.IMAGE, Layout.IMAGE_LEFT, Layout.IMAGE_RIGHT})
# Deeper than this, `src:` imports are a mistake, not a structure.
MAX_IMPORT_DEPTH = 16


@dataclass
class _Source:
    """A raw slide with its validated frontmatter, after imports are expanded."""

    raw: RawSlide
    frontmatter: dict[str, Any]
    key_lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """The file line of frontmatter ``key``, for findings about its value."""
        return self.key_lines.get(key, self.raw.frontmatter_line)


@dataclass
class _Loader:
    """State of one deck load: the deck folder, findings, the import chain."""

    root: Path
    findings: list[Finding] = field(default_factory=list)
    unreadable: set[Path] = field(default_factory=set)
    # The headmatter's `defaults:` (Slidev's frontmatter for every slide), checked as a
    # slide's keys, each key's line the line of `defaults:`.
    defaults: dict[str, Any] = field(default_factory=dict)
    defaults_lines: dict[str, int] = field(default_factory=dict)

    def sources(self, path: Path, chain: tuple[Path, ...]) -> list[_Source]:
        """The slides of ``path``, with ``src:`` imports expanded in place."""
        try:
            text = read_text(path, self.root)
        except DeckFileError as exc:
            self.findings.append(exc.finding)
            self.unreadable.add(path)
            return []
        result: list[_Source] = []
        for raw in split_slides(text, path, self.findings):
            frontmatter: dict[str, Any] = {}
            key_lines: Mapping[str, int] = {}
            headmatter = len(chain) == 1 and raw.line == 1 and not result
            if raw.frontmatter is not None:
                block = load_yaml_block(raw.frontmatter, path, raw.frontmatter_line, self.findings)
                if block is not None:  # a broken block is reported; the slide still shows
                    frontmatter = validate(block, path, self.findings, headmatter=headmatter)
                    key_lines = block.key_lines
                    if headmatter and "defaults" in frontmatter:
                        self._keep_defaults(frontmatter["defaults"], path, block)
            if self.defaults:  # the slide's own keys win
                frontmatter = {**self.defaults, **frontmatter}
                key_lines = {**self.defaults_lines, **key_lines}
            if frontmatter.pop("hide", False) or frontmatter.pop("disabled", False):
                continue
            source = _Source(raw, frontmatter, key_lines)
            if "src" in frontmatter:
                result.extend(self._imported(source, chain))
            else:
                result.append(source)
        return result

    def _keep_defaults(self, defaults: Mapping[str, Any], path: Path, block: YamlBlock) -> None:
        line = block.key_lines.get("defaults", block.line)
        inner = YamlBlock(dict(defaults), dict.fromkeys(defaults, line), line)
        self.defaults = validate(inner, path, self.findings)
        self.defaults_lines = dict.fromkeys(self.defaults, line)

    def _imported(self, source: _Source, chain: tuple[Path, ...]) -> list[_Source]:
        raw, frontmatter = source.raw, dict(source.frontmatter)
        reference = str(frontmatter.pop("src"))
        where = raw.file, source.line_of("src")
        if is_remote(reference):
            self.findings.append(warning(*where, f"remote import {reference} dropped"))
            return []
        try:
            target = resolve_inside(self.root, raw.file.parent, reference)
        except EscapesDeck:
            self.findings.append(error(*where, f"import {reference} leaves the deck folder"))
            return []
        except (OSError, RuntimeError) as exc:
            self.findings.append(error(*where, f"import {reference}: {exc}"))
            return []
        if target in chain:
            cycle = " -> ".join(p.name for p in (*chain[chain.index(target) :], target))
            self.findings.append(error(*where, f"import cycle: {cycle}"))
            return []
        if len(chain) > MAX_IMPORT_DEPTH:
            self.findings.append(error(*where, f"imports nested over {MAX_IMPORT_DEPTH} deep"))
            return []
        if not os.path.lexists(target):
            self.findings.append(error(*where, f"imported file not found: {reference}"))
            return []
        try:
            deck_file(self.root, target)
        except RefusedFile as exc:  # a named pipe, a device: never opened
            self.findings.append(error(*where, f"import {reference}: {exc.reason}"))
            return []
        if raw.content.strip():
            self.findings.append(
                warning(*where, "content of a slide with `src:` is ignored, as in Slidev")
            )
        imported = self.sources(target, (*chain, target))
        if imported:  # the importing slide's keys win, as in Slidev
            first = imported[0]
            imported[0] = _Source(first.raw, {**first.frontmatter, **frontmatter}, first.key_lines)
        return imported

    def jobs(self, index: int, source: _Source) -> tuple[RenderJob, RenderJob | None]:
        """The Markdown to render for a slide: its main slot, and its right slot if any."""
        raw = source.raw
        slots = _slots(raw, self.findings)
        main_line, main_text = slots.get("default", (raw.content_line, ""))
        main = RenderJob(main_text, raw.file, main_line, self.root)
        right = None
        if "right" in slots:
            right_line, right_text = slots["right"]
            right = RenderJob(right_text, raw.file, right_line, self.root, take_title=False)
        return main, right

    def slide(self, index: int, source: _Source, main: Rendered, right: Rendered | None) -> Slide:
        """Assemble a slide from its frontmatter and rendered slots; report what is off."""
        raw, fm = source.raw, source.frontmatter
        default_layout = Layout.COVER if index == 0 else Layout.DEFAULT
        layout = Layout(fm.get("layout", default_layout))
        self.findings.extend(main.findings)
        right_html, chars = "", main.chars
        if right is not None:
            self.findings.extend(right.findings)
            right_html, chars = right.html, chars + right.chars
            if layout is not Layout.TWO_COLS:
                self.findings.append(
                    warning(
                        raw.file,
                        raw.line,
                        f"`::right::` is only shown in `two-cols`, not in `{layout}`",
                    )
                )
                right_html = ""
        title = main.title or _text(fm.get("title"))
        source_text = _text(fm.get("source"))
        if layout is Layout.FACT and not source_text:
            self.findings.append(warning(raw.file, raw.line, "fact card without a `source:`"))
        if layout is Layout.FACT and not main.title:
            self.findings.append(
                warning(raw.file, raw.line, "fact card without a figure (its first heading)")
            )
        budget = reading_budget(layout)
        if chars > budget:
            self.findings.append(
                warning(
                    raw.file,
                    raw.line,
                    f"{chars} characters to read on a `{layout}` slide, over its budget of"
                    f" {budget} (about 10 s of reading); shorten it or split the slide",
                )
            )
        image = self._image(source, layout)
        is_fact = layout is Layout.FACT
        return Slide(
            index=index,
            file=raw.file,
            line=raw.line,
            layout=layout,
            title=title,
            body="" if is_fact else main.html,
            right=right_html,
            figure=main.title if is_fact else "",
            statement=main.html if is_fact else "",
            source=source_text,
            image=image,
            duration=fm.get("duration"),
            # A slide that names a link shows its QR code, as the brief asks: `qr:` if set,
            # else the first web address its text links to.
            qr=_text(fm.get("qr")) or first_link(main.html + right_html),
            note=raw.note,
            frontmatter=frozen_mapping(fm),
            reading_chars=chars,
        )

    def _image(self, source: _Source, layout: Layout) -> Path | None:
        raw, fm = source.raw, source.frontmatter
        key = next((k for k in ("image", "backgroundImage", "background") if fm.get(k)), None)
        if key is None:
            if layout in _IMAGE_LAYOUTS:
                self.findings.append(warning(raw.file, raw.line, f"`{layout}` without `image:`"))
            return None
        state = RenderState(file=raw.file, root=self.root, base=raw.file.parent)
        url = resolve_image(state, str(fm[key]), source.line_of(key))
        self.findings.extend(state.findings)
        return Path(url.removeprefix("file://")) if url else None


_LINK = re.compile(r'<a href="(https?://[^"]+)"')


def first_link(rich_text: str) -> str:
    """The first web address ``rich_text`` links to, or ""."""
    match = _LINK.search(rich_text)
    return html.unescape(match.group(1)) if match else ""


def _slots(raw: RawSlide, findings: list[Finding]) -> dict[str, tuple[int, str]]:
    """Split content on Slidev slot markers (``::right::``) outside code fences.

    Each slot keeps the content's line numbering: lines of other slots are blank.
    """
    lines = raw.content.split("\n")
    slots: dict[str, list[str]] = {"default": [""] * len(lines)}
    current = "default"
    fence: str | None = None
    for offset, line in enumerate(lines):
        if fence is None and (match := _SLOT.match(line)):
            name = {"left": "default"}.get(match.group(1), match.group(1))
            if name in ("default", "right"):
                current = name
                slots.setdefault(name, [""] * len(lines))
            else:
                number = raw.content_line + offset
                findings.append(warning(raw.file, number, f"unknown slot ::{name}:: (ignored)"))
            continue
        if fence is None and (fmatch := FENCE.match(line)):
            fence = fmatch.group(1)
        elif fence is not None and line.lstrip().startswith(fence):
            fence = None
        slots[current][offset] = line
    return {name: (raw.content_line, "\n".join(text)) for name, text in slots.items()}


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def declared_language(headmatter: Mapping[str, Any]) -> str:
    """The headmatter's `lang:`, else Slidev's `htmlAttrs.lang`, else "" (none declared:
    kiosk.deck.variants decides, and says so)."""
    if lang := headmatter.get("lang"):
        return str(lang)
    attributes = headmatter.get("htmlAttrs")
    lang = attributes.get("lang") if isinstance(attributes, Mapping) else None
    if isinstance(lang, str) and LANGUAGE_TAG.match(lang):
        return lang
    return ""


def _theme(
    headmatter: Mapping[str, Any], loader: _Loader, path: Path, first: _Source | None
) -> Theme:
    config = headmatter.get("themeConfig") or {}
    light = headmatter.get("colorSchema") == "light"
    base = Theme(background="#f7f5f0", foreground="#14213d", dark=False) if light else Theme()
    logo_ref = config.get("logo") or headmatter.get("logo")
    logo = None
    if logo_ref:
        state = RenderState(file=path, root=loader.root, base=path.parent)
        url = resolve_image(state, str(logo_ref), 1)
        loader.findings.extend(state.findings)
        logo = Path(url.removeprefix("file://")) if url else None

    def colour(key: str, fallback: str) -> str:
        value = config.get(key)
        return value if isinstance(value, str) and value.startswith("#") else fallback

    return Theme(
        primary=colour("primary", base.primary),
        background=colour("background", base.background),
        foreground=colour("foreground", base.foreground),
        dark=base.dark,
        logo=logo,
        line=_theme_line(headmatter, first),
    )


def _theme_line(headmatter: Mapping[str, Any], first: _Source | None) -> int:
    if first is None or not headmatter:
        return 1
    key = "themeConfig" if "themeConfig" in headmatter else "colorSchema"
    return first.line_of(key)


def load_deck(path: Path, root: Path | None = None) -> Deck:
    """Parse the deck in Markdown file ``path``; never raises for bad content.

    ``root`` is the deck folder that images and imports must stay in (the
    file's folder by default). Problems are in ``Deck.findings``; the slides
    that could be built are all there.
    """
    path = Path(path).absolute()
    root = (root or path.parent).resolve()
    loader = _Loader(root)
    # realpath, not resolve(): a symlink loop is reported by the reader, not raised here.
    sources = loader.sources(path, (Path(os.path.realpath(path)),))
    headmatter: dict[str, Any] = {}
    first = sources[0] if sources else None
    if first is not None and first.raw.file == path and first.raw.line == 1:
        headmatter = first.frontmatter
    planned = [loader.jobs(i, s) for i, s in enumerate(sources)]
    flat = [job for main, right in planned for job in (main, right) if job is not None]
    rendered = iter(render_all(flat))
    slides = tuple(
        loader.slide(i, s, next(rendered), next(rendered) if right is not None else None)
        for i, (s, (_, right)) in enumerate(zip(sources, planned, strict=True))
    )
    if not slides and path not in loader.unreadable:  # an unreadable file says so already
        loader.findings.append(error(path, 1, "the deck has no slide"))
    title = _text(headmatter.get("title")) or (slides[0].title if slides else path.stem)
    link = _text(headmatter.get("link"))
    loader.findings.sort(key=lambda f: (str(f.file), f.line))
    return Deck(
        path=path,
        root=root,
        language=declared_language(headmatter),
        title=title,
        slides=slides,
        theme=_theme(headmatter, loader, path, first),
        duration=headmatter.get("duration") or loader.defaults.get("duration"),
        transition=_text(headmatter.get("transition")),
        link=link,
        findings=tuple(loader.findings),
    )
