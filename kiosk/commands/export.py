"""`kiosk export [DECK]`: draw every slide offscreen to PNG files and/or one PDF."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

import PySide6  # noqa: F401  (without Qt this command is not offered: see kiosk.cli)

from kiosk import BUNDLED_DECK
from kiosk.commands import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kiosk.commands.run import window_size
from kiosk.render.legibility import TextSize


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="draw every slide to PNG files or a PDF (for sign-off and handouts)",
        description="Draw every slide of a deck offscreen, as the booth shows it (at rest,"
        " no fade; the slides alone, without the booth's controls, unless --controls), to one"
        " PNG per slide (--out) and/or a PDF with one page per slide (--pdf) whose text can be"
        " selected and searched; --text-size and --contrast draw them as a visitor who chose"
        " those with the « Aa » control sees them. Exit status: 0 done, 1 the deck has errors"
        " (what could be drawn is"
        " written) or a file could not be written (each file is written whole or not at all), 2"
        " usage error or missing deck.",
    )
    parser.add_argument(
        "deck", nargs="?", type=Path, default=None, help="deck file or folder (default: bundled)"
    )
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="folder for PNGs")
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE", help="PDF file to write")
    parser.add_argument(
        "--size",
        type=window_size,
        default=(1920, 1080),
        metavar="WxH",
        help="slide size in pixels (default: 1920x1080)",
    )
    parser.add_argument("--lang", default=None, metavar="TAG", help="language, e.g. fr or en")
    parser.add_argument(
        "--controls",
        action="store_true",
        help="draw the booth's controls too (hint, position, time bar): a sign-off copy",
    )
    parser.add_argument(
        "--text-size",
        choices=[str(size) for size in TextSize],
        default=str(TextSize.NORMAL),
        help="the text size a visitor picked with « Aa » (default: normal)",
    )
    parser.add_argument(
        "--contrast",
        choices=["normal", "high"],
        default="normal",
        help="high: the high-contrast colours of « Aa » (default: the deck's)",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    if args.out is None and args.pdf is None:
        print("kiosk export: say where to write: --out DIR and/or --pdf FILE", file=sys.stderr)
        return EXIT_USAGE
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="kiosk: %(levelname)s: %(message)s")
    # Offscreen and with the software renderer: no window flashes on the author's screen,
    # it works on a server, and the pixels are the same on every machine.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_QUICK_BACKEND"] = "software"

    from kiosk.app import DisplayError, prepare_application
    from kiosk.deck import Severity, load_deck_set
    from kiosk.deck.variants import DeckNotFound
    from kiosk.export import ExportError, ProgressBar, export_deck
    from kiosk.qt.logbridge import qt_messages_to_logging
    from kiosk.show import choose_deck

    deck_path: Path = args.deck or BUNDLED_DECK
    try:
        deck_set = load_deck_set(deck_path)
    except DeckNotFound as exc:
        print(f"kiosk export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    errors = [f for f in deck_set.all_findings if f.severity is Severity.ERROR]
    for finding in errors:
        print(f"kiosk export: {finding}", file=sys.stderr)
    deck = choose_deck(deck_set, args.lang)
    if deck is None or not deck.slides:
        print(f"kiosk export: {deck_path}: no slide to export", file=sys.stderr)
        return EXIT_ERRORS
    with qt_messages_to_logging():
        prepare_application()
        try:
            result = export_deck(
                deck,
                size=args.size,
                out_dir=args.out,
                pdf=args.pdf,
                progress=ProgressBar(f"{deck.language} {args.size[0]}x{args.size[1]}"),
                controls=args.controls,
                text_size=TextSize(args.text_size),
                high_contrast=args.contrast == "high",
            )
        except (ExportError, DisplayError, OSError) as exc:
            print(f"kiosk export: {exc}", file=sys.stderr)
            return EXIT_ERRORS
    written = []
    if result.images:
        written.append(f"{len(result.images)} PNG files in {args.out}")
    if result.pdf:
        written.append(f"a {result.slides}-page PDF {result.pdf}")
    print(f"kiosk export: {' and '.join(written)}", file=sys.stderr)
    return EXIT_ERRORS if errors else EXIT_OK
