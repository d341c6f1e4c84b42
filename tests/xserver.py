"""A private Xvfb for the tests that need a real X server (windows, window managers, keys)."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

X_PACKAGES = "xvfb libxcb-icccm4 libxcb-keysyms1"


@contextmanager
def private_xvfb(screen: tuple[int, int] = (1920, 1080), *extra: str) -> Iterator[str]:
    """A fresh Xvfb on a free display number (it picks one and tells us via -displayfd),
    never reset when its last client leaves; yields ``":N"``, ends it after."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.fail(f"Xvfb is not installed: apt-get install -y {X_PACKAGES}")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{screen[0]}x{screen[1]}x24",
            "-nolisten",
            "tcp",
            "-noreset",
            *extra,
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
            pytest.fail("Xvfb did not start (no display number within 20 s)")
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(10)
