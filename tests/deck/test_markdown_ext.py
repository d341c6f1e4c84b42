"""The Markdown extension and the render pool: same output on every path, bounded cost."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.deck import render_pool
from kiosk.deck.markdown_ext import PlainTextInlineProcessor
from kiosk.deck.render_pool import RenderJob, render_all

INLINE = st.lists(
    st.sampled_from(
        [
            "mot ",
            "*",
            "**",
            "_",
            "`",
            "[",
            "](",
            ")",
            "!",
            "<",
            ">",
            "&amp;",
            "\\",
            "  \n",
            "\n",
            "é ",
            "https://e.org",
            "~",
            "#",
            "1. ",
            "- ",
        ]
    ),
    max_size=30,
).map("".join)


def plain_markdown(fast: bool) -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"])
    if fast:
        md.treeprocessors.register(PlainTextInlineProcessor(md), "inline", 20)
    return md


@settings(max_examples=400, deadline=None)
@given(text=INLINE)
def test_plain_text_fast_path_gives_identical_html(text: str) -> None:
    assert plain_markdown(True).convert(text) == plain_markdown(False).convert(text)


def jobs(tmp_path: Path, count: int) -> list[RenderJob]:
    file = tmp_path / "slides.md"
    return [
        RenderJob(
            f"# Titre {i}\n\n- **point** {i}\n- [lien](https://e.org/{i})\n", file, i, tmp_path
        )
        for i in range(count)
    ]


def test_parallel_rendering_equals_serial(tmp_path: Path, monkeypatch) -> None:
    work = jobs(tmp_path, 400)
    monkeypatch.setattr(render_pool, "PARALLEL_MIN_CHARS", 10**12)
    serial = render_all(work)
    monkeypatch.setattr(render_pool, "PARALLEL_MIN_CHARS", 0)
    parallel = render_all(work)
    assert parallel == serial
    assert [r.title for r in parallel[:3]] == ["Titre 0", "Titre 1", "Titre 2"]


def test_chunks_cover_every_job_in_order(tmp_path: Path) -> None:
    work = jobs(tmp_path, 101)
    chunks = render_pool._chunks(work, 2, sum(len(j.text) for j in work))
    assert len(chunks) == 2
    assert [j for chunk in chunks for j in chunk] == work


def test_deck_over_the_cost_budget_is_shown_as_plain_text(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(render_pool, "MAX_DECK_COST", 500)
    results = render_all(jobs(tmp_path, 20))
    assert results[0].title == "Titre 0" and "<strong>point</strong>" in results[0].html
    last = results[-1]
    assert last.title == ""
    assert last.html.startswith("<p># Titre 19")
    assert "shown as plain text" in last.findings[0].message
