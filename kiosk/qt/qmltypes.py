"""The Python types of the ``Kiosk`` QML module, made known to QML before it loads.

A module of its own, not the package's ``__init__``: the modules it imports import the
package (for ``QML_IMPORT_PATH``), which must not import them back.
"""

from __future__ import annotations


def register_types() -> None:
    """Import every module that declares a QML type, so the types exist before QML loads."""
    from kiosk.qt import (  # noqa: F401
        access,
        autoplay,
        deckinfo,
        gesture,
        language,
        navigator,
        playback,
        qrcode,
        sections,
        slidemodel,
        staff,
    )
