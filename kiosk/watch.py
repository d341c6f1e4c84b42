"""Hot reload: watch the deck's files, debounce, check the new deck, swap it in atomically.

:class:`DeckWatcher` watches the deck folder, its subfolders and every file in them (the main
file, translations, imports, images) with ``QFileSystemWatcher``, and also compares a stamp
of their sizes and modification times every couple of seconds, for the filesystems where
change notification misses events (network shares, some USB sticks). Once the changes have
settled (``debounce_ms`` without a new one), it reads the whole deck again and checks it, on a
worker thread: a deck of thousands of slides takes seconds to parse, and the show's frames
must keep coming meanwhile. The result comes back to the UI thread by a queued signal. One
reload at a time: a change that arrives while one runs makes one more run after it, so the
last edit always wins and an older result never replaces a newer one.

- no error: ``deckChanged(DeckSet)``; the app shows it in one step (the new deck was read
  and checked in full before anyone sees it, so the screen never shows half of an edit);
- errors, a missing deck, or a parser failure: ``reloadFailed(reason)``, one line naming
  the file and line of the first error, also logged; the app keeps the last good deck.

A show that started on a broken or missing deck (the neutral screen) recovers by itself:
the watcher follows the nearest folder that exists, and emits ``deckChanged`` once the files
are there and fixed.

The folder may hold anything: only regular files are hashed, opened without blocking (a
FIFO or a link to ``/dev/zero`` in the deck folder must not hang the reload).
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat as stat_mode
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal

from kiosk.deck.model import DeckSet, Finding, Severity
from kiosk.files import read_bytes_bounded
from kiosk.staffstatus import StaffWords, staff_words

if TYPE_CHECKING:
    from collections.abc import Sequence

log = logging.getLogger(__name__)

DEBOUNCE_MS = 500  # editors write a file in several steps: wait until they are done
POLL_MS = 2_000  # the fallback's period: cheap (a stat per file), and within the 2 s budget
MAX_FILES = 2_000  # a deck folder is a handful of files; past this, only the deck's own
MAX_HASHED_BYTES = 200 * 1024 * 1024  # past this, the content hash uses sizes and times

Stamp = tuple[tuple[str, int, int], ...]
Loader = Callable[[Path], DeckSet]


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    """What the last reload did, for the log and the staff status."""

    ok: bool  # True: the new deck replaced the old one
    text: str  # one line: what was loaded, or why not (English, as logged)
    at: float  # time.monotonic() of the reload (the wall clock may be wrong on a booth)
    words: StaffWords | None = None  # the same for the staff panel, in its language


@dataclass(frozen=True, slots=True)
class _Result:
    """What a worker thread hands back to the UI thread: a checked deck, or why not."""

    generation: int  # the watcher's generation when the reload started (see stop())
    deck_set: DeckSet | None  # None: failed
    reason: str  # why it failed ("" when it did not)
    content_hash: str
    elapsed_ms: float
    words: StaffWords | None = None  # why it failed, for the staff panel


class DeckWatcher(QObject):
    """Watches one deck (file or folder) and hands over each good new version of it.

    ``loader`` reads a deck path into a DeckSet (default: ``kiosk.deck.load_deck_set``);
    ``notify=False`` turns the file watcher off and leaves the poll alone (tests).
    Nothing happens until :meth:`start`.

    Signals:
        deckChanged(object): a reloaded DeckSet with no errors, to show in place of the
            current one.
        reloadFailed(str): the deck changed but cannot be shown (errors, missing, unreadable);
            one line naming file and line of the first error. The current deck stays.
        reloadFinished(object): after either of the above, the ReloadOutcome (the staff
            panel's Reload shows it).
    """

    deckChanged = Signal(object)
    reloadFailed = Signal(str)
    reloadFinished = Signal(object)

    def __init__(
        self,
        path: Path,
        loader: Loader | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        *,
        poll_ms: int = POLL_MS,
        notify: bool = True,
        clock: Callable[[], float] = time.monotonic,
        language_setting: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._language_setting = language_setting  # for a deck that declares no language
        self._path = Path(path).absolute()
        self._folder = deck_folder(self._path)
        self._loader = loader
        self._clock = clock
        self._notify = notify
        self._stamp: Stamp = ()
        self._last_good: DeckSet | None = None
        self._last_outcome: ReloadOutcome | None = None
        self._content_hash = ""
        self._changed_file = False  # a watched file itself changed: reload for sure
        self._running = False
        self._generation = 0  # bumped by stop(): a result from before is dropped
        self._worker: threading.Thread | None = None
        self._again = False  # a change came while the worker ran: one more reload after it
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file)
        self._watcher.directoryChanged.connect(self._on_folder)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(max(0, debounce_ms))
        self._debounce.timeout.connect(self._settle)
        self._poll = QTimer(self)
        self._poll.setInterval(max(1, poll_ms))
        self._poll.timeout.connect(self._on_poll)

    # --- what the app reads ------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def last_good(self) -> DeckSet | None:
        """The last deck handed over (or given to :meth:`start`); None if none yet."""
        return self._last_good

    @property
    def last_outcome(self) -> ReloadOutcome | None:
        """What the last reload did; None before the first one."""
        return self._last_outcome

    @property
    def content_hash(self) -> str:
        """A short hash of the deck folder's files as last handed over ("" if none)."""
        return self._content_hash

    @property
    def busy(self) -> bool:
        """Whether a reload is being read and checked now (or is queued after it)."""
        return self._worker is not None

    def watched(self) -> list[str]:
        """The files and folders the file watcher follows now (for tests and diagnostics)."""
        return sorted(self._watcher.files() + self._watcher.directories())

    # --- control -----------------------------------------------------------------------

    def start(self, current: DeckSet | None = None) -> None:
        """Begin watching. ``current``: the deck on screen now (None: the neutral screen)."""
        self._last_good = current
        self._running = True
        self._rescan()
        if current is not None:
            self._content_hash = content_hash(self._files(), self._folder)
        self._poll.start()
        log.info("watching %s for changes (%d paths)", self._folder, len(self.watched()))

    def stop(self) -> None:
        """Stop watching; a pending reload is dropped (a running one ends unseen)."""
        self._running = False
        self._generation += 1
        self._again = False
        self._debounce.stop()
        self._poll.stop()
        self._unwatch_all()

    def reload_now(self) -> None:
        """Read and check the deck now (the staff panel's Reload, SIGHUP), in the background.

        Returns at once; the outcome comes as usual: ``deckChanged`` or ``reloadFailed``,
        then ``reloadFinished``. During a reload, another one follows it.
        """
        self._debounce.stop()
        self._changed_file = False
        self._rescan()
        self._reload()

    # --- events ------------------------------------------------------------------------

    def _on_file(self, path: str) -> None:
        self._changed_file = True
        self._debounce.start()

    def _on_folder(self, path: str) -> None:
        self._debounce.start()

    def _on_poll(self) -> None:
        if self._debounce.isActive():
            return
        if _stamp(self._files()) != self._stamp:
            log.debug("poll: %s changed", self._folder)
            self._debounce.start()

    def _settle(self) -> None:
        if not self._running:
            return
        before = self._stamp
        changed_file, self._changed_file = self._changed_file, False
        self._rescan()
        # A folder event that changed no deck file (an editor's swap or lock file): nothing
        # to do. A watched file's own event always reloads: on filesystems with coarse
        # modification times, an edit can leave the stamp as it was.
        if not changed_file and self._stamp == before:
            return
        self._reload()

    # --- reading the deck ----------------------------------------------------------------

    def _reload(self) -> None:
        """Start a reload on a worker thread; during one, ask for one more after it."""
        if self._worker is not None:
            self._again = True
            return
        self._again = False
        loader = self._loader or _default_loader(self._language_setting)
        worker = threading.Thread(
            target=self._read,
            args=(self._generation, loader, weakref.ref(self), _ResultRelay.instance()),
            name="deck-reload",
            daemon=True,  # a parse must never keep the app from exiting
        )
        self._worker = worker
        worker.start()

    def _read(
        self,
        generation: int,
        loader: Loader,
        watcher: weakref.ref[DeckWatcher],
        relay: _ResultRelay,
    ) -> None:
        """On the worker thread: read and check the deck, hand the result over (to
        ``watcher``, through the relay). Touches nothing of the watcher's Qt side: it may
        be deleted meanwhile, with its show."""
        started = self._clock()
        deck_set: DeckSet | None = None
        reason = ""
        words: StaffWords | None = None
        digest = ""
        try:
            from kiosk.heap import collections_paused

            # No collector pass over the growing heap while the deck is read: each held
            # the interpreter lock, and so the UI thread, for up to 80 ms (kiosk.heap).
            with collections_paused():
                deck_set = loader(self._path)
        except Exception as error:
            from kiosk.deck.variants import DeckNotFound

            where = self._show_path(self._path)
            if isinstance(error, DeckNotFound):
                reason = str(error)
                words = staff_words("not reloaded: %1 not found", where)
            else:
                log.exception("reading %s failed", self._path)
                reason = f"{where}: could not be read ({type(error).__name__}: {error})"
                words = staff_words("not reloaded: %1 could not be read (see the log)", where)
        if deck_set is not None:
            errors = [f for f in deck_set.all_findings if f.severity is Severity.ERROR]
            if errors:
                reason = self._describe(errors)
                first = errors[0]
                words = staff_words(
                    "not reloaded: an error in %1 at line %2 (%3 in all; see the log)",
                    self._show_path(first.file),
                    first.line,
                    len(errors),
                )
            elif not deck_set.decks or not deck_set.default.slides:
                reason = f"{self._show_path(self._path)}: no slide to show"
                words = staff_words(
                    "not reloaded: %1 has no slide to show", self._show_path(self._path)
                )
            else:
                files = _walk(self._folder, MAX_FILES)
                if len(files) >= MAX_FILES:
                    known = set(files)
                    files += [p for p in _named_files(deck_set) if p not in known]
                digest = content_hash(files, self._folder)
            if reason:
                deck_set = None
        elapsed = (self._clock() - started) * 1000
        result = _Result(generation, deck_set, reason, digest, elapsed, words)
        relay.finished.emit((watcher, result))

    def _on_worker_done(self, result: _Result) -> None:
        """On the UI thread: show the result (unless stopped since), then any reload asked
        for meanwhile."""
        self._worker = None
        # Stopped (and maybe started again) since it began: not this reload's business.
        if result.generation == self._generation:
            if result.deck_set is None:
                outcome = self._failed(result.reason, result.words)
            else:
                outcome = self._succeeded(result)
            self.reloadFinished.emit(outcome)
        if self._again and self._running:
            self._reload()

    def _succeeded(self, result: _Result) -> ReloadOutcome:
        deck_set = result.deck_set
        assert deck_set is not None
        self._last_good = deck_set
        self._content_hash = result.content_hash
        slides = len(deck_set.default.slides)
        warnings = len(deck_set.all_findings)
        where, languages = self._show_path(deck_set.default.path), ", ".join(deck_set.languages)
        words = (
            staff_words(
                "reloaded %1: %2 slides (%3), warnings: %4", where, slides, languages, warnings
            )
            if warnings
            else staff_words("reloaded %1: %2 slides (%3)", where, slides, languages)
        )
        text = (
            f"reloaded {self._show_path(deck_set.default.path)}: {slides} slides"
            f" ({', '.join(deck_set.languages)})"
            + (f", {warnings} warning{'s' * (warnings > 1)}" if warnings else "")
        )
        log.info("%s in %.0f ms (read and checked in the background)", text, result.elapsed_ms)
        self._last_outcome = ReloadOutcome(True, text, self._clock(), words)
        self._rescan()  # the new deck may name files the cap left out
        self.deckChanged.emit(deck_set)
        return self._last_outcome

    def _failed(self, reason: str, words: StaffWords | None = None) -> ReloadOutcome:
        reason = " ".join(reason.split())  # one line, whatever the message held
        kept = "keeping the deck on screen" if self._last_good else "showing the neutral screen"
        log.warning("reload failed: %s (%s)", reason, kept)
        words = words or staff_words("not reloaded (see the log)")
        self._last_outcome = ReloadOutcome(False, reason, self._clock(), words)
        self.reloadFailed.emit(reason)
        return self._last_outcome

    def _describe(self, errors: Sequence[Finding]) -> str:
        first = errors[0]
        text = f"{self._show_path(first.file)}:{first.line}: error: {first.message}"
        if len(errors) > 1:
            more = len(errors) - 1
            text += f" (and {more} more error{'s' * (more > 1)})"
        return text

    def _show_path(self, path: Path) -> str:
        """A path as the author knows it: from the deck folder's parent (``deck/slides.md``)."""
        try:
            return str(Path(path).absolute().relative_to(self._folder.parent))
        except ValueError:
            return str(path)

    # --- what to watch ---------------------------------------------------------------------

    def _files(self) -> list[Path]:
        """The deck's files: all under its folder (to a cap), and those the deck names."""
        files = _walk(self._folder, MAX_FILES)
        if len(files) >= MAX_FILES:
            known = set(files)
            files += [p for p in _named_files(self._last_good) if p not in known]
        return files

    def _rescan(self) -> None:
        """Watch what exists now, afresh, and remember its stamp."""
        files = self._files()
        self._stamp = _stamp(files)
        if not (self._notify and self._running):
            return
        folders = _folders(self._folder, MAX_FILES) or [_nearest_existing(self._folder)]
        # Removed and added again: an editor that saves by renaming leaves the old watch on
        # a file that is gone, under the same name.
        self._unwatch_all()
        wanted = [str(p) for p in (*folders, *files)]
        if wanted:
            self._watcher.addPaths(wanted)

    def _unwatch_all(self) -> None:
        current = self._watcher.files() + self._watcher.directories()
        if current:
            self._watcher.removePaths(current)


def deck_folder(path: Path) -> Path:
    """The folder a deck lives in: the path itself, or the folder of a Markdown file."""
    if path.is_dir():
        return path
    if path.is_file() or path.suffix.lower() == ".md":
        return path.parent
    return path  # not there yet: a folder to be made (a file would end in .md)


def content_hash(files: Iterable[Path], root: Path) -> str:
    """12 hex digits of SHA-256 over the files' names (relative to ``root``) and bytes.

    Past MAX_HASHED_BYTES in all, sizes and modification times stand in for the bytes.
    Only regular files are read (a FIFO would block, ``/dev/zero`` never end).
    """
    digest = hashlib.sha256()
    budget = MAX_HASHED_BYTES
    for path in sorted(files):
        try:
            name = str(path.relative_to(root))
        except ValueError:
            name = str(path)
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            info = path.stat()
            if not stat_mode.S_ISREG(info.st_mode):
                digest.update(b"(not a regular file)")
            elif info.st_size <= budget:
                data = read_bytes_bounded(path, info.st_size)[: info.st_size]
                budget -= len(data)
                digest.update(data)
            else:
                digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
        except OSError:
            digest.update(b"(unreadable)")
    return digest.hexdigest()[:12]


class _ResultRelay(QObject):
    """Carries a finished read from its worker thread to the UI thread: one for the whole
    process, never deleted. A signal of the watcher itself could be emitted while the
    watcher is being deleted (with its show, the read still running), a use of freed
    memory that corrupted the heap now and then."""

    finished = Signal(object)  # (weak reference to the DeckWatcher, _Result)
    _made: _ResultRelay | None = None

    @classmethod
    def instance(cls) -> _ResultRelay:
        """The relay, made on first use (a reload started, on the UI thread)."""
        if cls._made is None:
            cls._made = cls()
            cls._made.finished.connect(_deliver, Qt.ConnectionType.QueuedConnection)
        return cls._made


def _deliver(item: tuple[weakref.ref[DeckWatcher], _Result]) -> None:
    reference, result = item
    watcher = reference()
    if watcher is None or not shiboken6.isValid(watcher):
        log.debug("a reload finished after its watcher was gone")
        return
    watcher._on_worker_done(result)


def _default_loader(language_setting: str) -> Loader:
    from kiosk.deck.variants import load_deck_set  # Markdown and YAML: imported on use

    return lambda path: load_deck_set(path, language_setting)


def _hidden(name: str) -> bool:
    """Editor leftovers and hidden files (``.slides.md.swp``, ``slides.md~``)."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


def _walk(folder: Path, cap: int) -> list[Path]:
    """The deck folder's regular files (links to one count), editor leftovers left out.

    FIFOs, devices and sockets are not deck files: not watched, stamped nor hashed.
    """
    found: list[Path] = []
    for current, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not _hidden(d))
        for name in sorted(names):
            if _hidden(name):
                continue
            path = Path(current, name)
            try:
                regular = stat_mode.S_ISREG(path.stat().st_mode)  # stat: never opens it
            except OSError:
                continue  # a dangling link, or gone already
            if regular:
                found.append(path)
                if len(found) >= cap:
                    return found
    return found


def _folders(folder: Path, cap: int) -> list[Path]:
    found: list[Path] = []
    for current, subfolders, _ in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not _hidden(d))
        found.append(Path(current))
        if len(found) >= cap:
            break
    return found


def _nearest_existing(folder: Path) -> Path:
    """The deepest existing folder on the way to ``folder``: its creation shows up there."""
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return Path(folder.anchor or "/")


def _named_files(deck_set: DeckSet | None) -> list[Path]:
    """Every file a deck names: its Markdown files, images and logos."""
    if deck_set is None:
        return []
    named: set[Path] = set()
    for deck in deck_set.decks:
        named.add(deck.path)
        if deck.theme.logo:
            named.add(deck.theme.logo)
        for slide in deck.slides:
            named.add(slide.file)
            if slide.image:
                named.add(slide.image)
    return sorted(p for p in named if p.is_file())


def _stamp(files: Iterable[Path]) -> Stamp:
    stamp: list[tuple[str, int, int]] = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamp.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamp)


__all__ = ["DeckWatcher", "ReloadOutcome", "content_hash", "deck_folder"]
