"""Autostart: the exact files `kiosk autostart install` writes, and that `remove` deletes them."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import autostart
from kiosk.autostart import Method, UnsupportedPlatform
from kiosk.commands import autostart as command

KIOSK = "/opt/booth/.venv/bin/kiosk"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home" / "staff"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "deck"
    path.mkdir()
    (path / "slides.md").write_text("# Bonjour\n", encoding="utf-8")
    return path


def install(method: Method, args: list[str], home: Path, env: dict[str, str]) -> Path:
    entry = autostart.entry_for(method, [KIOSK, "run", *args], home, env)
    autostart.install(entry)
    return entry.path


# --- the exact files --------------------------------------------------------------------------


def test_systemd_user_unit(home: Path) -> None:
    path = install(Method.SYSTEMD, ["/srv/deck"], home, {})
    assert path == home / ".config" / "systemd" / "user" / "kiosk.service"
    assert path.read_text(encoding="utf-8") == (
        "# kiosk: the booth show, started with the graphical session and restarted if it crashes.\n"
        "# Written by `kiosk autostart install`; `kiosk autostart remove` deletes it.\n"
        "[Unit]\n"
        "Description=kiosk booth presentation\n"
        "After=graphical-session.target\n"
        "PartOf=graphical-session.target\n"
        "\n"
        "[Service]\n"
        "ExecStart=/opt/booth/.venv/bin/kiosk run /srv/deck\n"
        "# `systemctl --user reload kiosk`: SIGHUP reads the deck and the settings again.\n"
        "ExecReload=/bin/kill -HUP $MAINPID\n"
        "Restart=on-failure\n"
        "RestartSec=5\n"
        "\n"
        "[Install]\n"
        "WantedBy=graphical-session.target\n"
    )


def test_xdg_autostart_entry(home: Path) -> None:
    path = install(Method.XDG, ["/srv/deck"], home, {})
    assert path == home / ".config" / "autostart" / "kiosk.desktop"
    assert path.read_text(encoding="utf-8") == (
        "[Desktop Entry]\n"
        "# kiosk: the booth show, started at login.\n"
        "# Written by `kiosk autostart install`; `kiosk autostart remove` deletes it.\n"
        "Type=Application\n"
        "Name=kiosk\n"
        "Comment=Booth presentation, fullscreen\n"
        "Exec=/opt/booth/.venv/bin/kiosk run /srv/deck\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def test_windows_startup_folder_cmd(home: Path, tmp_path: Path) -> None:
    appdata = tmp_path / "AppData" / "Roaming"
    entry = autostart.entry_for(
        Method.WINDOWS,
        [r"C:\booth\.venv\Scripts\kiosk.exe", "run", r"D:\Salon 2025\deck"],
        home,
        {"APPDATA": str(appdata)},
    )
    autostart.install(entry)
    assert entry.path == (
        appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / "kiosk.cmd"
    )
    # CRLF: cmd.exe mis-reads labels and `goto` in a batch file with bare LF line ends.
    assert entry.path.read_bytes() == (
        b"@echo off\r\n"
        b"rem kiosk: the booth show, started at logon and restarted 5 s after a crash.\r\n"
        b'rem Written by "kiosk autostart install"; "kiosk autostart remove" deletes it.\r\n'
        b"rem UTF-8, so folder names with accents reach kiosk intact.\r\n"
        b"chcp 65001 >nul\r\n"
        b":start\r\n"
        b'"C:\\booth\\.venv\\Scripts\\kiosk.exe" "run" "D:\\Salon 2025\\deck"\r\n'
        b"if errorlevel 1 (\r\n"
        b"    timeout /t 5 /nobreak >nul\r\n"
        b"    goto start\r\n"
        b")\r\n"
    )


def test_windows_without_appdata_uses_the_roaming_folder(home: Path) -> None:
    path = autostart.entry_path(Method.WINDOWS, home, {})
    assert path == (
        home / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/kiosk.cmd"
    )


def test_xdg_config_home_respected(home: Path, tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    env = {"XDG_CONFIG_HOME": str(config)}
    assert autostart.entry_path(Method.SYSTEMD, home, env) == config / "systemd/user/kiosk.service"
    assert autostart.entry_path(Method.XDG, home, env) == config / "autostart/kiosk.desktop"
    # the spec: a relative value is ignored
    relative = {"XDG_CONFIG_HOME": "cfg"}
    assert (
        autostart.entry_path(Method.XDG, home, relative) == home / ".config/autostart/kiosk.desktop"
    )


def test_install_again_replaces_the_file(home: Path) -> None:
    first = autostart.entry_for(Method.SYSTEMD, [KIOSK, "run", "/a"], home, {})
    second = autostart.entry_for(Method.SYSTEMD, [KIOSK, "run", "/b"], home, {})
    assert autostart.install(first) is False
    assert autostart.install(second) is True
    assert "ExecStart=/opt/booth/.venv/bin/kiosk run /b\n" in second.path.read_text(
        encoding="utf-8"
    )
    assert [p.name for p in second.path.parent.iterdir()] == ["kiosk.service"]  # no temp left


# --- quoting: paths with spaces, accents, % and $ ----------------------------------------------

AWKWARD = ["/home/staff/Mes documents/Salon 100% été", "/srv/$HOME's deck", 'a "b" \\c', "x;y"]


def test_systemd_exec_start_quoting_round_trips(home: Path) -> None:
    line = autostart.systemd_unit([KIOSK, "run", *AWKWARD]).split("ExecStart=")[1].split("\n")[0]
    assert "%%" in line and "$$HOME" in line  # specifiers and variables escaped
    unescaped = line.replace("%%", "%").replace("$$", "$")
    assert shlex.split(unescaped) == [KIOSK, "run", *AWKWARD]


def test_desktop_exec_quoting_round_trips() -> None:
    line = autostart.desktop_entry([KIOSK, "run", *AWKWARD]).split("Exec=")[1].split("\n")[0]
    assert '"/home/staff/Mes documents/Salon 100%% été"' in line
    # the spec: string-level escapes first (\\ -> \), then %% -> %, then the quoting rules
    value = line.replace("\\\\", "\\").replace("%%", "%")
    assert desktop_exec_words(value) == [KIOSK, "run", *AWKWARD]


def desktop_exec_words(value: str) -> list[str]:
    """The Desktop Entry spec's reading of Exec: words split on spaces; inside "…", a
    backslash takes the next character literally (shlex would keep it before `$`)."""
    words: list[str] = []
    word, quoted, escaped, started = "", False, False, False
    for char in value:
        if escaped:
            word, escaped = word + char, False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if word or started:
                words.append(word)
            word, started = "", False
        else:
            word += char
    assert not quoted and not escaped
    if word or started:
        words.append(word)
    return words


def test_plain_arguments_stay_unquoted() -> None:
    assert "Exec=/opt/booth/.venv/bin/kiosk run --config /a/k.toml /b\n" in autostart.desktop_entry(
        [KIOSK, "run", "--config", "/a/k.toml", "/b"]
    )


def test_windows_percent_doubled_and_quotes_refused() -> None:
    assert '"C:\\100% salon"' not in autostart.windows_cmd(["kiosk.exe", "C:\\100% salon"])
    assert '"C:\\100%% salon"' in autostart.windows_cmd(["kiosk.exe", "C:\\100% salon"])
    with pytest.raises(ValueError, match="double quote"):
        autostart.windows_cmd(["kiosk.exe", 'a"b'])


@pytest.mark.parametrize("method", list(Method))
def test_line_breaks_refused(method: Method, home: Path) -> None:
    with pytest.raises(ValueError, match="line break"):
        autostart.entry_for(method, [KIOSK, "run", "/a\nb"], home, {})


# --- the command it runs -------------------------------------------------------------------------


def test_kiosk_command_has_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert autostart.kiosk_command([KIOSK], Path("deck"), Path("k.toml")) == [
        KIOSK,
        "run",
        "--config",
        str(tmp_path / "k.toml"),
        str(tmp_path / "deck"),
    ]
    assert autostart.kiosk_command([KIOSK], None, None) == [KIOSK, "run"]


def test_find_executable_prefers_the_running_script(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "kiosk"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    link = tmp_path / "kiosk"
    link.symlink_to(script)
    assert autostart.find_executable(str(link), which=lambda _: None) == [str(script)]


def test_find_executable_windows_launcher_without_exe(tmp_path: Path) -> None:
    exe = tmp_path / "Scripts" / "kiosk.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"MZ")
    found = autostart.find_executable(str(tmp_path / "Scripts" / "kiosk"), which=lambda _: None)
    assert found == [str(exe)]


def test_find_executable_from_path_then_python(tmp_path: Path) -> None:
    on_path = tmp_path / "kiosk"
    on_path.write_text("", encoding="utf-8")
    assert autostart.find_executable("/usr/bin/pytest", which=lambda _: str(on_path)) == [
        str(on_path)
    ]
    python = tmp_path / "venv" / "bin" / "python"
    assert autostart.find_executable("-c", which=lambda _: None, python=str(python)) == [
        str(python),
        "-m",
        "kiosk",
    ]


# --- methods per platform -------------------------------------------------------------------------


def test_methods_per_platform() -> None:
    assert autostart.choose_method("linux", xdg=False) is Method.SYSTEMD
    assert autostart.choose_method("linux", xdg=True) is Method.XDG
    assert autostart.choose_method("win32", xdg=False) is Method.WINDOWS
    with pytest.raises(UnsupportedPlatform):
        autostart.choose_method("win32", xdg=True)
    with pytest.raises(UnsupportedPlatform):
        autostart.choose_method("darwin", xdg=False)


# --- remove -------------------------------------------------------------------------------------


def test_remove_deletes_the_unit_and_the_enable_link(home: Path) -> None:
    unit = install(Method.SYSTEMD, [], home, {})
    link = autostart.enablement_link(home, {})
    link.parent.mkdir()
    link.symlink_to(unit)  # what `systemctl --user enable` does
    desktop = install(Method.XDG, [], home, {})
    assert autostart.remove("linux", home, {}) == [unit, desktop, link]
    assert not unit.exists() and not desktop.exists() and not link.is_symlink()
    assert autostart.remove("linux", home, {}) == []


def test_remove_a_dangling_enable_link(home: Path) -> None:
    link = autostart.enablement_link(home, {})
    link.parent.mkdir(parents=True)
    link.symlink_to(link.parent / "gone.service")
    assert autostart.remove("linux", home, {}) == [link]


def test_remove_on_windows(home: Path, tmp_path: Path) -> None:
    env = {"APPDATA": str(tmp_path / "Roaming")}
    path = install(Method.WINDOWS, [], home, env)
    assert autostart.remove("win32", home, env) == [path]
    assert not path.exists()


def test_remove_keeps_what_is_asked(home: Path) -> None:
    unit = install(Method.SYSTEMD, [], home, {})
    desktop = install(Method.XDG, [], home, {})
    assert autostart.remove("linux", home, {}, keep=Method.XDG) == [unit]
    assert desktop.exists()


# --- `kiosk autostart` ------------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk")
    command.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["autostart", *argv])


def test_install_command_writes_the_unit_and_says_what_to_run(
    home: Path, deck: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = deck / "kiosk.toml"
    config.write_text("", encoding="utf-8")
    args = parse(["install", "--config", str(config), str(deck)])
    assert command.execute(args, home, {}, "linux", [KIOSK]) == 0
    unit = home / ".config/systemd/user/kiosk.service"
    assert f"ExecStart={KIOSK} run --config {config} {deck}\n" in unit.read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert f"Wrote {unit}" in out
    assert "systemctl --user enable --now kiosk.service" in out


def test_install_xdg_replaces_the_unit(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert command.execute(parse(["install"]), home, {}, "linux", [KIOSK]) == 0
    assert command.execute(parse(["install", "--xdg"]), home, {}, "linux", [KIOSK]) == 0
    assert not (home / ".config/systemd/user/kiosk.service").exists()
    desktop = home / ".config/autostart/kiosk.desktop"
    assert f"Exec={KIOSK} run\n" in desktop.read_text(encoding="utf-8")
    assert "one autostart entry is enough" in capsys.readouterr().out


def test_install_command_on_windows(home: Path, tmp_path: Path, deck: Path) -> None:
    env = {"APPDATA": str(tmp_path / "Roaming")}
    exe = r"C:\booth\kiosk.exe"
    assert command.execute(parse(["install", str(deck)]), home, env, "win32", [exe]) == 0
    path = autostart.entry_path(Method.WINDOWS, home, env)
    assert f'"{exe}" "run" "{deck}"\r\n' in path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("argv", "platform", "message"),
    [
        (["install", "/no/such/deck"], "linux", "deck not found"),
        (["install", "--config", "/no/such.toml"], "linux", "settings file not found"),
        (["install", "--xdg"], "win32", "--xdg is for Linux"),
        (["install"], "darwin", "no autostart recipe"),
        (["remove"], "darwin", "no autostart recipe"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], platform: str, message: str
) -> None:
    assert command.execute(parse(argv), home, {}, platform, [KIOSK]) == 2
    assert message in capsys.readouterr().err
    assert list(home.iterdir()) == []


def test_unwritable_folder_exits_1(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / ".config").write_text("a file, not a folder", encoding="utf-8")
    assert command.execute(parse(["install"]), home, {}, "linux", [KIOSK]) == 1
    assert "kiosk autostart:" in capsys.readouterr().err


def test_remove_command(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command.execute(parse(["install"]), home, {}, "linux", [KIOSK])
    capsys.readouterr()
    assert command.execute(parse(["remove"]), home, {}, "linux", [KIOSK]) == 0
    out = capsys.readouterr().out
    assert f"Removed {home / '.config/systemd/user/kiosk.service'}" in out
    assert "systemctl --user stop kiosk.service" in out
    assert command.execute(parse(["remove"]), home, {}, "linux", [KIOSK]) == 0
    assert "No autostart entry to remove." in capsys.readouterr().out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the real machine is Linux here")
def test_main_uses_the_home_folder(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert command.main(parse(["install"])) == 0
    unit = home / ".config/systemd/user/kiosk.service"
    exec_start = unit.read_text(encoding="utf-8").split("ExecStart=")[1].split("\n")[0]
    assert Path(shlex.split(exec_start)[0]).is_absolute()
    assert command.main(parse(["remove"])) == 0
    assert not unit.exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    unit = tmp_path / "kiosk.service"
    unit.write_text(autostart.systemd_unit([sys.executable, "run", *AWKWARD]), encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "kiosk.service" not in result.stderr  # no complaint about our unit
