"""Markdown in, slide data out: layouts, titles, facts, slots, notes, images, imports."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.deck import Deck, Layout, Severity, load_deck, load_deck_set

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
    # A number of seconds, as the kiosk reads it; Slidev would read minutes: said so.
    assert [(f.line, f.severity, f.message) for f in d.findings] == [
        (
            4,
            Severity.WARNING,
            "`duration: 12` in the headmatter: 12 s a slide in the loop, but Slidev reads it"
            " as a 12-minute talk; `defaults: {duration: 12}` means a slide's seconds in both",
        )
    ]
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
    assert re.sub(r"<span[^>]*>|</span>", "", body).startswith(
        '<pre><code>print("&lt;b&gt;")\n</code></pre>'
    )  # highlighted, and still the text written
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


def test_lang_or_slidev_html_attributes_declare_the_language(deck: DeckOf) -> None:
    assert deck("---\nlang: fr\n---\n\n# Bonjour\n").language == "fr"
    assert deck("---\nhtmlAttrs:\n  lang: en\n---\n\n# Hello\n").language == "en"
    assert deck("---\nlang: fr\nhtmlAttrs: {lang: en}\n---\n\n# Bonjour\n").language == "fr"
    assert deck("# Bonjour\n").language == ""  # none declared: the deck set decides


@pytest.mark.parametrize(
    ("setting", "environment", "expected", "why"),
    [
        ("de", {"LANG": "fr_FR.UTF-8"}, "de", "the settings' `language`"),
        ("", {"LANG": "fr_FR.UTF-8"}, "fr", "the system's language (LANG=fr_FR.UTF-8)"),
        ("", {"LC_ALL": "fr_CA", "LANG": "en_GB"}, "fr", "the system's language (LC_ALL=fr_CA)"),
        ("", {"LANG": "ja_JP.UTF-8"}, "en", "English"),  # the booth has no Japanese words
        ("", {"LANG": "C.UTF-8"}, "en", "English"),
        ("", {}, "en", "English"),
    ],
)
def test_a_deck_without_a_language_is_read_in_the_settings_then_the_systems_then_english(
    write: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    environment: dict[str, str],
    expected: str,
    why: str,
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    main = write("# Bonjour\n")
    write("# Hello\n", "slides.en.md")  # a translation's file name says its language
    deck_set = load_deck_set(main.parent, setting)
    translated = "en" if expected != "en" else None
    assert deck_set.languages[0] == expected
    if translated:
        assert deck_set.languages == (expected, "en")
    [said] = [f for f in deck_set.all_findings if "declares no language" in f.message]
    assert (said.file, said.line, said.severity) == (main, 1, Severity.WARNING)
    assert f"shown as `{expected}` ({why}" in said.message


def test_slidev_talk_length_is_accepted_and_unused(deck: DeckOf) -> None:
    d = deck("---\nlang: en\nduration: 35min\n---\n\n# Hello\n\n---\n\n# Two\n")
    assert d.duration is None  # the booth's own default then
    assert [s.duration for s in d.slides] == [None, None]
    assert not d.errors
    [note] = d.findings
    assert (note.line, note.severity) == (3, Severity.WARNING)
    assert "`duration: 35min` is Slidev's length of the whole talk" in note.message
    for form in ("1h", "1h30min", "90s", "1.5h", "45m"):
        assert not deck(f"---\nlang: en\nduration: {form}\n---\n\n# Hello\n").errors, form
    # On a slide, `duration` is the kiosk's seconds: Slidev's form is an error there.
    d = deck("---\nlang: en\n---\n\n# A\n\n---\nduration: 35min\n---\n\n# B\n")
    assert [e.line for e in d.errors] == [8]


def test_defaults_apply_to_every_slide_and_its_own_keys_win(deck: DeckOf) -> None:
    d = deck(
        """
        ---
        lang: fr
        defaults:
          duration: 12
          layout: statement
        ---

        # Un

        ---
        duration: 20
        ---

        # Deux

        ---
        layout: default
        ---

        # Trois
        """
    )
    assert d.findings == ()  # the form Slidev and the kiosk read alike
    assert d.duration == 12
    assert [(s.duration, s.layout) for s in d.slides] == [
        (12, Layout.STATEMENT),
        (20, Layout.STATEMENT),
        (12, Layout.DEFAULT),
    ]
    bad = deck("---\nlang: fr\ndefaults:\n  duration: -1\n  colour: red\n---\n\n# Un\n")
    assert [(f.line, f.severity) for f in bad.findings] == [  # at `defaults:`
        (3, Severity.ERROR),
        (3, Severity.WARNING),
    ]
    assert bad.slides[0].duration is None


@pytest.mark.parametrize(
    ("frontmatter", "message"),
    [
        (
            "layout: statment",
            "unknown layout `statment`, shown with `default`: did you mean `statement`?",
        ),
        ("layout: Fact", "unknown layout `Fact`, shown with `default`: did you mean `fact`?"),
        ("layout: zzz", "unknown layout `zzz`, shown with `default`"),
        (
            "layout: intro",
            "Slidev's layout `intro` is not one the kiosk draws: shown with `default`",
        ),
        ("sourse: AFD", "unknown frontmatter key `sourse` (ignored): did you mean `source`?"),
        ("lyout: fact", "unknown frontmatter key `lyout` (ignored): did you mean `layout`?"),
    ],
)
def test_typos_get_the_nearest_known_name(deck: DeckOf, frontmatter: str, message: str) -> None:
    d = deck(f"---\nlang: fr\n---\n\n# Un\n\n---\n{frontmatter}\n---\n\n# Deux\n")
    assert [(f.line, f.message) for f in d.findings] == [(8, message)]


def test_every_key_of_slidev_is_known(deck: DeckOf) -> None:
    """Slidev 52.20's headmatter and frontmatter keys (@slidev/types): none is "unknown"."""
    keys = [
        "theme",
        "addons",
        "title",
        "titleTemplate",
        "info",
        "author",
        "keywords",
        "remoteAssets",
        "download",
        "codeCopy",
        "magicMoveCopy",
        "magicMoveDuration",
        "exportFilename",
        "export",
        "highlighter",
        "shiki",
        "twoslash",
        "lineNumbers",
        "colorSchema",
        "routerMode",
        "aspectRatio",
        "canvasWidth",
        "selectable",
        "fonts",
        "favicon",
        "drawings",
        "plantUmlServer",
        "record",
        "remote",
        "css",
        "presenter",
        "browserExporter",
        "comark",
        "mdc",
        "editor",
        "mcp",
        "contextMenu",
        "wakeLock",
        "pwa",
        "monaco",
        "monacoTypesSource",
        "monacoTypesAdditionalPackages",
        "monacoTypesIgnorePackages",
        "monacoRunAdditionalDeps",
        "monacoRunUseStrict",
        "seoMeta",
        "notesAutoRuby",
        "timer",
        "clickAnimation",
        "preloadImages",
        "transition",
        "class",
        "clicks",
        "clicksStart",
        "preload",
        "hideInToc",
        "level",
        "routeAlias",
        "zoom",
        "dragPos",
    ]
    text = "---\nlang: fr\n" + "".join(f"{key}: x\n" for key in keys) + "---\n\n# Un\n"
    assert [f.message for f in deck(text).findings if "unknown" in f.message] == []
