"""Console entry for `python -m kiosk`: hand over to the command line."""

from __future__ import annotations

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
