"""The staff PIN's rate limit: tries, escalating lockouts, kept across restarts.

Pure Python, no Qt: :class:`PinGate` counts wrong PINs and locks the pad after
``max_tries`` in a row; each further lockout lasts longer (``SCHEDULE_S``: 30 s, 1 min,
5 min, 15 min, then 1 h each), until the right PIN is entered. Five tries an hour after
the fourth lockout: trying every 4-digit PIN takes 10 000 / 5 hours, about 83 days.

**Restarts.** The state (tries in the current set, lockouts so far, seconds of lock left)
is kept in a small JSON file (``state_file``, by default ``staff-pin.json`` in the
platform's state folder, beside the logs), replaced atomically (a temporary file, then
``os.replace``) on every wrong PIN and success, and refreshed while a lock runs
(``refresh``, each ``REFRESH_S`` or so). A restart finds the lock where the last write
left it and counts it down from the start of the new run: pulling the plug gains an
attacker nothing, at worst the staff wait ``REFRESH_S`` more.

**Clocks.** Only the injected ``clock`` (``time.monotonic``) is read, never the wall clock,
and the file holds seconds *left*, not a moment: a booth's clock set wrong, or jumping,
neither ends a lock early nor makes one last for ever.

**A bad file.** Missing: a first run, nothing locked. Unreadable, not a regular file (a
FIFO, a device), too big or not what this module writes: the file cannot say how locked
the pad was, so it is taken as one lockout having just happened (the first step, 30 s,
with the next lockout one step longer), logged once, and rewritten. Never more
permissive than a fresh start, and never locking staff out for long over a disk glitch.
Unwritable: the state stays in memory for this run, logged once.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.files import atomic_write, read_bytes_bounded

log = logging.getLogger(__name__)

MAX_TRIES = 5  # wrong PINs in a row before the pad locks
SCHEDULE_S = (30.0, 60.0, 300.0, 900.0, 3600.0)  # lockout n lasts [n]; the last repeats
REFRESH_S = 30.0  # how often a running lock's seconds left are written down
STATE_FILE = "staff-pin.json"  # in the platform's state folder
MAX_FILE_BYTES = 4096  # far more than the state takes; a bigger file is not ours
VERSION = 1


def default_state_file() -> Path:
    """``staff-pin.json`` in the platform's state folder (``~/.local/state/kiosk``)."""
    from kiosk.logs import default_state_dir

    return default_state_dir() / STATE_FILE


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one wrong PIN did."""

    tries_left: int  # before the next lockout; 0: this one locked the pad
    locked_s: float  # the lockout it started, 0 if none
    lockouts: int  # lockouts so far (since the last right PIN)


class PinGate:
    """The tries and lockouts of the staff PIN pad.

    ``clock`` is a monotonic clock in seconds; ``state_file`` None keeps the state in
    memory only (tests, a preview). The file is read on first use, not when the gate is
    made (the show's start must not wait for it); the time a lock runs is counted from
    the gate's making, which is the start of the run.
    """

    def __init__(
        self,
        state_file: Path | None = None,
        *,
        max_tries: int = MAX_TRIES,
        schedule_s: Sequence[float] = SCHEDULE_S,
        refresh_s: float = REFRESH_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = state_file
        self.max_tries = max(1, max_tries)
        self.schedule_s = tuple(max(0.0, s) for s in schedule_s) or SCHEDULE_S
        self.refresh_s = max(0.0, refresh_s)
        self._clock = clock
        self._started = clock()
        self._loaded = state_file is None
        self._writable = True
        self._failures = 0  # wrong PINs in the current set
        self._lockouts = 0  # lockouts since the last right PIN
        self._locked_until = 0.0  # on the clock
        self._saved_at = self._started
        self.failed_since_start = 0  # wrong PINs in this run, for the staff panel
        self.last_failed_at: float | None = None  # on the clock

    def kept_in(self, state_file: Path) -> PinGate:
        """A gate with this one's tries, schedule, refresh and clock whose state is kept in
        ``state_file`` (read at its first use): for a booth, before the pad's first entry."""
        return PinGate(
            state_file,
            max_tries=self.max_tries,
            schedule_s=self.schedule_s,
            refresh_s=self.refresh_s,
            clock=self._clock,
        )

    # --- what the pad asks ------------------------------------------------------------

    def locked_seconds(self) -> float:
        """Seconds until the pad takes a PIN again (0: now)."""
        self._load()
        return max(0.0, self._locked_until - self._clock())

    def tries_left(self) -> int:
        self._load()
        return self.max_tries - self._failures

    @property
    def lockouts(self) -> int:
        self._load()
        return self._lockouts

    def lockout_length(self, number: int) -> float:
        """How long lockout ``number`` (1, 2, ...) lasts."""
        return self.schedule_s[min(max(1, number), len(self.schedule_s)) - 1]

    # --- what the pad tells ---------------------------------------------------------

    def failed(self) -> Attempt:
        """A wrong PIN (while not locked: a locked pad takes no PIN)."""
        self._load()
        now = self._clock()
        if self._locked_until > now:  # not a try: the pad refuses PINs while locked
            return Attempt(0, 0.0, self._lockouts)
        self.failed_since_start += 1
        self.last_failed_at = now
        self._failures += 1
        locked = 0.0
        if self._failures >= self.max_tries:
            self._failures = 0
            self._lockouts += 1
            locked = self.lockout_length(self._lockouts)
            self._locked_until = now + locked
        self._save()
        return Attempt(0 if locked else self.max_tries - self._failures, locked, self._lockouts)

    def succeeded(self) -> None:
        """The right PIN: a fresh set of tries, and the lockouts start again from 30 s."""
        self._load()
        if self._failures or self._lockouts or self._locked_until:
            self._failures = 0
            self._lockouts = 0
            self._locked_until = 0.0
            self._save()

    def refresh(self) -> None:
        """Write the lock's seconds left down if ``refresh_s`` passed since the last write
        (the app calls this now and then while a lock runs), and once when it ends."""
        if not self._loaded or self.path is None:
            return
        now = self._clock()
        if self._locked_until and now >= self._locked_until:
            self._locked_until = 0.0  # over: written once as 0, not again
            self._save()
        elif self._locked_until and now - self._saved_at >= self.refresh_s:
            self._save()

    # --- the file -------------------------------------------------------------------

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        assert self.path is not None
        try:
            text = _read_small_regular_file(self.path)
        except FileNotFoundError:
            return  # the first run
        except (OSError, ValueError) as exc:
            self._distrust(f"cannot be read ({exc})")
            return
        state = _parse(text, max(self.schedule_s))
        if state is None:
            self._distrust("is not a state this kiosk wrote")
            return
        self._failures = min(state[0], self.max_tries - 1)
        self._lockouts = state[1]
        # Counted down from the start of this run: how long the show was off is unknown.
        self._locked_until = self._started + state[2] if state[2] > 0 else 0.0
        if self._locked_until > self._clock():
            log.warning(
                "staff: the PIN pad is still locked for %.0f s (lockout %d, from before"
                " the restart)",
                self._locked_until - self._clock(),
                self._lockouts,
            )

    def _distrust(self, why: str) -> None:
        self._lockouts = max(self._lockouts, 1)
        self._locked_until = self._started + self.lockout_length(1)
        log.warning(
            "staff: the PIN state file %s %s: taken as a lockout (%.0f s), to be safe",
            self.path,
            why,
            self.lockout_length(1),
        )
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        now = self._clock()
        self._saved_at = now
        left = max(0.0, self._locked_until - now)
        text = (
            f'{{"version": {VERSION}, "failures": {self._failures},'
            f' "lockouts": {self._lockouts}, "locked_s": {math.ceil(left)}}}\n'
        )
        try:
            _write_atomically(self.path, text)
        except OSError as exc:
            if self._writable:
                log.warning(
                    "staff: cannot write the PIN state file %s (%s): the lockouts are kept"
                    " in memory only, until the show stops",
                    self.path,
                    exc,
                )
            self._writable = False
        else:
            if not self._writable:
                log.info("staff: the PIN state file %s is written again", self.path)
            self._writable = True


def _read_small_regular_file(path: Path) -> str:
    # Bounded and non-blocking: a FIFO put in the file's place must not hang the pad.
    data = read_bytes_bounded(path, MAX_FILE_BYTES)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"over {MAX_FILE_BYTES} bytes")
    return data.decode("utf-8")


def _parse(text: str, longest_s: float) -> tuple[int, int, float] | None:
    """(failures, lockouts, seconds locked) from the file's text, None if not valid."""
    import json  # here: only a run that reads its state pays for it

    try:
        state = json.loads(text)
    except ValueError:
        return None
    if not isinstance(state, dict) or state.get("version") != VERSION:
        return None
    values = [state.get(key) for key in ("failures", "lockouts", "locked_s")]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
        return None
    failures, lockouts, locked_s = values
    assert isinstance(failures, int) and isinstance(lockouts, int) and isinstance(locked_s, int)
    # No more than the longest lockout: a bigger value was not written by this module.
    if locked_s > math.ceil(longest_s):
        return None
    return failures, lockouts, float(locked_s)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "w", encoding="utf-8") as file:  # a power cut leaves no empty file
        file.write(text)
