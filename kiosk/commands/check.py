"""`kiosk check [DECK]`: report, file and line, what is wrong in a deck and what will not fit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from kiosk import BUNDLED_DECK
from kiosk.commands import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kiosk.deck import DeckSet, Finding, Severity, load_deck_set
from kiosk.deck.variants import DeckNotFound


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a deck and report problems (file:line)",
        description="Check a deck (a Markdown file or a folder with slides.md and its"
        " translations slides.<lang>.md). Exit status: 0 no error (warnings allowed),"
        " 1 errors found, 2 usage error or missing path.",
    )
    parser.add_argument(
        "deck", nargs="?", type=Path, default=None, help="deck file or folder (default: bundled)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of text lines"
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="settings file to check too (default: kiosk.toml beside the deck, else the"
        " user's kiosk.toml, when there is one)",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    deck_path: Path = args.deck or BUNDLED_DECK
    if args.config is not None and not args.config.is_file():  # a usage error, as for `run`
        what = "not a file" if args.config.exists() else "no such settings file"
        print(f"kiosk check: {args.config}: {what}", file=sys.stderr)
        return EXIT_USAGE
    try:
        deck_set = load_deck_set(deck_path)
    except DeckNotFound as exc:
        print(f"kiosk check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        print(f"kiosk check: {deck_path}: internal error while reading: {exc!r}", file=sys.stderr)
        return EXIT_ERRORS
    findings = sorted(
        [
            *deck_set.all_findings,
            *legibility_findings(deck_set),
            *colour_findings(deck_set),
            *settings_findings(args.config, deck_path),
        ],
        key=_order,
    )
    if args.json:
        json.dump(report(deck_set, findings), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_text(deck_set, findings, sys.stdout)
    has_errors = any(f.severity is Severity.ERROR for f in findings)
    return EXIT_ERRORS if has_errors else EXIT_OK


def settings_findings(explicit: Path | None, deck_path: Path) -> list[Finding]:
    """What is wrong in the settings file the show would read with this deck."""
    from kiosk.config import find_config_file, load_settings

    path = find_config_file(explicit, deck_path)
    return load_settings(path)[1] if path is not None else []


def legibility_findings(deck_set: DeckSet) -> list[Finding]:
    """Warnings for slides whose reading text would shrink below the floor on some screen,
    at the normal text size and at each larger one a visitor may pick with « Aa »."""
    from kiosk.render.fit import below_floor
    from kiosk.render.legibility import TextSize

    findings = []
    for deck in deck_set.decks:
        for slide in deck.slides:
            shrink = below_floor(slide)
            if shrink is not None:
                width, height = shrink.screen
                findings.append(
                    Finding(
                        slide.file,
                        slide.line,
                        Severity.WARNING,
                        f"text would shrink to about {shrink.size_px:.0f} px on a"
                        f" {width}×{height} screen, below the legibility floor of"
                        f" {shrink.floor_px:.0f} px (3.3 % of the height); shorten it",
                    )
                )
            for size in (TextSize.LARGE, TextSize.LARGER):
                larger = below_floor(slide, size)
                if larger is not None:
                    width, height = larger.screen
                    findings.append(
                        Finding(
                            slide.file,
                            slide.line,
                            Severity.WARNING,
                            f"at the « Aa » text size {size} (×{size.scale:g}), text would"
                            f" shrink to about {larger.size_px:.0f} px on a {width}×{height}"
                            f" screen, below the legibility floor of {larger.floor_px:.0f} px:"
                            " a visitor asking for larger text would not get it; shorten it",
                        )
                    )
    return findings


def colour_findings(deck_set: DeckSet) -> list[Finding]:
    """The deck's colours against WCAG 2.2 AA, as the show draws them (kiosk/render/contrast.py).

    The show makes brand colours legible itself (kiosk/render/palette.py): a colour it had
    to change is a warning saying what it draws instead; a pair that fails even so (a
    mid-grey background leaves no colour room on both sides) is an error.
    """
    from kiosk.render.contrast import adjustments, colour_failures

    findings: dict[tuple[Path, int, str], Finding] = {}
    for deck in deck_set.decks:
        theme = deck.theme
        for severity, message in (
            *((Severity.WARNING, m) for m in adjustments(theme)),
            *((Severity.ERROR, m) for m in colour_failures(theme)),
        ):
            key = (deck.path, theme.line, message)
            findings.setdefault(key, Finding(deck.path, theme.line, severity, message))
    return list(findings.values())


def _order(finding: Finding) -> tuple[str, int, str]:
    return (str(finding.file), finding.line, finding.severity)


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when inside it: shorter, clickable in editors."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def report(deck_set: DeckSet, findings: list[Finding]) -> dict[str, Any]:
    """The `--json` object: slide count, outline, errors, warnings."""

    def entry(f: Finding) -> dict[str, Any]:
        return {"file": display_path(f.file), "line": f.line, "message": f.message}

    slides = [s for deck in deck_set.decks for s in deck.slides]
    return {
        "slides": len(slides),
        "outline": [
            {
                "file": display_path(s.file),
                "line": s.line,
                "layout": str(s.layout),
                "title": s.title,
            }
            for s in slides
        ],
        "errors": [entry(f) for f in findings if f.severity is Severity.ERROR],
        "warnings": [entry(f) for f in findings if f.severity is Severity.WARNING],
    }


def print_text(deck_set: DeckSet, findings: list[Finding], out: TextIO) -> None:
    for finding in findings:
        print(
            f"{display_path(finding.file)}:{finding.line}: {finding.severity}: {finding.message}",
            file=out,
        )
    from kiosk.deck.variants import slidev_only

    folder = deck_set.default.path.parent
    if extras := slidev_only(folder):
        print(
            f"{display_path(folder)}: {', '.join(extras)}: Slidev's own, not read by the booth",
            file=out,
        )
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    languages = ", ".join(f"{d.language} ({len(d.slides)} slides)" for d in deck_set.decks)
    verdict = "not ready" if errors else "ready to show"
    print(
        f"{display_path(deck_set.default.path)}: {languages}; "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        f" — {verdict}",
        file=out,
    )
