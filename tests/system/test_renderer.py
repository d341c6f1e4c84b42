"""The renderer suits the machine: Qt's software renderer where OpenGL is software."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.system.renderer import RASTER_PAINTING, choose, tune_raster_painting

KioskProcess = Any  # the kiosk_on fixture's (tests/system/conftest.py)


@pytest.mark.parametrize(
    ("opengl", "api"),
    [
        ("llvmpipe (LLVM 15.0.6, 256 bits)", "software"),
        ("softpipe", "software"),
        ("Mesa swrast", "software"),
        ("GDI Generic", "software"),  # Windows without a driver
        ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "default"),
        ("AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6, DRM 3.49)", "default"),
        ("NVIDIA GeForce GTX 1050/PCIe/SSE2", "default"),
        ("V3D 4.2", "default"),  # a Raspberry Pi's GPU
        (None, "default"),  # no OpenGL at all: Qt picks
    ],
)
def test_auto_follows_the_opengl_renderer(opengl: str | None, api: str) -> None:
    choice = choose("auto", opengl, env={})
    assert choice.api == api
    if opengl:
        assert opengl in choice.reason


def test_the_setting_overrides_and_qt_s_own_variable_wins() -> None:
    assert choose("software", "NVIDIA GeForce", env={}).api == "software"
    assert choose("opengl", "llvmpipe", env={}).api == "opengl"
    forced = choose("software", "llvmpipe", env={"QT_QUICK_BACKEND": "rhi"})
    assert forced.api == "default"
    assert "QT_QUICK_BACKEND=rhi" in forced.reason


@pytest.mark.slow
def test_a_show_on_llvmpipe_draws_with_the_software_renderer(
    xvfb: str, kiosk_on: Callable[..., KioskProcess]
) -> None:
    kiosk = kiosk_on(xvfb)  # Xvfb's OpenGL is Mesa's llvmpipe
    assert "renderer: software, OpenGL is llvmpipe" in kiosk.wait_log("renderer: ", 5)
    assert kiosk.first_frame["renderer"] == "Software"


@pytest.mark.slow
def test_the_setting_forces_opengl(
    xvfb: str, kiosk_on: Callable[..., KioskProcess], tmp_path: Path
) -> None:
    settings = tmp_path / "config" / "kiosk" / "kiosk.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('renderer = "opengl"\n', encoding="utf-8")
    kiosk = kiosk_on(xvfb)
    assert 'renderer: opengl, renderer = "opengl" in the settings' in kiosk.wait_log(
        "renderer: ", 5
    )
    assert kiosk.first_frame["renderer"] == "OpenGL"


def test_raster_painting_is_set_for_slides_unless_the_machine_says_otherwise() -> None:
    env = {"QT_MAX_CACHED_GLYPH_SIZE": "128"}  # a value given on the machine wins
    tune_raster_painting(env)
    assert env == {**RASTER_PAINTING, "QT_MAX_CACHED_GLYPH_SIZE": "128"}
    assert int(RASTER_PAINTING["QT_MAX_CACHED_GLYPH_SIZE"]) >= 400  # a 1080p figure's digits


def thread_names(pid: int) -> list[str]:
    return [
        (task / "comm").read_text(encoding="utf-8").strip()
        for task in Path(f"/proc/{pid}/task").iterdir()
    ]


@pytest.mark.slow
def test_the_show_paints_without_qt_s_thread_pool(
    xvfb: str, kiosk_on: Callable[..., KioskProcess]
) -> None:
    # Qt hands every fill taller than 96 lines to its GUI thread pool; on two cores the
    # wake-ups cost more than the painting (kiosk.system.renderer.RASTER_PAINTING). The
    # slides' fade blends whole text blocks: with the pool, its threads would be there.
    kiosk = kiosk_on(xvfb)
    kiosk.wait_log("renderer: ", 5)
    kiosk.x("xdotool", "windowfocus", "--sync", kiosk.window())
    kiosk.x("xdotool", "key", "Right")
    kiosk.wait_log("mode: attract -> visitor", 5)  # the key reached the show
    kiosk.x("xdotool", "key", "Right")
    time.sleep(1.5)  # the fades to the next slides
    names = thread_names(kiosk.process.pid)
    assert "QXcbEventQueue" in names  # the process's threads are what is read
    assert not [name for name in names if "pooled" in name], names


def mesa_mapped(pid: int) -> list[str]:
    """The OpenGL driver's libraries mapped into process ``pid`` (Mesa's, LLVM)."""
    maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8")
    names = {line.split()[-1] for line in maps.splitlines() if "/" in line}
    return sorted(n for n in names if any(k in n for k in ("LLVM", "gallium", "_dri", "mesa")))


@pytest.mark.slow
def test_the_machine_s_opengl_is_asked_once_and_remembered(
    xvfb: str, kiosk_on: Callable[..., KioskProcess], tmp_path: Path
) -> None:
    # Asking loads the OpenGL driver into the show (llvmpipe: LLVM, some 60 MB) for a
    # software renderer that never uses it: the next start reads the answer instead.
    first = kiosk_on(xvfb)
    asked = first.wait_log("renderer: ", 5)
    assert "OpenGL is llvmpipe" in asked and "earlier start" not in asked
    assert mesa_mapped(first.process.pid)  # what asking costs: the driver is in the show
    assert first.stop() == 0
    assert (tmp_path / "cache" / "kiosk" / "opengl.txt").exists()
    second = kiosk_on(xvfb)
    again = second.wait_log("renderer: ", 5)
    assert "software, OpenGL is llvmpipe" in again and "(as asked at an earlier start)" in again
    assert second.first_frame["renderer"] == "Software"
    assert mesa_mapped(second.process.pid) == []


def test_the_remembered_answer_holds_for_the_same_machine_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.system import renderer

    asked: list[str] = []
    machine = {"key": "xcb :0 i915"}
    monkeypatch.setattr(renderer, "graphics_key", lambda: machine["key"])
    monkeypatch.setattr(renderer, "opengl_renderer", lambda: asked.append("x") or "Mesa Intel")
    memory = tmp_path / "cache" / "opengl.txt"
    assert renderer.remembered_opengl_renderer(memory) == ("Mesa Intel", False)
    assert renderer.remembered_opengl_renderer(memory) == ("Mesa Intel", True)
    assert len(asked) == 1
    machine["key"] = "xcb :0"  # the GPU driver gone: ask again
    assert renderer.remembered_opengl_renderer(memory) == ("Mesa Intel", False)
    memory.write_bytes(b"\xff\xfe torn")  # a torn file: ask, never fail
    assert renderer.remembered_opengl_renderer(memory) == ("Mesa Intel", False)
    assert len(asked) == 3
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a folder that cannot be made: asked each time
    assert renderer.remembered_opengl_renderer(blocked / "opengl.txt") == ("Mesa Intel", False)
