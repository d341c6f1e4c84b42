"""Contrast checked, not hoped: every pair the show draws passes WCAG 2.2 AA in the bundled
theme and in legible brand colours, the table matches the QML, and AAA in high contrast."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kiosk.deck.model import Theme
from kiosk.render import contrast as c
from kiosk.render import palette as p

QML = Path(c.__file__).resolve().parents[1] / "qml" / "Kiosk"

THEMES = {
    "bundled": Theme(),
    "colorSchema light": Theme(background="#f7f5f0", foreground="#14213d", dark=False),
    "careless light": Theme(primary="#ffff00", background="#ffffff", foreground="#eeeeee"),
    "careless dark": Theme(primary="#000080", background="#000000", foreground="#111111"),
    "brand red on cream": Theme(primary="#e30613", background="#fff8e7", foreground="#3a3a3a"),
    "brand teal on night": Theme(primary="#00a19a", background="#101820", foreground="#d0d0d0"),
    "broken headmatter": Theme(primary="not a colour", background="#zzz", foreground=""),
}


def test_wcag_arithmetic() -> None:
    assert p.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert p.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # Compositing as Qt Quick blends: white at 35 % over the bundled navy.
    assert c.composite("#ffffff", 0.35, "#0f2a44") == "#637585"
    assert c.composite("#123456", 1.0, "#ffffff") == "#123456"
    assert c.composite("#123456", 0.0, "#ffffff") == "#ffffff"


@pytest.mark.parametrize("name", list(THEMES))
def test_every_pair_passes_aa(name: str) -> None:
    colours = c.roles(p.Palette(THEMES[name]))
    assert [v.describe() for v in c.failures(colours)] == []


def test_the_bundled_theme_is_drawn_as_the_deck_gives_it() -> None:
    # Nothing of the bundled brand is changed to pass: it passes as designed.
    assert c.adjustments(Theme()) == []
    assert c.colour_failures(Theme()) == []


def test_bundled_ratios() -> None:
    """The figures of the bundled theme (README, "Accessibility: contrast")."""
    ratios = {v.pair.name: int(v.ratio * 10) / 10 for v in c.verdicts(c.roles(p.Palette(Theme())))}
    assert ratios["text"] == 14.6
    assert ratios["accent text"] == 7.7
    assert ratios["muted text"] == 7.8
    assert ratios["button label"] == 9.7
    assert ratios["other dots"] == 3.7
    assert min(ratios.values()) >= 3.0


def test_a_failing_brand_is_reported_with_pair_and_ratio() -> None:
    grey = Theme(primary="#ffff00", background="#777777", foreground="#eeeeee")
    found = c.colour_failures(grey)
    assert found, "a mid-grey background leaves no room on either side"
    assert any(
        line.startswith("themeConfig: ")
        and "staff text" in line
        and "on surface #6f6f6f" in line
        and "is 4.1:1, needs 4.5:1 (WCAG AA)" in line
        for line in found
    ), found
    # What the palette changed is said too, before and after.
    assert (
        "themeConfig: primary #ffff00 on background #777777 is 4.1:1, needs 4.5:1 (WCAG AA):"
        " drawn as #000000 (4.6:1)"
    ) in c.adjustments(grey)


def test_a_ratio_is_never_rounded_up_to_what_it_fails() -> None:
    verdict = c.Verdict(c.PAIRS[0], "#767676", "#ffffff", 4.4999, 4.5)
    assert not verdict.ok
    assert "is 4.4:1, needs 4.5:1" in verdict.describe()


# --- the table against the QML ---------------------------------------------------------

COLOUR_ROLES = {"background", "foreground", "accent", "muted", "surface", "codeString"}
# Theme's derived colours, by the palette roles they are drawn from.
DERIVED = {
    "controlFill": "foreground",
    "controlPressed": "foreground",
    "controlLine": "line",
}
TEXT_ITEMS = {"Text", "FitText", "TextInput", "Icon"}


def _code(path: Path) -> str:
    """The file without comments and string literals' contents."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return re.sub(r"//[^\n]*", "", text)


def _colour_uses(path: Path) -> list[tuple[str, str, str]]:
    """(element, property, role) for each Theme colour the file draws with; a FitText
    with no colour of its own draws the foreground (its default)."""
    code = _code(path)
    uses: list[tuple[str, str, str]] = []
    stack: list[list[Any]] = []  # [element name or "", has a colour of its own]
    token = re.compile(r"([A-Z]\w*)\s*\{|\{|\}|([\w.]+)\s*:\s*([^\n;{}]*)(\{?)")

    def close() -> None:
        name, coloured = stack.pop()
        if name == "FitText" and not coloured:
            uses.append(("FitText", "color", "foreground"))

    for match in token.finditer(code):
        if match.group(2) is None:
            if match.group(0) == "}":
                if stack:
                    close()
            else:
                stack.append([match.group(1) or "", False])
            continue
        prop, value = match.group(2), match.group(3)
        element = next((e for e in reversed(stack) if e[0]), ["", False])
        if prop == "color":
            element[1] = True
        for role in re.findall(r"Theme\.(\w+)", value):
            role = DERIVED.get(role, role)
            if role in COLOUR_ROLES | {"line"}:
                uses.append((element[0], prop, role))
        if match.group(4):  # `delegate: Text {`: an element opens on this line
            opened = re.search(r"([A-Z]\w*)\s*$", value)
            stack.append([opened.group(1) if opened else "", False])
    # FitText's rich-text style sheet: links, code keywords, strings, comments.
    if path.name == "FitText.qml":
        sheet = re.findall(r"\+\s*Theme\.(\w+)\s*\+", code)
        uses += [("FitText", "color", r) for r in sheet if r in COLOUR_ROLES]
    return uses


