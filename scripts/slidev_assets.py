"""Write slides/public/qr-link.svg, the QR code Slidev shows on the deck's closing slide.

The kiosk draws the `end` slide's QR code from the headmatter's ``link:`` on the machine
(kiosk.qt.qrcode). Slidev cannot: its custom layout ``slides/layouts/end.vue`` shows
``/qr-link.svg`` instead, which Slidev serves from the deck's ``public/`` folder. This
script makes that file from the same ``link:``, read by the kiosk's own parser, with the
same QR settings, offline. Run it after changing ``link:``:

    .venv/bin/python scripts/slidev_assets.py                  # the bundled deck
    .venv/bin/python scripts/slidev_assets.py DECK --output FILE

tests/test_slidev_deck.py fails while the committed file does not match the link.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import segno

from kiosk.deck import load_deck_set
from kiosk.deck.variants import DeckNotFound

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "slides"
QR_NAME = "qr-link.svg"  # what end.vue shows, at /qr-link.svg
SCALE = 10  # pixels per module in the SVG's width and height; it scales cleanly anyway
QUIET_ZONE = 4  # modules of light margin, as the QR specification asks (and the kiosk draws)


class NoLink(Exception):
    """The deck gives no single ``link:`` to make the QR code of."""


def deck_link(deck: Path) -> str:
    """The headmatter ``link:`` of the deck, the same in every language."""
    deck_set = load_deck_set(deck)
    links = {d.link for d in deck_set.decks}
    link = deck_set.default.link
    if not link:
        raise NoLink(f"{deck_set.default.path}: no `link:` in the headmatter")
    if len(links) > 1:  # one file serves every language's build
        raise NoLink(
            f"{deck_set.default.path}: the languages give different `link:` values "
            f"({', '.join(sorted(repr(x) for x in links))}); Slidev gets one QR code"
        )
    return link


def write_qr(link: str, target: Path) -> Path:
    """Write the QR code of ``link`` as SVG to ``target``; return ``target``."""
    # The kiosk's settings (kiosk.qt.qrcode): level M at least, raised when it costs no size.
    code = segno.make(link, error="m", micro=False, boost_error=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    code.save(str(target), kind="svg", scale=SCALE, border=QUIET_ZONE, dark="#000", light="#fff")
    return target


def generate(deck: Path = DECK, target: Path | None = None) -> Path:
    """Write the deck's QR code, by default to ``public/qr-link.svg`` in its folder."""
    folder = deck if deck.is_dir() else deck.parent
    return write_qr(deck_link(deck), target or folder / "public" / QR_NAME)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "deck", nargs="?", type=Path, default=DECK, help="deck folder or file (default: slides/)"
    )
    parser.add_argument(
        "--output", type=Path, help=f"file to write (default: DECK/public/{QR_NAME})"
    )
    args = parser.parse_args(argv)
    try:
        print(generate(args.deck, args.output))
    except (NoLink, DeckNotFound) as exc:
        print(f"slidev_assets: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
