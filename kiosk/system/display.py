"""Whether Qt will find a display, decided before any QGuiApplication exists.

Qt's xcb plugin cannot connect to a missing X server and the application then aborts
(SIGABRT, exit 134, a core), with nothing a booth's staff can read. :func:`problem` answers
the question Qt would, cheaply and without Qt: the platform Qt would pick
(``QT_QPA_PLATFORM``, else Wayland when ``WAYLAND_DISPLAY`` or ``XDG_SESSION_TYPE=wayland``
says so, and X11), then a real connection to that server: for X the connection setup
(12 bytes, with the ``MIT-MAGIC-COOKIE-1`` from ``XAUTHORITY`` as libxcb sends it) and the
first byte of the answer; for Wayland a connect to its socket. It takes well under a
millisecond when the display is there. Windows and macOS always have one.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import struct
import sys
import time
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

# Platform plugins that need no display server (offscreen previews, VNC, a framebuffer).
_SERVERLESS = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}
)
_X_TIMEOUT_S = 2.0  # a TCP display on another host: long enough for a LAN, short for a booth
_FAMILY_INTERNET, _FAMILY_LOCAL, _FAMILY_WILD = 0, 256, 65535
_COOKIE = b"MIT-MAGIC-COOKIE-1"
# A server that dropped the connection while resetting is asked again, this many times in
# all, the wait doubling from the first (Xvfb is back within about 30 ms when idle, but a
# loaded machine was seen to take longer than 0.3 s): at most 1.5 s in all.
RESET_TRIES = 5
RESET_FIRST_WAIT_S = 0.1

HINT = (
    "Start the show from the desktop session (or set DISPLAY=:0), or preview offscreen"
    " with QT_QPA_PLATFORM=offscreen."
)


def problem(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """``None`` when Qt will find a display; else one sentence saying why not and what to do."""
    env = os.environ if env is None else env
    if not platform.startswith("linux") and "bsd" not in platform:
        return None
    wanted = [p.split(":", 1)[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [p for p in wanted if p]
    if not wanted:
        waylandish = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
        wanted = ["wayland", "xcb"] if waylandish else ["xcb"]
    reasons = []
    for name in wanted:  # Qt tries each in turn; one that works is enough
        if name in _SERVERLESS:
            return None
        if name.startswith("wayland"):
            reason = wayland_problem(env)
        elif name == "xcb":
            reason = x11_problem(env)
        else:
            return None  # a plugin we do not know: let Qt decide
        if reason is None:
            return None
        reasons.append(reason)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return f"no display: neither DISPLAY nor WAYLAND_DISPLAY is set. {HINT}"
    return f"no display: {'; '.join(reasons)}. {HINT}"


def wayland_problem(env: Mapping[str, str]) -> str | None:
    """Why the Wayland compositor cannot be reached, or ``None``."""
    if env.get("WAYLAND_SOCKET"):
        return None  # a socket handed over by the compositor itself
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    if os.path.isabs(name):
        path = name
    else:
        runtime = env.get("XDG_RUNTIME_DIR")
        if not runtime:
            return f"WAYLAND_DISPLAY={name} but XDG_RUNTIME_DIR is not set"
        path = os.path.join(runtime, name)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(_X_TIMEOUT_S)
            sock.connect(path)
    except OSError as exc:
        return f"no Wayland compositor at {path} ({exc.strerror or exc})"
    return None


def parse_display(text: str) -> tuple[str, int] | None:
    """``"host:0.1"`` -> ``("host", 0)``; ``":1"`` -> ``("", 1)``; ``None`` when malformed."""
    host, sep, rest = text.rpartition(":")
    if not sep:
        return None
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return None
    host = host.removesuffix(":")  # "host::0" is DECnet; treat as the host
    return host, int(number)


def x11_problem(env: Mapping[str, str]) -> str | None:
    """Why the X server in ``DISPLAY`` will not take Qt's connection, or ``None``."""
    text = env.get("DISPLAY", "")
    if not text:
        return "DISPLAY is not set"
    parsed = parse_display(text)
    if parsed is None:
        return f"DISPLAY={text} is not of the form [host]:N"
    host, number = parsed
    # An X server whose last client just left resets itself (Xvfb, a bare `startx`) and
    # drops the connections made meanwhile: a moment later it answers again.
    for attempt in range(RESET_TRIES):
        try:
            sock, family, address = _connect_x(host, number, text)
        except OSError as exc:
            return f"no X server answers at DISPLAY={text} ({exc.strerror or exc})"
        with sock:
            cookie = find_cookie(_xauthority(env), family, address, str(number))
            try:
                status, reason = _x_setup(sock, cookie)
                break
            except (ConnectionResetError, BrokenPipeError) as exc:
                if attempt + 1 == RESET_TRIES:
                    return f"the X server at DISPLAY={text} did not answer ({exc.strerror})"
            except OSError as exc:
                return f"the X server at DISPLAY={text} did not answer ({exc.strerror or exc})"
        time.sleep(RESET_FIRST_WAIT_S * 2**attempt)
    if status == 1:
        return None
    if status is None:
        return f"DISPLAY={text} is not an X server (it did not answer the X connection setup)"
    return f"the X server at DISPLAY={text} refused the connection ({reason or 'no reason given'})"


