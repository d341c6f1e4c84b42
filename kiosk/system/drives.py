"""Where the staff export to: mounted USB sticks and drives, the Documents folder, the last choice.

Pure Python, no Qt: the staff panel (:mod:`kiosk.qt.staff`) lists the removable media first,
then the user's Documents folder, when it opens and when asked again (a stick plugged in
after the start), and picks the folder the staff last exported to when it is still there
(:class:`RememberedFolder`, a small file beside the logs): the same stick, plugged in again
the next morning, is chosen without a keyboard.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.files import atomic_write, read_bytes_bounded

log = logging.getLogger(__name__)

STATE_FILE = "staff-export.json"  # in the platform's state folder, beside the PIN's
MAX_FILE_BYTES = 8192  # a path and a version; a bigger file is not ours
VERSION = 1


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


def documents_folder() -> Path:
    """The user's Documents folder (XDG's ``user-dirs``, Windows', macOS'): the export's
    fallback when no stick is plugged in; it may not exist yet (the export makes it)."""
    import platformdirs  # here: only the staff panel's folder list needs it

    return platformdirs.user_documents_path()


def default_state_file() -> Path:
    """``staff-export.json`` in the platform's state folder (``~/.local/state/kiosk``)."""
    from kiosk.logs import default_state_dir

    return default_state_dir() / STATE_FILE


@dataclass(frozen=True, slots=True)
class Choice:
    """A folder the staff exported to, and whether it was a removable medium then: a stick's
    mount point left behind empty once it is pulled out (``/media/usb0``) must not be
    taken for the stick."""

    folder: str
    removable: bool


class RememberedFolder:
    """The folder the staff last exported to, kept in ``path`` across restarts.

    Read bounded and non-blocking (a FIFO in its place must not hang the panel); a missing,
    unreadable or foreign file remembers nothing, and a write that fails is logged once: the
    choice is a convenience, never a reason for the panel to fail.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writable = True
        self._this_run: Choice | None = None  # a choice made since the start, kept or not

    def read(self) -> Choice | None:
        import json  # here: only an open panel reads the choice

        if self._this_run is not None:
            return self._this_run
        try:
            data = read_bytes_bounded(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("staff: cannot read the last export folder from %s: %s", self.path, exc)
            return None
        try:
            state = json.loads(data.decode("utf-8")) if len(data) <= MAX_FILE_BYTES else None
        except ValueError:
            state = None
        if not isinstance(state, dict) or state.get("version") != VERSION:
            state = {}
        folder, removable = state.get("folder"), state.get("removable")
        if not isinstance(folder, str) or not folder.strip() or not isinstance(removable, bool):
            log.warning("staff: %s does not hold an export folder: ignored", self.path)
            return None
        return Choice(folder, removable)

    def write(self, choice: Choice) -> None:
        import json

        self._this_run = choice
        state = {"version": VERSION, "folder": choice.folder, "removable": choice.removable}
        text = json.dumps(state, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(self.path, "w", encoding="utf-8") as file:
                file.write(text)
        except OSError as exc:
            if self._writable:
                log.warning(
                    "staff: cannot keep the export folder in %s (%s): it is remembered"
                    " until the show stops only",
                    self.path,
                    exc,
                )
            self._writable = False
        else:
            self._writable = True


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
