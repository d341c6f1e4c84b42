"""Frontmatter: safe, bounded YAML loading and validation of each key, with file:line findings."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kiosk.deck.model import Finding, Layout
from kiosk.deck.source import error, warning
from kiosk.suggest import did_you_mean

# Limits that keep a hostile or broken YAML block from hanging the booth:
# PyYAML's safe loader shares aliased nodes, but anything that walks the result
# (validation, JSON output) would expand an alias bomb exponentially.
MAX_ALIASES = 50
MAX_DEPTH = 20
MAX_YAML_CHARS = 64 * 1024
MAX_DURATION_S = 24 * 3600


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses alias bombs and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.YAMLError(
                    f"more than {MAX_ALIASES} aliases (*name); refused as a possible alias bomb"
                    f" (line {event.start_mark.line + 1} of the block)"
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.YAMLError(
                    f"nested deeper than {MAX_DEPTH} levels"
                    f" (line {event.start_mark.line + 1} of the block)"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_INDENT = re.compile(r"^ *", re.MULTILINE)


def _is_plain(text: str) -> bool:
    """Whether libyaml's fast loader is safe here: no anchor, alias or tag, shallow nesting.

    Without ``&``, ``*`` and ``!`` there can be no alias bomb and no tag; the
    depth check keeps libyaml's recursive composer far from any limit. Other
    text takes the bounded pure-Python loader, which reports the problem.
    """
    if _FAST_LOADER is None or any(c in text for c in "&*!"):
        return False
    deepest_indent = max((len(m) for m in _INDENT.findall(text)), default=0)
    return deepest_indent <= MAX_DEPTH and text.count("[") + text.count("{") <= MAX_DEPTH


def _fast_loader(text: str) -> Any:
    return _FAST_LOADER(text)  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class YamlBlock:
    """A parsed frontmatter block: its data and the file line of each top-level key."""

    data: Mapping[str, Any]
    key_lines: Mapping[str, int] = field(default_factory=dict)
    line: int = 1  # file line of the block's first YAML line


def load_yaml_block(
    text: str, file: Path, first_line: int, findings: list[Finding]
) -> YamlBlock | None:
    """Parse one frontmatter block; on failure add an error and return None.

    ``first_line`` is the file line of the block's first YAML line, so that the
    marks PyYAML gives (0-based, within the block) become file lines.
    """
    if len(text) > MAX_YAML_CHARS:
        findings.append(
            error(file, first_line, f"frontmatter is over {MAX_YAML_CHARS:,} characters")
        )
        return None
    if _is_plain(text):
        fast: list[Finding] = []
        block = _load(_fast_loader, text, file, first_line, fast)
        if block is not None:
            return block
        # libyaml's messages and marks differ: let the pure loader word the error.
    return _load(_BoundedLoader, text, file, first_line, findings)


def _load(
    make_loader: Callable[[str], Any],
    text: str,
    file: Path,
    first_line: int,
    findings: list[Finding],
) -> YamlBlock | None:
    loader = None
    try:
        loader = make_loader(text)  # reading starts here: may raise on control characters
        node = loader.get_single_node()
        if node is None:
            return YamlBlock({}, {}, first_line)
        if not isinstance(node, yaml.MappingNode):
            findings.append(
                error(
                    file,
                    first_line + node.start_mark.line,
                    "frontmatter must be a mapping of `key: value` lines",
                )
            )
            return None
        key_lines = {
            str(key.value): first_line + key.start_mark.line
            for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)
        }
        data = loader.construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        line = first_line + (exc.problem_mark.line if exc.problem_mark else 0)
        findings.append(
            error(file, line, f"YAML tag not allowed (it would build objects): {exc.problem}")
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        findings.append(error(file, line, f"YAML syntax error: {exc.problem or exc.context}"))
        return None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        message = str(exc) if isinstance(exc, yaml.YAMLError) else type(exc).__name__
        findings.append(error(file, first_line, f"YAML error: {message}"))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        findings.append(error(file, first_line, "frontmatter keys must be plain names"))
        return None
    return YamlBlock(data, key_lines, first_line)


# --- validation ---------------------------------------------------------------

# Keys Slidev (52.20, @slidev/types' HeadmatterConfig and Frontmatter) documents for the
# headmatter and for slides: known, so no "unknown key" warning, but the kiosk has no use
# for most of them. Those it reads mean here what they mean in Slidev (title, layout,
# transition, image, background, src, hide, disabled, themeConfig, htmlAttrs.lang,
# defaults), but for one: `duration`, the talk's length in Slidev's headmatter and a
# slide's seconds in the loop here (see `_headmatter_duration`).
SLIDEV_KEYS = frozenset(
    [
        # headmatter
        "theme",
        "addons",
        "title",
        "titleTemplate",
        "info",
        "author",
        "keywords",
        "remoteAssets",
        "download",
        "codeCopy",
        "magicMoveCopy",
        "magicMoveDuration",
        "exportFilename",
        "export",
        "highlighter",
        "shiki",
        "twoslash",
        "lineNumbers",
        "colorSchema",
        "routerMode",
        "aspectRatio",
        "canvasWidth",
        "selectable",
        "themeConfig",
        "fonts",
        "favicon",
        "drawings",
        "plantUmlServer",
        "record",
        "remote",
        "css",
        "unocss",
        "presenter",
        "browserExporter",
        "htmlAttrs",
        "comark",
        "mdc",
        "editor",
        "mcp",
        "contextMenu",
        "wakeLock",
        "pwa",
        "monaco",
        "monacoTypesSource",
        "monacoTypesAdditionalPackages",
        "monacoTypesIgnorePackages",
        "monacoRunAdditionalDeps",
        "monacoRunUseStrict",
        "seoMeta",
        "notesAutoRuby",
        "timer",
        "clickAnimation",
        "preloadImages",
        "overviewSnapshots",
        "defaults",
        "transition",
        # per slide
        "layout",
        "class",
        "clicks",
        "clicksStart",
        "preload",
        "hide",
        "disabled",
        "hideInToc",
        "level",
        "routeAlias",
        "zoom",
        "dragPos",
        "src",
        "name",
        # the built-in layouts' own keys
        "background",
        "backgroundSize",
        "image",
        "backgroundImage",
        "url",
    ]
)

# Keys only the kiosk reads. Slidev ignores them, as we ignore Slidev's extras.
KIOSK_KEYS = frozenset({"lang", "duration", "source", "qr", "link", "section", "logo"})

# The layouts of Slidev's default theme the kiosk does not draw (each is shown with
# `default`, and said so); the others are the kiosk's own (kiosk.deck.model.Layout).
SLIDEV_ONLY_LAYOUTS = frozenset(
    {
        "404",
        "error",
        "full",
        "iframe",
        "iframe-left",
        "iframe-right",
        "intro",
        "none",
        "two-cols-header",
    }
)

# Slidev's length of a talk, in its headmatter: "35min", "1h", "1h30min", "90s", "1.5h".
SLIDEV_DURATION = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:h|min|m|s)\s*)+$")

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _positive_seconds(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "must be a number of seconds"
    if not math.isfinite(value) or value <= 0:
        return "must be a positive number of seconds"
    if value > MAX_DURATION_S:
        return f"must be at most {MAX_DURATION_S} seconds"
    return None


def _headmatter_duration(value: Any, file: Path, line: int, findings: list[Finding]) -> bool:
    """Whether the headmatter's `duration` is kept (as the kiosk's seconds a slide).

    Slidev's form (`35min`, `1h30min`) is the talk's length: accepted, unused, said so. A
    number keeps the kiosk's meaning, said too, for Slidev reads it as minutes of talk;
    `defaults: {duration: …}` means a slide's seconds in both and says nothing.
    """
    if isinstance(value, str) and SLIDEV_DURATION.match(value):
        findings.append(
            warning(
                file,
                line,
                f"`duration: {value.strip()}` is Slidev's length of the whole talk: the booth"
                " does not use it (a slide's seconds in the loop: `defaults: {duration: 10}`)",
            )
        )
        return False
    if _positive_seconds(value) is None:
        findings.append(
            warning(
                file,
                line,
                f"`duration: {value}` in the headmatter: {value} s a slide in the loop, but"
                f" Slidev reads it as a {value}-minute talk; `defaults: {{duration: {value}}}`"
                " means a slide's seconds in both",
            )
        )
    return True


def _text(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return None
    return "must be text"


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not LANGUAGE_TAG.match(value):
        return "must be a language tag such as fr or en"
    return None


def _layout(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a layout name"


def _section(value: Any) -> str | None:
    if isinstance(value, bool) or _text(value) is None:
        return None
    return "must be true, false or a section title"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _mapping(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be a mapping"


VALIDATORS: Mapping[str, Callable[[Any], str | None]] = {
    "duration": _positive_seconds,
    "source": _text,
    "qr": _text,
    "link": _text,
    "title": _text,
    "lang": _language,
    "layout": _layout,
    "section": _section,
    "image": _text,
    "background": _text,
    "src": _text,
    "logo": _text,
    "hide": _boolean,
    "disabled": _boolean,
    "themeConfig": _mapping,
    "htmlAttrs": _mapping,
    "defaults": _mapping,
}


def validate(
    block: YamlBlock, file: Path, findings: list[Finding], *, headmatter: bool = False
) -> dict[str, Any]:
    """The block's data with invalid values removed, each reported at its key's line.

    ``headmatter``: the block opens the deck (its first slide's), where Slidev reads
    deck-wide keys: `duration` is then the talk's length in Slidev's form (accepted,
    unused) or the kiosk's default seconds a slide; `defaults` holds every slide's keys.
    """
    valid: dict[str, Any] = {}
    for key, value in block.data.items():
        line = block.key_lines.get(key, block.line)
        if key not in SLIDEV_KEYS and key not in KIOSK_KEYS:
            hint = did_you_mean(key, SLIDEV_KEYS | KIOSK_KEYS)
            findings.append(warning(file, line, f"unknown frontmatter key `{key}` (ignored){hint}"))
            continue
        if (
            headmatter
            and key == "duration"
            and not _headmatter_duration(value, file, line, findings)
        ):
            continue
        if key == "defaults" and not headmatter:
            findings.append(
                warning(file, line, "`defaults` only counts in the headmatter (ignored)")
            )
            continue
        check = VALIDATORS.get(key)
        problem = check(value) if check else None
        if problem:
            findings.append(error(file, line, f"`{key}` {problem}, not {value!r:.60}"))
            continue
        valid[key] = value
    if "layout" in valid and valid["layout"] not in Layout._value2member_map_:
        name = valid["layout"]
        if name in SLIDEV_ONLY_LAYOUTS:
            message = f"Slidev's layout `{name}` is not one the kiosk draws: shown with `default`"
        else:
            hint = did_you_mean(name, Layout._value2member_map_)
            message = f"unknown layout `{name}`, shown with `default`{hint}"
        findings.append(warning(file, block.key_lines.get("layout", block.line), message))
        valid["layout"] = Layout.DEFAULT.value
    theme = valid.get("themeConfig")
    if isinstance(theme, dict):
        line = block.key_lines.get("themeConfig", block.line)
        for key in ("primary", "background", "foreground"):
            colour = theme.get(key)
            if colour is not None and not (isinstance(colour, str) and COLOUR.match(colour)):
                findings.append(
                    error(file, line, f"`themeConfig.{key}` must be a colour like #1a2b3c")
                )
    return valid
