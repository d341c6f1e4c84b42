"""Visitor statistics: record what the show and its visitors did, anonymously, and report it.

``Recorder`` is what the app calls (never blocks the UI thread); ``Store`` is the SQLite
database behind it; ``report`` turns events into per-day summaries and CSV. No Qt here.
"""

from __future__ import annotations

from kiosk.stats.model import Event, EventKind
from kiosk.stats.recorder import Recorder
from kiosk.stats.report import Summary, export_csv, summarize, write_csv
from kiosk.stats.store import SCHEMA_VERSION, SchemaTooNew, Store, default_path

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
