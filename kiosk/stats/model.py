"""What the statistics record: the kinds of event and the event row, free of storage concerns.

Anonymous by construction: an event says what the screen did (which slide, which language,
for how long), never who was in front of it. The session id is random per show start and
exists only to tell runs of the show apart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class EventKind(enum.StrEnum):
    """One thing the show or a visitor did. The value is what the database and CSV hold."""

    SHOW_START = "show_start"  # the show started (a new session)
    LOOP_COMPLETED = "loop_completed"  # the attract loop went through every slide
    VISIT_START = "visit_start"  # first touch, click or key after the attract loop
    VISIT_END = "visit_end"  # back to the attract loop; `seconds` = length of the visit
    SLIDE_VIEW = "slide_view"  # a slide left the screen: slide, title, language, seconds
    MENU_OPEN = "menu_open"  # the « Sommaire » menu was opened
    MENU_JUMP = "menu_jump"  # a menu tile was chosen: slide
    LANGUAGE_SWITCH = "language_switch"  # from_language -> language
    QR_SHOWN = "qr_shown"  # a QR code left the screen: slide, seconds on screen
    # A choice in the « Aa » panel: `title` holds what ("text_size:large", "contrast:high",
    # "motion:reduced"...); nothing about who chose it.
    ACCESS_USED = "access_used"


@dataclass(frozen=True, slots=True)
class Event:
    """One recorded event, as written and as read back.

    ``ts`` is the wall clock (seconds since the epoch) and is used only to group events by
    day: the booth's clock may be wrong, and then events land on the wrong day, but counts
    stay right. Lengths never come from ``ts``: ``session_offset`` (monotonic seconds since
    the session started) and ``seconds`` are measured with the monotonic clock, so a clock
    change during the show cannot make a visit negative or hours long. The order of events
    is ``seq`` within a session (and the row order in the database), never ``ts``.
    """

    ts: float
    session: str
    kind: EventKind
    session_offset: float | None = None
    visit: int | None = None  # visit number within the session; None in the attract loop
    slide: int | None = None  # slide index, from 0, as the navigator counts
    title: str | None = None
    language: str | None = None  # language shown; for LANGUAGE_SWITCH, the new one
    from_language: str | None = None  # LANGUAGE_SWITCH only
    seconds: float | None = None  # dwell (SLIDE_VIEW, QR_SHOWN) or length (VISIT_END)
    seq: int | None = None  # recording order within the session, from 1: never the clock's
    booth: str | None = None  # SHOW_START: the stand's name (`booth_name`); never a person
    id: int | None = None  # set once stored