def _qml_files() -> list[Path]:
    return sorted(QML.rglob("*.qml"))


def _table_roles(name: str) -> tuple[set[str], set[str]]:
    """The text roles and every role the table has for file ``name``."""
    text, every = set(), set()
    for pair in c.PAIRS:
        if name in pair.where:
            text.add(pair.text.role)
            every |= {pair.text.role, *(g.role for g in pair.ground)}
    return text, every


@pytest.mark.parametrize("path", _qml_files(), ids=lambda p: str(p.relative_to(QML)))
def test_every_colour_a_qml_file_draws_is_in_the_table(path: Path) -> None:
    name = str(path.relative_to(QML))
    text_roles, every = _table_roles(name)
    decorations = {role for (file, role) in c.DECORATIONS if file == name}
    missing = []
    for element, prop, role in _colour_uses(path):
        if element in TEXT_ITEMS and prop in {"color", "selectionColor"}:
            if role not in text_roles:
                missing.append(f"{element}.{prop}: Theme {role} as text")
        elif role not in every and role not in decorations:
            missing.append(f"{element}.{prop}: Theme {role}")
    assert missing == [], f"{name}: colours drawn that kiosk/render/contrast.py lacks"


def test_the_scan_sees_fittexts_default_colour() -> None:
    fit_text = (QML / "components/FitText.qml").read_text(encoding="utf-8")
    assert "property color color: Theme.foreground" in fit_text
    assert ("FitText", "color", "foreground") in _colour_uses(QML / "DefaultLayout.qml")
    assert ("FitText", "color", "foreground") not in _colour_uses(QML / "components/QrPanel.qml")
    assert ("Text", "color", "muted") in _colour_uses(QML / "components/QrPanel.qml") or (
        "FitText",
        "color",
        "muted",
    ) in _colour_uses(QML / "components/QrPanel.qml")


def test_the_table_names_only_files_and_roles_that_exist() -> None:
    for pair in c.PAIRS:
        for name in pair.where:
            assert (QML / name).is_file(), name
        for paint in (pair.text, *pair.ground):
            assert paint.role.startswith("#") or paint.role in COLOUR_ROLES | {"line"}, paint
        assert pair.ground[0].alpha == 1, f"{pair.name}: the bottom of a ground is opaque"
    for file, role in c.DECORATIONS:
        assert (QML / file).is_file(), file
        assert f"Theme.{role}" in (QML / file).read_text(encoding="utf-8"), (file, role)


def test_the_opacities_are_the_qmls() -> None:
    theme = (QML / "Theme.qml").read_text(encoding="utf-8")
    assert f"foreground.b, {c.CONTROL_FILL})" in theme
    assert f"foreground.b, {c.CONTROL_PRESSED})" in theme
    assert "brand ? brand.line" in theme
    button = (QML / "staff/StaffButton.qml").read_text(encoding="utf-8")
    assert f"area.pressed ? {c.STAFF_KEY_PRESSED} : {c.STAFF_KEY})" in button
    assert f"Theme.foreground.b, {c.STAFF_TINT})" in button
    panel = (QML / "staff/StaffPanel.qml").read_text(encoding="utf-8")
    assert f"Theme.background.b, {c.STAFF_FIELD})" in panel
    image = (QML / "ImageLayout.qml").read_text(encoding="utf-8")
    assert f"Qt.alpha(Theme.background, {p.PHOTO_SCRIM})" in image
    assert "opacity" not in (QML / "components/TimeBar.qml").read_text(encoding="utf-8")


# --- high contrast ---------------------------------------------------------------------


@pytest.mark.parametrize("name", list(THEMES))
def test_high_contrast_meets_aaa_on_every_pair(name: str) -> None:
    """The « Aa » control's high contrast: ``Palette(theme, True)`` (kiosk/render/palette.py;
    kiosk/qt/deckinfo.py draws with it, Theme.controlLine its ``line``), every pair at AAA."""
    palette = p.Palette(THEMES[name], True)
    colours = c.roles(palette)
    assert [v.describe() for v in c.failures(colours, c.Level.AAA)] == []
