"""The bundled deck shows in Slidev what the kiosk shows: its layouts and QR code are current.

Slidev ignores the kiosk's own keys, so the deck folder carries two custom layouts
(slides/layouts/fact.vue, end.vue) that show them, and the QR code Slidev cannot make
(slides/public/qr-link.svg, written by scripts/slidev_assets.py). The kiosk itself must
go on ignoring both folders.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from kiosk.deck import DeckSet, Finding, Layout, load_deck_set

ROOT = Path(__file__).resolve().parent.parent
SLIDES = ROOT / "slides"
LAYOUTS = SLIDES / "layouts"
QR = SLIDES / "public" / "qr-link.svg"
SCRIPT = ROOT / "scripts" / "slidev_assets.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("slidev_assets", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def assets() -> ModuleType:
    return load_script()


@pytest.fixture(scope="module")
def bundled() -> DeckSet:
    return load_deck_set(SLIDES)


# --------------------------------------------------------------------------- the QR code


def test_the_committed_qr_code_is_the_one_the_script_writes(
    assets: ModuleType, tmp_path: Path
) -> None:
    fresh = assets.generate(SLIDES, tmp_path / "qr-link.svg")
    assert fresh.read_bytes() == QR.read_bytes(), (
        "slides/public/qr-link.svg does not match the deck's `link:`: "
        "run .venv/bin/python scripts/slidev_assets.py"
    )


def test_the_qr_code_follows_the_link(assets: ModuleType, tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    text = (SLIDES / "slides.md").read_text(encoding="utf-8")
    link = load_deck_set(SLIDES).default.link
    (deck / "slides.md").write_text(text.replace(link, "https://example.org/autre"), "utf-8")
    written = assets.generate(deck)
    assert written == deck / "public" / "qr-link.svg"
    assert written.read_bytes() != QR.read_bytes()


def test_every_language_has_the_link_of_the_one_qr_code(bundled: DeckSet) -> None:
    assert bundled.default.link
    assert {deck.link for deck in bundled.decks} == {bundled.default.link}


def test_a_deck_without_one_link_is_refused(assets: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "slides.md").write_text("---\nlang: fr\n---\n\n# Titre\n", encoding="utf-8")
    with pytest.raises(assets.NoLink, match="no `link:`"):
        assets.deck_link(tmp_path)
    assert assets.main([str(tmp_path), "--output", str(tmp_path / "qr.svg")]) == 1
    assert not (tmp_path / "qr.svg").exists()


# --------------------------------------------------------------------------- the layouts


def test_the_fact_layout_shows_the_source(bundled: DeckSet) -> None:
    fact = (LAYOUTS / "fact.vue").read_text(encoding="utf-8")
    assert any(s.layout is Layout.FACT and s.source for s in bundled.default.slides)
    assert "$frontmatter.source" in fact
    assert "<slot" in fact  # the figure and the statement


def test_the_end_layout_shows_the_link_and_its_qr_code() -> None:
    end = (LAYOUTS / "end.vue").read_text(encoding="utf-8")
    assert "$slidev.configs.link" in end
    assert f'src="/{QR.name}"' in end
    assert "<slot" in end


@pytest.mark.parametrize("name", ["fact.vue", "end.vue"])
def test_the_layouts_need_no_npm_package(name: str) -> None:
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    assert set(re.findall(r"""from\s+['"]([^'"]+)['"]""", text)) <= {"vue"}


# --------------------------------------------------------------------------- the kiosk


def _findings(deck_set: DeckSet, root: Path) -> list[tuple[str, int, str, str]]:
    def where(finding: Finding) -> str:
        path = finding.file.absolute()
        return str(path.relative_to(root.absolute())) if path.is_relative_to(root) else str(path)

    return sorted(
        (where(f), f.line, str(f.severity), f.message.replace(str(root), "<deck>"))
        for f in deck_set.all_findings
    )


def test_the_kiosk_ignores_the_slidev_folders(bundled: DeckSet, tmp_path: Path) -> None:
    assert not [f for d in bundled.decks for f in d.errors], bundled.all_findings
    for finding in bundled.all_findings:
        assert {"layouts", "public"}.isdisjoint(finding.file.absolute().parts[-2:-1])
    # The same Markdown without the two folders: not one finding more or fewer.
    bare = tmp_path / "slides"
    bare.mkdir()
    for markdown in SLIDES.glob("*.md"):
        shutil.copyfile(markdown, bare / markdown.name)
    assert _findings(bundled, SLIDES) == _findings(load_deck_set(bare), bare)
