"""Offline by construction: the show runs with remote images and imports, and opens no network.

The show runs in a child process (``kiosk run --windowed`` on the offscreen platform) for a
few seconds, over a deck that names remote images, a remote ``src:`` import, iframes, a
remote script and QR links. Two witnesses watch it:

- a Python audit hook (``sys.addaudithook``, installed before kiosk is imported) records
  every socket made or connected, every name lookup, every datagram sent and every urllib
  request;
- where ``strace`` is installed, the kernel's view of the same process and its threads,
  which also sees what Qt's C++ code does (a QML Image fetching a URL would show here).

Local sockets (AF_UNIX: the D-Bus session bus, the X server, the wake-up socket pair the app
uses for signals) are local by definition and allowed; nothing else is.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

RUN_SECONDS = 4.0  # after the first frame: several slides, the translations' late load
FIRST_FRAME_TIMEOUT = 60.0
FIRST_FRAME_ENV = "KIOSK_FIRST_FRAME"  # kiosk.show's diagnostics switch (see kiosk/show.py)

# The child's first code: the audit hook, then kiosk's own command line. argv: the events
# file, then the kiosk arguments (or "canary" to prove the hook sees a connection).
HOOKED = textwrap.dedent(
    """
    import json, socket, sys
    events = open(sys.argv[1], "a", buffering=1, encoding="utf-8")
    WATCHED = {
        "socket.__new__", "socket.connect", "socket.bind", "socket.sendto",
        "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname",
        "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getnameinfo",
        "urllib.Request",
    }

    def family_of(args):
        if args and isinstance(args[0], socket.socket):
            if len(args) > 1 and isinstance(args[1], int):  # socket.__new__(self, family, ...)
                return args[1]
            return args[0].family
        return None

    def hook(event, args):
        if event in WATCHED:
            family = family_of(args)
            events.write(json.dumps({
                "event": event,
                "family": int(family) if family is not None else None,
                "args": repr(args[1:] if family is not None else args)[:300],
            }) + "\\n")

    sys.addaudithook(hook)
    if sys.argv[2:] == ["canary"]:
        import urllib.request
        try:
            urllib.request.urlopen("http://127.0.0.1:9/", timeout=2)
        except OSError:
            pass
        sys.exit(0)
    from kiosk.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)

DECK_FR = textwrap.dedent(
    """\
    ---
    title: Hors ligne
    lang: fr
    duration: 1
    link: https://cites-unies-france.org
    ---

    # Hors ligne

    ![Carte distante](https://example.org/carte.png)

    ---
    layout: image
    image: https://example.org/photo.jpg
    ---

    # Une image distante

    <img src="https://example.org/inline.png">

    ---
    src: https://example.org/remote-slides.md
    ---

    ---

    # Du HTML qui voudrait sortir

    <iframe src="https://example.org/embed"></iframe>
    <script src="https://example.org/tracker.js"></script>

    ---
    layout: end
    qr: https://cites-unies-france.org/rejoindre
    ---

    # Rejoignez-nous !
    """
)

DECK_EN = (
    DECK_FR.replace("lang: fr", "lang: en")
    .replace("# Hors ligne", "# Offline")
    .replace("# Une image distante", "# A remote image")
    .replace("# Du HTML qui voudrait sortir", "# HTML that would like to get out")
    .replace("# Rejoignez-nous !", "# Join us!")
)

AF_UNIX = 1


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "slides.md").write_text(DECK_FR, encoding="utf-8")
    (folder / "slides.en.md").write_text(DECK_EN, encoding="utf-8")
    return folder


