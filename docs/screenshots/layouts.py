"""Draw one screenshot per layout from the sample deck, as docs/screenshots/ has them.

Every slide of ``sample/`` is drawn by the export (``kiosk.export.render_slides``) at
960x540, and the portrait ones at 540x960, each saved under its layout's name
(``fact.png``, ``portrait-fact.png``): into OUT, and into docs/screenshots/ with ``--docs``.

    python docs/screenshots/layouts.py /tmp/layouts [--docs]

tests/test_docs.py draws them again and fails when they differ from the committed ones.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from kiosk.app import prepare_application  # noqa: E402
from kiosk.deck import load_deck_set  # noqa: E402
from kiosk.export import render_slides  # noqa: E402

LANDSCAPE, PORTRAIT = (960, 540), (540, 960)
PORTRAIT_LAYOUTS = ("fact", "image-left", "end")  # the totem's busiest and its closing


def draw(out: Path) -> list[Path]:
    """Every layout's screenshot into ``out``; the files written."""
    deck = load_deck_set(HERE / "sample").default
    written = []
    for size, prefix, layouts in ((LANDSCAPE, "", None), (PORTRAIT, "portrait-", PORTRAIT_LAYOUTS)):
        images = render_slides(deck, size)
        for slide, image in zip(deck.slides, images, strict=True):
            layout = slide.layout.value
            if layouts is None or layout in layouts:
                path = out / f"{prefix}{layout}.png"
                image.save(str(path))
                written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--docs", action="store_true", help="also update docs/screenshots/")
    parser.add_argument(
        "--docs-dir", type=Path, default=None, help="write what --docs would write here instead"
    )
    args = parser.parse_args()
    docs = args.docs_dir or (HERE if args.docs else None)
    args.out.mkdir(parents=True, exist_ok=True)
    prepare_application()
    for path in draw(args.out):
        print(path)
        if docs is not None:
            docs.mkdir(parents=True, exist_ok=True)
            (docs / path.name).write_bytes(path.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
