"""Without a usable display `kiosk` says so in one line (exit 1), never aborts; usage
errors (an unknown command, a missing deck or settings file) are found first (exit 2)."""

from __future__ import annotations

import itertools
import os
import secrets
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system import display

KIOSK = [sys.executable, "-m", "kiosk"]
ABORTED = (-6, 134)  # SIGABRT as Python reports it, and as a shell does


def bare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a machine with no display at all, its folders in ``tmp_path``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "WAYLAND_SOCKET",
            "QT_QPA_PLATFORM",
            "XDG_SESSION_TYPE",
            "XAUTHORITY",
        )
    }
    for kind in ("CONFIG", "CACHE", "STATE", "DATA", "RUNTIME"):
        folder = tmp_path / kind.lower()
        folder.mkdir(exist_ok=True)
        env[f"XDG_{kind}_HOME" if kind != "RUNTIME" else "XDG_RUNTIME_DIR"] = str(folder)
    env["HOME"] = str(tmp_path)
    env.update(extra)
    return env


def kiosk(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KIOSK, *args], env=env, capture_output=True, text=True, timeout=120, cwd=env["HOME"]
    )


def assert_one_line(result: subprocess.CompletedProcess[str], status: int, *parts: str) -> str:
    assert result.returncode not in ABORTED, result.stderr
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0]
    return lines[0]


def test_bare_kiosk_without_a_display_says_so_and_exits_1(tmp_path: Path) -> None:
    line = assert_one_line(kiosk([], bare_env(tmp_path)), 1, "kiosk run: no display")
    assert "DISPLAY" in line and "QT_QPA_PLATFORM=offscreen" in line


def test_display_naming_no_server_exits_1(tmp_path: Path) -> None:
    number = free_display_number()
    result = kiosk(["run"], bare_env(tmp_path, DISPLAY=f":{number}"))
    assert_one_line(result, 1, "no display", f"DISPLAY=:{number}")


def test_a_socket_that_is_no_x_server_exits_1(tmp_path: Path) -> None:
    with fake_x_socket(b"HTTP/1.0 400 Bad Request\r\n\r\n") as number:
        result = kiosk(["run"], bare_env(tmp_path, DISPLAY=f":{number}"))
    assert_one_line(result, 1, "is not an X server")


X_ACCEPTED = b"\x01\x00\x0b\x00\x00\x00\x00\x00"  # status 1, protocol 11, no more words


def test_a_server_resetting_is_asked_again() -> None:
    """Xvfb drops the connections made while it resets after its last client left (seen on
    CI between two probes): the probe waits for it instead of reporting no display."""
    with fake_x_socket(b"", b"", b"", X_ACCEPTED) as number:
        assert display.problem({"DISPLAY": f":{number}"}) is None


def test_a_server_that_always_hangs_up_did_not_answer() -> None:
    with fake_x_socket(b"") as number:
        reason = str(display.problem({"DISPLAY": f":{number}"}))
    assert f"the X server at DISPLAY=:{number} did not answer" in reason


def test_an_x_server_refusing_us_exits_1_not_abort(tmp_path: Path, xvfb_with_cookie) -> None:
    number, _cookie_file = xvfb_with_cookie
    result = kiosk(["run"], bare_env(tmp_path, DISPLAY=f":{number}"))  # no cookie
    assert_one_line(result, 1, "refused the connection")


def test_probe_passes_with_the_right_cookie(xvfb_with_cookie) -> None:
    number, cookie_file = xvfb_with_cookie
    assert display.problem({"DISPLAY": f":{number}", "XAUTHORITY": str(cookie_file)}) is None
    assert "refused" in str(
        display.problem({"DISPLAY": f":{number}", "XAUTHORITY": "/nonexistent"})
    )


def test_probe_platform_choice() -> None:
    assert display.problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display.problem({"QT_QPA_PLATFORM": "xcb;offscreen"}) is None
    assert display.problem({}, platform="win32") is None
    assert "neither DISPLAY nor WAYLAND_DISPLAY" in str(display.problem({}))
    assert "Wayland" in str(display.problem({"WAYLAND_DISPLAY": "/nonexistent/wayland-0"}))


def test_probe_finds_a_wayland_socket(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "wayland-7"))
        server.listen(1)
        env = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}
        assert display.problem(env) is None


