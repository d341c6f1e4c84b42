"""`kiosk stats ARGV` run through the command's own parser, as kiosk.cli calls it (tests)."""

from __future__ import annotations

import argparse

import pytest

from kiosk.commands import stats


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit status, standard output, standard error) of `kiosk stats ARGV`."""
    parser = argparse.ArgumentParser(prog="kiosk")
    stats.add_parser(parser.add_subparsers(dest="command"))
    try:
        args = parser.parse_args(["stats", *argv])
        code = args.handler(args)
    except SystemExit as exit_:  # argparse: usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
