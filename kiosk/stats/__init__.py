"""Visitor statistics: record what the show and its visitors did, anonymously, and report it.

``Recorder`` is what the app calls (never blocks the UI thread); ``Store`` is the SQLite
database behind it; ``report`` turns events into per-day summaries and CSV. No Qt here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.stats.model import Event, EventKind
    from kiosk.stats.recorder import Recorder
    from kiosk.stats.report import Summary, export_csv, summarize, write_csv
    from kiosk.stats.store import SCHEMA_VERSION, SchemaTooNew, Store, default_path

# Each name imported when first asked for: the show imports kiosk.stats.feed before its
# first frame, and the database (sqlite3) must wait until after it
# (tests/commands/test_run_imports.py).
_HOMES = {
    "Event": "model",
    "EventKind": "model",
    "Recorder": "recorder",
    "Summary": "report",
    "export_csv": "report",
    "summarize": "report",
    "write_csv": "report",
    "SCHEMA_VERSION": "store",
    "SchemaTooNew": "store",
    "Store": "store",
    "default_path": "store",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "SCHEMA_VERSION",
    "Event",
    "EventKind",
    "Recorder",
    "SchemaTooNew",
    "Store",
    "Summary",
    "default_path",
    "export_csv",
    "summarize",
    "write_csv",
]
