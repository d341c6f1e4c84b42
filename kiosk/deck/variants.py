"""Language variants: finding a deck's translations and checking they match slide for slide.

A deck folder holds ``slides.md`` (the default language, ``lang:`` in its
headmatter) and one ``slides.<lang>.md`` per translation, e.g.
``slides.en.md``. Each file is a complete Slidev deck on its own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from kiosk.deck.model import Deck, DeckSet, Finding, Layout
from kiosk.deck.source import RefusedFile, deck_file, error, warning
from kiosk.render.uitext import STRINGS

MAIN_NAME = "slides.md"
_VARIANT = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.md$")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")


class DeckNotFound(Exception):
    """The path given as a deck is neither a Markdown file nor a folder holding one."""


def main_file(path: Path) -> Path:
    """The deck's main Markdown file for a file or folder path. Raises DeckNotFound.

    Whatever stands at the main file's name (a named pipe, a link out of the
    folder, a dangling link) is returned as it is, never opened: the loader
    reports what is wrong with it, file and line, instead of "not found".
    """
    if path.is_dir():
        candidate = path / MAIN_NAME
        if os.path.lexists(candidate):
            return candidate
        entries = _entries(path)
        plain = sorted(p for p in entries if p.suffix == ".md" and not _VARIANT.match(p.name))
        if len(plain) == 1:
            return plain[0]
        raise DeckNotFound(
            f"{path}: no {MAIN_NAME} in this folder"
            + (f" (and {len(plain)} other .md files: say which one)" if plain else "")
        )
    if os.path.lexists(path):
        return path
    raise DeckNotFound(f"{path}: no such file or folder")


def variant_files(main: Path) -> list[Path]:
    """Translations of ``main``: siblings named ``<stem>.<lang>.md``, sorted by language.

    A sibling of that name that is not a folder is a translation, whatever it
    is: the loader refuses a named pipe or a link out of the folder, with a
    message, rather than the translation silently going missing.
    """
    stem = main.name.removesuffix(".md")
    found = []
    for sibling in _entries(main.parent):
        match = _VARIANT.match(sibling.name)
        if match and match.group("stem") == stem:
            found.append(sibling)
    return sorted(found)


def _entries(folder: Path) -> list[Path]:
    """The names in ``folder`` that are not folders; nothing is opened, links are not followed."""
    try:
        with os.scandir(folder) as entries:
            return [Path(e.path) for e in entries if not _is_folder(e)]
    except OSError:
        return []


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop: not a folder, and the loader says what it is
        return False


def load_deck_set(path: Path, language_setting: str = "") -> DeckSet:
    """Load a deck and its translations. Raises DeckNotFound for a bad path only.

    The deck folder (the folder given, or the folder of the file given) is
    where every file the deck reads must be. A translation that cannot be read
    is left out of the set, with its error.

    A deck whose headmatter declares no language (`lang:`, or Slidev's `htmlAttrs.lang`)
    is taken to be in the one :func:`undeclared_language` gives for ``language_setting``
    (the settings' `language`), with a warning; a translation without one, in its file
    name's.
    """
    from kiosk.deck.parser import load_deck  # Markdown and YAML: only when parsing

    main = main_file(Path(path))
    root = main.parent
    decks = [load_deck(main, root)]
    refused: list[Finding] = []
    if not _VARIANT.match(main.name):
        for variant in variant_files(main):
            try:
                deck_file(root, variant)
            except RefusedFile as exc:  # never opened, never an empty language
                refused.append(error(variant.absolute(), 1, exc.reason))
                continue
            decks.append(load_deck(variant, root))
    decks, said = _with_languages(decks, language_setting)
    return DeckSet(tuple(decks), tuple(said + refused + compare(decks)))


# What a Slidev deck folder may hold for Slidev alone (its layouts, Vue components, styles,
# set-up code and build files): the booth never reads them, and says so once, not per file.
# (`public/` and `snippets/` are read: images and imported code.)
SLIDEV_ONLY = (
    "layouts",
    "components",
    "setup",
    "styles",
    "style.css",
    "global-top.vue",
    "global-bottom.vue",
    "vite.config.ts",
    "uno.config.ts",
    "package.json",
)


def slidev_only(folder: Path) -> list[str]:
    """The names of ``SLIDEV_ONLY`` present in the deck folder, folders with a slash."""
    found = []
    for name in SLIDEV_ONLY:
        path = folder / name
        if os.path.lexists(path):
            found.append(f"{name}/" if path.is_dir() else name)
    return found


# The languages the booth's own words exist in (kiosk.render.uitext), and so the ones a
# deck that declares none may be taken to be in.
BOOTH_LANGUAGES = tuple(STRINGS)
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def undeclared_language(
    setting: str = "", environ: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """The language of a deck that declares none, and why: the settings' `language`
    (``setting``), else the system's when the booth has its words in it, else English."""
    if setting:
        return setting, "the settings' `language`"
    environ = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:  # the first set one decides, as in POSIX
        value = environ.get(name, "")
        if value:
            base = value.split(".")[0].split("@")[0].replace("_", "-").split("-")[0].lower()
            if base in BOOTH_LANGUAGES:
                return base, f"the system's language ({name}={value})"
            break
    return "en", "English: no `language` setting, and the system's is none the booth speaks"


def _with_languages(decks: list[Deck], setting: str) -> tuple[list[Deck], list[Finding]]:
    said: list[Finding] = []
    resolved = []
    for index, deck in enumerate(decks):
        if not deck.language:
            match = _VARIANT.match(deck.path.name)
            if index > 0 and match:
                deck = replace(deck, language=match.group("lang"))
            else:
                tag, why = undeclared_language(setting)
                said.append(
                    warning(
                        deck.path,
                        1,
                        f"the deck declares no language (`lang:` in its headmatter, or"
                        f" Slidev's `htmlAttrs.lang`): shown as `{tag}` ({why})",
                    )
                )
                deck = replace(deck, language=tag)
        resolved.append(deck)
    return resolved, said


def compare(decks: list[Deck]) -> list[Finding]:
    """Errors where a translation does not match the default deck slide for slide."""
    findings: list[Finding] = []
    default = decks[0]
    seen = {default.language: default.path}
    for deck in decks[1:]:
        where = deck.path
        if deck.language in seen:
            findings.append(
                error(
                    where,
                    1,
                    f"language `{deck.language}` already used by {seen[deck.language]}"
                    " (set `lang:` in the headmatter)",
                )
            )
            continue
        seen[deck.language] = deck.path
        if len(deck.slides) != len(default.slides):
            findings.append(
                error(
                    where,
                    1,
                    f"{len(deck.slides)} slides in `{deck.language}` but"
                    f" {len(default.slides)} in `{default.language}` ({default.path.name});"
                    " translations must match slide for slide",
                )
            )
        for ours, theirs in zip(default.slides, deck.slides, strict=False):
            if ours.layout != theirs.layout:
                findings.append(
                    error(
                        theirs.file,
                        theirs.line,
                        f"slide {theirs.index + 1} is `{theirs.layout}` but `{ours.layout}`"
                        f" in {ours.file.name}:{ours.line}",
                    )
                )
            elif ours.layout is Layout.FACT:
                a = figures(ours.figure, default.language)
                b = figures(theirs.figure, deck.language)
                if a != b:
                    findings.append(
                        error(
                            theirs.file,
                            theirs.line,
                            f'fact figure "{theirs.figure}" does not match "{ours.figure}"'
                            f" in {ours.file.name}:{ours.line}",
                        )
                    )
    return findings


def figures(text: str, language: str) -> tuple[float, ...]:
    """The numbers in a figure, read the way ``language`` writes them.

    "4 700" (fr) and "4,700" (en) are both 4700; "0,2" (fr) and "0.2" (en) 0.2.
    """
    comma_decimal = not language.startswith("en")
    numbers = []
    for raw in _NUMBER.findall(text):
        digits = re.sub(r"[ \u00a0\u202f]", "", raw)
        if comma_decimal:
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
        try:
            numbers.append(float(digits))
        except ValueError:
            continue  # "1.2.3": not one number; such a figure is compared as text elsewhere
    return tuple(numbers)
