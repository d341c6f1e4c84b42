"""Frozen deck data: what the parser produces and every view reads.

Nothing here imports Qt: the deck is parsed once into these immutable values,
then handed to the Qt layer, which only reads them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Layout(enum.StrEnum):
    """The slide layouts the kiosk knows how to draw (Slidev's names)."""

    COVER = "cover"
    DEFAULT = "default"
    SECTION = "section"
    FACT = "fact"
    STATEMENT = "statement"
    QUOTE = "quote"
    CENTER = "center"
    END = "end"
    IMAGE = "image"
    IMAGE_LEFT = "image-left"
    IMAGE_RIGHT = "image-right"
    TWO_COLS = "two-cols"


class Severity(enum.StrEnum):
    """How bad a finding is: errors fail `kiosk check`, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the author should know about, pinned to a file and line (1-based)."""

    file: Path
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


class FrozenMapping(Mapping[str, Any]):
    """A read-only copy of a mapping, for frozen dataclass fields.

    Unlike ``types.MappingProxyType`` it pickles, so a parsed deck can be kept
    on disk between runs (kiosk.deck.cache).
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._data = dict(data or {})

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data)))

    def __getstate__(self) -> dict[str, Any]:
        return self._data

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._data = state


def frozen_mapping(data: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """A read-only copy of ``data``, for frozen dataclass fields."""
    return FrozenMapping(data)


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide, ready to draw.

    Text fields hold the HTML subset Qt's rich text understands (``p``, ``ul``,
    ``ol``, ``li``, ``strong``, ``em``, ``code``, ``pre``, ``blockquote``,
    ``table``, ``br``, ``a``, and ``span style="white-space:pre"`` around each
    U+202F, which Qt's rich text would otherwise turn into an ordinary space);
    ``title``, ``figure`` and ``source`` are plain text.
    """

    index: int  # 0-based position in the deck
    file: Path  # the Markdown file the slide comes from
    line: int  # 1-based line where the slide starts in ``file``
    layout: Layout
    title: str = ""  # plain text of the first heading (or frontmatter ``title``)
    body: str = ""  # rich text of everything but the title (``default`` slot)
    right: str = ""  # rich text of the ``::right::`` slot (``two-cols``)
    figure: str = ""  # ``fact``: the first heading, e.g. "4 700"
    statement: str = ""  # ``fact``: rich text under the figure
    source: str = ""  # ``fact``: where the figure comes from (frontmatter)
    image: Path | None = None  # resolved local image (frontmatter ``image:``)
    duration: float | None = None  # seconds on screen in the attract loop, if set
    qr: str = ""  # URL to show as a QR code (frontmatter ``qr:``)
    note: str = ""  # speaker note: the slide's last HTML comment, never shown
    frontmatter: Mapping[str, Any] = field(default_factory=frozen_mapping)
    reading_chars: int = 0  # visible characters, for the reading budget


@dataclass(frozen=True, slots=True)
class Theme:
    """Deck branding from the headmatter (``themeConfig:``, ``colorSchema:``)."""

    primary: str = "#f2b134"  # accent: figures and highlights
    background: str = "#0f2a44"
    foreground: str = "#ffffff"
    dark: bool = True
    logo: Path | None = None
    # Where the headmatter sets them (``themeConfig:``, else ``colorSchema:``, else the
    # headmatter's first line), for `kiosk check`'s findings about the colours.
    line: int = field(default=1, compare=False)


@dataclass(frozen=True, slots=True)
class Deck:
    """One language of a deck: its slides, branding and what the check found."""

    path: Path  # the main Markdown file
    root: Path  # the deck folder: images and imports must stay inside it
    language: str  # BCP 47 tag from headmatter ``lang:`` (default "fr")
    title: str
    slides: tuple[Slide, ...]
    theme: Theme = Theme()
    duration: float | None = None  # deck default seconds per slide (headmatter)
    transition: str = ""  # headmatter ``transition:`` (Slidev name), if any
    link: str = ""  # headmatter ``link:``: URL for the QR code of the end slide
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)


@dataclass(frozen=True, slots=True)
class DeckSet:
    """Every language of one deck, slide for slide; the first is the default."""

    decks: tuple[Deck, ...]
    findings: tuple[Finding, ...] = ()  # cross-language findings (mismatches)

    @property
    def default(self) -> Deck:
        return self.decks[0]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(d.language for d in self.decks)

    def language(self, tag: str) -> Deck:
        """The deck in language ``tag``, or the default one."""
        for deck in self.decks:
            if deck.language == tag:
                return deck
        return self.default

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.decks for f in d.findings) + self.findings
