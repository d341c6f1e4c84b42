"""A deck kept in sync by real Syncthing, into a running booth (issue 14, point 5).

Two Syncthing instances on 127.0.0.1 (Debian's ``syncthing``; ``.ci/run`` installs it):
the authoring machine shares the deck folder send-only, the booth receives it receive-only,
and a show with its real services (the deck watcher, the statistics) runs on the booth's
copy. A change on the authoring side (a new title, a new slide with a new picture) ends on
the booth's screen in one reload, with no failed reload and no warning on the way.

Nothing leaves 127.0.0.1: each instance listens on a loopback port only, with global and
local discovery, relays, NAT traversal, usage and crash reporting and upgrades off, and
knows the other by device ID and address; the REST API is reached without any proxy.
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.app import Display, DisplayOptions, StaffSetup
from kiosk.booth import Booth, ShowControls, make_services
from kiosk.boothsettings import BoothSettings
from kiosk.deck import DeckSet, load_deck_set
from kiosk.pinhash import hash_pin
from kiosk.qt.staff import StaffController

SYNCTHING = shutil.which("syncthing")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SYNCTHING is None,
        reason="syncthing is not installed (Debian: apt-get install syncthing; .ci/run does)",
    ),
]

FOLDER_ID = "kiosk-deck"
TIMEOUT_S = 60.0  # each wait: Syncthing usually needs a few seconds, a loaded CI more
PICTURE = Path(__file__).resolve().parents[2] / "docs/screenshots/sample/public/photo.png"

BEFORE = """---
lang: fr
title: Stand
---

# Bienvenue au stand

---

# Nos actions

- Coopération
- Solidarité
"""

AFTER = """---
lang: fr
title: Stand
---

# Bienvenue au stand de Cités Unies France

---

# Nos actions

- Coopération
- Solidarité

---
layout: image-right
image: /photo.png
---

# Sur le terrain