def _connect_x(host: str, number: int, text: str) -> tuple[socket.socket, int, bytes]:
    """A connected socket to display ``number`` and the Xauthority family and address for it."""
    hostname = socket.gethostname().encode()
    if host in ("", "unix") or host.startswith("/"):
        # A path-like host is macOS's launchd socket (/private/tmp/...:0): the whole text.
        paths = [text] if host.startswith("/") else []
        paths += [f"\0/tmp/.X11-unix/X{number}", f"/tmp/.X11-unix/X{number}"]
        last: OSError = OSError(f"no socket /tmp/.X11-unix/X{number}")
        for path in paths:
            if not hasattr(socket, "AF_UNIX"):
                break
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(_X_TIMEOUT_S)
            try:
                sock.connect(path)
            except OSError as exc:
                sock.close()
                if not path.startswith("\0"):
                    last = exc
                continue
            return sock, _FAMILY_LOCAL, hostname
        if host:  # "unix:N" has no TCP fallback
            raise last
        host = "localhost"  # libxcb tries TCP on localhost when the socket is missing
        try:
            return _connect_tcp(host, number)
        except OSError:
            raise last from None
    return _connect_tcp(host, number)


def _connect_tcp(host: str, number: int) -> tuple[socket.socket, int, bytes]:
    sock = socket.create_connection((host, 6000 + number), timeout=_X_TIMEOUT_S)
    peer = sock.getpeername()[0]
    if peer.startswith("127.") or peer == "::1":
        return sock, _FAMILY_LOCAL, socket.gethostname().encode()
    try:
        return sock, _FAMILY_INTERNET, socket.inet_aton(peer)
    except OSError:
        return sock, _FAMILY_INTERNET, b""


def _xauthority(env: Mapping[str, str]) -> Path | None:
    if env.get("XAUTHORITY"):
        return Path(env["XAUTHORITY"])
    home = env.get("HOME")
    return Path(home) / ".Xauthority" if home else None


def find_cookie(path: Path | None, family: int, address: bytes, number: str) -> bytes | None:
    """The MIT-MAGIC-COOKIE-1 in the Xauthority file at ``path`` for that display, if any."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    offset = 0

    def field() -> bytes:
        nonlocal offset
        (length,) = struct.unpack_from(">H", data, offset)
        value = data[offset + 2 : offset + 2 + length]
        offset += 2 + length
        return value

    try:
        while offset < len(data):
            (entry_family,) = struct.unpack_from(">H", data, offset)
            offset += 2
            entry_address, entry_number, name, cookie = field(), field(), field(), field()
            if name != _COOKIE or entry_number not in (b"", number.encode()):
                continue
            if entry_family == _FAMILY_WILD or (
                entry_family == family and entry_address == address
            ):
                return cookie
    except struct.error:
        log.debug("%s: truncated Xauthority file", path)
    return None


def _x_setup(sock: socket.socket, cookie: bytes | None) -> tuple[int | None, str]:
    """Send the X connection setup; the answer's status (1 success, 0 failed, 2 authenticate;
    ``None``: not an X server) and the server's reason when it refused."""
    name, data = (_COOKIE, cookie) if cookie else (b"", b"")

    def pad(b: bytes) -> bytes:
        return b + b"\0" * (-len(b) % 4)

    request = struct.pack("<cxHHHHxx", b"l", 11, 0, len(name), len(data)) + pad(name) + pad(data)
    sock.sendall(request)
    head = _read(sock, 8)
    if len(head) < 8 or head[0] not in (0, 1, 2):
        return None, ""
    status = head[0]
    if status == 1:
        return 1, ""
    reason_length = head[1]
    (extra_words,) = struct.unpack_from("<H", head, 6)
    body = _read(sock, min(extra_words * 4, 4096))
    reason = body[: reason_length if status == 0 else len(body)]
    return status, reason.decode("latin-1", "replace").strip("\0 \n")


def _read(sock: socket.socket, count: int) -> bytes:
    """Up to ``count`` bytes; fewer when the server goes quiet. A server that closes the
    connection before sending anything raises :class:`ConnectionResetError`."""
    chunks = b""
    while len(chunks) < count:
        try:
            chunk = sock.recv(count - len(chunks))
        except TimeoutError:
            break
        if not chunk:
            if not chunks:  # how a resetting server drops a connection
                raise ConnectionResetError(errno.ECONNRESET, "it closed the connection")
            break
        chunks += chunk
    return chunks
