"""One test per error and warning class: the message and the line it names."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.deck import Deck, Layout, load_deck
from kiosk.deck.source import MAX_FILE_BYTES

DeckOf = Callable[..., Deck]


def only(d: Deck, severity: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in d.findings if f.severity == severity]


def one(d: Deck, severity: str) -> tuple[int, str]:
    found = only(d, severity)
    assert len(found) == 1, d.findings
    return found[0]


# --- errors -------------------------------------------------------------------


def test_yaml_syntax_error(deck: DeckOf) -> None:
    d = deck("# One\n\n---\nlayout: fact\nsource: [unclosed\n---\n\n# 2\n")
    line, message = one(d, "error")
    assert line == 5 and message.startswith("YAML syntax error")
    assert len(d.slides) == 2  # the slide still shows, with the default layout
    assert d.slides[1].layout is Layout.DEFAULT


def test_frontmatter_that_is_not_a_mapping(deck: DeckOf) -> None:
    d = deck("# One\n\n---\n- a list\n- of things\n---\n\n# 2\n")
    assert one(d, "error") == (4, "frontmatter must be a mapping of `key: value` lines")


def test_yaml_tag_that_would_build_objects(deck: DeckOf) -> None:
    d = deck("---\nlayout: cover\nx: !!python/object/apply:os.system ['true']\n---\n\n# T\n")
    line, message = one(d, "error")
    assert line == 3
    assert message.startswith("YAML tag not allowed")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("-3", "must be a positive number of seconds"),
        ("0", "must be a positive number of seconds"),
        ("ten", "must be a number of seconds"),
        ("true", "must be a number of seconds"),
        (".nan", "must be a positive number of seconds"),
        ("999999", "must be at most 86400 seconds"),
    ],
)
def test_duration_of_wrong_type_or_range(deck: DeckOf, value: str, problem: str) -> None:
    d = deck(f"# One\n\n---\nlayout: fact\nsource: s\nduration: {value}\n---\n\n# 2\n")
    line, message = one(d, "error")
    assert line == 6
    assert message.startswith(f"`duration` {problem}")
    assert d.slides[1].duration is None


def test_other_wrong_types(deck: DeckOf) -> None:
    d = deck('---\nlang: 12\nthemeConfig:\n  primary: red\nhide: "yes"\n---\n\n# T\n')
    assert only(d, "error") == [
        (2, "`lang` must be a language tag such as fr or en, not 12"),
        (3, "`themeConfig.primary` must be a colour like #1a2b3c"),
        (5, "`hide` must be true or false, not 'yes'"),
    ]


def test_missing_image(deck: DeckOf) -> None:
    d = deck("# T\n\nText\n\n![Carte](img/carte.png)\n")
    assert one(d, "error") == (5, "image not found: img/carte.png")
    assert "img" not in d.slides[0].body


def test_missing_frontmatter_image(deck: DeckOf) -> None:
    d = deck("---\nlayout: image\nimage: hero.jpg\n---\n\n# T\n")
    assert one(d, "error") == (3, "image not found: hero.jpg")


def test_image_path_leaving_the_deck_folder(write: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path.parent / "secret.png").write_text("x")
    d = load_deck(write("# T\n\n![x](../secret.png)\n"))
    assert one(d, "error") == (3, "image path ../secret.png leaves the deck folder")


def test_symlink_cannot_escape_the_deck_folder(write: Callable[..., Path], tmp_path: Path) -> None:
    outside = tmp_path.parent / "outside.png"
    outside.write_text("x")
    os.symlink(outside, tmp_path / "link.png")
    d = load_deck(write("# T\n\n![x](link.png)\n"))
    assert one(d, "error") == (3, "image path link.png leaves the deck folder")


def test_absolute_path_is_the_deck_folder_not_the_disk(deck: DeckOf) -> None:
    d = deck("# T\n\n![x](/etc/passwd)\n")
    assert one(d, "error") == (3, "image not found: /etc/passwd")


def test_import_leaving_the_deck_folder(write: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path.parent / "other.md").write_text("# Other\n")
    d = load_deck(write("# T\n\n---\nsrc: ../other.md\n---\n"))
    assert one(d, "error") == (4, "import ../other.md leaves the deck folder")


def test_import_cycle(write: Callable[..., Path]) -> None:
    write("# A\n\n---\nsrc: b.md\n---\n", "a.md")
    write("# B\n\n---\nsrc: a.md\n---\n", "b.md")
    main = write("# Main\n\n---\nsrc: a.md\n---\n")
    d = load_deck(main)
    errors = [(f.file.name, f.line, f.message) for f in d.errors]
    assert errors == [("b.md", 4, "import cycle: a.md -> b.md -> a.md")]
    assert [s.title for s in d.slides] == ["Main", "A", "B"]


def test_import_of_itself(write: Callable[..., Path]) -> None:
    d = load_deck(write("# Main\n\n---\nsrc: slides.md\n---\n"))
    assert one(d, "error") == (4, "import cycle: slides.md -> slides.md")


def test_missing_import(deck: DeckOf) -> None:
    d = deck("# T\n\n---\nsrc: pages/nope.md\n---\n")
    assert one(d, "error") == (4, "imported file not found: pages/nope.md")


def test_frontmatter_never_closed(deck: DeckOf) -> None:
    d = deck("# One\n\n---\nlayout: fact\nsource: x\n\n# 65 %\n")
    line, message = one(d, "error")
    assert line == 3 and "never closed" in message
    assert [s.title for s in d.slides] == ["One"]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "slides.md"
    path.write_bytes("# Un\n\n---\n\n# Côte\n".encode("latin-1"))
    d = load_deck(path)
    line, message = d.errors[0].line, d.errors[0].message
    assert line == 5
    assert message == "not UTF-8 text (byte 0xf4); save it as UTF-8"


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "slides.md"
    path.write_bytes(b"# Big\n" + b"x" * MAX_FILE_BYTES)
    d = load_deck(path)
    assert d.slides == ()
    assert "over the 5,242,880-byte limit" in d.errors[0].message
    assert d.errors[0].line == 1


def test_deck_with_no_slide(deck: DeckOf) -> None:
    d = deck("\n\n   \n")
    assert one(d, "error") == (1, "the deck has no slide")


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    d = load_deck(tmp_path / "absent.md")
    assert d.errors[0].message.startswith("cannot read file")


# --- warnings -----------------------------------------------------------------


def test_unknown_layout(deck: DeckOf) -> None:
    d = deck("# One\n\n---\nlayout: fancy\n---\n\n# 2\n")
    assert one(d, "warning") == (4, "unknown layout `fancy`, shown with `default`")
    assert d.slides[1].layout is Layout.DEFAULT


def test_unknown_frontmatter_key(deck: DeckOf) -> None:
    d = deck("---\ncolour: blue\nclass: text-center\n---\n\n# T\n")
    assert one(d, "warning") == (2, "unknown frontmatter key `colour` (ignored)")


@pytest.mark.parametrize(
    ("markdown", "line", "message"),
    [
        ("<div>Texte</div>", 3, "raw HTML <div> dropped (its text is kept)"),
        (
            '<span v-click class="a">x</span>',
            3,
            "raw HTML <span> dropped (its text is kept); Vue attribute v-click ignored",
        ),
        (
            "<script>\nfetch('x')\n</script>",
            3,
            "<script> dropped with its content (never run in the kiosk)",
        ),
        (
            "<style>\nh1 { color: red }\n</style>",
            3,
            "<style> dropped with its content (never run in the kiosk)",
        ),
        (
            '<iframe src="https://example.com"></iframe>',
            3,
            "<iframe> dropped with its content (never run in the kiosk)",
        ),
        (
            '<Tweet id="20" />',
            3,
            "Vue component <Tweet> dropped (components are not run in the kiosk)",
        ),
        (
            "<v-click>\n\nVisible\n\n</v-click>",
            3,
            "Vue component <v-click> dropped (components are not run in the kiosk)",
        ),
        (
            '<Youtube\n  id="abc"\n  width="400"\n/>',
            3,
            "Vue component <Youtube> dropped (components are not run in the kiosk)",
        ),
    ],
)
def test_dropped_html_and_components(deck: DeckOf, markdown: str, line: int, message: str) -> None:
    d = deck(f"# T\n\n{markdown}\n\nAfter\n")
    assert one(d, "warning") == (line, message)
    body = d.slides[0].body
    assert "<" + message.split("<")[1].split(">")[0] not in body
    for secret in ("fetch", "color", "example.com", "abc"):
        assert secret not in body
    assert "After" in body


def test_text_of_dropped_wrappers_is_kept(deck: DeckOf) -> None:
    d = deck("# T\n\n<div>Texte</div>\n\n<v-click>\n\nVisible\n\n</v-click>\n")
    assert "Texte" in d.slides[0].body and "Visible" in d.slides[0].body


def test_html_inside_code_is_code_not_dropped(deck: DeckOf) -> None:
    d = deck("# T\n\n`<div>`\n\n```html\n<script>x</script>\n```\n")
    assert d.findings == ()
    assert "&lt;div&gt;" in d.slides[0].body
    # Highlighted (its tags' names in the keyword colour), but text: what a visitor reads.
    assert "&lt;script&gt;x&lt;/script&gt;" in re.sub(r"<[^>]+>", "", d.slides[0].body)


def test_comparison_signs_are_text(deck: DeckOf) -> None:
    d = deck("# T\n\n3 < 5 and a <b\n\ntext\n")
    assert d.findings == ()
    assert "3 &lt; 5" in d.slides[0].body


@pytest.mark.parametrize(
    "url", ["https://example.com/a.png", "http://example.com/a.png", "//cdn.example.com/a.png"]
)
def test_remote_image_is_dropped(deck: DeckOf, url: str) -> None:
    d = deck(f"# T\n\n![logo]({url})\n")
    assert one(d, "warning") == (3, f"remote image {url} dropped (never fetched)")
    assert "img" not in d.slides[0].body


def test_remote_frontmatter_image_is_dropped(deck: DeckOf) -> None:
    d = deck("---\nlayout: image-left\nimage: https://cover.sli.dev\n---\n\n# T\n")
    assert one(d, "warning") == (3, "remote image https://cover.sli.dev dropped (never fetched)")
    assert d.slides[0].image is None


def test_remote_import_is_dropped(deck: DeckOf) -> None:
    d = deck("# T\n\n---\nsrc: https://example.com/x.md\n---\n")
    assert one(d, "warning") == (4, "remote import https://example.com/x.md dropped")


def test_fact_without_source(deck: DeckOf) -> None:
    d = deck("# One\n\n---\nlayout: fact\n---\n\n# 4 700\n\ncollectivités\n")
    assert one(d, "warning") == (3, "fact card without a `source:`")


def test_text_over_the_reading_budget(deck: DeckOf) -> None:
    long = " ".join(["mot"] * 120)
    d = deck(f"# One\n\n---\nlayout: statement\n---\n\n# {long}\n")
    line, message = one(d, "warning")
    assert line == 3
    assert message.startswith(f"{len(long)} characters to read on a `statement` slide")
