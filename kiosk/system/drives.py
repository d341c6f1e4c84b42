"""Removable media the staff can export to: mounted USB sticks and drives, per platform.

Pure Python, no Qt: the staff panel (:mod:`kiosk.qt.staff`) lists these folders first, then
the home folder, when it opens and when asked again (a stick plugged in after the start).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def export_folder_candidates(
    platform: str = sys.platform,
    user: str | None = None,
    roots: Sequence[Path] | None = None,
    is_mount: Callable[[str], bool] = os.path.ismount,
) -> list[Path]:
    """Mounted removable media, most likely a USB stick first; may be empty.

    Linux: the mount points under ``/media/$USER``, ``/run/media/$USER`` and ``/media``
    (where desktops and udisks mount sticks); macOS: ``/Volumes`` but the start-up disk;
    Windows: the drives Windows calls removable.
    """
    if platform == "win32" and roots is None:
        return _windows_removable_drives()
    if roots is None:
        if platform == "darwin":
            roots = [Path("/Volumes")]
        else:
            name = user or _user_name()
            roots = [Path("/media", name), Path("/run/media", name), Path("/media")]
    found: list[Path] = []
    for root in roots:
        try:
            entries = sorted(root.iterdir())
        except OSError:
            continue
        for entry in entries:
            try:
                usable = entry.is_dir() and is_mount(str(entry)) and os.access(entry, os.W_OK)
                startup_disk = platform == "darwin" and entry.resolve() == Path("/")
            except OSError:
                continue
            if usable and not startup_disk and entry not in found:
                found.append(entry)
    return found


def _user_name() -> str:
    import getpass  # here: only the statistics export's folder list needs it

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, no USER: only the generic roots remain
        return ""


def _windows_removable_drives() -> list[Path]:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    mask = kernel32.GetLogicalDrives()
    found = []
    for index in range(26):
        if mask & (1 << index):
            root = f"{chr(ord('A') + index)}:\\"
            if kernel32.GetDriveTypeW(root) == drive_removable:
                found.append(Path(root))
    return found
