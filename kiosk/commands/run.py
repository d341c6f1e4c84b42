"""`kiosk run [DECK]`: show a deck fullscreen (or in a preview window) until stopped."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import BUNDLED_DECK, __version__
from kiosk.commands import EXIT_ERRORS, EXIT_USAGE

# Qt, the settings, the logs and the show are imported by `main`, once collections are
# paused (see there): `kiosk run --help` and `kiosk export` need none of them.
if TYPE_CHECKING:
    from kiosk.app import DisplayOptions
    from kiosk.config import Settings
    from kiosk.deck.model import Finding

log = logging.getLogger(__name__)


def window_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` -> ``(1920, 1080)``, for argparse; a usage error otherwise."""
    try:
        width_text, height_text = text.lower().replace("×", "x").split("x")
        width, height = int(width_text), int(height_text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (160 <= width <= 16384 and 120 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height must be 160..16384 pixels")
    return width, height


def add_parser(subparsers: Any) -> None:
    from kiosk.config import ROTATIONS  # the constants only: the settings are read in `main`

    parser = subparsers.add_parser(
        "run",
        help="show a deck fullscreen, looping (the default command)",
        description="Show a deck (a Markdown file or a folder with slides.md and its"
        " translations) fullscreen on the primary screen, looping on its own. Keys, clicks"
        " and swipes move through it. SIGHUP reads the deck and the settings again."
        " Exit status: 0 stopped normally (also on SIGTERM or SIGINT), 1 no usable display, the"
        " display could not start or another kiosk-mode show is running, 2 usage error or"
        " missing deck or settings file, 128+N stopped by signal N (e.g. 138,"
        " SIGUSR1).",
    )
    parser.add_argument(
        "deck", nargs="?", type=Path, default=None, help="deck file or folder (default: bundled)"
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="settings file (default: kiosk.toml beside the deck, else the user's kiosk.toml)",
    )
    parser.add_argument("--verbose", action="store_true", help="also write the log to the terminal")
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="a resizable preview window instead of fullscreen (no lockdown)",
    )
    parser.add_argument(
        "--screen", type=int, default=None, metavar="N", help="show on screen N (0 is the first)"
    )
    parser.add_argument(
        "--rotate",
        type=int,
        choices=ROTATIONS,
        default=None,
        help="turn the slides by this many degrees (portrait totem on a landscape output)",
    )
    parser.add_argument("--lang", default=None, metavar="TAG", help="language, e.g. fr or en")
    parser.add_argument(
        "--size",
        type=window_size,
        default=None,
        metavar="WxH",
        help="window size in pixels with --windowed (default: a 16:9 preview)",
    )
    parser.add_argument(
        "--reduced-motion",
        action="store_const",
        const=True,
        default=None,
        help="no fades between slides, no figure rising into place",
    )
    parser.add_argument(
        "--paused", action="store_true", help="start with the loop paused (preview one slide)"
    )
    parser.add_argument(
        "--slide", type=int, default=1, metavar="N", help="start on slide N (1 is the first)"
    )
    parser.set_defaults(handler=main)


def settings_from(args: argparse.Namespace) -> tuple[Settings, Path | None, list[Finding]]:
    """The settings file's values with the command line's on top; raises SettingsError."""
    from kiosk.config import find_config_file, load_settings

    deck_hint = args.deck or BUNDLED_DECK
    path = find_config_file(args.config, deck_hint)
    overrides = {
        "deck": args.deck,
        "screen": args.screen,
        "rotation": args.rotate,
        "language": args.lang,
        "reduced_motion": args.reduced_motion,
    }
    settings, findings = load_settings(path, overrides)
    return settings, path, findings


def display_options(settings: Settings, args: argparse.Namespace) -> DisplayOptions:
    """What the display needs from the settings and the preview flags."""
    from kiosk.app import DisplayOptions

    return DisplayOptions(
        windowed=args.windowed,
        screen=settings.screen,
        rotate=settings.rotation,
        language=settings.language or None,
        size=args.size if args.windowed else None,
        reduced_motion=settings.reduced_motion,
        black_until_key=settings.black_until_key,
        autoplay=not args.paused,
        start=max(0, args.slide - 1),
        idle_timeout_s=settings.idle_timeout_s,
        countdown_s=settings.countdown_s,
        default_duration_s=settings.slide_duration_s,
        transition=settings.transition,
        transition_ms=settings.transition_ms,
        renderer=settings.renderer,
    )


def main(args: argparse.Namespace) -> int:
    # Starting the show (Qt's modules, ours, the scene) makes objects that last as long as
    # it does, not garbage: collecting them before the cover is drawn only costs time
    # (some 10 ms). kiosk.show.run turns collections back on once the first frame is on
    # screen; here, in case it never gets that far.
    gc.disable()
    try:
        return _show(args)
    finally:
        gc.enable()


def _show(args: argparse.Namespace) -> int:
    from kiosk.config import SettingsError
    from kiosk.deck.variants import DeckNotFound, main_file
    from kiosk.system import display, instance

    # Usage errors first, then the one-show lock, then the display: all before Qt is
    # touched, because Qt aborts (SIGABRT, a core, nothing said) when it finds no display.
    if args.config is not None and not args.config.is_file():
        what = "not a file" if args.config.exists() else "no such settings file"
        print(f"kiosk run: {args.config}: {what}", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings, settings_file, findings = settings_from(args)
        main_file(settings.deck)
    except (SettingsError, DeckNotFound) as exc:
        print(f"kiosk run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    show_lock = None
    if not args.windowed:  # a preview beside the show is fine: it records nothing
        try:
            show_lock = instance.acquire(settings.deck)
        except instance.ShowRunning as exc:
            print(
                f"kiosk run: {exc}; stop it first, or use --windowed for a preview",
                file=sys.stderr,
            )
            return EXIT_ERRORS
    try:
        if (reason := display.problem()) is not None:
            print(f"kiosk run: {reason}", file=sys.stderr)
            return EXIT_ERRORS
        return _start(args, settings, settings_file, findings)
    finally:
        if show_lock is not None:
            show_lock.release()


def _start(
    args: argparse.Namespace,
    settings: Settings,
    settings_file: Path | None,
    findings: list[Finding],
) -> int:
    from kiosk.app import DisplayError
    from kiosk.boothsettings import BoothSettings
    from kiosk.deck.model import Severity
    from kiosk.deck.variants import DeckNotFound
    from kiosk.logs import CRASH_NAME, install_excepthook, log_startup_banner, setup_logging
    from kiosk.show import run

    log_file = setup_logging(settings.log_level, args.verbose)
    install_excepthook(log_file.with_name(CRASH_NAME))
    log_startup_banner(__version__, settings.deck, settings.screen, settings_file)
    for finding in findings:  # a bad value: its default is used, the booth still shows
        log.log(
            logging.ERROR if finding.severity is Severity.ERROR else logging.WARNING,
            "settings: %s",
            finding,
        )
    if args.windowed:  # an author's preview, maybe beside the show: not a visitor's data
        log.info("preview window: statistics not recorded")
    if args.size and not args.windowed:
        log.warning("--size only applies with --windowed; fullscreen takes the screen's size")
    options = display_options(settings, args)
    unattended = BoothSettings(
        pin_hash=settings.staff_pin_hash,
        staff_corner=settings.staff_corner,
        staff_hold_s=settings.staff_hold_s,
        statistics=settings.statistics and not args.windowed,
        log_file=log_file,
        language=options.language or "",
        booth_name=settings.booth_name,
    )
    try:
        return run(
            settings.deck,
            options,
            unattended,
            started_settings=settings,
            reread_settings=lambda: settings_from(args),  # SIGHUP: same file, same overrides
        )
    except DeckNotFound as exc:
        print(f"kiosk run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DisplayError as exc:
        print(f"kiosk run: {exc}", file=sys.stderr)
        return EXIT_ERRORS
