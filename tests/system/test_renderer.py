"""The renderer suits the machine: Qt's software renderer where OpenGL is software."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.system.renderer import choose

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
