"""Any input gives slides or findings, never another exception; hostile input ends quickly."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.deck import Deck, load_deck, load_deck_set

# Fragments that steer generated text towards the parser's corners.
PIECES = st.sampled_from(
    [
        "---\n",
        "----\n",
        "---\nlayout: fact\n---\n",
        "```\n",
        "~~~\n",
        "<!--",
        "-->",
        "::right::\n",
        "# ",
        "> ",
        "- ",
        "  ",
        "\n",
        "<div>",
        "</div>",
        "<script>",
        "<Tweet/>",
        "![x](a.png)",
        "![x](https://e.org/a.png)",
        "src: x.md\n",
        "layout: two-cols\n",
        "duration: -1\n",
        "&amp;",
        "`",
        "*",
        "_",
        "|",
        "«\u202f",
        "\u202f»",
        "\ufeff",
        "\r\n",
        "a: &a [1]\nb: *a\n",
        "!!python/object:os.system\n",
        "{",
        "[",
        "\t",
        "é",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join)


def check_deck(deck: Deck) -> None:
    for finding in deck.findings:
        assert finding.line >= 1
        assert finding.message
    for slide in deck.slides:
        assert isinstance(slide.body, str) and isinstance(slide.title, str)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_any_text_gives_slides_or_findings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "slides.md"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    check_deck(load_deck(path))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_any_bytes_give_slides_or_findings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "slides.md"
    path.write_bytes(data)
    check_deck(load_deck(path))
    load_deck_set(tmp_path)


def load(tmp_path: Path, text: str) -> Deck:
    path = tmp_path / "slides.md"
    path.write_text(text, encoding="utf-8")
    return load_deck(path)


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    deck = load(tmp_path, "---\n" + "\n".join(bomb) + "\n---\n\n# T\n")
    assert any("alias bomb" in f.message for f in deck.errors)
    assert len(deck.slides) == 1


def test_deeply_nested_yaml_is_refused(tmp_path: Path) -> None:
    deck = load(tmp_path, "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n\n# T\n")
    assert any("nested deeper than" in f.message for f in deck.errors)


def test_deeply_nested_markdown_is_refused(tmp_path: Path) -> None:
    quotes = load(tmp_path, "# T\n\n" + ">" * 5000 + " deep\n\nok\n")
    assert any("nested deeper" in f.message for f in quotes.errors)
    assert "ok" in quotes.slides[0].body
    lists = load(tmp_path, "# T\n\n" + "".join("  " * i + "- x\n" for i in range(300)))
    assert lists.slides  # shown as far as it is readable, never a RecursionError


def test_megabytes_of_text_end_with_bounded_memory(tmp_path: Path) -> None:
    line = "Les collectivités territoriales **engagées** à l’international. " * 4
    text = "".join(f"---\n\n# Slide {i}\n\n{line}\n\n" for i in range(2000))
    assert len(text.encode()) > 500_000
    tracemalloc.start()
    try:
        deck = load(tmp_path, text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(deck.slides) == 2000
    assert peak < 200 * 1024 * 1024


def test_one_huge_paragraph_is_a_budget_warning_not_a_hang(tmp_path: Path) -> None:
    deck = load(tmp_path, "# T\n\n" + "mot " * 200_000 + "\n")
    assert any("characters to read" in f.message for f in deck.warnings)


def test_unclosed_tags_and_emphasis_runs(tmp_path: Path) -> None:
    deck = load(tmp_path, "# T\n\n" + "<div " * 5000 + "\n\n" + "*_" * 20000 + "\n")
    assert deck.slides
