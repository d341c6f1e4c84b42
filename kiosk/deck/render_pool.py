"""Rendering a deck's Markdown slots, in forked worker processes when the deck is large.

Python-Markdown costs about a third of a millisecond per slide, which is
nothing for a booth deck of thirty slides but seconds for a generated deck of
thousands. Above a threshold, and only where forking is safe (no threads, Qt
not loaded), the slots are split into one contiguous chunk per core.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.deck.markdown_ext import Rendered, SlideRenderer

log = logging.getLogger(__name__)

# Python-Markdown's cost per character varies twentyfold with the text: markup
# characters and line breaks cost far more than words. Past this estimated
# cost in one deck, the rest is shown as plain text, so even a hostile deck of
# many megabytes is checked in seconds. A booth deck costs about 20,000; the
# 5,000-slide benchmark deck about 3,500,000.
MAX_DECK_COST = 5_000_000
_MARKUP = re.compile(r"[*_`\[\]!<>#=|\\~\n-]")
_MARKUP_WEIGHT = 20
# Below this much Markdown, starting workers costs more than it saves
# (about 100 slides of ordinary text).
PARALLEL_MIN_CHARS = 20_000
MAX_WORKERS = 4


@dataclass(frozen=True, slots=True)
class RenderJob:
    """One slot of one slide to render."""

    text: str
    file: Path
    first_line: int
    root: Path
    take_title: bool = True
    plain_reason: str = ""  # set: skip Markdown, show escaped text (see render_all)


def _render_chunk(jobs: Sequence[RenderJob]) -> list[Rendered]:
    renderer = SlideRenderer()
    return [
        renderer.render(
            job.text,
            file=job.file,
            first_line=job.first_line,
            root=job.root,
            take_title=job.take_title,
            plain_reason=job.plain_reason,
        )
        for job in jobs
    ]


def _fork_is_safe() -> bool:
    # Forking a process with threads (Qt has several) can deadlock the child.
    return (
        hasattr(os, "fork")
        and threading.active_count() == 1
        and "PySide6.QtCore" not in sys.modules
    )


def _workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def cost(text: str) -> int:
    """Estimated rendering cost of ``text``, in plain-character units."""
    return len(text) + _MARKUP_WEIGHT * len(_MARKUP.findall(text))


def _within_budget(jobs: Sequence[RenderJob]) -> Sequence[RenderJob]:
    total = 0
    for index, job in enumerate(jobs):
        total += cost(job.text)
        if total > MAX_DECK_COST:
            reason = "deck too large to format in time (see MAX_DECK_COST)"
            rest = [replace(j, plain_reason=reason) for j in jobs[index:]]
            return [*jobs[:index], *rest]
    return jobs


def _chunks(jobs: Sequence[RenderJob], count: int, total: int) -> list[Sequence[RenderJob]]:
    """Cut ``jobs`` into at most ``count`` contiguous runs of about equal text length."""
    chunks: list[Sequence[RenderJob]] = []
    start, size = 0, 0
    for index, job in enumerate(jobs):
        size += len(job.text)
        if size >= total / count and len(chunks) < count - 1:
            chunks.append(jobs[start : index + 1])
            start, size = index + 1, 0
    chunks.append(jobs[start:])
    return [chunk for chunk in chunks if chunk]


def render_all(jobs: Sequence[RenderJob]) -> list[Rendered]:
    """Render every job, in order; in parallel when it pays and is safe."""
    jobs = _within_budget(jobs)
    workers = _workers()
    total = sum(len(job.text) for job in jobs)
    if total < PARALLEL_MIN_CHARS or len(jobs) < 2 or workers == 1 or not _fork_is_safe():
        return _render_chunk(jobs)
    chunks = _chunks(jobs, workers, total)
    # Freeze the parent's objects out of the collector's reach: otherwise each
    # child's garbage collection writes to every inherited page, and the
    # copy-on-write faults cost a third of the gain.
    gc.freeze()
    try:
        # Imported here: a booth deck never needs them, and start-up time counts.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=max(1, len(chunks) - 1), mp_context=context) as pool:
            others = pool.map(_render_chunk, chunks[1:])
            first = _render_chunk(chunks[0])  # this process is one of the workers
            results = [first, *others]
    except (OSError, RuntimeError) as exc:  # no fork allowed here, a worker died...
        log.warning("parallel rendering unavailable (%s); rendering in one process", exc)
        return _render_chunk(jobs)
    finally:
        gc.unfreeze()
    return [rendered for chunk in results for rendered in chunk]
