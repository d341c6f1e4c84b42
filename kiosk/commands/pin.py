"""`kiosk pin set`: store a salted hash of the staff PIN in the settings file."""

from __future__ import annotations

import argparse
import getpass
import sys
import tomllib
from pathlib import Path
from typing import Any

from kiosk.commands import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kiosk.config import user_config_file, write_setting
from kiosk.pinhash import hash_pin, valid_pin


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pin",
        help="set the staff PIN that unlocks the staff panel",
        description="Manage the staff PIN. Only a salted hash of it is stored, as"
        " `staff_pin_hash` in the settings file.",
    )
    actions = parser.add_subparsers(dest="pin_action", metavar="ACTION", required=True)
    set_parser = actions.add_parser(
        "set",
        help="ask for a new PIN (twice) and store its hash",
        description="Ask for a new staff PIN (4 to 12 digits) twice and store its hash in the"
        " settings file, keeping the file's other lines. Exit status: 0 stored, 1 the settings"
        " file could not be read or written, 2 usage error (PINs differ, not 4 to 12 digits).",
    )
    set_parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="settings file to update (default: the user's kiosk.toml, see docs/settings.md)",
    )
    set_parser.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from the first line of standard input instead of asking (also"
        " done, with a second line as the confirmation, when standard input is not a"
        " terminal)",
    )
    set_parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    target: Path = args.config or user_config_file()
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    elif not _interactive():
        # From a pipe or a file (`echo 1234 | kiosk pin set`): no terminal to hide the
        # digits from, so no prompt and none of getpass's warnings about echo. A second
        # line, if there is one, is the confirmation.
        pin = sys.stdin.readline() if sys.stdin is not None else ""
        if not pin:
            print("kiosk pin set: no PIN given on standard input", file=sys.stderr)
            return EXIT_USAGE
        pin, again = pin.strip(), sys.stdin.readline()
        if again.strip() and again.strip() != pin:
            print("kiosk pin set: the two PINs differ; nothing changed", file=sys.stderr)
            return EXIT_USAGE
    else:
        try:
            pin = getpass.getpass("New staff PIN (4 to 12 digits): ")
            again = getpass.getpass("The same PIN again: ")
        except EOFError:
            print("kiosk pin set: no PIN given", file=sys.stderr)
            return EXIT_USAGE
        if pin != again:
            print("kiosk pin set: the two PINs differ; nothing changed", file=sys.stderr)
            return EXIT_USAGE
    if not valid_pin(pin):
        print("kiosk pin set: a PIN is 4 to 12 digits; nothing changed", file=sys.stderr)
        return EXIT_USAGE
    try:
        write_setting(target, "staff_pin_hash", hash_pin(pin))
    except tomllib.TOMLDecodeError as exc:
        print(f"kiosk pin set: {target}: not valid TOML ({exc}); fix it first", file=sys.stderr)
        return EXIT_ERRORS
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"kiosk pin set: {target}: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"Staff PIN set in {target}")
    return EXIT_OK


def _interactive() -> bool:
    """Standard input is a terminal: ask twice, the digits hidden."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # closed, or replaced by something without a tty
        return False
