"""quit_on_signals: SIGHUP reloads, the stopping signals end the loop with their status, logged."""

from __future__ import annotations

import logging
import os
import signal
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.system.signals import STOP_SIGNALS, quit_on_signals, signal_exit_status


def send_soon(*signums: int) -> None:
    """Send ``signums`` to this process, one per turn of the event loop, once it runs."""
    for delay, signum in enumerate(signums):
        QTimer.singleShot(delay * 20, lambda signum=signum: os.kill(os.getpid(), signum))


def test_sigusr1_ends_the_loop_with_128_plus_its_number(
    qapp: QGuiApplication, caplog: pytest.LogCaptureFixture
) -> None:
    send_soon(signal.SIGUSR1)
    with caplog.at_level(logging.INFO), quit_on_signals(qapp):
        status = qapp.exec()
    assert status == 128 + signal.SIGUSR1 == 138
    assert (
        "kiosk.system.signals",
        logging.WARNING,
        "stopping on SIGUSR1 (signal 10)",
    ) in caplog.record_tuples
    assert signal.getsignal(signal.SIGUSR1) is signal.SIG_DFL  # put back after the block


def test_sigterm_and_sigint_are_a_normal_stop(
    qapp: QGuiApplication, caplog: pytest.LogCaptureFixture
) -> None:
    for signum in (signal.SIGTERM, signal.SIGINT):
        send_soon(signum)
        with caplog.at_level(logging.INFO), quit_on_signals(qapp):
            assert qapp.exec() == 0
        assert f"stopping on {signal.Signals(signum).name}" in caplog.text


def test_sighup_reloads_and_the_loop_goes_on(
    qapp: QGuiApplication, caplog: pytest.LogCaptureFixture
) -> None:
    reloads: list[str] = []

    def reload() -> None:
        reloads.append("reload")
        if len(reloads) == 2:
            raise RuntimeError("a reload bug")  # logged; the show goes on

    send_soon(signal.SIGHUP, signal.SIGHUP, signal.SIGHUP, signal.SIGTERM)
    with caplog.at_level(logging.INFO), quit_on_signals(qapp, reload):
        status = qapp.exec()
    assert status == 0  # ended by the SIGTERM, not by any SIGHUP
    assert reloads == ["reload"] * 3
    assert "SIGHUP: the reload failed" in caplog.text and "a reload bug" in caplog.text


def test_sighup_without_a_booth_is_logged_not_fatal(
    qapp: QGuiApplication, caplog: pytest.LogCaptureFixture
) -> None:
    send_soon(signal.SIGHUP, signal.SIGUSR2)
    with caplog.at_level(logging.INFO), quit_on_signals(qapp):
        status = qapp.exec()
    assert status == 128 + signal.SIGUSR2
    assert "SIGHUP: nothing to reload in this show" in caplog.text


def test_which_signals_stop_the_show() -> None:
    names = {signal.Signals(s).name for s in STOP_SIGNALS}
    expected = {"SIGINT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGQUIT", "SIGALRM", "SIGXCPU"}
    assert expected <= names
    # Python ignores these, the faults are the crash handler's, SIGHUP reloads.
    ignored_or_not_ours = {"SIGPIPE", "SIGXFSZ", "SIGSEGV", "SIGABRT", "SIGCHLD", "SIGHUP"}
    assert not names & ignored_or_not_ours
    assert signal_exit_status(signal.SIGTERM) == 0
    assert signal_exit_status(signal.SIGQUIT) == 131


def test_every_stopping_signal_is_caught_within_the_block(qapp: QGuiApplication) -> None:
    handlers: dict[int, Any] = {}
    with quit_on_signals(qapp, lambda: None):
        handlers = {s: signal.getsignal(s) for s in (*STOP_SIGNALS, signal.SIGHUP)}
    assert all(callable(h) for h in handlers.values()), handlers
