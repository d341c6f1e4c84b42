"""Removable media for the statistics export: mounted, writable folders only."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.system.drives import export_folder_candidates


def test_export_folder_candidates_are_mounted_writable_folders(tmp_path: Path) -> None:
    media = tmp_path / "media" / "booth"
    for name in ("KEY", "CDROM", "notmounted"):
        (media / name).mkdir(parents=True)
    (media / "CDROM").chmod(0o555)
    (media / "afile").write_text("x", encoding="utf-8")
    mounted = {str(media / "KEY"), str(media / "CDROM")}
    try:
        found = export_folder_candidates(
            platform="linux", roots=[media, tmp_path / "absent"], is_mount=mounted.__contains__
        )
    finally:
        (media / "CDROM").chmod(0o755)
    if os.geteuid() == 0:  # root may write anywhere: the read-only one counts too
        assert found == [media / "CDROM", media / "KEY"]
    else:
        assert found == [media / "KEY"]
