"""Command line: parse arguments, dispatch to a subcommand, map failures to exit codes.

Exit status: 0 success, 1 the deck or data has errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from kiosk import __version__
from kiosk.commands import autostart, check, pin, stats

EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_USAGE = 2


def _subcommands() -> list[ModuleType]:
    """Every subcommand module, in the order `--help` lists them."""
    modules: list[ModuleType] = [check, stats, pin, autostart]
    try:  # the display commands need Qt; `check` must work without it
        from kiosk.commands import export, run
    except ImportError:
        pass
    else:
        modules[:0] = [run]
        modules.insert(2, export)
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Fullscreen booth kiosk for Slidev-compatible Markdown decks. "
        "With no command, runs the bundled deck.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _subcommands():
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = {m.__name__.rsplit(".", 1)[-1] for m in _subcommands()}
    wants_help = bool(argv) and argv[0] in ("-h", "--help", "--version")
    if "run" in commands and not wants_help and (not argv or argv[0] not in commands):
        argv = ["run", *argv]  # bare `kiosk [DECK] [flags]` runs the show
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
