"""Logging: the rotating file, --verbose, the startup banner, the crash hooks, Qt's messages, tail."""

from __future__ import annotations

import logging
import logging.handlers
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk import BUNDLED_DECK
from kiosk.logs import (
    BACKUP_COUNT,
    FORMAT,
    MAX_BYTES,
    ResilientFileHandler,
    describe_platform,
    install_excepthook,
    log_startup_banner,
    route_qt_messages,
    set_level,
    setup_logging,
    tail,
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """setup_logging changes the root logger: put it back for the next test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    banner_level = logging.getLogger("kiosk.banner").level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.getLogger("kiosk.banner").setLevel(banner_level)
    logging.captureWarnings(False)


def ours(root: logging.Logger) -> list[logging.Handler]:
    return [h for h in root.handlers if h.get_name() == "kiosk.logs"]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# --- the file ---------------------------------------------------------------------------------


def test_log_file_in_the_state_folder(tmp_path: Path) -> None:
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    assert path == tmp_path / "logs" / "kiosk.log"
    logging.getLogger("kiosk.test").info("hello booth")
    logging.getLogger("kiosk.test").debug("not at info")
    [line] = lines(path)
    assert line.endswith("INFO     kiosk.test: hello booth")


def test_default_state_folder_is_the_platforms() -> None:
    import platformdirs

    from kiosk.logs import log_dir

    assert log_dir() == platformdirs.user_state_path("kiosk") / "logs"


def test_level_is_applied(tmp_path: Path) -> None:
    path = setup_logging("WARNING", verbose=False, state_dir=tmp_path)
    logging.getLogger("kiosk.test").info("quiet")
    logging.getLogger("kiosk.test").warning("loud")
    assert [line.rsplit(": ", 1)[1] for line in lines(path)] == ["loud"]
    setup_logging("debug", verbose=False, state_dir=tmp_path)
    logging.getLogger("kiosk.test").debug("details")
    assert lines(path)[-1].endswith("details")


def test_unknown_level_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="log level"):
        setup_logging("chatty", verbose=False, state_dir=tmp_path)


def test_rotates_at_one_megabyte_keeping_five(tmp_path: Path) -> None:
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    [handler] = ours(logging.getLogger())
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (MAX_BYTES, BACKUP_COUNT) == (1_000_000, 5)
    logger = logging.getLogger("kiosk.test")
    for i in range(7 * MAX_BYTES // 1000):
        logger.info("%05d %s", i, "x" * 1000)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["kiosk.log", *(f"kiosk.log.{i}" for i in range(1, 6))]
    assert all(p.stat().st_size <= MAX_BYTES for p in path.parent.iterdir())


def test_setting_up_twice_does_not_double_lines(tmp_path: Path) -> None:
    setup_logging("info", verbose=False, state_dir=tmp_path)
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    logging.getLogger("kiosk.test").info("once")
    assert len(lines(path)) == 1
    assert len(ours(logging.getLogger())) == 1


def test_verbose_also_writes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = setup_logging("info", verbose=True, state_dir=tmp_path)
    logging.getLogger("kiosk.test").info("both places")
    assert "kiosk.test: both places" in capsys.readouterr().err
    assert "both places" in path.read_text(encoding="utf-8")


def test_quiet_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("info", verbose=False, state_dir=tmp_path)
    logging.getLogger("kiosk.test").warning("file only")
    assert capsys.readouterr().err == ""


def test_python_warnings_are_logged(tmp_path: Path) -> None:
    import warnings

    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("old API", DeprecationWarning, stacklevel=1)
    assert "old API" in path.read_text(encoding="utf-8")


def test_unwritable_folder_falls_back_to_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    path = setup_logging("info", verbose=False, state_dir=blocked)
    assert path == tmp_path / "tmp" / "kiosk-logs" / "kiosk.log"
    assert "cannot write logs in" in path.read_text(encoding="utf-8")


# --- the banner -------------------------------------------------------------------------------


def test_banner_is_first_and_says_no_network(tmp_path: Path) -> None:
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    settings = tmp_path / "kiosk.toml"
    log_startup_banner("1.2.3", tmp_path / "deck", "0: HDMI-1 1920x1080", settings)
    text = [line.split(": ", 1)[1] for line in lines(path)]
    assert text[0].startswith("kiosk 1.2.3 starting")
    assert f"deck: {tmp_path / 'deck'}" in text
    assert "screen: 0: HDMI-1 1920x1080" in text
    assert f"settings: {settings}" in text
    assert text[-1] == "network: not used"


def test_banner_names_the_platform_as_the_platform_module_would(tmp_path: Path) -> None:
    import platform

    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    log_startup_banner("1.2.3", BUNDLED_DECK, 0, None)
    assert describe_platform() == platform.platform()  # without its `uname -p` process
    expected = f"python {platform.python_version()} on {platform.platform()}"
    assert expected in [line.split(": ", 1)[1] for line in lines(path)]


def test_banner_written_even_at_error_level(tmp_path: Path) -> None:
    path = setup_logging("error", verbose=False, state_dir=tmp_path)
    log_startup_banner("1.2.3", BUNDLED_DECK, 0, None)
    text = path.read_text(encoding="utf-8")
    assert "(bundled)" in text
    assert "settings: none found, defaults used" in text
    assert "network: not used" in text


# --- crashes ----------------------------------------------------------------------------------


def raise_and_get_info() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        return type(exc), exc, exc.__traceback__


def test_uncaught_exception_logged_not_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    uninstall = install_excepthook()
    try:
        sys.excepthook(*raise_and_get_info())  # type: ignore[arg-type]
    finally:
        uninstall()
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception; the show goes on" in text
    assert "RuntimeError: boom in a slot" in text
    assert "Traceback" in text
    assert capsys.readouterr().err == ""


def test_uninstall_restores_the_hooks() -> None:
    before = (sys.excepthook, threading.excepthook, sys.unraisablehook)
    uninstall = install_excepthook()
    assert sys.excepthook is not before[0]
    uninstall()
    assert (sys.excepthook, threading.excepthook, sys.unraisablehook) == before


def test_exception_in_a_thread_logged(tmp_path: Path) -> None:
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    uninstall = install_excepthook()
    try:

        def work() -> None:
            raise ValueError("thread trouble")

        thread = threading.Thread(target=work, name="stats-writer")
        thread.start()
        thread.join()
    finally:
        uninstall()
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception in thread stats-writer" in text
    assert "ValueError: thread trouble" in text


def test_unraisable_exception_logged(tmp_path: Path) -> None:
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    uninstall = install_excepthook()
    try:

        class Leaky:
            def __del__(self) -> None:
                raise KeyError("gone")

        leaky = Leaky()
        del leaky  # the error in __del__ cannot be raised anywhere: it is "unraisable"
    finally:
        uninstall()
    assert "KeyError: 'gone'" in path.read_text(encoding="utf-8")


def run_script(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_exception_in_a_qt_slot_is_logged_and_the_show_goes_on(tmp_path: Path) -> None:
    result = run_script(
        """
        import logging, sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
        from kiosk.logs import install_excepthook, setup_logging

        class Emitter(QObject):
            fired = Signal()

        def slot():
            raise RuntimeError("boom in a slot")

        setup_logging("info", verbose=False, state_dir=Path(sys.argv[1]))
        install_excepthook()
        app = QCoreApplication([])
        emitter = Emitter()
        emitter.fired.connect(slot)
        QTimer.singleShot(0, emitter.fired.emit)
        QTimer.singleShot(0, emitter.fired.emit)
        QTimer.singleShot(50, lambda: logging.getLogger("kiosk").info("still showing"))
        QTimer.singleShot(100, app.quit)
        sys.exit(app.exec())
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    text = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert text.count("RuntimeError: boom in a slot") == 2
    assert text.index("boom in a slot") < text.index("still showing")


def test_hard_crash_dumps_the_stack_to_the_fault_file(tmp_path: Path) -> None:
    result = run_script(
        """
        import faulthandler, sys
        from pathlib import Path
        from kiosk.logs import install_excepthook

        install_excepthook(fault_file=Path(sys.argv[1]) / "logs" / "crash.log")
        faulthandler._sigsegv()
        """,
        tmp_path,
    )
    assert result.returncode != 0
    crash = (tmp_path / "logs" / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in crash


# --- Qt's messages ----------------------------------------------------------------------------


def test_qt_messages_routed_into_logging(caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtCore import qInfo, qWarning

    caplog.set_level(logging.DEBUG, logger="kiosk.qt.messages")
    with route_qt_messages():
        qWarning("binding loop in Main.qml")
        qInfo("platform note")
    got = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert ("kiosk.qt.messages", logging.WARNING, "binding loop in Main.qml") in got
    assert ("kiosk.qt.messages", logging.INFO, "platform note") in got


# --- tail -------------------------------------------------------------------------------------


def test_tail_last_lines(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.log"
    path.write_text("".join(f"line {i}\n" for i in range(10)), encoding="utf-8")
    assert tail(path, 3) == ["line 7", "line 8", "line 9"]
    assert tail(path, 50) == [f"line {i}" for i in range(10)]
    assert tail(path, 0) == []


def test_tail_without_final_newline_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.log"
    path.write_text("a\nb\nc", encoding="utf-8")
    assert tail(path, 2) == ["b", "c"]
    path.write_text("", encoding="utf-8")
    assert tail(path, 5) == []


def test_tail_missing_file(tmp_path: Path) -> None:
    assert tail(tmp_path / "nothing.log", 5) == []


def test_tail_across_blocks_and_long_lines(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.log"
    body = [f"{i:06d} " + "é" * (i % 7000) for i in range(0, 40000, 997)]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    assert tail(path, 5) == body[-5:]
    assert tail(path, len(body)) == body


def test_tail_of_the_live_log(tmp_path: Path) -> None:
    path = setup_logging("info", verbose=False, state_dir=tmp_path)
    for i in range(100):
        logging.getLogger("kiosk.test").info("event %d", i)
    assert [line.rsplit(": ", 1)[1] for line in tail(path, 2)] == ["event 98", "event 99"]


# --- a log that cannot be written -------------------------------------------------------------


class Clock:
    """Monotonic seconds that move only when told (the handler's retry interval)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def resilient(tmp_path: Path) -> Iterator[tuple[logging.Logger, Clock, Path]]:
    """A logger writing through a ResilientFileHandler at tmp/logs/kiosk.log, fake clock."""
    clock = Clock()
    folder = tmp_path / "logs"
    folder.mkdir()
    holder: list[ResilientFileHandler] = []

    def make() -> ResilientFileHandler:
        handler = ResilientFileHandler(folder / "kiosk.log", retry_s=30, clock=clock)
        handler.setFormatter(logging.Formatter(FORMAT))
        holder.append(handler)
        logger.addHandler(handler)
        return handler

    logger = logging.getLogger("kiosk.test.resilient")
    logger.propagate, logger.level = False, logging.INFO
    logger.make = make  # type: ignore[attr-defined]
    previous = logging.raiseExceptions
    logging.raiseExceptions = True  # the stock handler's traceback-per-line behaviour
    try:
        yield logger, clock, folder / "kiosk.log"
    finally:
        logging.raiseExceptions = previous
        for handler in holder:
            logger.removeHandler(handler)
            handler.close()


def notices(err: str) -> list[str]:
    return [line for line in err.splitlines() if "cannot be written" in line]


def test_full_disk_goes_to_stderr_said_once_then_back_to_the_file(
    resilient: tuple[logging.Logger, Clock, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    logger, clock, path = resilient
    path.symlink_to("/dev/full")  # every write: ENOSPC, as on a full disk
    logger.make()  # type: ignore[attr-defined]
    for i in range(5):
        logger.info("line %d", i)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err, err
    assert notices(err) == [notices(err)[0]]
    assert notices(err)[0].endswith(
        f"log file {path} cannot be written (No space left on device):"
        " logging to standard error until it can"
    )
    assert [line.rsplit(": ", 1)[1] for line in err.splitlines()[1:]] == [
        f"line {i}" for i in range(5)
    ]

    path.unlink()  # room again
    clock.now += 29  # not tried again before 30 s: a full disk costs nothing per line
    logger.info("still on stderr")
    assert capsys.readouterr().err.endswith("still on stderr\n")
    assert not path.exists()

    clock.now += 1
    logger.info("back in the file")
    logger.info("and the next")
    err = capsys.readouterr().err
    assert err.endswith(f"logging to {path} again\n"), err
    written = lines(path)
    assert "log file writable again after 30 s; 6 lines went to standard error" in written[0]
    assert [line.rsplit(": ", 1)[1] for line in written[1:]] == ["back in the file", "and the next"]


def test_a_file_where_the_folder_was_then_the_folder_back(
    resilient: tuple[logging.Logger, Clock, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    logger, clock, path = resilient
    logger.make()  # type: ignore[attr-defined]
    logger.info("before")
    path.unlink()
    path.parent.rmdir()
    path.parent.write_text("not a folder", encoding="utf-8")  # root cannot write through it
    logger.info("while blocked")  # the stock handler writes it into the deleted file: lost
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    assert len(notices(err)) == 1 and "(Not a directory)" in notices(err)[0], err
    assert err.endswith("while blocked\n")

    clock.now += 30
    logger.info("tried again, still blocked")
    err = capsys.readouterr().err
    assert notices(err) == [] and err.endswith("still blocked\n"), err

    path.parent.unlink()  # the folder may go: it is made again
    clock.now += 30
    logger.info("resumed")
    assert lines(path)[-1].endswith("resumed")
    assert "lines went to standard error" in lines(path)[0]


def test_a_deleted_log_folder_is_made_again(
    resilient: tuple[logging.Logger, Clock, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    logger, _, path = resilient
    logger.make()  # type: ignore[attr-defined]
    logger.info("first")
    path.unlink()
    path.parent.rmdir()
    logger.info("second")  # not into the deleted file
    assert lines(path)[-1].endswith("second")
    assert capsys.readouterr().err == ""


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Make a folder read-only for real: as root (who ignores modes), immutable."""
    frozen: list[Path] = []

    def freeze(folder: Path) -> None:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(folder)], check=True)
        else:
            folder.chmod(0o555)
        frozen.append(folder)

    yield freeze
    for folder in frozen:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_rotation_in_a_read_only_folder(
    resilient: tuple[logging.Logger, Clock, Path],
    read_only: Callable[[Path], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    logger, _, path = resilient
    handler = logger.make()  # type: ignore[attr-defined]
    handler.maxBytes = 300
    logger.info("fits")
    read_only(path.parent)
    for i in range(10):  # the third one needs a rotation, which cannot rename the file
        logger.info("%d %s", i, "x" * 60)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err, err
    assert len(notices(err)) == 1, err
    assert "(Operation not permitted)" in err or "(Permission denied)" in err, err
    assert handler.down
    kept = path.read_text(encoding="utf-8") + err
    assert all(f"{i} xxx" in kept for i in range(10)), "a line was lost"


def test_setup_logging_uses_the_resilient_file(tmp_path: Path) -> None:
    setup_logging("info", verbose=False, state_dir=tmp_path)
    [handler] = ours(logging.getLogger())
    assert isinstance(handler, ResilientFileHandler)


def test_a_full_disk_in_a_real_process_says_so_once_and_the_show_goes_on(
    tmp_path: Path,
) -> None:
    """stderr as the journal sees it: no traceback per line, one notice, every line."""
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "kiosk.log").symlink_to("/dev/full")
    script = textwrap.dedent(
        f"""
        import logging, sys
        from pathlib import Path
        from kiosk.logs import setup_logging
        setup_logging("info", verbose=False, state_dir=Path({str(tmp_path)!r}))
        for i in range(50):
            logging.getLogger("kiosk.show").info("slide %d", i)
        print("still running")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert done.returncode == 0 and done.stdout == "still running\n", done.stderr
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr, done.stderr
    assert len(notices(done.stderr)) == 1
    assert sum("kiosk.show: slide" in line for line in done.stderr.splitlines()) == 50


def test_set_level_changes_what_is_kept(tmp_path: Path) -> None:
    path = setup_logging("warning", verbose=False, state_dir=tmp_path)
    logging.getLogger("kiosk.test").info("dropped")
    set_level("info")
    logging.getLogger("kiosk.test").info("kept")
    assert [line.rsplit(": ", 1)[1] for line in lines(path)] == ["kept"]
    with pytest.raises(ValueError, match="log level"):
        set_level("loud")
