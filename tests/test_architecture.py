"""ARCHITECTURE.md is a true map: every module, folder and file it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "ARCHITECTURE.md"

# `kiosk/deck/parser.py`, `kiosk/qml/Kiosk/Main.qml`, `tests/deck/`, `bench/bench_soak.py`…
_PATH = re.compile(r"`((?:kiosk|tests|bench|scripts|slides|assets|docs)/[\w./-]*)`")
# `kiosk.deck.parser`, `kiosk.qt.playback.Playback` (a module, then maybe a name in it)
_DOTTED = re.compile(r"`(kiosk(?:\.\w+)+)`")


def named_paths(text: str) -> set[str]:
    return set(_PATH.findall(text))


def named_modules(text: str) -> set[str]:
    return set(_DOTTED.findall(text))


def module_exists(dotted: str) -> bool:
    """``kiosk.a.b`` is a module or package, or ``kiosk.a`` is one holding a name ``b``."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:cut])
        source = base.with_suffix(".py")
        if not source.is_file():
            source = base / "__init__.py"
        if source.is_file():
            rest = parts[cut:]
            if not rest:
                return True
            text = source.read_text(encoding="utf-8")
            name = re.escape(rest[0])  # defined there, or imported into its namespace
            found = re.search(
                rf"^(?:class |def )?{name}\b|import .*\b{name}\b|^\s+{name},", text, re.M
            )
            return found is not None
    return False


def test_the_map_names_real_files() -> None:
    text = MAP.read_text(encoding="utf-8")
    paths = named_paths(text)
    assert len(paths) > 20, "the map names the modules it is a map of"
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert missing == [], f"ARCHITECTURE.md names what does not exist: {missing}"


def test_the_map_names_real_modules() -> None:
    text = MAP.read_text(encoding="utf-8")
    missing = sorted(m for m in named_modules(text) if not module_exists(m))
    assert missing == [], f"ARCHITECTURE.md names modules that do not exist: {missing}"


def test_every_package_folder_is_on_the_map() -> None:
    """A new folder under kiosk/ gets a place on the map."""
    text = MAP.read_text(encoding="utf-8")
    folders = {
        f"kiosk/{p.parent.relative_to(ROOT / 'kiosk').as_posix()}/"
        for p in (ROOT / "kiosk").rglob("__init__.py")
        if p.parent != ROOT / "kiosk"
    }
    unmapped = sorted(f for f in folders if f not in text)
    assert unmapped == [], f"folders missing from ARCHITECTURE.md: {unmapped}"


def test_the_checks_see_a_wrong_name() -> None:
    assert not module_exists("kiosk.no_such_module")
    assert module_exists("kiosk.deck")
    assert named_paths("see `kiosk/nowhere.py` and `kiosk/deck/`") == {
        "kiosk/nowhere.py",
        "kiosk/deck/",
    }
