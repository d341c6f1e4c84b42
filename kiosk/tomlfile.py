"""Where a key is in a TOML file, and writing one key back: what tomllib does not do.

tomllib reads a file into values but gives no positions and writes nothing. The settings
file's findings need a line for each key (:func:`key_line`, :func:`syntax_error_line`),
and ``kiosk pin set`` changes one line of a hand-written file (:func:`write_key`),
keeping the rest (comments included). Pure Python, no Qt.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def syntax_error_line(message: str, text: str) -> int:
    """The line tomllib names in ``message``; "at end of document" is the last line."""
    if match := _AT_LINE.search(message):
        return int(match.group(1))
    return max(1, len(text.splitlines()))


_HEADER = re.compile(r"\s*\[\[?\s*([^\]]*?)\s*\]\]?")


def key_line(text: str, key: str, table: tuple[str, ...] = ()) -> int:
    """1-based line where ``key`` is set inside ``[table]`` (``()``: top level), or 1.

    tomllib gives no positions, so the text is scanned: ``key =`` (bare or quoted, or the
    first part of a dotted key) while the current table header is ``table``, or a header
    ``[table.key]`` for a sub-table. Good enough for a hand-written settings file.
    """
    assignment = _assignment(key, dotted=True)
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER.match(line):
            current = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
            if current[: len(table) + 1] == (*table, key):
                return number
        elif current == table and assignment.match(line):
            return number
    return 1


def _assignment(key: str, dotted: bool) -> re.Pattern[str]:
    """A line setting ``key`` (bare, "quoted" or 'quoted'; with ``dotted``, also ``key.x =``)."""
    k = re.escape(key)
    return re.compile(rf"""\s*(?:{k}|"{k}"|'{k}')\s*{"[=.]" if dotted else "="}""")


# --- updating one key in place (for `kiosk pin set`) ----------------------------------------


def write_key(path: Path, key: str, value: str) -> None:
    """Set top-level ``key = "value"`` in the TOML file at ``path``, keeping every other
    line as it is (comments included); creates the file and its folder when missing.

    Raises ``tomllib.TOMLDecodeError`` if the file is not valid TOML, before touching it,
    and ``ValueError`` if the line cannot be replaced safely (the file is left alone).
    Which keys may be written is the caller's business (:func:`kiosk.config.write_setting`).
    """
    import tomllib

    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    tomllib.loads(text)  # never rewrite a file we cannot read back
    new_line = f'{key} = "{_toml_escape(value)}"'
    lines = text.splitlines()
    assignment = _assignment(key, dotted=False)
    first_table = next((i for i, line in enumerate(lines) if _HEADER.match(line)), len(lines))
    for i, line in enumerate(lines[:first_table]):
        if assignment.match(line):
            lines[i] = new_line
            break
    else:
        # Top-level keys must come before the first [table], or TOML files them in it.
        lines.insert(first_table, new_line)
    new_text = "\n".join(lines) + "\n"
    try:
        written = tomllib.loads(new_text).get(key)
    except tomllib.TOMLDecodeError:
        written = None
    if written != value:  # e.g. the old value was a multi-line string: leave the file alone
        raise ValueError(f"{path}: could not set `{key}` safely; edit the file by hand")
    _write_atomically(path, new_text)


def _toml_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _write_atomically(path: Path, text: str) -> None:
    """A crash or power cut mid-write leaves the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # Keep the file's permissions; a new one stays private to the user (mkstemp's 0600),
        # as it may hold a secret (the settings file holds the PIN hash).
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
