"""Autostart entries: the file that starts the show at login, per platform, written and removed.

Three kinds: a systemd user unit (Linux, restarts the show 5 s after a crash), an XDG
autostart entry (Linux desktops without systemd's graphical session), and a ``.cmd`` file in
the Windows Startup folder (restarts too). Nothing here runs ``systemctl`` or reads the real
home folder: every path comes from the ``home`` and ``env`` given, so tests write into a
temporary folder and check the Windows files on Linux.
"""

from __future__ import annotations

import enum
import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

UNIT_NAME = "kiosk.service"
DESKTOP_NAME = "kiosk.desktop"
CMD_NAME = "kiosk.cmd"
RESTART_SEC = 5  # seconds before a crashed show is started again


class Method(enum.StrEnum):
    """Where the entry goes and what starts it."""

    SYSTEMD = "systemd"  # ~/.config/systemd/user/kiosk.service
    XDG = "xdg"  # ~/.config/autostart/kiosk.desktop
    WINDOWS = "windows"  # %APPDATA%\Microsoft\Windows\Start Menu\Programs\Startup\kiosk.cmd


class UnsupportedPlatform(Exception):
    """No autostart recipe for this platform (macOS: see docs/booth-staff.md)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One autostart file: where it goes and its exact text."""

    method: Method
    path: Path
    content: str
    newline: str = "\n"  # "\r\n" for Windows batch files, whose labels break on bare LF


def methods_for(platform: str) -> tuple[Method, ...]:
    """Every method that applies on ``platform`` (a ``sys.platform`` value), default first."""
    if platform.startswith("linux") or platform.startswith("freebsd"):
        return (Method.SYSTEMD, Method.XDG)
    if platform == "win32":
        return (Method.WINDOWS,)
    raise UnsupportedPlatform(f"no autostart recipe for {platform!r} yet")


def choose_method(platform: str, xdg: bool) -> Method:
    """The systemd unit on Linux (the XDG entry with ``xdg``); the Startup folder on Windows."""
    available = methods_for(platform)
    if xdg:
        if Method.XDG not in available:
            raise UnsupportedPlatform("--xdg is for Linux desktops only")
        return Method.XDG
    return available[0]


