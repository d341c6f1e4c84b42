"""The staff panel's status as text: durations, and the rows the panel shows, from plain values.

Pure Python, no Qt. The words go through ``staff_text``, a :class:`Translate`: in the show
``kiosk.qt.translation.staff_text`` (the staff's language), by default :func:`english`
(the source texts, as the log wants them). The parameter has that function's name so that
tests/qt/test_translation.py finds each text by that name, and checks its French.

:class:`kiosk.qt.staff.StaffController` gathers the values (the app's :class:`StaffStatus`,
the PIN gate's tries, the log's last lines) and hands the rows to QML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Translate(Protocol):
    """A staff text in some language: ``source`` translated, ``%1``, ``%2``... replaced by
    ``values`` in order."""

    def __call__(self, source: str, *values: object) -> str: ...


def english(source: str, *values: object) -> str:
    """The source text itself, ``%1``, ``%2``... replaced: no translation (the log)."""
    for number, value in enumerate(values, start=1):
        source = source.replace(f"%{number}", str(value))
    return source


@dataclass(frozen=True, slots=True)
class StaffWords:
    """A sentence the staff panel shows: its English source, translated in the show, and
    the values of its ``%1``, ``%2``... (themselves StaffWords where they are words).

    Made by the parts that know what happened (the deck watcher, the awake screen, the
    statistics); said in the panel's language by :meth:`say`. ``str()`` is the English,
    for the log. Values are names and numbers: an error's own text stays in the log.
    """

    source: str
    values: tuple[object, ...] = ()

    def say(self, staff_text: Translate = english) -> str:
        return staff_text(
            self.source,
            *(v.say(staff_text) if isinstance(v, StaffWords) else v for v in self.values),
        )

    def __str__(self) -> str:
        return self.say()


def staff_words(source: str, *values: object) -> StaffWords:
    """``StaffWords(source, values)``; by this name, tests/qt/test_translation.py finds each
    source and checks its French."""
    return StaffWords(source, values)


@dataclass(frozen=True, slots=True)
class StaffStatus:
    """What the app knows for the status panel; the controller adds uptime and the log."""

    loops: int = 0  # attract loops completed since start
    visits_today: int = 0
    visits_by_hour: tuple[int, ...] = (0,) * 24  # today's, by the hour they started
    deck_path: str = ""
    deck_hash: str = ""  # e.g. kiosk.watch.DeckWatcher.content_hash
    last_reload: str = ""  # ReloadOutcome.text; "" = no reload since start
    last_reload_ok: bool = True
    last_reload_at: float | None = None  # monotonic time of it
    screen_awake: str = ""  # ScreenAwake.outcome
    screen_awake_ok: bool = True  # False: the screen may blank, shown as a warning
    statistics: str = ""  # what the statistics are doing: "recording", or why they are not
    statistics_ok: bool = True  # False: shown as a warning, like a failed reload
    booth: str = ""  # the stand's name its statistics are recorded under (`booth_name`)


@dataclass(frozen=True, slots=True)
class PinTries:
    """What the wrong PINs row says, as the PIN gate (kiosk.system.pingate) counts it."""

    pin_set: bool  # False: no staff PIN, nothing to count
    wrong_since_start: int = 0  # wrong PINs in this run
    last_wrong_at: float | None = None  # monotonic time of the last one
    locked_s: int = 0  # whole seconds the pad stays locked (0: not locked)


def format_duration(seconds: float, *, exact: bool = False, staff_text: Translate = english) -> str:
    """``"2 d 3 h"``, ``"3 h 05 min"``, ``"4 min"``, ``"12 s"``: as precise as it is useful.

    ``exact`` (a lock's time left, counted down) keeps the seconds under an hour
    (``"4 min 05 s"``); ``staff_text`` gives the words (default: the English, for the log).
    """
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return staff_text("%1 d %2 h", days, hours)
    if hours:
        return staff_text("%1 h %2 min", hours, f"{minutes:02d}")
    if minutes and exact and secs:
        return staff_text("%1 min %2 s", minutes, f"{secs:02d}")
    if minutes:
        return staff_text("%1 min", minutes)
    return staff_text("%1 s", secs)


def status_rows(
    status: StaffStatus,
    tries: PinTries,
    *,
    now: float,
    started: float,
    log_lines: Sequence[str] = (),
    staff_text: Translate = english,
) -> dict[str, Any]:
    """The panel's rows, by the names StaffPanel.qml shows them under; ``now`` and
    ``started`` (the show's start) on the same monotonic clock as ``status``'s times."""
    if status.last_reload:
        age = (
            staff_text(
                "%1 ago: ", format_duration(now - status.last_reload_at, staff_text=staff_text)
            )
            if status.last_reload_at is not None
            else ""
        )
        reload_text = age + status.last_reload
    else:
        reload_text = staff_text("none since the start")
    return {
        "booth": status.booth,
        "uptime": format_duration(now - started, staff_text=staff_text),
        "loops": status.loops,
        "visitsToday": status.visits_today,
        **hour_chart(status.visits_by_hour),
        "deck": status.deck_path,
        "deckHash": status.deck_hash,
        "lastReload": reload_text,
        "lastReloadOk": status.last_reload_ok,
        "awake": status.screen_awake or staff_text("unknown"),
        "statistics": status.statistics or staff_text("unknown"),
        "statisticsOk": status.statistics_ok,
        "awakeOk": status.screen_awake_ok,
        "pinTries": tries_text(tries, now=now, staff_text=staff_text),
        "pinTriesOk": tries.pin_set and not tries.wrong_since_start and not tries.locked_s,
        "log": "\n".join(log_lines),
    }


def hour_chart(hours: Sequence[int]) -> dict[str, Any]:
    """The panel's chart of today's visits: the counts, and the hours it shows (a booth's
    usual day, 9 to 18, widened to every hour with a visit)."""
    busy = [hour for hour, count in enumerate(hours) if count]
    return {
        "visitsByHour": list(hours),
        "hoursFirst": min([9, *busy]),
        "hoursLast": max([18, *busy]),
    }


def tries_text(tries: PinTries, *, now: float, staff_text: Translate = english) -> str:
    """The wrong PINs row: how many since the start, the last when, a lock running."""
    if not tries.pin_set:
        return staff_text("no PIN set")
    parts = []
    if tries.wrong_since_start and tries.last_wrong_at is not None:
        parts.append(
            staff_text(
                "%1 since the start, the last %2 ago",
                tries.wrong_since_start,
                format_duration(now - tries.last_wrong_at, staff_text=staff_text),
            )
        )
    if tries.locked_s:
        parts.append(
            staff_text(
                "pad locked for %1 more",
                format_duration(tries.locked_s, exact=True, staff_text=staff_text),
            )
        )
    return "; ".join(parts) or staff_text("none since the start")
