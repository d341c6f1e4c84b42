"""`kiosk check`: output format, --json, exit codes, and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main

GOOD = "---\nlang: fr\n---\n\n# Bonjour\n\n---\nlayout: fact\nsource: AFD\n---\n\n# 65\u202f%\n\ndes Français\n"
BAD = "# Bonjour\n\n---\nlayout: fact\nduration: -2\n---\n\n# 65\u202f%\n\n<script>x</script>\n"


def deck(tmp_path: Path, text: str) -> Path:
    (tmp_path / "slides.md").write_text(text, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_deck_exits_0_with_a_summary(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, str(deck(tmp_path, GOOD)))
    assert code == 0
    assert out.strip().splitlines() == [
        f"{tmp_path / 'slides.md'}: fr (2 slides); 0 errors, 0 warnings — ready to show"
    ]


def test_findings_are_file_line_severity_message(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, str(deck(tmp_path, BAD)))
    assert code == 1
    lines = out.strip().splitlines()
    file = tmp_path / "slides.md"
    assert lines[:-1] == [
        f"{file}:1: warning: the deck declares no language (`lang:` in its headmatter, or"
        " Slidev's `htmlAttrs.lang`): shown as `en` (English: no `language` setting, and the"
        " system's is none the booth speaks)",
        f"{file}:3: warning: fact card without a `source:`",
        f"{file}:5: error: `duration` must be a positive number of seconds, not -2",
        f"{file}:10: warning: <script> dropped with its content (never run in the kiosk)",
    ]
    assert lines[-1].endswith("1 error, 3 warnings — not ready")


def test_paths_are_relative_to_the_working_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    deck(tmp_path, BAD)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, ".")
    assert out.startswith("slides.md:1: warning:")


def test_warnings_alone_exit_0(tmp_path: Path, capsys) -> None:
    code, _, _ = run(capsys, str(deck(tmp_path, "# T\n\n<div>x</div>\n")))
    assert code == 0


def test_json_is_one_object_with_the_documented_keys(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, str(deck(tmp_path, BAD)), "--json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"slides", "outline", "errors", "warnings"}
    assert data["slides"] == 2
    file = str(tmp_path / "slides.md")
    assert data["outline"] == [
        {"file": file, "line": 1, "layout": "cover", "title": "Bonjour"},
        {"file": file, "line": 3, "layout": "fact", "title": "65\u202f%"},
    ]
    assert data["errors"] == [
        {
            "file": file,
            "line": 5,
            "message": "`duration` must be a positive number of seconds, not -2",
        }
    ]
    assert [w["line"] for w in data["warnings"]] == [1, 3, 10]  # no language, no source, <script>


def test_json_covers_every_language(tmp_path: Path, capsys) -> None:
    deck(tmp_path, GOOD)
    (tmp_path / "slides.en.md").write_text(
        GOOD.replace("lang: fr", "lang: en").replace("65\u202f%", "65%"), encoding="utf-8"
    )
    _, out, _ = run(capsys, str(tmp_path), "--json")
    data = json.loads(out)
    assert data["slides"] == 4
    assert [o["file"].rsplit("/", 1)[-1] for o in data["outline"]] == [
        "slides.md",
        "slides.md",
        "slides.en.md",
        "slides.en.md",
    ]


def test_missing_path_exits_2(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, str(tmp_path / "nope"))
    assert code == 2
    assert out == ""
    assert "no such file or folder" in err


def test_unknown_flag_exits_2(capsys) -> None:
    code, _, err = run(capsys, "--frobnicate")
    assert code == 2
    assert "unrecognized arguments" in err


def test_bundled_deck_is_the_default_and_is_clean(capsys) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    assert "fr (" in out and "en (" in out and "0 errors, 0 warnings" in out


def test_help_exits_0(capsys) -> None:
    assert main(["check", "--help"]) == 0
    assert "Exit status" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"---\n" * 10_000, b"---\na: *b\n---\n", b"\x00" * 100, b""],
)
def test_console_command_never_prints_a_traceback(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "slides.md").write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith(str(tmp_path / "slides.md"))


def test_unreadable_file_is_a_finding(tmp_path: Path, capsys) -> None:
    if os.geteuid() == 0:
        # root reads any file: use a folder where the deck file should be instead
        (tmp_path / "slides.md").mkdir()
        (tmp_path / "x.md").write_text("# x")
        code, out, err = run(capsys, str(tmp_path / "slides.md"))
        assert code == 2 and "no slides.md" in err
        return
    path = deck(tmp_path, GOOD) / "slides.md"
    path.chmod(0)
    code, out, _ = run(capsys, str(path))
    assert code == 1 and "cannot read file" in out


def test_text_that_would_shrink_below_the_floor_is_a_warning(tmp_path: Path, capsys) -> None:
    words = "Les collectivités territoriales nouent des partenariats dans la durée. " * 8
    code, out, _ = run(capsys, str(deck(tmp_path, f"# T\n\n---\n\n# Trop\n\n{words}\n")))
    assert code == 0
    line = next(x for x in out.splitlines() if "legibility floor" in x)
    assert line.startswith(f"{tmp_path / 'slides.md'}:3: warning: text would shrink to about")


def test_the_settings_file_is_checked_too(tmp_path: Path, capsys) -> None:
    deck(tmp_path, GOOD)
    (tmp_path / "kiosk.toml").write_text('language = "fr"\nidle_timeout_s = 5\n', encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 1
    assert (
        f"{tmp_path / 'kiosk.toml'}:2: error: `idle_timeout_s` must be 30 to 86400 seconds" in out
    )


def test_slidevs_own_files_get_one_line_not_a_warning_each(tmp_path: Path, capsys) -> None:
    deck(tmp_path, GOOD)
    for name in ("layouts/fact.vue", "layouts/end.vue", "components/Counter.vue"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("<template><div /></template>\n", encoding="utf-8")
    (tmp_path / "style.css").write_text("h1 { color: red }\n", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0
    assert out.strip().splitlines() == [
        f"{tmp_path}: layouts/, components/, style.css: Slidev's own, not read by the booth",
        f"{tmp_path / 'slides.md'}: fr (2 slides); 0 errors, 0 warnings — ready to show",
    ]


def _branded(tmp_path: Path, background: str) -> Path:
    return deck(
        tmp_path,
        "---\nlang: en\ntitle: Brand\nthemeConfig:\n  primary: '#ffff00'\n"
        f"  background: '{background}'\n  foreground: '#eeeeee'\n---\n\n# Hello\n\nSome text.\n",
    )


def test_colours_the_show_had_to_change_are_warnings_with_pair_and_ratio(
    tmp_path: Path, capsys
) -> None:
    code, out, _ = run(capsys, str(_branded(tmp_path, "#ffffff")))
    assert code == 0
    file = tmp_path / "slides.md"
    assert (
        f"{file}:4: warning: themeConfig: primary #ffff00 on background #ffffff is 1.0:1,"
        " needs 4.5:1 (WCAG AA): drawn as #707000 (5.2:1)"
    ) in out.splitlines()
    assert f"{file}:4: warning: themeConfig: foreground #eeeeee on background #ffffff" in out


def test_colours_no_palette_can_save_are_errors_naming_the_pair(tmp_path: Path, capsys) -> None:
    # A mid-grey background: black text on its surface is 4.1:1, white less still.
    code, out, _ = run(capsys, str(_branded(tmp_path, "#777777")))
    assert code == 1
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert errors and all(line.startswith(f"{tmp_path / 'slides.md'}:4: ") for line in errors)
    assert any(
        "themeConfig: " in line
        and "staff text" in line
        and "#000000 on surface #6f6f6f is 4.1:1, needs 4.5:1 (WCAG AA)" in line
        for line in errors
    ), errors


def test_the_bundled_colours_need_no_word(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, str(deck(tmp_path, GOOD)))
    assert code == 0 and "themeConfig" not in out


def test_aa_larger_text_steps_warn_once_each_where_a_slide_would_shrink(
    tmp_path: Path, capsys
) -> None:
    # It fits at the normal size; at « Aa »'s larger step its long title grows and the text
    # would fall under the floor on a portrait totem. A short slide never warns.
    title = "Les collectivités territoriales et leurs partenaires dans le monde entier"
    words = "Les collectivités territoriales nouent des partenariats dans la durée. " * 4
    text = f"# Court\n\nUn mot.\n\n---\n\n# {title}\n\n{words}\n"
    code, out, _ = run(capsys, str(deck(tmp_path, text)))
    assert code == 0  # warnings never fail
    file = tmp_path / "slides.md"
    lines = out.splitlines()
    steps = [x for x in lines if "« Aa » text size" in x]
    assert [x.split(" (×")[0] for x in steps] == [
        f"{file}:5: warning: at the « Aa » text size larger"
    ]
    assert "about 59 px on a 1080×1920 screen, below the legibility floor of 63 px" in steps[0]
    assert steps[0].endswith("a visitor asking for larger text would not get it; shorten it")
    assert not any("legibility floor" in x and "« Aa »" not in x for x in lines)  # normal fits
    assert not any(x.startswith(f"{file}:1:") and "floor" in x for x in lines)  # short slide
