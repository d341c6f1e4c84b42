"""The operating system and window system around the show: what a booth PC does to it.

One module per concern: the display found before Qt starts (``display``), one show per data
folder (``instance``), process signals (``signals``), the window locked down and kept on
screen (``lockdown``, ``window``), GPU or software drawing (``renderer``), the screen kept
awake (``awake``), the pointer hidden (``cursor``), the PIN's rate limit (``pingate``),
removable drives for exports (``drives``).
"""

from __future__ import annotations
