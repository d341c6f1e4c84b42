"""Files read and written safely: bounded reads that never block, atomic writes beside the target.

Every file the booth reads that a person or a hostile deck could have replaced (the deck's
files, the settings, the PIN state, a file about to be overwritten) goes through
:func:`read_bytes_bounded`: a named pipe there would block the show for good, a link to
``/dev/zero`` fill its memory. Every file it writes for someone else to read (an export, a
CSV, the PIN state) goes through :func:`atomic_write`: whole or not at all, even on a full
disk or a power cut.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_CHUNK = 64 * 1024
# Not every platform has every flag (Windows has O_BINARY and none of the others).
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words for an author."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


class NotRegularFile(OSError):
    """A path that names a named pipe, a device, a socket or a folder: never read."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", str(path))
        self.kind = kind


def read_bytes_bounded(path: Path | str, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path``: more than ``limit`` means too big.

    Never blocks and never trusts the size a file reports (a device or a /proc
    file says 0): it counts the bytes actually read. A named pipe, a device, a
    socket or a folder is refused before it is opened (opening some devices has
    effects) and again after (the path may have changed in between); the open
    is non-blocking, so even a pipe swapped in at the last moment cannot hang
    the reader. With ``follow_symlinks=False`` a symlink is refused (O_NOFOLLOW).
    Raises NotRegularFile, or OSError when the file cannot be opened or read.
    """
    info = os.stat(path, follow_symlinks=follow_symlinks)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(path, file_kind(info.st_mode))
    flags = os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | _O_CLOEXEC | _O_BINARY
    if not follow_symlinks:
        flags |= _O_NOFOLLOW
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, file_kind(info.st_mode))
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class NoTemporaryFile(OSError):
    """The target's folder takes no new file (read-only, full, or not a real folder)."""


def new_file_mode(path: Path) -> int:
    """The permissions of the file ``path`` replaces, else a new file's (0666 less the umask)."""
    with suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_write(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """A file to write ``path``'s new content to; ``path`` gets it whole when the block ends.

    The file is a temporary one beside ``path`` (same folder, so the rename stays on one
    filesystem), synced (a full disk may only say so then; a power cut must not leave an
    empty file), given the replaced file's permissions, then renamed over ``path``. If the
    block or any step fails, the temporary file is removed, ``path`` is as it was and the
    error is raised (NoTemporaryFile when none could be made). ``open_args`` go to ``open``
    (encoding, newline).
    """
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise NoTemporaryFile(exc.errno, exc.strerror, str(path.parent)) from exc
    try:
        with suppress(OSError, AttributeError):  # Windows has no fchmod: its default is right
            os.fchmod(fd, new_file_mode(path))
        with open(fd, mode, **open_args) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


__all__ = [
    "NoTemporaryFile",
    "NotRegularFile",
    "atomic_write",
    "file_kind",
    "new_file_mode",
    "read_bytes_bounded",
]
