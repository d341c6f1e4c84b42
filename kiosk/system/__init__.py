"""The operating system around the show: an awake screen and a pointer that stays out of sight.

- :mod:`kiosk.system.awake`: :class:`~kiosk.system.awake.ScreenAwake` inhibits the
  screensaver and display sleep with the platform's own mechanism.
- :mod:`kiosk.system.cursor`: :class:`~kiosk.system.cursor.CursorHider` hides the pointer
  when the mouse is still, and never shows it for touch.
"""

from __future__ import annotations