Une action menée avec nos partenaires.
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    """Poll ``condition`` (another process's state: nothing signals it to us), Qt's
    events going on meanwhile."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {timeout:.0f} s")
        spin(200)


# No proxy: a proxy from the environment would take loopback requests off the machine.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Syncthing:
    """One Syncthing instance of the test: its home folder, ports and process."""

    name: str
    home: Path
    gui_port: int = field(default_factory=free_port)
    listen_port: int = field(default_factory=free_port)
    api_key: str = ""
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def log_file(self) -> Path:
        return self.home / "syncthing.log"

    def generate(self) -> None:
        """Its keys and a first config.xml (Syncthing's own defaults)."""
        subprocess.run(
            [SYNCTHING or "syncthing", "generate", f"--home={self.home}", "--no-default-folder"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        root = ET.parse(self.home / "config.xml").getroot()
        own = root.find("device")
        assert own is not None
        self.device_id = own.attrib["id"]

    def configure(self, peer: Syncthing, folder: Path, kind: str, *, dial: bool) -> None:
        """Loopback only, knows ``peer`` (and dials it if ``dial``), shares ``folder``
        with it as ``kind``."""
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        assert gui is not None
        set_text(gui, "address", f"127.0.0.1:{self.gui_port}")
        self.api_key = f"kiosk-test-{self.name}-{self.gui_port}"
        set_text(gui, "apikey", self.api_key)
        options = root.find("options")
        assert options is not None
        for key, value in {
            "listenAddress": f"tcp://127.0.0.1:{self.listen_port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",  # and with it STUN
            "announceLANAddresses": "false",
            "startBrowser": "false",
            "urAccepted": "-1",  # usage reporting declined
            "crashReportingEnabled": "false",
            "autoUpgradeIntervalH": "0",
            "reconnectionIntervalS": "5",
        }.items():
            set_text(options, key, value)
        defaults = root.find("defaults")
        assert defaults is not None
        device_defaults, folder_defaults = defaults.find("device"), defaults.find("folder")
        assert device_defaults is not None and folder_defaults is not None
        # The peer, by device ID. One side dials the other's loopback address: when both
        # dial at once, Syncthing drops one of the two connections and may take its
        # reconnection interval (20 s and more) to settle. "dynamic" with discovery off
        # dials nothing; the peer's connection is still accepted, by its device ID.
        other = deepcopy(device_defaults)
        other.attrib.update(id=peer.device_id, name=peer.name)
        set_text(other, "address", f"tcp://127.0.0.1:{peer.listen_port}" if dial else "dynamic")
        root.insert(1, other)
        # The shared folder, Syncthing's folder defaults otherwise.
        shared = deepcopy(folder_defaults)
        shared.attrib.update(
            id=FOLDER_ID, label="deck", path=str(folder), type=kind, fsWatcherDelayS="1"
        )
        for member in shared.findall("device"):
            shared.remove(member)
        for device_id in (self.device_id, peer.device_id):
            member = ET.Element("device", id=device_id, introducedBy="")
            ET.SubElement(member, "encryptionPassword")
            shared.insert(1, member)
        root.insert(0, shared)
        tree.write(path, encoding="unicode")

    def start(self) -> None:
        with self.log_file.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    SYNCTHING or "syncthing",
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--no-default-folder",
                    "--skip-port-probing",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={"HOME": str(self.home), "PATH": "/usr/bin:/bin", "STNOUPGRADE": "1"},
            )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def rest(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            method=method,
            headers={"X-API-Key": self.api_key},
        )
        with _OPENER.open(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            pytest.fail(f"syncthing {self.name} ended:\n{self.log_file.read_text()[-3000:]}")
        try:
            return bool(self.rest("/rest/system/ping") == {"ping": "pong"})
        except OSError:
            return False

    def listening(self) -> bool:
        status = self.rest("/rest/system/status").get("connectionServiceStatus", {})
        address = f"tcp://127.0.0.1:{self.listen_port}"
        return address in status and not status[address].get("error")

    def connected_to(self, peer: Syncthing) -> bool:
        connections = self.rest("/rest/system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def folder_status(self) -> dict[str, Any]:
        status: dict[str, Any] = self.rest(f"/rest/db/status?folder={FOLDER_ID}")
        return status


def set_text(parent: ET.Element, tag: str, text: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text


def in_sync(booth: Syncthing, sender: Syncthing, files: int) -> bool:
    """The booth has every file of the sender's last scan, and is doing nothing more."""
    sent, got = sender.folder_status(), booth.folder_status()
    completion = sender.rest(f"/rest/db/completion?folder={FOLDER_ID}&device={booth.device_id}")
    return bool(
        sent["state"] == "idle"
        and sent["localFiles"] == files
        and got["state"] == "idle"
        and got["needTotalItems"] == 0
        and got["globalFiles"] == files
        and got["localFiles"] == files
        and completion["completion"] == 100
        and completion["needItems"] == 0
    )


@dataclass
class Pair:
    """The authoring machine's deck, the booth's copy, and the two Syncthing instances."""

    source: Path
    copy: Path
    sender: Syncthing
    booth: Syncthing

    def synced(self, files: int) -> None:
        wait_for(
            lambda: in_sync(self.booth, self.sender, files),
            f"the booth did not get the {files} files of the deck",
        )


@pytest.fixture
def syncthing_pair(tmp_path: Path) -> Iterator[Pair]:
    """Two Syncthing instances sharing a deck folder (authoring send-only, booth
    receive-only), connected and with the first version of the deck synced."""
    source, copy = tmp_path / "authoring" / "deck", tmp_path / "booth" / "deck"
    for folder in (source, copy):
        (folder / ".stfolder").mkdir(parents=True)  # Syncthing's marker: the folder is there
    (source / "slides.md").write_text(BEFORE, encoding="utf-8")
    sender = Syncthing("authoring", tmp_path / "st-authoring")
    booth = Syncthing("booth", tmp_path / "st-booth")
    try:
        for instance in (sender, booth):
            instance.generate()
        sender.configure(booth, source, "sendonly", dial=True)
        booth.configure(sender, copy, "receiveonly", dial=False)
        # The booth listening first, so that the authoring side's first dial finds it.
        booth.start()
        wait_for(booth.answers, "syncthing booth did not answer")
        wait_for(booth.listening, "syncthing booth did not listen")
        sender.start()
        wait_for(sender.answers, "syncthing authoring did not answer")
        wait_for(lambda: sender.connected_to(booth), "the two instances did not connect")
        for one, other in ((sender, booth), (booth, sender)):
            link = one.rest("/rest/system/connections")["connections"][other.device_id]
            assert link["address"].startswith("127.0.0.1:"), link
        pair = Pair(source, copy, sender, booth)
        pair.synced(files=1)
        assert (copy / "slides.md").read_text(encoding="utf-8") == BEFORE
        yield pair
    finally:
        for instance in (booth, sender):
            instance.stop()


@dataclass
class BoothShow:
    display: Display
    booth: Booth
    changed: list[DeckSet]
    failed: list[str]

    def titles(self) -> list[str]:
        deck = self.display.deck()
        return [slide.title for slide in deck.slides] if deck else []


@pytest.fixture
def booth_show(
    syncthing_pair: Pair, tmp_path: Path, qapp: QGuiApplication, qtbot: Any
) -> Iterator[BoothShow]:
    """A show on the booth's copy of the deck with the booth's own services: its deck
    watcher at the booth's timings, its statistics (in tmp_path)."""
    folder = syncthing_pair.copy
    deck_set = load_deck_set(folder)
    staff = StaffController(hash_pin("2468"), windowed=True)
    display = Display(
        deck_set,
        DisplayOptions(windowed=True, reduced_motion=True, size=(1280, 720)),
        StaffSetup(staff),
    )
    booth = Booth(ShowControls.of(display), staff, quit_app=lambda: None, parent=display)
    display.window.show()
    qtbot.waitExposed(display.window)
    display.playback.start()
    settings = BoothSettings(stats_path=tmp_path / "stats.sqlite3", booth_name="test")
    services = make_services(display.window, folder, settings, False, display)
    booth.start(deck_set, services)
    assert booth.watcher is not None
    show = BoothShow(display, booth, [], [])
    booth.watcher.deckChanged.connect(show.changed.append)
    booth.watcher.reloadFailed.connect(show.failed.append)
    yield show
    booth.stop()
    display.window.hide()
    display.deleteLater()
    qapp.processEvents()


def test_a_deck_changed_on_the_authoring_machine_reaches_the_running_booth(
    syncthing_pair: Pair, booth_show: BoothShow, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    assert booth_show.titles() == ["Bienvenue au stand", "Nos actions"]
    caplog.set_level(logging.INFO)
    started = time.time()
    # The author saves the deck with a new slide and its picture; Syncthing's watcher
    # would see it within a second, a scan asked for sees it at once.
    pair = syncthing_pair
    shutil.copyfile(PICTURE, pair.source / "photo.png")
    (pair.source / "slides.md").write_text(AFTER, encoding="utf-8")
    pair.sender.rest(f"/rest/db/scan?folder={FOLDER_ID}", method="POST")
    pair.synced(files=2)
    assert (pair.copy / "slides.md").read_text(encoding="utf-8") == AFTER
    new_titles = ["Bienvenue au stand de Cités Unies France", "Nos actions", "Sur le terrain"]
    wait_for(lambda: booth_show.titles() == new_titles, "the booth did not show the new deck")
    # Then nothing more: the watcher's debounce, and a poll or more after it.
    assert booth_show.booth.watcher is not None
    with qtbot.assertNotEmitted(booth_show.booth.watcher.deckChanged, wait=3000):
        pass
    assert booth_show.failed == []
    assert len(booth_show.changed) == 1
    assert booth_show.display.slides.rowCount() == 3
    records = [r for r in caplog.records if r.created >= started]
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    reloads = [r.getMessage() for r in records if r.getMessage().startswith("reloaded ")]
    assert len(reloads) == 1 and ": 3 slides (fr)" in reloads[0], reloads
