"""`kiosk autostart install|remove`: start the show at login, or stop doing so."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk import autostart
from kiosk.commands import EXIT_ERRORS, EXIT_OK, EXIT_USAGE


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "autostart",
        help="start the show at every login (or stop doing so)",
        description="Write or remove the file that starts `kiosk run` when this user logs in:"
        " on Linux a systemd user unit (restarted if it crashes) or, with --xdg, an XDG"
        " autostart entry; on Windows a kiosk.cmd in the Startup folder. Exit status: 0 done,"
        " 1 the file could not be written or removed, 2 usage error (a path that does not"
        " exist, an unsupported platform).",
    )
    actions = parser.add_subparsers(dest="autostart_action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install",
        help="start the show at every login",
        description="Write the autostart file for `kiosk run [--config FILE] [DECK]`, with"
        " absolute paths. Running it again updates the file.",
    )
    install.add_argument(
        "deck", nargs="?", type=Path, default=None, help="deck file or folder (default: bundled)"
    )
    install.add_argument(
        "--config", type=Path, default=None, metavar="FILE", help="settings file to start with"
    )
    install.add_argument(
        "--xdg",
        action="store_true",
        help="Linux: an XDG autostart entry (~/.config/autostart) instead of a systemd unit",
    )
    install.set_defaults(handler=main)
    remove = actions.add_parser(
        "remove",
        help="stop starting the show at login",
        description="Delete every autostart file `kiosk autostart install` may have written"
        " (systemd unit and XDG entry on Linux, Startup-folder file on Windows).",
    )
    remove.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    return execute(args, Path.home(), os.environ, sys.platform, autostart.find_executable())


def execute(
    args: argparse.Namespace,
    home: Path,
    env: Mapping[str, str],
    platform: str,
    executable: Sequence[str],
) -> int:
    """:func:`main` with the machine made explicit, for tests."""
    try:
        if args.autostart_action == "install":
            return _install(args, home, env, platform, executable)
        return _remove(home, env, platform)
    except autostart.UnsupportedPlatform as exc:
        print(f"kiosk autostart: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _install(
    args: argparse.Namespace,
    home: Path,
    env: Mapping[str, str],
    platform: str,
    executable: Sequence[str],
) -> int:
    method = autostart.choose_method(platform, args.xdg)
    for path, what in ((args.deck, "deck"), (args.config, "settings file")):
        if path is not None and not path.exists():
            print(f"kiosk autostart: {what} not found: {path}", file=sys.stderr)
            return EXIT_USAGE
    command = autostart.kiosk_command(executable, args.deck, args.config)
    try:
        entry = autostart.entry_for(method, command, home, env)
        replaced = autostart.install(entry)
        others = autostart.remove(platform, home, env, keep=method)
    except (OSError, ValueError) as exc:
        print(f"kiosk autostart: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"{'Updated' if replaced else 'Wrote'} {entry.path}")
    for path in others:
        print(f"Removed {path} (one autostart entry is enough)")
    print(f"It runs: {' '.join(command)}")
    for line in autostart.after_install(method):
        print(line)
    return EXIT_OK


def _remove(home: Path, env: Mapping[str, str], platform: str) -> int:
    try:
        removed = autostart.remove(platform, home, env)
    except OSError as exc:
        print(f"kiosk autostart: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    if not removed:
        print("No autostart entry to remove.")
        return EXIT_OK
    for path in removed:
        print(f"Removed {path}")
    for line in autostart.after_remove(platform):
        print(line)
    return EXIT_OK
