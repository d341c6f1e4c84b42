"""Benchmark: parse and check generated 5,000-slide decks; print time and peak memory.

Two decks: varied prose slides, and a code-heavy one written the way Slidev decks are (a
fenced block with Slidev's info string on every slide, highlighted by Pygments; issue 13).

Targets (issue 2): under 2 s and under 200 MB on the 2-core CI machine. The
time is also given as a ratio to a baseline run in the same process (reading
the file and splitting it into lines), so a noisy shared machine shows as
noise in both figures rather than as a false regression.

Run: python bench/bench_parse.py [SLIDES]
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from kiosk.commands.check import report
from kiosk.deck import load_deck_set, render_pool


def _max_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


RUNS = 3
LAYOUTS = ["default", "fact", "section", "quote", "two-cols", "statement", "center"]


def generate(count: int) -> str:
    """A deck of ``count`` varied slides, each different (no rendering can be reused)."""
    parts = ["---\ntitle: Bench\nlang: fr\nlayout: cover\n---\n\n# Bench\n\nCouverture\n"]
    for i in range(1, count):
        layout = LAYOUTS[i % len(LAYOUTS)]
        if layout == "fact":
            body = f"# {i}\u202f%\n\ndes collectivités **engagées** dans {i % 138} pays."
            front = f"layout: fact\nsource: Enquête n° {i}\nduration: {5 + i % 10}"
        elif layout == "two-cols":
            body = (
                f"# Ici {i}\n\n- local\n- *territoire*\n\n::right::\n\n# Là-bas\n\nPartenaires {i}"
            )
            front = "layout: two-cols"
        else:
            body = (
                f"# Titre de la diapositive {i}\n\n"
                f"- Coopération décentralisée n° {i}\n"
                f"- Aide à l’export et **mobilité** des jeunes\n"
                f"- Rayonnement [international](https://example.org/{i})\n\n"
                f"<!-- note {i} -->"
            )
            front = f"layout: {layout}"
        parts.append(f"---\n{front}\n---\n\n{body}\n")
    return "\n".join(parts)


def generate_code(count: int) -> str:
    """A deck of ``count`` slides, each with its own code block in Slidev's forms."""
    parts = ["---\ntitle: Code\nlang: en\nlayout: cover\n---\n\n# Code\n\nA code deck\n"]
    infos = ["ts {all|2|3}", "ts [app.ts] twoslash", "python", "vue", "json", "bash {monaco}"]
    for i in range(1, count):
        info = infos[i % len(infos)]
        code = (
            f"// step {i}\nimport {{ ref }} from 'vue'\nconst count{i} = ref({i})\n"
            f"export function double{i}(x: number) {{\n  return x * {i % 7 + 2}\n}}"
        )
        parts.append(f"---\nlayout: default\n---\n\n# Example {i}\n\n```{info}\n{code}\n```\n")
    return "\n".join(parts)


def baseline(path: Path) -> float:
    """Seconds to read and split the file: the floor any parser pays."""
    start = time.perf_counter()
    for _ in range(20):
        lines = path.read_text(encoding="utf-8").split("\n")
        _ = [line.startswith("---") for line in lines]
    return (time.perf_counter() - start) / 20


def measure(name: str, text: str, count: int) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slides.md"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        floor = baseline(path)
        rss_before = _max_rss_mb(resource.RUSAGE_SELF)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            deck_set = load_deck_set(path)
            result = report(deck_set, sorted(deck_set.all_findings, key=lambda f: f.line))
            times.append(time.perf_counter() - start)
        elapsed = statistics.median(times)
        rss = _max_rss_mb(resource.RUSAGE_SELF)
        workers_rss = _max_rss_mb(resource.RUSAGE_CHILDREN)
        # A second, serial pass under tracemalloc: the Python memory the parse itself holds.
        tracemalloc.start()
        parallel = render_pool.PARALLEL_MIN_CHARS
        render_pool.PARALLEL_MIN_CHARS = 10**12
        load_deck_set(path)
        render_pool.PARALLEL_MIN_CHARS = parallel
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"--- {name} deck")
    print(f"slides parsed and checked : {result['slides']} ({size / 1e6:.1f} MB of Markdown)")
    print(f"errors / warnings         : {len(result['errors'])} / {len(result['warnings'])}")
    print(
        f"time, median of {RUNS}         : {elapsed:.2f} s (target < 2 s; best {min(times):.2f} s)"
    )
    print(f"baseline read+split       : {floor * 1000:.1f} ms  (ratio {elapsed / floor:.0f}x)")
    print(f"peak RSS, main process    : {rss:.0f} MB (before parsing {rss_before:.0f} MB)")
    print(f"peak RSS, largest worker  : {workers_rss:.0f} MB")
    print(f"peak Python allocations   : {peak / 1e6:.0f} MB (serial pass, tracemalloc)")
    total = rss + workers_rss
    print(f"peak memory, all processes: {total:.0f} MB (target < 200 MB)")
    ok = elapsed < 2 and total < 200 and result["slides"] == count
    print("verdict                   :", "OK" if ok else "OVER TARGET")
    return ok


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    prose = measure("prose", generate(count), count)
    code = measure("code-heavy", generate_code(count), count)
    return 0 if prose and code else 1


if __name__ == "__main__":
    sys.exit(main())
