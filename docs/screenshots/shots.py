"""What both screenshot scripts share: offscreen drawing, the package, their options.

Imported first: it sets Qt's platform and renderer before PySide is loaded, and puts the
checkout on the path so the scripts run without installing it.
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


def parser(description: str) -> argparse.ArgumentParser:
    """OUT, ``--docs`` (update docs/screenshots/) and ``--docs-dir`` (the same, elsewhere)."""
    made = argparse.ArgumentParser(description=description)
    made.add_argument("out", type=Path, help="folder for the full-size PNG files")
    made.add_argument("--docs", action="store_true", help="also update docs/screenshots/")
    made.add_argument(
        "--docs-dir", type=Path, default=None, help="write what --docs would write here instead"
    )
    return made


def docs_folder(args: argparse.Namespace) -> Path | None:
    """Where the docs' copies go: ``--docs-dir``, docs/screenshots/ with ``--docs``, or none."""
    folder: Path | None = args.docs_dir or (HERE if args.docs else None)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    return folder
