"""Benchmark: the show against a bare QtQuick window: start time, memory, CPU while static.

Both programs run the same way: a fresh Python process, PySide6, a fullscreen QtQuick
window on an X server (a private Xvfb started here, xcb platform; the offscreen platform
when Xvfb is missing). Each reports the moment its first frame is on screen through the
same probe (kiosk.show.FIRST_FRAME_ENV). Measured for each:

- start: process start -> first frame of the cover (median of several runs), seconds;
- PSS: proportional set size 10 s after start (/proc/PID/smaps_rollup), MB;
- CPU: user + system time over the next 20 s on a static slide (the loop paused).

The bare window runs on Qt's default renderer (OpenGL: Mesa's llvmpipe on Xvfb) and on Qt
Quick's software renderer; the show is compared with the one on the renderer it chose.
Targets (issues 3 and 11): start within 1.5x the bare window's on the same renderer, PSS
within the bare window's + 60 MB, under 0.05 CPU-s per 20 s while static (no frame drawn).

Run: python bench/bench_startup.py [--runs N] [--strict]   (--strict: exit 1 on a miss)
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (1920, 1080)
SETTLE_S = 10.0  # PSS is read this long after start
STATIC_S = 20.0  # CPU is summed over this long after that

# The bare window: what any QtQuick app costs, with one line of text, as a lean script of its
# own (run with `python -c`, so it imports nothing this benchmark needs). It reports its first
# frame exactly as the kiosk does.
BARE_SCRIPT = '''
import json, os, sys, time
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

if sys.argv[1:] == ["software"]:
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
QML = b"""
import QtQuick
Window {
    // The screen's size, as the kiosk sets it: without a window manager (Xvfb here),
    // FullScreen alone leaves a 160x160 window, a far cheaper frame than the show's.
    x: 0; y: 0; width: Screen.width; height: Screen.height
    visibility: Window.FullScreen
    color: "#0f2a44"
    Text { anchors.centerIn: parent; text: "Bonjour"; color: "white"; font.pixelSize: 64 }
}
"""
app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.loadData(QML)
window = engine.rootObjects()[0]
report = os.environ["KIOSK_FIRST_FRAME"]


def write():
    now = time.monotonic()
    with open(report, "w") as out:
        out.write(json.dumps({"monotonic": now, "window": [0, 0, window.width(), window.height()]}))


once = Qt.ConnectionType(
    Qt.ConnectionType.QueuedConnection.value | Qt.ConnectionType.SingleShotConnection.value
)
window.frameSwapped.connect(write, once)
sys.exit(app.exec())
'''


@dataclass
class Figures:
    start_s: list[float]
    pss_mb: float
    cpu_s: float  # over STATIC_S
    renderer: str  # the graphics API of the first frame ("" when not reported)


@contextmanager
def x_server() -> Iterator[dict[str, str]]:
    """Environment for a private Xvfb (or offscreen when there is no Xvfb)."""
    with x_server_process() as (env, _pid):
        yield env


@contextmanager
def x_server_process() -> Iterator[tuple[dict[str, str], int | None]]:
    """Environment for a private Xvfb, and its PID (None: offscreen, no Xvfb found)."""
    binary = shutil.which("Xvfb")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "KIOSK_"))}
    if binary is None:
        print("Xvfb not found: measuring with the offscreen platform", file=sys.stderr)
        yield {**base, "QT_QPA_PLATFORM": "offscreen"}, None
        return
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{SCREEN[0]}x{SCREEN[1]}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            raise SystemExit("Xvfb did not start")
        yield {**base, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}, server.pid
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(10)


def pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no Pss line")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def one_run(
    command: list[str], env: dict[str, str], measure: bool
) -> tuple[float, float, float, str]:
    """Start ``command``; return (start seconds, PSS MB, CPU-s over STATIC_S, renderer) (PSS
    and CPU when ``measure``)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "first-frame.json"
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            env={**env, "KIOSK_FIRST_FRAME": str(report)},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while not report.exists():
                if process.poll() is not None or time.monotonic() - started > 60:
                    raise SystemExit(f"{command} drew no frame:\n{process.stderr.read()}")
                time.sleep(0.005)
            time.sleep(0.05)  # the report is written in one go; let it land
            drawn = json.loads(report.read_text())
            first = drawn["monotonic"] - started
            # Both first frames fill the screen, or the comparison is not of like with like.
            if tuple(drawn["window"][2:]) != SCREEN:
                raise SystemExit(f"{command[:3]} drew a {drawn['window'][2:]} frame, not {SCREEN}")
            pss = cpu = float("nan")
            if measure:
                time.sleep(max(0.0, started + SETTLE_S - time.monotonic()))
                pss = pss_mb(process.pid)
                before = cpu_seconds(process.pid)
                time.sleep(STATIC_S)
                cpu = cpu_seconds(process.pid) - before
            return first, pss, cpu, str(drawn.get("renderer", ""))
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def measure(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, Figures]:
    """Start-up runs interleaved (a busy machine slows both alike), then one long run each."""
    starts: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            starts[name].append(one_run(command, env, measure=False)[0])
    figures = {}
    for name, command in commands.items():
        first, pss, cpu, renderer = one_run(command, env, measure=True)
        figures[name] = Figures([*starts[name], first], pss, cpu, renderer)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="start-up runs of each (median)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    python = sys.executable
    kiosk = [python, "-m", "kiosk", "run", "--paused"]  # paused: the cover stays, static
    bare = [python, "-c", BARE_SCRIPT]
    # As installed (scripts/install.sh): the package's bytecode compiled, whether or not
    # this shell lets Python write it (PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(ROOT / "kiosk", quiet=1)
    commands = {"bare": bare, "bare, software": [*bare, "software"], "kiosk": kiosk}
    with x_server() as env:
        one_run(bare, env, measure=False)  # warm the disk cache for both, untimed
        one_run(kiosk, env, measure=False)
        results = measure(commands, env, args.runs)
        platform = env["QT_QPA_PLATFORM"]

    starts = {name: statistics.median(fig.start_s) for name, fig in results.items()}
    print(
        f"platform {platform}, {SCREEN[0]}x{SCREEN[1]}, {args.runs + 1} start-up runs each,"
        f" load average {os.getloadavg()[0]:.2f}"
    )
    print(f"{'':15} {'start (median)':>15} {'PSS at 10 s':>12} {'CPU-s static':>13}")
    for name, fig in results.items():
        spread = f"({min(fig.start_s):.3f}-{max(fig.start_s):.3f})"
        print(
            f"{name:15} {starts[name]:14.3f}s {fig.pss_mb:10.1f}MB"
            f" {fig.cpu_s:8.3f}/{STATIC_S:g}s  {spread}"
        )
    k = results["kiosk"]
    same = "bare, software" if k.renderer == "Software" else "bare"
    b = results[same]
    k_start, b_start = starts["kiosk"], starts[same]
    print(f"the show drew with {k.renderer or '?'}: compared with '{same}'")
    checks = [
        (
            f"start {k_start:.3f}s <= 1.5 x bare {b_start:.3f}s (ratio {k_start / b_start:.2f})",
            k_start <= 1.5 * b_start,
        ),
        (f"PSS {k.pss_mb:.1f}MB <= bare {b.pss_mb:.1f}MB + 60MB", k.pss_mb <= b.pss_mb + 60),
        (
            f"CPU {k.cpu_s:.3f} s < 0.05 s over {STATIC_S:g} s while static",
            k.cpu_s < 0.05,
        ),
    ]
    for text, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {text}")
    return 1 if args.strict and not all(ok for _, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
