"""Typos answered with the nearest known name: "did you mean `statement`?".

Pure Python (difflib), shared by the deck's frontmatter and layouts and the settings file.
"""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``: did you mean `x`?`` for the known name nearest ``name``, or "" if none is near.

    Case is ignored in the comparison (``Layout: Fact`` is near ``fact``); a known name
    equal to ``name`` but for case is always the answer.
    """
    candidates = {k.lower(): k for k in known}
    if name.lower() in candidates:
        return f": did you mean `{candidates[name.lower()]}`?"
    import difflib  # here: only a typo needs it, and every start imports this module

    close = difflib.get_close_matches(name.lower(), list(candidates), n=1, cutoff=0.72)
    return f": did you mean `{candidates[close[0]]}`?" if close else ""
