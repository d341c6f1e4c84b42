"""Benchmark: CPU of the attract loop on Xvfb (Mesa llvmpipe), the app's and the X server's.

Each program runs in a fresh process on a private Xvfb 1920x1080 (xcb platform), loops for
a warm-up, then for 30 s while its CPU time and the X server's are summed
(/proc/PID/stat). Measured in one run:

- the floor: a bare QtQuick window cycling one Text every 2 s, on Qt's default OpenGL
  (llvmpipe here) and on Qt's software renderer;
- the show, bundled deck, 2 s a slide and 10 s a slide, default settings (fade on,
  ``renderer = "auto"``), then 2 s a slide with each renderer forced.

Each case runs ``--runs`` times (3), in turn, and the medians are printed: CPU-s per 30 s
of the app and of the X server, the frames drawn per slide change (the median over the
changes in the measured stretch: the show's frame meter at debug level, the floor's own
count), the renderer the show chose (its log), and each figure's ratio to the floor on the
same renderer. Targets (issue 11): at 2 s a slide with defaults, app + X server <= 1.0
CPU-s per 30 s; at 10 s, <= 0.25.

Run: python bench/bench_loop.py [--seconds S] [--runs N]   (about 25 min with defaults)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import cpu_seconds, x_server_process

ROOT = Path(__file__).resolve().parent.parent
WARM_UP_S = 8.0

FLOOR = """
import sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
if sys.argv[1] == "software":
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
app = QGuiApplication([])
engine = QQmlApplicationEngine()
engine.loadData(b'''
import QtQuick
Window {
    id: window
    // the whole screen, as the show's window: without a window manager FullScreen alone
    // leaves a small window
    width: Screen.width
    height: Screen.height
    visibility: Window.FullScreen
    visible: true
    color: "black"
    property int n: 0
    property int frames: 0
    onFrameSwapped: frames += 1
    Timer {
        interval: 2000; running: true; repeat: true
        onTriggered: { console.log("frames:", window.frames); window.frames = 0; window.n += 1 }
    }
    Text { anchors.centerIn: parent; color: "white"; font.pixelSize: 96; text: "Slide " + window.n }
}
''')
sys.exit(app.exec())
"""


def deck_every(seconds: float, folder: Path) -> Path:
    """The bundled deck with its default duration set to ``seconds``."""
    deck = folder / "deck"
    shutil.copytree(ROOT / "slides", deck)
    main = deck / "slides.md"
    text = main.read_text(encoding="utf-8")
    # The deck's default: `defaults: {duration: …}` in its headmatter (or a top-level
    # `duration:`). Found, or the benchmark would measure another loop than it says.
    text, found = re.subn(
        r"(?m)^(\s*)duration: *\d+", rf"\g<1>duration: {seconds:g}", text, count=1
    )
    if not found:
        raise SystemExit(f"bench_loop: no default `duration:` in {main}")
    main.write_text(text, "utf-8")
    return deck


def measure(argv: list[str], env: dict[str, str], xvfb: int | None, seconds: float) -> tuple:
    """(app CPU-s, X server CPU-s) over ``seconds`` after the warm-up; the frames drawn per
    slide change in that stretch; the process's log."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=log)
        try:
            time.sleep(WARM_UP_S)
            if process.poll() is not None:
                log.seek(0)
                raise SystemExit(f"{argv} ended early:\n{log.read().decode(errors='replace')}")
            app0 = cpu_seconds(process.pid)
            x0 = cpu_seconds(xvfb) if xvfb else 0.0
            log.seek(0)
            before = len(FRAMES.findall(log.read().decode(errors="replace")))
            time.sleep(seconds)
            app = cpu_seconds(process.pid) - app0
            x = (cpu_seconds(xvfb) - x0) if xvfb else 0.0
        finally:
            process.terminate()
            process.wait(20)
        log.seek(0)
        text = log.read().decode(errors="replace")
        # the first count after the start of the stretch is of a slide shown partly before
        frames = [int(n) for n in FRAMES.findall(text)[before + 1 :]]
        return app, x, frames, text


