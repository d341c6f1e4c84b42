"""What the booth (kiosk.booth) takes from the settings file, in a module of its own.

`kiosk run` makes it before the first frame, and the booth only after that frame: its
module, its statistics feed and its wiring must not delay the cover (kiosk.show).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Settings

# The settings' defaults (kiosk.config): BoothSettings takes its from there.
_DEFAULTS = Settings()


@dataclass(frozen=True, slots=True)
class BoothSettings:
    """What the unattended layer needs from the settings file."""

    pin_hash: str = _DEFAULTS.staff_pin_hash
    staff_corner: str = _DEFAULTS.staff_corner
    staff_hold_s: float = _DEFAULTS.staff_hold_s
    statistics: bool = _DEFAULTS.statistics
    log_file: Path | None = None  # shown in the staff panel's status
    stats_path: Path | None = None  # None: the platform's data folder
    watch: bool = True  # reload the deck when its files change
    language: str = _DEFAULTS.language  # the settings': a deck declaring none is read in it
    booth_name: str = _DEFAULTS.booth_name  # "" : the host name; recorded with show starts
