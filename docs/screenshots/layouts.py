"""Draw one screenshot per layout from the sample deck, as docs/screenshots/ has them.

Every slide of ``sample/`` is drawn by the export (``kiosk.export.render_slides``) at
960x540, and the portrait ones at 540x960, each saved under its layout's name
(``fact.png``, ``portrait-fact.png``): into OUT, and into docs/screenshots/ with ``--docs``.

    python docs/screenshots/layouts.py /tmp/layouts [--docs]

tests/test_docs.py draws them again and fails when they differ from the committed ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

from shots import HERE, docs_folder, parser

from kiosk.app import prepare_application
from kiosk.deck import load_deck_set
from kiosk.export import render_slides

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
    args = parser(__doc__.splitlines()[0]).parse_args()
    docs = docs_folder(args)
    args.out.mkdir(parents=True, exist_ok=True)
    prepare_application()
    for path in draw(args.out):
        print(path)
        if docs is not None:
            (docs / path.name).write_bytes(path.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
