"""Markdown in, slide data out: layouts, titles, facts, slots, notes, images, imports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.deck import Deck, Layout, load_deck

DeckOf = Callable[..., Deck]


def test_cover_default_and_titles(deck: DeckOf) -> None:
    d = deck(
        """
        ---
        title: L’action internationale
        lang: fr
        duration: 12
        transition: fade
        link: https://example.org
        ---

        # Une force à mobiliser

        Cités Unies France

        ---

        ## Un monde d’interconnexions

        - santé
        - *climat*
        """
    )
    assert d.findings == ()
    assert d.title == "L’action internationale"
    assert d.language == "fr"
    assert d.duration == 12
    assert d.transition == "fade"
    assert d.link == "https://example.org"
    cover, second = d.slides
    assert (cover.index, cover.layout, cover.title) == (0, Layout.COVER, "Une force à mobiliser")
    assert cover.body == "<p>Cités Unies France</p>"
    assert second.layout is Layout.DEFAULT
    assert second.title == "Un monde d’interconnexions"
    assert second.body == "<ul>\n<li>santé</li>\n<li><em>climat</em></li>\n</ul>"
    assert second.line == 13


def test_fact_card_figure_statement_source(deck: DeckOf) -> None:
    d = deck(
        """
        # Cover

        ---
        layout: fact
        source: Sondage commandité par l’AFD, publié en juin 2025
        duration: 8
        ---

        # 65\u202f%

        des Français se disent **concernés**.
        """
    )
    assert d.findings == ()
    fact = d.slides[1]
    assert fact.layout is Layout.FACT
    assert fact.figure == "65\u202f%"
    assert fact.statement == "<p>des Français se disent <strong>concernés</strong>.</p>"
    assert fact.source == "Sondage commandité par l’AFD, publié en juin 2025"
    assert fact.duration == 8
    assert fact.body == ""


def test_every_layout_name_is_understood(deck: DeckOf) -> None:
    names = [layout.value for layout in Layout]
    text = "\n\n---\n".join(f"layout: {n}\n---\n\n# {n}" for n in names)
    d = deck("---\n" + text.replace("image", "image", 1))
    assert [s.layout.value for s in d.slides] == names


def test_two_cols_right_slot(deck: DeckOf) -> None:
    d = deck(
        """
        ---
        layout: two-cols
        ---

        # Ici

        Local

        ::right::

        # Là-bas

        International
        """
    )
    slide = d.slides[0]
    assert slide.title == "Ici"
    assert slide.body == "<p>Local</p>"
    assert slide.right == "<h1>Là-bas</h1>\n<p>International</p>"


def test_slot_marker_inside_code_is_code(deck: DeckOf) -> None:
    d = deck("---\nlayout: two-cols\n---\n\n```\n::right::\n```\n")
    assert d.slides[0].right == ""
    assert "::right::" in d.slides[0].body


def test_note_is_kept_and_never_in_the_body(deck: DeckOf) -> None:
    d = deck("# One\n\nText\n\n<!-- Mention the survey -->\n")
    assert d.slides[0].note == "Mention the survey"
    assert "survey" not in d.slides[0].body


def test_french_typography_survives(deck: DeckOf) -> None:
    text = "# « Rejoignez-nous\u202f! »\n\nÀ l’international\u202f: 0,2\u00a0%\n"
    d = deck(text)
    assert d.slides[0].title == "« Rejoignez-nous\u202f! »"
    # Qt's rich text keeps U+202F only where white space is preserved (see the screen's
    # own test, tests/interaction/test_typography.py).
    kept = '<span style="white-space:pre">\u202f</span>'
    assert d.slides[0].body == f"<p>À l’international{kept}: 0,2\u00a0%</p>"


def test_code_tables_and_lists_render_as_qt_rich_text(deck: DeckOf) -> None:
    d = deck(
        """
        # Code

        ```python
        print("<b>")
        ```

        | a | b |
        |---|---|
        | 1 | 2 |
        """
    )
    body = d.slides[0].body
    assert "print(&quot;&lt;b&gt;&quot;)\n</code></pre>" in body
    assert "<table>" in body and "<td>1</td>" in body


def test_attributes_are_stripped_and_unknown_tags_unwrapped(deck: DeckOf) -> None:
    d = deck('# T\n\n[lien](https://example.org "titre")\n')
    assert d.slides[0].body == '<p><a href="https://example.org">lien</a></p>'


def test_local_image_resolves_to_a_file_url(write: Callable[..., Path]) -> None:
    png = write("not really a png", "img/photo.png")
    path = write("# T\n\n![Photo](img/photo.png)\n")
    d = load_deck(path)
    assert d.findings == ()
    assert f'<img alt="Photo" src="{png.resolve().as_uri()}">' in d.slides[0].body


def test_image_layout_takes_frontmatter_image(write: Callable[..., Path]) -> None:
    png = write("x", "public/hero.png")
    path = write("---\nlayout: image-right\nimage: /hero.png\n---\n\n# T\n")
    d = load_deck(path)
    assert d.findings == ()
    assert d.slides[0].image == png.resolve()


def test_src_import_expands_in_place_and_merges_frontmatter(write: Callable[..., Path]) -> None:
    write("---\nlayout: fact\nsource: A\n---\n\n# 1\n\n---\n\n# Two\n", "pages/part.md")
    path = write("# Cover\n\n---\nsrc: ./pages/part.md\nsource: B\n---\n\n---\n\n# Last\n")
    d = load_deck(path)
    assert d.findings == ()
    assert [s.title for s in d.slides] == ["Cover", "1", "Two", "Last"]
    assert d.slides[1].source == "B"  # the importing slide's keys win
    assert d.slides[1].file.name == "part.md" and d.slides[1].line == 1
    assert [s.index for s in d.slides] == [0, 1, 2, 3]


def test_hidden_slides_are_left_out(deck: DeckOf) -> None:
    d = deck("# One\n\n---\nhide: true\n---\n\n# Two\n\n---\n\n# Three\n")
    assert [s.title for s in d.slides] == ["One", "Three"]


def test_light_colour_schema_and_theme_config(deck: DeckOf) -> None:
    d = deck('---\ncolorSchema: light\nthemeConfig:\n  primary: "#005a9c"\n---\n\n# T\n')
    assert d.theme.primary == "#005a9c"
    assert d.theme.dark is False


def test_crlf_and_bom_are_fine(write: Callable[..., Path], tmp_path: Path) -> None:
    path = tmp_path / "slides.md"
    path.write_bytes("\ufeff---\r\nlang: en\r\n---\r\n\r\n# Hello\r\n".encode())
    d = load_deck(path)
    assert d.findings == ()
    assert d.language == "en"
    assert d.slides[0].title == "Hello"


@pytest.mark.parametrize("layout", [Layout.FACT, Layout.DEFAULT])
def test_reading_chars_count_visible_text(deck: DeckOf, layout: Layout) -> None:
    d = deck(f"---\nlayout: {layout}\nsource: x\n---\n\n# 12\n\nabc **de**\n")
    assert d.slides[0].reading_chars == len("12") + len("abc de")


def test_default_language_is_french(deck: DeckOf) -> None:
    assert deck("# Bonjour\n").language == "fr"