def child_env(tmp_path: Path, report: Path) -> dict[str, str]:
    """The child's environment: offscreen, its own folders, the first-frame report on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_QUICK_BACKEND="software",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env[FIRST_FRAME_ENV] = str(report)
    return env


def run_show(
    command: list[str], env: dict[str, str], report: Path
) -> subprocess.CompletedProcess[str]:
    """Start the show, wait for its first frame, let it run, stop it with SIGTERM.

    The command runs in a process group of its own, and SIGTERM goes to the whole group: a
    tracer in front of the show (strace) would not pass it on.
    """
    child = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + FIRST_FRAME_TIMEOUT
        while not report.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if report.exists():
            time.sleep(RUN_SECONDS)  # the show goes on: slides advance, translations load
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGTERM)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    return subprocess.CompletedProcess(command, child.returncode, out, err)


def kiosk_arguments(deck: Path) -> list[str]:
    return ["run", "--windowed", "--size", "800x450", str(deck)]


def read_events(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_the_audit_hook_sees_a_connection(tmp_path: Path) -> None:
    """The witness works: a connection to a closed local port is recorded."""
    events_file = tmp_path / "events.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", HOOKED, str(events_file), "canary"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = {event["event"] for event in read_events(events_file)}
    assert {"urllib.Request", "socket.connect"} <= seen


def test_the_show_runs_without_touching_the_network(deck: Path, tmp_path: Path) -> None:
    report = tmp_path / "first-frame.json"
    events_file = tmp_path / "events.jsonl"
    done = run_show(
        [sys.executable, "-c", HOOKED, str(events_file), *kiosk_arguments(deck)],
        child_env(tmp_path, report),
        report,
    )

    # The show did run: a first frame, in the asked window, and a clean stop on SIGTERM.
    assert report.exists(), f"no first frame; exit {done.returncode}\n{done.stderr[-3000:]}"
    frame = json.loads(report.read_text(encoding="utf-8"))
    assert frame["window"][2:] == [800, 450]
    assert done.returncode == 0, done.stderr[-3000:]

    events = read_events(events_file)
    assert events, "the audit hook recorded nothing at all: it was not installed"
    # AF_UNIX is local (D-Bus, X11, the app's signal wake-up pair); nothing else may appear,
    # and no name is ever looked up, no URL ever requested.
    remote = [e for e in events if e["family"] != AF_UNIX]
    assert remote == [], "network activity:\n" + "\n".join(map(str, remote))

    # The remote content was seen and refused, not silently lost: the log says so.
    log_text = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("state/**/*.log"))
    assert "example.org" in log_text


# `strace -e trace=network` lines, e.g. `1234 connect(5, {sa_family=AF_INET, ...}, 16) = 0`
# (strace pads the pid with spaces when several processes are traced).
_SOCKET_CALL = re.compile(r"^\d+\s+(socket|socketpair|connect|bind|sendto|sendmsg)\(", re.MULTILINE)
_FAMILY = re.compile(r"\bAF_\w+")
LOCAL_FAMILIES = {"AF_UNIX", "AF_LOCAL"}


def test_no_network_socket_at_the_system_call_level(deck: Path, tmp_path: Path) -> None:
    """What the audit hook cannot see (Qt's C++): every socket system call of every thread."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed (apt-get install strace): the audit hook test stands")
    probe = subprocess.run(
        [strace, "-f", "-o", os.devnull, "true"], capture_output=True, text=True, timeout=30
    )
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here (no ptrace?): {probe.stderr.strip()[:200]}")
    report = tmp_path / "first-frame.json"
    trace = tmp_path / "strace.txt"
    done = run_show(
        [
            strace,
            "-f",
            "-qq",
            "-e",
            "trace=network",
            "-o",
            str(trace),
            sys.executable,
            "-m",
            "kiosk",
            *kiosk_arguments(deck),
        ],
        child_env(tmp_path, report),
        report,
    )
    assert report.exists(), f"no first frame; exit {done.returncode}\n{done.stderr[-3000:]}"
    text = trace.read_text(encoding="utf-8")
    assert _SOCKET_CALL.search(text), "strace saw no socket call at all: the trace is not working"
    # Any address family named anywhere in the trace (socket(), connect(), sendto()...).
    remote = [line for line in text.splitlines() if set(_FAMILY.findall(line)) - LOCAL_FAMILIES]
    assert remote == [], "network system calls:\n" + "\n".join(remote[:20])
