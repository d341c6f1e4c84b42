"""`kiosk run` reaches its first frame without the modules only later work needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Runs `kiosk run --paused` as the console does; when the first frame is on screen (before
# the booth's services start), writes the modules loaded so far and leaves at once; and
# QT_NAMESPACE if Python's copy of Qt's namespace was made by then (PySide6 makes it at
# the first use of a member, such as Qt.ConnectionType: some 20 ms).
QT_NAMESPACE = "<PySide6.QtCore.Qt made>"
PROBE = """
import os, sys
import kiosk.app

def report_first_frame(self, path, grab=False):
    def write():
        names = sorted(sys.modules)
        if "Qt" in vars(sys.modules["PySide6.QtCore"]):
            names.append("QT_NAMESPACE")
        path.write_text("\\n".join(names), encoding="utf-8")
        os._exit(0)
    self.after_first_frame(write)

kiosk.app.Display.report_first_frame = report_first_frame
from kiosk.cli import main
sys.exit(main(["run", "--paused", "--windowed"]))
""".replace("QT_NAMESPACE", QT_NAMESPACE)

# Work that waits for the first frame or for a visitor: the booth around the show, parsing
# a changed deck (Markdown, YAML), the statistics database, the deck watcher, the awake
# screen, reading a settings file (there is none here), the PIN check, the statistics export, the first-frame probe's
# JSON (this probe's own report is written without it); OpenSSL's hashlib (the PIN check
# and the watcher's digests), and the processes that `platform` and `ctypes.util` start.
NOT_BEFORE_THE_FIRST_FRAME = (
    "kiosk.booth",  # the booth is made at the first frame (kiosk.show)
    "kiosk.live_settings",
    "kiosk.stats.feed",
    "kiosk.staffstatus",  # the staff panel's status and its words, once it is used
    "kiosk.deck.markdown_ext",
    "kiosk.deck.parser",
    "markdown",
    "yaml",
    "kiosk.stats.store",
    "sqlite3",
    "kiosk.watch",
    "kiosk.system.awake",
    "tomllib",
    "hmac",
    "getpass",
    "json",
    "hashlib",
    "_hashlib",
    "subprocess",
    "ctypes.util",
)

XDG_KINDS = ("CONFIG", "CACHE", "STATE", "DATA")


def first_frame_modules(tmp_path: Path, kiosk_mode: bool = False) -> set[str]:
    report = tmp_path / "modules.txt"
    report.unlink(missing_ok=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_FIRST_FRAME": str(report),
        # A machine of its own: no settings file, an empty cache, logs kept here.
        **{f"XDG_{kind}_HOME": str(tmp_path / kind.lower()) for kind in XDG_KINDS},
    }
    probe = PROBE.replace('"--paused", "--windowed"', '"--paused"') if kiosk_mode else PROBE
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(report.read_text(encoding="utf-8").splitlines())


def test_run_draws_the_cover_before_loading_what_later_work_needs(tmp_path: Path) -> None:
    first = first_frame_modules(tmp_path)  # parses the deck and fills the cache
    assert "kiosk.deck.parser" in first  # the probe sees imports made on the way
    loaded = first_frame_modules(tmp_path)  # an unchanged deck: from the cache
    assert "kiosk.app" in loaded and "kiosk.deck.cache" in loaded
    assert sorted(loaded & set(NOT_BEFORE_THE_FIRST_FRAME)) == []


def test_run_draws_the_cover_before_making_pythons_copy_of_qts_namespace(
    tmp_path: Path,
) -> None:
    first_frame_modules(tmp_path, kiosk_mode=True)  # fills the deck cache
    # Kiosk mode: the lockdown, the staff controller and the window keeper are made too.
    loaded = first_frame_modules(tmp_path, kiosk_mode=True)
    assert "kiosk.system.lockdown" in loaded and "kiosk.qt.gesture" in loaded
    assert QT_NAMESPACE not in loaded


# QML the cover does not show, read only once the first frame is on screen (or when
# asked for): the staff's PIN pad and panel, « Sommaire », « Toujours là ? », the neutral
# screen. Main.qml loads them by their files' URLs; an inline component would have Qt
# read and compile them first.
NOT_READ_BEFORE_THE_FIRST_FRAME = (
    "staff/",
    "Overlays.qml",
    "components/SectionMenu.qml",
    "components/StillThere.qml",
    "EmptyScreen.qml",
)


def test_run_reads_only_the_qml_the_cover_shows_before_its_first_frame(tmp_path: Path) -> None:
    config = tmp_path / "config" / "kiosk"
    config.mkdir(parents=True)
    (config / "kiosk.toml").write_text('log_level = "debug"\n', encoding="utf-8")
    report = tmp_path / "modules.txt"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_FIRST_FRAME": str(report),
        # Qt's disk cache names every QML file as the engine reads it (into the log).
        "QT_LOGGING_RULES": "qt.qml.diskcache.debug=true",
        **{f"XDG_{kind}_HOME": str(tmp_path / kind.lower()) for kind in XDG_KINDS},
    }
    # Not --windowed: the staff overlay is built in kiosk mode only.
    probe = PROBE.replace('"--paused", "--windowed"', '"--paused"')
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "state" / "kiosk" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    read = {
        line.split("/qml/Kiosk/", 1)[1].split('"', 1)[0]
        for line in log.splitlines()
        if "/qml/Kiosk/" in line and "No pre-compiled unit found" in line
    }
    assert {"Main.qml", "SlideView.qml", "CoverLayout.qml", "components/ControlBar.qml"} <= read
    late = sorted(f for f in read if f.startswith(NOT_READ_BEFORE_THE_FIRST_FRAME))
    assert late == []
