"""Slidev's code forms, LaTeX, links and characters: Markdown in, slide data out."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.deck import Deck, Layout, Severity, load_deck_set
from kiosk.render.fit import code_lines

DeckOf = Callable[..., Deck]
STARTER = Path(__file__).resolve().parent.parent / "slidev_starter"
CODE = ["// a comment", "import { ref } from 'vue'", "", "const count = ref(0)"]


def slide_with(deck: DeckOf, body: str) -> Deck:
    return deck(f"---\nlang: en\n---\n\n# Title\n\n{body}\n")


def code_of(rich_text: str) -> list[str]:
    """The lines of the first code block, as a visitor reads them."""
    block = re.search(r"<pre\b.*?</pre>", rich_text, re.DOTALL)
    assert block, rich_text
    return html.unescape(re.sub(r"<[^>]+>", "", block.group(0))).rstrip("\n").split("\n")


@pytest.mark.parametrize(
    "info",
    [
        "ts",
        "ts [file.ts]",
        "ts {all|4|6} twoslash",
        "ts [filename-example.ts] {all|4|6|6-7|9|all} twoslash",
        "ts {monaco}",
        "ts {monaco-run}",
        "ts {*|2|*}",
        "{1,3}",
        "",
    ],
)
def test_every_fence_slidev_accepts_is_a_code_block(deck: DeckOf, info: str) -> None:
    d = slide_with(deck, f"```{info}\n" + "\n".join(CODE) + "\n```")
    body = d.slides[0].body
    assert code_of(body) == CODE  # every line kept, blank ones too, as lines
    assert "```" not in body and "twoslash" not in body and "{all" not in body
    assert d.findings == ()
    if info.startswith("ts"):  # highlighted by role: keywords, strings, comments, numbers
        for role, token in (("kw", "import"), ("st", "'vue'"), ("cm", "// a comment")):
            assert f'<span class="{role}">{html.escape(token, quote=False)}</span>' in body


def test_indentation_survives(deck: DeckOf) -> None:
    code = ["def f():", "    if True:", "        return 1"]
    d = slide_with(deck, "```python\n" + "\n".join(code) + "\n```")
    assert code_of(d.slides[0].body) == code
    assert code_lines(d.slides[0]) == code


def test_magic_move_shows_where_the_animation_ends(deck: DeckOf) -> None:
    d = slide_with(
        deck,
        "````md magic-move {lines: true}\n"
        "```ts {*|2|*}\n// step 1\nconst a = 1\n```\n\n"
        "```ts {*|1-2}\n// step 2\nconst b = 2\n```\n"
        "````\n\nAfter.",
    )
    body = d.slides[0].body
    assert code_of(body) == ["// step 2", "const b = 2"]
    assert "step 1" not in body and "magic-move" not in body and "`" not in body
    assert "<p>After.</p>" in body
    assert d.findings == ()


def test_a_snippet_import_reads_its_region_from_the_deck_folder(
    deck: DeckOf, write: Callable[..., Path]
) -> None:
    write(
        "// #region snippet\nexport const one = 1\n// #endregion snippet\nconst two = 2\n",
        "snippets/external.ts",
    )
    d = slide_with(deck, "<<< @/snippets/external.ts#snippet\n\nAfter.")
    body = d.slides[0].body
    assert code_of(body) == ["export const one = 1"]
    assert '<span class="kw">export</span>' in body and "<p>After.</p>" in body
    assert d.findings == ()
    whole = slide_with(deck, "<<< @/snippets/external.ts")
    assert code_of(whole.slides[0].body)[-1] == "const two = 2"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("<<< @/snippets/missing.ts", "snippet @/snippets/missing.ts: "),
        ("<<< @/../outside.ts", "snippet @/../outside.ts leaves the deck folder"),
        ("<<< @/snippets/external.ts#nowhere", "no `#region nowhere` in the file"),
        ("<<< @/snippets/fifo.ts", "snippet @/snippets/fifo.ts: "),
    ],
)
def test_a_snippet_that_cannot_be_read_is_an_error_at_its_line(
    deck: DeckOf, write: Callable[..., Path], tmp_path: Path, line: str, message: str
) -> None:
    write("const one = 1\n", "snippets/external.ts")
    (tmp_path.parent / "outside.ts").write_text("secret\n", encoding="utf-8")
    os.mkfifo(tmp_path / "snippets" / "fifo.ts")  # never opened: it would hang the read
    d = slide_with(deck, f"Before.\n\n{line}\n\nAfter.")
    [finding] = d.findings
    assert (finding.line, finding.severity) == (9, Severity.ERROR)
    assert message in finding.message
    assert "secret" not in d.slides[0].body
    assert "<p>Before.</p>" in d.slides[0].body and "<p>After.</p>" in d.slides[0].body


def test_latex_is_shown_as_its_source_with_a_warning(deck: DeckOf) -> None:
    d = slide_with(
        deck,
        "Inline $\\sqrt{3x-1}+(1+x)^2$ and 5 $ or 10 $.\n\n$$ {1|3|all}\n\\frac{a}{b}\n$$",
    )
    body = d.slides[0].body
    assert "<code>\\sqrt{3x-1}+(1+x)^2</code>" in body
    assert "5 $ or 10 $" in body  # money stays text
    assert code_of(body) == ["\\frac{a}{b}"]
    assert [(f.line, f.severity) for f in d.findings] == [
        (7, Severity.WARNING),
        (9, Severity.WARNING),
    ]
    assert all("LaTeX is not typeset" in f.message for f in d.findings)


def test_a_character_no_bundled_font_draws_is_left_out_with_its_line(deck: DeckOf) -> None:
    d = slide_with(deck, "Emoji 📝 🧑‍💻 stay.\n\nBut 中文 and ䷀ go.")
    body = d.slides[0].body
    assert "📝" in body and "🧑\u200d💻" in body
    assert "中" not in body and "䷀" not in body and "But  and  go." in body
    [finding] = d.findings
    assert (finding.line, finding.severity) == (9, Severity.WARNING)
    assert "« 中 » (U+4E2D)" in finding.message and "left out at the booth" in finding.message


def test_a_slide_that_names_a_link_shows_its_qr_code(deck: DeckOf) -> None:
    d = deck(
        "---\nlang: en\n---\n\n# One\n\nRead [the guide](https://sli.dev/guide/why)"
        " or [another](https://example.org).\n\n---\nqr: https://cites-unies-france.org\n---\n\n"
        "# Two\n\n[Elsewhere](https://example.org)\n\n---\n\n# Three\n\nNo link.\n"
    )
    assert [s.qr for s in d.slides] == [
        "https://sli.dev/guide/why",
        "https://cites-unies-france.org",  # `qr:` wins
        "",
    ]


def test_the_starter_deck_shows_every_slide_and_says_what_it_leaves_out() -> None:
    deck_set = load_deck_set(STARTER)
    deck = deck_set.default
    assert deck.language == "en"  # no `lang:`: the tests' system language, C, gives English
    assert not [f for f in deck_set.all_findings if f.severity is Severity.ERROR]
    titles = [s.title for s in deck.slides]
    assert titles == [
        "Welcome to the booth",
        "What is on show?",
        "Table of contents",
        "Code",
        "Shiki Magic Move",
        "Import code snippets",
        "Monaco editor",
        "Components",
        "\\LaTeX",
        "Diagrams",
        "Imported slides",
        "Learn more",
    ]
    messages = [f.message for f in deck_set.all_findings]
    assert any("declares no language" in m for m in messages)
    assert any("`duration: 35min` is Slidev's length of the whole talk" in m for m in messages)
    assert any("did you mean `statement`?" in m for m in messages)
    by_title = {s.title: s for s in deck.slides}
    assert code_of(by_title["Code"].body)[0] == "// Hover information, in Slidev"
    assert code_of(by_title["Shiki Magic Move"].body)[0] == "<!-- step 3 -->"
    assert code_of(by_title["Import code snippets"].body)[0] == "// Inside ./snippets/external.ts"
    assert by_title["Diagrams"].layout is Layout.DEFAULT
    for slide in deck.slides:  # nothing of Slidev's syntax reaches a visitor
        text = slide.body + slide.right + slide.title
        assert "```" not in text and "<<<" not in text and "$$" not in text, slide.title