def config_home(home: Path, env: Mapping[str, str]) -> Path:
    """``$XDG_CONFIG_HOME``, or ``~/.config`` when unset or not absolute (as the spec says)."""
    value = env.get("XDG_CONFIG_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else home / ".config"


def entry_path(method: Method, home: Path, env: Mapping[str, str]) -> Path:
    if method is Method.SYSTEMD:
        return config_home(home, env) / "systemd" / "user" / UNIT_NAME
    if method is Method.XDG:
        return config_home(home, env) / "autostart" / DESKTOP_NAME
    appdata = env.get("APPDATA")
    roaming = Path(appdata) if appdata else home / "AppData" / "Roaming"
    return roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / CMD_NAME


def enablement_link(home: Path, env: Mapping[str, str]) -> Path:
    """The link ``systemctl --user enable`` makes; removed with the unit."""
    user = config_home(home, env) / "systemd" / "user"
    return user / "graphical-session.target.wants" / UNIT_NAME


# --- the command that starts the show --------------------------------------------------------


def find_executable(
    argv0: str | None = None,
    which: Callable[[str], str | None] = shutil.which,
    python: str | None = None,
) -> list[str]:
    """The absolute command that starts kiosk: the running ``kiosk`` script when that is what
    ran, else ``kiosk`` on the PATH, else ``python -m kiosk`` with this interpreter."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    script = Path(argv0)
    if script.stem == "kiosk" and script.suffix.lower() in ("", ".exe"):
        # pip's Windows launcher may leave ".exe" out of argv[0].
        for candidate in (script, script.with_name(script.name + ".exe")):
            if candidate.is_file():
                return [str(candidate.resolve())]
    found = which("kiosk")
    if found:
        return [str(Path(found).resolve())]
    # Not resolved: a venv's python is a symlink, and following it would leave the venv.
    return [str(Path(python or sys.executable).absolute()), "-m", "kiosk"]


def kiosk_command(executable: Sequence[str], deck: Path | None, config: Path | None) -> list[str]:
    """``kiosk run [--config FILE] [DECK]`` with absolute paths: autostart has no working folder."""
    command = [*executable, "run"]
    if config is not None:
        command += ["--config", str(config.absolute())]
    if deck is not None:
        command.append(str(deck.absolute()))
    return command


# --- the files -------------------------------------------------------------------------------


def entry_for(method: Method, command: Sequence[str], home: Path, env: Mapping[str, str]) -> Entry:
    """The file for ``method`` that runs ``command`` (from :func:`kiosk_command`)."""
    path = entry_path(method, home, env)
    if method is Method.SYSTEMD:
        return Entry(method, path, systemd_unit(command))
    if method is Method.XDG:
        return Entry(method, path, desktop_entry(command))
    return Entry(method, path, windows_cmd(command), newline="\r\n")


def systemd_unit(command: Sequence[str]) -> str:
    exec_start = " ".join(_systemd_quote(arg) for arg in command)
    return f"""\
# kiosk: the booth show, started with the graphical session and restarted if it crashes.
# Written by `kiosk autostart install`; `kiosk autostart remove` deletes it.
[Unit]
Description=kiosk booth presentation
After=graphical-session.target
PartOf=graphical-session.target

[Service]
ExecStart={exec_start}
# `systemctl --user reload kiosk`: SIGHUP reads the deck and the settings again.
ExecReload=/bin/kill -HUP $MAINPID
Restart=on-failure
RestartSec={RESTART_SEC}

[Install]
WantedBy=graphical-session.target
"""


def desktop_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(_desktop_quote(arg) for arg in command)
    return f"""\
[Desktop Entry]
# kiosk: the booth show, started at login.
# Written by `kiosk autostart install`; `kiosk autostart remove` deletes it.
Type=Application
Name=kiosk
Comment=Booth presentation, fullscreen
Exec={exec_line}
Terminal=false
X-GNOME-Autostart-enabled=true
"""


def windows_cmd(command: Sequence[str]) -> str:
    line = " ".join(_cmd_quote(arg) for arg in command)
    return f"""\
@echo off
rem kiosk: the booth show, started at logon and restarted {RESTART_SEC} s after a crash.
rem Written by "kiosk autostart install"; "kiosk autostart remove" deletes it.
rem UTF-8, so folder names with accents reach kiosk intact.
chcp 65001 >nul
:start
{line}
if errorlevel 1 (
    timeout /t {RESTART_SEC} /nobreak >nul
    goto start
)
"""


_SYSTEMD_PLAIN = re.compile(r"[^\s\"'\\;]+")


def _systemd_quote(arg: str) -> str:
    """One ExecStart word: ``%`` and ``$`` doubled (specifiers, variables), quoted if needed."""
    _refuse_newline(arg)
    arg = arg.replace("%", "%%").replace("$", "$$")
    if _SYSTEMD_PLAIN.fullmatch(arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


_DESKTOP_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def _desktop_quote(arg: str) -> str:
    """One Exec argument, per the Desktop Entry spec: quoted if it holds a reserved character
    (``"`` `` ` `` ``$`` ``\\`` escaped inside), then the value's own backslash escaping,
    and ``%`` doubled (field codes)."""
    _refuse_newline(arg)
    if _DESKTOP_RESERVED.search(arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return arg.replace("\\", "\\\\").replace("%", "%%")


def _cmd_quote(arg: str) -> str:
    """One argument in a batch file: always quoted (``& ^ ( )`` are then plain), ``%`` doubled."""
    _refuse_newline(arg)
    if '"' in arg:
        raise ValueError(f"a double quote cannot be passed in a Windows batch file: {arg!r}")
    return '"' + arg.replace("%", "%%") + '"'


def _refuse_newline(arg: str) -> None:
    if "\n" in arg or "\r" in arg:
        raise ValueError(f"a line break cannot be part of an autostart command: {arg!r}")


# --- writing and removing --------------------------------------------------------------------


def install(entry: Entry) -> bool:
    """Write ``entry``; ``True`` if it replaced an earlier file."""
    existed = entry.path.exists()
    entry.path.parent.mkdir(parents=True, exist_ok=True)
    temp = entry.path.with_name(f".{entry.path.name}.tmp")
    with temp.open("w", encoding="utf-8", newline=entry.newline) as out:
        out.write(entry.content)
    os.replace(temp, entry.path)  # never a half-written unit if the machine goes down
    return existed


def remove(
    platform: str, home: Path, env: Mapping[str, str], keep: Method | None = None
) -> list[Path]:
    """Delete every autostart file :func:`install` may have written on ``platform`` (and the
    link ``systemctl --user enable`` made), except ``keep``'s; return what was deleted.

    ``keep`` is for install: one entry at a time, or the show would start twice.
    """
    removed: list[Path] = []
    methods = [m for m in methods_for(platform) if m is not keep]
    candidates = [entry_path(method, home, env) for method in methods]
    if Method.SYSTEMD in methods:
        candidates.append(enablement_link(home, env))
    for path in candidates:
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    return removed


def after_install(method: Method) -> list[str]:
    """What the person installing should do next, one line each (commands indented)."""
    if method is Method.SYSTEMD:
        return [
            "To start the show now and at every login, run:",
            "    systemctl --user daemon-reload",
            f"    systemctl --user enable --now {UNIT_NAME}",
        ]
    return ["The show will start at the next login."]


def after_remove(platform: str) -> list[str]:
    if Method.SYSTEMD in methods_for(platform):
        return [
            "If the show is running from systemd, stop it with:",
            f"    systemctl --user stop {UNIT_NAME}",
            "    systemctl --user daemon-reload",
        ]
    return []
