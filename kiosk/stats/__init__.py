"""Visitor statistics: record what the show and its visitors did, anonymously, and report it.

``recorder.Recorder`` is what the app calls (never blocks the UI thread); ``store.Store``
is the SQLite database behind it; ``report`` turns events into per-day summaries and CSV;
``feed.StatsFeed`` wires the show's signals to the recorder. No Qt here but in the feed.
Nothing is imported here: the show imports the feed before its first frame, and the
database (sqlite3) must wait until after it (tests/commands/test_run_imports.py).
"""
