"""Reading deck files safely: size limit, UTF-8 decoding, paths confined to the deck folder."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from kiosk.deck.model import Finding, Severity
from kiosk.files import NotRegularFile, file_kind, read_bytes_bounded

# A deck file is text written by hand; anything bigger is a mistake or an attack,
# and would make the booth slow to (re)load.
MAX_FILE_BYTES = 5 * 1024 * 1024

# http:, https: and protocol-relative //host: never fetched, the booth has no network.
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# A code fence (CommonMark: up to 3 spaces, then 3+ backticks or tildes): inside one,
# separators, slot markers, comments and HTML are code, not structure.
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


class DeckFileError(Exception):
    """A deck file that cannot be read at all; carries the finding to report."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


def error(file: Path, line: int, message: str) -> Finding:
    return Finding(file, line, Severity.ERROR, message)


def warning(file: Path, line: int, message: str) -> Finding:
    return Finding(file, line, Severity.WARNING, message)


class RefusedFile(Exception):
    """A deck file that is not read: its reason is written for the author."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def deck_file(root: Path, path: Path) -> Path:
    """The real path of deck file ``path``, when it is a regular file inside ``root``.

    Symlinks are followed before the checks, so a link to a file elsewhere in
    the deck folder is fine and a link out of it is not. Nothing is opened.
    Raises RefusedFile, with the reason in words for the author.
    """
    root = Path(os.path.realpath(root))  # never raises, even for a loop
    try:
        real = path.resolve(strict=True)
        info = os.stat(real)
    except RuntimeError as exc:  # Python 3.11 reports a symlink loop this way
        raise RefusedFile("a symlink loop: the link leads back to itself") from exc
    except FileNotFoundError as exc:
        if os.path.islink(path):
            target = os.readlink(path)
            raise RefusedFile(
                f"cannot read file: it is a link to {target}, which does not exist"
            ) from exc
        raise RefusedFile(f"cannot read file: {exc.strerror or exc}") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedFile("a symlink loop: the link leads back to itself") from exc
        raise RefusedFile(f"cannot read file: {exc.strerror or exc}") from exc
    link = os.path.islink(path)
    if not stat.S_ISREG(info.st_mode):
        kind = file_kind(info.st_mode) + (f", through a link to {real}" if link else "")
        raise RefusedFile(f"not a regular file ({kind}): only ordinary files are read")
    if not real.is_relative_to(root):
        where = f"a link to {real}, which" if link else f"{real}"
        raise RefusedFile(f"{where} leaves the deck folder: only files inside it are read")
    return real


def is_regular_file_inside(root: Path, path: Path) -> bool:
    """Whether ``path`` is (or links to) a regular file inside the folder ``root``; never raises."""
    try:
        deck_file(root, path)
    except (RefusedFile, OSError, RuntimeError, ValueError):
        return False
    return True


def read_text(path: Path, root: Path | None = None) -> str:
    """The text of a deck file, with a BOM removed and line endings made ``\\n``.

    ``root`` is the deck folder the file must be inside (its own folder by
    default). Raises DeckFileError for a missing, oversized, non-UTF-8 or
    binary file, a named pipe, a device, a folder, or a link out of ``root``.
    """
    path = Path(path).absolute()
    try:
        real = deck_file(root if root is not None else path.parent, path)
        # The resolved path is a file, not a link: O_NOFOLLOW catches a link swapped in.
        data = read_bytes_bounded(real, MAX_FILE_BYTES, follow_symlinks=False)
    except RefusedFile as exc:
        raise DeckFileError(error(path, 1, exc.reason)) from exc
    except NotRegularFile as exc:
        raise DeckFileError(
            error(path, 1, f"not a regular file ({exc.kind}): only ordinary files are read")
        ) from exc
    except OSError as exc:
        raise DeckFileError(error(path, 1, f"cannot read file: {exc.strerror or exc}")) from exc
    if len(data) > MAX_FILE_BYTES:
        size = _size(real)
        over = f"file is {size:,} bytes, over" if size > MAX_FILE_BYTES else "file is over"
        raise DeckFileError(error(path, 1, f"{over} the {MAX_FILE_BYTES:,}-byte limit"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckFileError(
            error(path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DeckFileError(error(path, line, "binary data (NUL byte) in a text file"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def is_remote(url: str) -> bool:
    """Whether ``url`` points off the machine (http, https, //host, any other scheme)."""
    return bool(_REMOTE.match(url)) or (
        bool(_SCHEME.match(url)) and not url.lower().startswith("file:")
    )


class EscapesDeck(ValueError):
    """A path that resolves outside the deck folder."""


def resolve_inside(root: Path, base: Path, reference: str) -> Path:
    """Resolve ``reference`` (as written in a deck) to a path inside ``root``.

    Relative references are relative to ``base`` (the folder of the file that
    names them); a leading ``/`` means the deck folder, or its ``public/``
    folder as in Slidev. Symlinks are followed before the check, so a link
    cannot smuggle a file from outside in. Raises EscapesDeck.
    """
    reference = reference.strip()
    if reference.lower().startswith("file:"):
        reference = reference[5:]
        while reference.startswith("//"):
            reference = reference[1:]
    root = Path(os.path.realpath(root))
    if reference.startswith("/"):
        relative = reference.lstrip("/")
        public = root / "public" / relative
        candidate = public if public.exists() else root / relative
    else:
        candidate = base / reference
    # realpath, not resolve(): a symlink loop is not an exception here, deck_file() names it.
    resolved = Path(os.path.realpath(candidate))
    if not resolved.is_relative_to(root):
        raise EscapesDeck(f"{reference!r} leaves the deck folder {root}")
    return resolved