def test_missing_deck_is_a_usage_error_before_the_display(tmp_path: Path) -> None:
    result = kiosk(["run", "MISSING_DECK"], bare_env(tmp_path))
    assert_one_line(result, 2, "kiosk run: MISSING_DECK: no such file or folder")
    result = kiosk(["missing.md"], bare_env(tmp_path))
    assert_one_line(result, 2, "missing.md: no such file or folder")


def test_unknown_command_lists_the_commands(tmp_path: Path) -> None:
    result = kiosk(["frobnicate"], bare_env(tmp_path))
    assert_one_line(
        result,
        2,
        "kiosk: 'frobnicate' is not a command or a deck",
        "run, check, export, stats, pin, autostart",
    )
    assert "did you mean" not in result.stderr


def test_mistyped_command_suggests_the_close_one(tmp_path: Path) -> None:
    result = kiosk(["chek"], bare_env(tmp_path))
    assert_one_line(result, 2, "did you mean 'check'?")


def test_a_folder_named_like_a_word_is_still_a_deck(tmp_path: Path) -> None:
    (tmp_path / "mydeck").mkdir()
    (tmp_path / "mydeck" / "slides.md").write_text("# Hello\n", encoding="utf-8")
    result = kiosk(["mydeck"], bare_env(tmp_path))  # reaches the display check
    assert_one_line(result, 1, "no display")


@pytest.mark.parametrize("command", ["run", "check"])
def test_missing_config_file_is_a_usage_error(tmp_path: Path, command: str) -> None:
    result = kiosk([command, "--config", "nope.toml"], bare_env(tmp_path))
    assert_one_line(result, 2, f"kiosk {command}: nope.toml: no such settings file")


def test_export_needs_no_display(tmp_path: Path) -> None:
    result = kiosk(["export", "--pdf", str(tmp_path / "deck.pdf")], bare_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "deck.pdf").read_bytes().startswith(b"%PDF")


# --- helpers: a fake X socket, a real Xvfb that wants a cookie ------------------------------


def free_display_number() -> int:
    for number in range(300, 400):
        if not any(
            Path(p).exists() for p in (f"/tmp/.X11-unix/X{number}", f"/tmp/.X{number}-lock")
        ):
            with socket.socket(socket.AF_UNIX) as probe:
                try:
                    probe.connect(f"\0/tmp/.X11-unix/X{number}")
                except OSError:
                    return number
    raise AssertionError("no free display number")


class _Answer:
    def __init__(self, server: socket.socket, answers: list[bytes]) -> None:
        self.server, self.answers = server, answers

    def serve(self) -> None:
        for count in itertools.count():
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                conn.recv(64)
                answer = self.answers[min(count, len(self.answers) - 1)]
                if answer:  # an empty answer: closed without a byte, as a resetting server
                    conn.sendall(answer)


class fake_x_socket:
    """A Unix socket where an X server's would be, giving the n-th connection the n-th of
    ``answers`` (the last one from then on)."""

    def __init__(self, *answers: bytes) -> None:
        Path("/tmp/.X11-unix").mkdir(mode=0o1777, exist_ok=True)
        self.number = free_display_number()
        self.path = Path(f"/tmp/.X11-unix/X{self.number}")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(self.path))
        self.server.listen(4)
        self.thread = threading.Thread(
            target=_Answer(self.server, list(answers)).serve, daemon=True
        )

    def __enter__(self) -> int:
        self.thread.start()
        return self.number

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self.server.close()
        self.path.unlink(missing_ok=True)
        self.thread.join(timeout=5)


@pytest.fixture
def xvfb_with_cookie(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A real Xvfb that only lets in clients with its MIT-MAGIC-COOKIE-1."""
    cookie = secrets.token_bytes(16)
    cookie_file = tmp_path / "Xauthority"

    def field(value: bytes) -> bytes:
        return struct.pack(">H", len(value)) + value

    def entry(family: int, address: bytes, number: str) -> bytes:
        return (
            struct.pack(">H", family)
            + field(address)
            + field(number.encode())
            + field(b"MIT-MAGIC-COOKIE-1")
            + field(cookie)
        )

    read_end, write_end = os.pipe()
    cookie_file.write_bytes(entry(65535, b"", ""))  # any display: the number comes later
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-auth", str(cookie_file)],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = int(numbers.readline())
        yield number, cookie_file
    finally:
        server.terminate()
        server.wait(timeout=10)
