"""Command line: parse arguments, dispatch to a subcommand, map failures to exit codes.

Exit status: 0 success, 1 the deck or data has errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from kiosk import __version__, wallclock
from kiosk.commands import EXIT_OK, EXIT_USAGE

# Every subcommand, in the order `--help` lists them, with its one-line help.
# A command's module (kiosk.commands.<name>) is imported only when needed:
# `kiosk run` must reach its first frame without loading what `stats` uses.
COMMANDS: dict[str, str] = {
    "run": "show a deck fullscreen, looping (the default command)",
    "check": "check a deck and report problems (file:line)",
    "export": "draw every slide to PNG files or a PDF (for sign-off and handouts)",
    "stats": "visitor statistics: per-day summary, or the raw events as CSV",
    "pin": "set the staff PIN that unlocks the staff panel",
    "autostart": "start the show at every login (or stop doing so)",
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"kiosk.commands.{name}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, that subcommand's arguments alone are loaded."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Fullscreen booth kiosk for Slidev-compatible Markdown decks. "
        "With no command, runs the bundled deck.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, summary in COMMANDS.items():
        if only in (None, name):
            _module(name).add_parser(sub)
        else:
            sub.add_parser(name, help=summary)
    return parser


def not_a_command(word: str) -> bool:
    """Say so and return True when ``word`` is neither a command nor a deck's path.

    A bare word that names no file (``kiosk frobnicate``, ``kiosk chek``) is a mistyped
    command far more often than a deck folder: saying which commands exist beats
    "no such file or folder". Anything path-like (a slash, a suffix) is taken as a deck.
    """
    if word.startswith("-") or "/" in word or "\\" in word or "." in word:
        return False
    if Path(word).exists():
        return False
    import difflib  # here: only a mistyped command needs it

    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    print(
        f"kiosk: {word!r} is not a command or a deck (commands: {', '.join(COMMANDS)}){hint}",
        file=sys.stderr,
    )
    return True


def main(argv: Sequence[str] | None = None) -> int:
    wallclock.guard()  # first: a clock beyond 2262 breaks `import logging` itself
    argv = list(sys.argv[1:] if argv is None else argv)
    wants_help = bool(argv) and argv[0] in ("-h", "--help", "--version")
    if not wants_help and (not argv or argv[0] not in COMMANDS):
        if argv and not_a_command(argv[0]):
            return EXIT_USAGE
        argv = ["run", *argv]  # bare `kiosk [DECK] [flags]` runs the show
    parser = build_parser(None if wants_help else argv[0])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        result: int = args.handler(args)
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return result
