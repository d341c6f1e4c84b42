"""Small text transformations for display: quote marks, link captions."""

from __future__ import annotations

import re

_OPENING = '«“"„‘'
_CLOSING = '»”"“’'
_SPACES = " \u00a0\u202f\t\n"


def strip_outer_quotes(text: str) -> str:
    """The quoted words without their outer quotation marks (the layout draws its own).

    ``« Bonjour. »`` -> ``Bonjour.``; text that is not wrapped in a pair is returned as is.
    """
    stripped = text.strip(_SPACES)
    if len(stripped) >= 2 and stripped[0] in _OPENING and stripped[-1] in _CLOSING:
        return stripped[1:-1].strip(_SPACES)
    return text


def link_caption(url: str) -> str:
    """What to print under a QR code: the address without scheme, ``www.`` or final slash."""
    caption = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    caption = caption.removeprefix("www.")
    return caption.rstrip("/")
