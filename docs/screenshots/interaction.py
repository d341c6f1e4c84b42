"""Draw the booth's interaction screens from the bundled deck, as PNG files.

The attract loop with its hint, a visitor's controls, « Sommaire », « Toujours là ? » and
the English deck, drawn offscreen at a screen's real size (landscape 1920x1080 and
portrait 1080x1920), then saved at that size into OUT, and at half size into
docs/screenshots/ with ``--docs``:

    python docs/screenshots/interaction.py /tmp/shots [--docs]

tests/test_docs.py draws them again and fails when they differ from the committed ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from shots import docs_folder, parser

from kiosk import BUNDLED_DECK
from kiosk.app import Display, DisplayOptions, prepare_application
from kiosk.show import load_for_display

SIZES = ((1920, 1080), (1080, 1920))
FACT_SLIDE = 9  # « 4 700 »: a fact card, the busiest footer
# What goes into docs/screenshots/ (scaled to half): name there -> (screen, size).
DOCS = {
    "menu.png": ("menu", (1920, 1080)),
    "countdown.png": ("countdown", (1920, 1080)),
    "attract-hint.png": ("attract", (1920, 1080)),
    "visitor-controls.png": ("visitor", (1920, 1080)),
    "portrait-menu.png": ("menu", (1080, 1920)),
}


def settle(ms: int = 250) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def draw(out: Path, size: tuple[int, int]) -> dict[str, Path]:
    """Every screen at ``size``, into ``out``; returns name -> file."""
    deck_set = load_for_display(BUNDLED_DECK)
    display = Display(deck_set, DisplayOptions(size=size, reduced_motion=True, autoplay=False))
    window = display.window
    window.resize(*size)
    window.show()
    settle()
    display.warm_up()
    files: dict[str, Path] = {}

    def grab(name: str) -> None:
        settle()
        path = out / f"{name}-{size[0]}x{size[1]}.png"
        window.grabWindow().save(str(path))
        files[name] = path

    display.playback.start()
    display.autoplay.pause()  # still: the picture does not depend on timing
    grab("attract")
    display.playback.activity()
    display.navigator.goTo(FACT_SLIDE)
    grab("visitor")
    display.sections.setProperty("open", True)
    grab("menu")
    display.sections.setProperty("open", False)
    display.playback._start_countdown()  # what 60 s of nobody would bring
    grab("countdown")
    display.playback.activity()
    display.language.toggle()
    grab("english")
    window.close()
    display.deleteLater()
    return files


def main() -> int:
    args = parser(__doc__.splitlines()[0]).parse_args()
    docs = docs_folder(args)
    args.out.mkdir(parents=True, exist_ok=True)
    prepare_application()
    drawn = {size: draw(args.out, size) for size in SIZES}
    for path in sorted(p for files in drawn.values() for p in files.values()):
        print(path)
    if docs is not None:
        from PySide6.QtGui import QImage

        for name, (screen, size) in DOCS.items():
            image = QImage(str(drawn[size][screen]))
            half = image.scaled(
                size[0] // 2,
                size[1] // 2,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            half.save(str(docs / name))
            print(docs / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
