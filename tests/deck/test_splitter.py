"""Slidev's splitting rules: separators, frontmatter blocks, code fences, comments, notes."""

from __future__ import annotations

import textwrap
from pathlib import Path

from kiosk.deck.splitter import RawSlide, split_slides

FILE = Path("deck.md")


def split(text: str) -> list[RawSlide]:
    findings: list = []
    slides = split_slides(textwrap.dedent(text).lstrip("\n"), FILE, findings)
    assert findings == []
    return slides


def test_headmatter_is_the_first_slides_frontmatter() -> None:
    slides = split(
        """
        ---
        title: Deck
        layout: cover
        ---

        # One

        ---

        # Two
        """
    )
    assert [s.frontmatter for s in slides] == ["title: Deck\nlayout: cover", None]
    assert [s.line for s in slides] == [1, 8]
    assert slides[0].frontmatter_line == 2
    assert "# One" in slides[0].content and "# Two" in slides[1].content


def test_file_without_headmatter_starts_with_a_slide() -> None:
    slides = split("# One\n\n---\n\n# Two\n")
    assert len(slides) == 2
    assert slides[0].frontmatter is None and slides[0].line == 1


def test_yaml_right_after_separator_is_frontmatter() -> None:
    slides = split(
        """
        # One

        ---
        layout: fact
        source: AFD
        ---

        # 65 %
        """
    )
    assert slides[1].frontmatter == "layout: fact\nsource: AFD"
    assert slides[1].frontmatter_line == 4
    assert slides[1].content.strip() == "# 65 %"
    assert slides[1].content_line == 7


def test_separator_followed_by_blank_line_has_no_frontmatter() -> None:
    slides = split(
        """
        # One

        ---

        layout: fact

        ---

        # Three
        """
    )
    assert len(slides) == 3
    assert slides[1].frontmatter is None
    assert slides[1].content.strip() == "layout: fact"


def test_four_dash_separator_never_opens_frontmatter() -> None:
    # Slidev: `----` separates slides, and what follows is content even when
    # the next line is not blank.
    slides = split(
        """
        # One

        ----
        # Two
        """
    )
    assert len(slides) == 2
    assert slides[1].frontmatter is None
    assert slides[1].content.strip() == "# Two"


def test_separator_inside_code_fence_is_code() -> None:
    slides = split(
        """
        # One

        ```md
        ---
        layout: fact
        ---
        ```

        ~~~
        ---
        ~~~
        """
    )
    assert len(slides) == 1
    assert slides[0].content.count("---") == 3


def test_separator_inside_html_comment_is_not_a_separator() -> None:
    slides = split(
        """
        # One

        <!--
        ---
        -->
        text
        """
    )
    assert len(slides) == 1
    assert "text" in slides[0].content


def test_last_comment_ending_the_slide_is_the_note() -> None:
    slides = split(
        """
        # One

        <!-- not a note -->
        Visible

        <!--
        Say hello
        to the mayor
        -->
        """
    )
    assert slides[0].note == "Say hello\nto the mayor"
    assert "not a note" not in slides[0].content
    assert "Say hello" not in slides[0].content
    assert "Visible" in slides[0].content


def test_comment_followed_by_text_is_no_note() -> None:
    slides = split("# One\n\n<!-- hidden -->\n\nStill here\n")
    assert slides[0].note == ""
    assert "hidden" not in slides[0].content


def test_comment_inside_code_is_kept_as_code() -> None:
    slides = split("# One\n\n```html\n<!-- code -->\n```\n")
    assert "<!-- code -->" in slides[0].content
    assert slides[0].note == ""


def test_comments_keep_line_numbers() -> None:
    slides = split("# One\n<!--\na\nb\n-->\nafter\n")
    lines = slides[0].content.split("\n")
    assert lines[5] == "after"


def test_yaml_code_block_frontmatter() -> None:
    slides = split(
        """
        # One

        ---

        ```yaml
        layout: quote
        ```

        # « Citation »
        """
    )
    assert slides[1].frontmatter == "layout: quote"
    assert "```" not in slides[1].content
    assert slides[1].frontmatter_line == 6  # the first YAML line


def test_unclosed_frontmatter_is_an_error_with_its_line() -> None:
    findings: list = []
    slides = split_slides("# One\n\n---\nlayout: fact\n\n# 65 %\n", FILE, findings)
    assert len(slides) == 1
    assert [(f.line, f.message.split(" ")[0]) for f in findings] == [(3, "frontmatter")]
    assert "never closed" in findings[0].message


def test_empty_slides_between_separators_are_dropped() -> None:
    slides = split("# One\n\n---\n\n---\n\n# Two\n")
    assert [s.content.strip() for s in slides] == ["# One", "# Two"]
