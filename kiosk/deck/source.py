"""Reading deck files safely: size limit, UTF-8 decoding, paths confined to the deck folder."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.deck.model import Finding, Severity

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


def read_text(path: Path) -> str:
    """The text of a deck file, with a BOM removed and line endings made ``\\n``.

    Raises DeckFileError for a missing, oversized or non-UTF-8 file.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DeckFileError(
                error(path, 1, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit")
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DeckFileError(error(path, 1, f"cannot read file: {exc.strerror or exc}")) from exc
    if len(data) > MAX_FILE_BYTES:  # grew between stat and read
        raise DeckFileError(error(path, 1, f"file is over the {MAX_FILE_BYTES:,}-byte limit"))
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
    root = root.resolve()
    if reference.startswith("/"):
        relative = reference.lstrip("/")
        public = root / "public" / relative
        candidate = public if public.exists() else root / relative
    else:
        candidate = base / reference
    resolved = candidate.resolve()
    if not resolved.is_relative_to(root):
        raise EscapesDeck(f"{reference!r} leaves the deck folder {root}")
    return resolved
