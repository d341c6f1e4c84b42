"""Typography and parity checks on the bundled deck (slides/slides.md, slides/slides.en.md).

Pure Python: reads the raw Markdown files, does not import the kiosk package.
The deck format is the Slidev subset described in the brief: a headmatter YAML block,
slides separated by a line ``---`` preceded by a blank line, and an optional YAML
frontmatter block right after a separator (no blank line in between).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FR = ROOT / "slides" / "slides.md"
EN = ROOT / "slides" / "slides.en.md"

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"

# `section`: the « Sommaire » tiles (kiosk.qt.sections), each brochure section its own.
ALLOWED_KEYS = {
    "layout",
    "source",
    "duration",
    "defaults",
    "title",
    "lang",
    "link",
    "themeConfig",
    "qr",
    "section",
}


# --------------------------------------------------------------------------- parsing


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def split_deck(text: str) -> list[tuple[list[tuple[int, str]], list[tuple[int, str]]]]:
    """Return the slides as (frontmatter lines, body lines), each line with its 1-based number."""
    lines = text.split("\n")
    assert lines[0] == "---", "the deck must start with a headmatter block"
    slides: list[tuple[list[tuple[int, str]], list[tuple[int, str]]]] = []

    def read_yaml(start: int) -> tuple[list[tuple[int, str]], int]:
        """Read a YAML block whose opening '---' is at index start-1; return (lines, next index)."""
        block = []
        i = start
        while i < len(lines) and lines[i] != "---":
            block.append((i + 1, lines[i]))
            i += 1
        assert i < len(lines), f"unclosed YAML block starting line {start}"
        return block, i + 1

    fm, i = read_yaml(1)
    slides.append((fm, []))
    while i < len(lines):
        line = lines[i]
        if line == "---" and i > 0 and lines[i - 1].strip() == "":
            if i + 1 < len(lines) and lines[i + 1].strip() != "":
                fm, i = read_yaml(i + 1)
            else:
                fm, i = [], i + 1
            slides.append((fm, []))
            continue
        slides[-1][1].append((i + 1, line))
        i += 1
    return slides


def visible_lines(text: str) -> list[tuple[int, str]]:
    """Body lines outside YAML blocks, with HTML comments blanked out (line numbers kept)."""
    out: list[tuple[int, str]] = []
    for _fm, body in split_deck(text):
        out.extend(body)
    joined = "\n".join(f"{n}\x00{line}" for n, line in out)
    # Blank out comments but keep newlines so that line numbers survive.
    joined = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", "", m.group(0)), joined, flags=re.S)
    result = []
    for raw in joined.split("\n"):
        if "\x00" in raw:
            n, line = raw.split("\x00", 1)
            result.append((int(n), line))
    return result


def visible_text(text: str) -> str:
    return "\n".join(line for _n, line in visible_lines(text))


def separators(text: str) -> int:
    return sum(1 for line in text.split("\n") if line == "---")


def layouts(text: str) -> list[str]:
    seq = []
    for fm, _body in split_deck(text):
        values = [line.split(":", 1)[1].strip() for _n, line in fm if line.startswith("layout:")]
        assert len(values) == 1, f"each slide needs exactly one layout: {fm}"
        seq.append(values[0])
    return seq


def slide_with_heading(text: str, heading: str):
    for fm, body in split_deck(text):
        if any(line.strip() == f"# {heading}" for _n, line in body):
            return dict(
                (line.split(":", 1)[0].strip(), line.split(":", 1)[1].strip())
                for _n, line in fm
                if ":" in line and not line.startswith(" ")
            ), body
    raise AssertionError(f"no slide with heading {heading!r}")


@pytest.fixture(scope="module")
def fr() -> str:
    return read(FR)


@pytest.fixture(scope="module")
def en() -> str:
    return read(EN)


# --------------------------------------------------------------------------- French typography


PUNCT = ";:!?"


def test_fr_narrow_space_before_high_punctuation(fr: str) -> None:
    errors = []
    for n, line in visible_lines(fr):
        for m in re.finditer(f"[{re.escape(PUNCT)}]", line):
            pos = m.start()
            if line[pos : pos + 3] == "://":  # URL scheme
                continue
            before = line[pos - 1] if pos > 0 else ""
            if before != NNBSP:
                context = line[max(0, pos - 15) : pos + 1]
                errors.append(f"line {n}: {context!r} needs U+202F before {m.group()!r}")
    assert not errors, "\n".join(errors)


def test_fr_narrow_space_before_percent(fr: str) -> None:
    errors = [
        f"line {n}: {line!r}"
        for n, line in visible_lines(fr)
        for m in re.finditer("%", line)
        if m.start() == 0 or line[m.start() - 1] != NNBSP
    ]
    assert not errors, "\n".join(errors)


def test_fr_guillemets_have_narrow_spaces(fr: str) -> None:
    errors = []
    for n, line in visible_lines(fr):
        for m in re.finditer("«", line):
            if line[m.end() : m.end() + 1] != NNBSP:
                errors.append(f"line {n}: « not followed by U+202F")
        for m in re.finditer("»", line):
            if m.start() == 0 or line[m.start() - 1] != NNBSP:
                errors.append(f"line {n}: » not preceded by U+202F")
    assert not errors, "\n".join(errors)


def test_fr_no_straight_apostrophe_or_quote(fr: str) -> None:
    errors = [f"line {n}: {line!r}" for n, line in visible_lines(fr) if "'" in line or '"' in line]
    assert not errors, "\n".join(errors)


def test_fr_no_ordinary_or_nbsp_space_typography_leftovers(fr: str) -> None:
    text = visible_text(fr)
    assert "..." not in text, "use the ellipsis character …"
    assert NBSP not in text, "use U+202F, not U+00A0"


def test_fr_accents_and_capital_a(fr: str) -> None:
    text = visible_text(fr)
    assert "État" in text
    assert "À l’approche" in text
    assert not re.search(r"\bA l", text), "capital À takes its accent"


# --------------------------------------------------------------------------- parity FR / EN


def test_same_number_of_separators(fr: str, en: str) -> None:
    assert separators(fr) == separators(en)


def test_same_slides_and_layouts(fr: str, en: str) -> None:
    assert len(split_deck(fr)) == len(split_deck(en))
    assert layouts(fr) == layouts(en)


def test_deck_shape(fr: str) -> None:
    seq = layouts(fr)
    assert seq[0] == "cover"
    assert seq[-1] == "end"
    assert seq.count("quote") == 2
    assert seq.count("fact") == 5


@pytest.mark.parametrize("path", [FR, EN], ids=["fr", "en"])
def test_only_known_frontmatter_keys(path: Path) -> None:
    for fm, _body in split_deck(read(path)):
        for n, line in fm:
            if not line.strip() or line.startswith((" ", "\t", "#")):
                continue
            key = line.split(":", 1)[0].strip()
            assert key in ALLOWED_KEYS, f"{path.name} line {n}: unexpected key {key!r}"


@pytest.mark.parametrize("path", [FR, EN], ids=["fr", "en"])
def test_no_html_or_components(path: Path) -> None:
    text = visible_text(read(path))
    assert not re.search(r"<[A-Za-z/]", text), "no HTML, images or components in the deck"
    assert "![" not in text


@pytest.mark.parametrize("path", [FR, EN], ids=["fr", "en"])
def test_every_slide_has_a_speaker_note(path: Path) -> None:
    for index, (_fm, body) in enumerate(split_deck(read(path)), 1):
        content = [line for _n, line in body if line.strip()]
        last = content[-1].strip() if content else ""
        assert re.fullmatch(r"<!--.*-->", last), f"slide {index} lacks a final note"


# --------------------------------------------------------------------------- figures


FR_FIGURES = [
    f"4{NNBSP}700",
    "138",
    f"65{NNBSP}%",
    "0,2",
    f"0,5{NNBSP}%",
    f"70{NNBSP}%",
    "MEAE",
    "AFD",
    "UE",
    "juin 2025",
]


@pytest.mark.parametrize("figure", FR_FIGURES)
def test_fr_figures_present(fr: str, figure: str) -> None:
    assert re.search(rf"(?<!\w){re.escape(figure)}(?!\w)", fr), figure


EN_FIGURES = ["4,700", "138", "65%", "0.2", "0.5%", "70%", "AFD", "EU", "June 2025"]


@pytest.mark.parametrize("figure", EN_FIGURES)
def test_en_figures_present(en: str, figure: str) -> None:
    assert re.search(rf"(?<!\w){re.escape(figure)}(?!\w)", en), figure


def test_en_names_the_ministry(en: str) -> None:
    assert re.search(r"\bMEAE\b", en) or "Ministry for Europe and Foreign Affairs" in en


def test_fact_sources(fr: str, en: str) -> None:
    fm, _ = slide_with_heading(fr, f"65{NNBSP}%")
    assert fm["layout"] == "fact"
    assert fm["source"] == "Sondage commandité par l’AFD, publié en juin 2025"
    assert slide_with_heading(fr, f"4{NNBSP}700")[0]["source"] == "Cités Unies France"
    assert slide_with_heading(fr, f"Près de 70{NNBSP}%")[0]["source"] == "ONU"
    assert "June 2025" in slide_with_heading(en, "65%")[0]["source"]
    assert slide_with_heading(en, "Nearly 70%")[0]["source"] == "UN"


# --------------------------------------------------------------------------- English typography


def test_en_has_no_french_spacing(en: str) -> None:
    text = visible_text(en)
    assert NNBSP not in text and NBSP not in text
    assert not re.search(r"\s[;:!?%]", text), "no space before ; : ! ? % in English"
    assert "«" not in text and "»" not in text


def test_en_quotes_consistent(en: str) -> None:
    text = visible_text(en)
    curly = any(c in text for c in "’“”")
    straight = any(c in text for c in "'\"")
    assert not (curly and straight), "use either straight or curly quotes, not both"