# The show's frame meter (kiosk.qt.framemeter, debug level) and the floor's console.log.
FRAMES = re.compile(r"frames:? (\d+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    seconds, runs = arguments.seconds, max(1, arguments.runs)
    scale = 30.0 / seconds  # figures per 30 s
    with x_server_process() as (env, xvfb), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        decks = {2: deck_every(2, folder / "2"), 10: deck_every(10, folder / "10")}
        cases: list[tuple[str, list[str], dict[str, str], int | None, str]] = []
        for api in ("opengl", "software"):
            argv = [sys.executable, "-c", FLOOR, api]
            cases.append((f"floor, {api}", argv, env, None, api))
        for every, renderer in [(2, "auto"), (10, "auto"), (2, "opengl"), (2, "software")]:
            home = folder / f"home-{every}-{renderer}"
            (home / "config" / "kiosk").mkdir(parents=True)
            (home / "config" / "kiosk" / "kiosk.toml").write_text(
                f'renderer = "{renderer}"\nlog_level = "debug"\n', encoding="utf-8"
            )
            show_env = {
                **env,
                **{f"XDG_{k}_HOME": str(home / k.lower()) for k in ("CONFIG", "STATE", "DATA")},
                "XDG_CACHE_HOME": str(home / "cache"),
                "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bench-bus",
            }
            argv = [sys.executable, "-m", "kiosk", "run", str(decks[every]), "--verbose"]
            cases.append((f"kiosk, {every} s a slide, {renderer}", argv, show_env, every, ""))
        measured: dict[str, list[tuple[float, float, list[int], str]]] = {}
        for _ in range(runs):  # in turn, so a noisy minute of the machine hits every case
            for name, argv, case_env, _every, api in cases:
                app, x, frames, log = measure(argv, case_env, xvfb, seconds)
                chosen = re.search(r"renderer: (\w+)", log)
                used = api or (chosen.group(1) if chosen else "?")
                measured.setdefault(name, []).append((app * scale, x * scale, frames, used))
    print(
        f"Xvfb 1920x1080, {seconds:g} s measured after {WARM_UP_S:g} s, CPU-s per 30 s,"
        f" medians of {runs} run(s)"
    )
    print(
        f"{'':28} {'app':>7} {'X':>6} {'total':>6} {'frames/change':>14}  renderer"
        "   ratio to floor (app, total)"
    )
    rows = {}
    for name, _argv, _env, _every, _api in cases:
        results = measured[name]
        app = statistics.median(r[0] for r in results)
        x = statistics.median(r[1] for r in results)
        frames = [n for r in results for n in r[2]]
        rows[name] = (app, x, statistics.median(frames) if frames else float("nan"), results[0][3])
    floor = {api: rows[f"floor, {api}"] for api in ("opengl", "software")}
    verdicts = []
    for name, _argv, _env, every, _api in cases:
        app, x, frames, used = rows[name]
        base = floor["software" if used == "software" else "opengl"]
        ratio = (
            f"{app / base[0]:5.1f}x, {(app + x) / (base[0] + base[1]):5.1f}x"
            if base[0] > 0 and base[0] + base[1] > 0
            else "  - (the floor drew no CPU tick)"
        )
        print(f"{name:28} {app:7.3f} {x:6.3f} {app + x:6.3f} {frames:14.0f}  {used:9}  {ratio}")
        if every is not None and name.endswith("auto"):
            verdicts.append((every, app + x, 1.0 if every == 2 else 0.25))
    for every, total, target in verdicts:
        verdict = "PASS" if total <= target else "MISS"
        print(
            f"{verdict}  {every} s a slide, defaults: {total:.2f} CPU-s per 30 s"
            f" (target <= {target})"
        )
    return 0


if __name__ == "__main__":
    os.environ.pop("QT_QUICK_BACKEND", None)
    raise SystemExit(main())
