"""The report as one self-contained HTML page: inline CSS, charts as inline SVG, system fonts.

Pure Python, no Qt. Nothing is loaded from anywhere (no script, no image, no web font, no
link): the page reads the same offline, mailed, or printed (A4, from the browser). Each
figure of a table carries what it is (``data-key``, and the row's ``data-day`` and
``data-booth``), so the page can be read back by a program as well as by people.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from kiosk.files import atomic_write
from kiosk.stats.handout_doc import (
    REPORT_MARK,
    BarChart,
    Block,
    Document,
    HourChart,
    KeyFigures,
    Note,
    Section,
    Table,
)

NAVY = "#0f2a44"
AMBER = "#c98a12"  # the booth's amber (#f2b134), darker: legible on white paper
GRID = "#d5dbe1"

_STYLE = f"""
@page {{ size: A4; margin: 15mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: Inter, "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1b2430;
  margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.35; font-size: 15px; }}
h1 {{ color: {NAVY}; font-size: 1.9rem; margin: 0 0 .2rem; }}
h2 {{ color: {NAVY}; font-size: 1.4rem; margin: 0; padding-top: .4rem;
  border-top: 3px solid {NAVY}; }}
h3 {{ font-size: 1rem; margin: 1.2rem 0 .4rem; color: {NAVY}; }}
.subtitle {{ font-size: 1.15rem; margin: 0; }}
.muted, .made, .rules, .sub {{ color: #5b6673; }}
.made {{ margin: .2rem 0 1.5rem; font-size: .9rem; }}
.sub {{ margin: .1rem 0 .6rem; font-size: .9rem; }}
section {{ margin: 0 0 2.2rem; }}
dl.key {{ display: flex; flex-wrap: wrap; gap: .6rem 2rem; margin: .6rem 0 .8rem; }}
dl.key div {{ min-width: 7rem; }}
dl.key dt {{ font-size: .8rem; color: #5b6673; }}
dl.key dd {{ margin: 0; font-size: 1.6rem; font-weight: 700; color: {NAVY};
  font-variant-numeric: tabular-nums; }}
table {{ border-collapse: collapse; width: 100%; font-size: .88rem; }}
caption {{ text-align: left; font-weight: 700; color: {NAVY}; padding: 1rem 0 .3rem; }}
th {{ text-align: left; font-weight: 600; color: #5b6673; border-bottom: 1px solid {GRID};
  padding: .25rem .4rem; vertical-align: bottom; }}
td {{ padding: .25rem .4rem; border-bottom: 1px solid #eef1f4; vertical-align: top; }}
td.n, th.n {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
tr.total td {{ font-weight: 700; border-top: 1px solid {GRID}; }}
figure {{ margin: 1rem 0 0; break-inside: avoid; }}
figcaption {{ font-weight: 700; color: {NAVY}; margin-bottom: .3rem; }}
.hours svg {{ display: block; width: 100%; height: auto; }}
.bars td.label {{ width: 46%; }}
.bars td.bar {{ white-space: nowrap; }}
.bars td.bar svg {{ vertical-align: middle; }}
.bars td.bar span {{ margin-left: .4rem; font-variant-numeric: tabular-nums; }}
.note {{ font-size: .88rem; }}
.rules {{ font-size: .8rem; border-top: 1px solid {GRID}; padding-top: .5rem; }}
@media print {{ body {{ padding: 0; max-width: none; font-size: 10pt; }}
  section {{ break-before: page; }} section:first-of-type {{ break-before: auto; }} }}
"""


def render_html(document: Document) -> str:
    """The page, as text."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{document.language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{REPORT_MARK}">',
        f"<title>{_e(document.title)} · {_e(document.subtitle)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(document.title)}</h1>",
        f'<p class="subtitle">{_e(document.subtitle)}</p>',
        f'<p class="made">{_e(document.made)}</p>',
        "</header>",
    ]
    for section in document.sections:
        parts.append(_section(section))
    parts += [f'<footer><p class="rules">{_e(document.rules)}</p></footer>', "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def write_html(document: Document, target: Path) -> None:
    """Write the page to ``target`` whole or not at all (a temporary file renamed over it).
    Raises ``OSError``."""
    with atomic_write(target, "w", encoding="utf-8", newline="\n") as out:
        out.write(render_html(document))


def _e(text: str) -> str:
    return escape(text, quote=True)


def _section(section: Section) -> str:
    parts = [f'<section data-booth="{_e(section.booth)}">', f"<h2>{_e(section.heading)}</h2>"]
    if section.subheading:
        parts.append(f'<p class="sub">{_e(section.subheading)}</p>')
    parts += [_block(block) for block in section.blocks]
    parts.append("</section>")
    return "\n".join(parts)


def _block(block: Block) -> str:
    if isinstance(block, KeyFigures):
        keys = block.keys or ("",) * len(block.items)
        items = "".join(
            f'<div><dt>{_e(label)}</dt><dd data-key="{key}">{_e(value)}</dd></div>'
            for (label, value), key in zip(block.items, keys, strict=True)
        )
        return f'<dl class="key">{items}</dl>'
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, HourChart):
        return _hours(block)
    if isinstance(block, BarChart):
        return _bars(block)
    if isinstance(block, Note):
        return f'<p class="note">{_e(block.text)}</p>'
    raise TypeError(f"not a report block: {block!r}")


def _table(table: Table) -> str:
    def kind(column: int) -> str:
        return "" if column < table.text_columns else ' class="n"'

    head = "".join(f"<th{kind(i)}>{_e(name)}</th>" for i, name in enumerate(table.columns))
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td{kind(i)} data-key="{table.keys[i]}">{_e(cell)}</td>'
            for i, cell in enumerate(row.cells)
        )
        attributes = f' data-day="{row.day}" data-booth="{_e(row.booth)}"'
        if row.total:
            attributes += ' class="total"'
        rows.append(f"<tr{attributes}>{cells}</tr>")
    return (
        f"<table><caption>{_e(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _hours(chart: HourChart) -> str:
    hours = range(chart.first_hour, chart.last_hour + 1)
    top = max([1, *(series[h] for _, series in chart.series for h in hours)])
    width, height, left, bottom, head = 720.0, 140.0, 0.0, 22.0, 34.0
    step = (width - left) / len(hours)
    plot = height - bottom - head
    svgs = []
    for label, series in chart.series:
        total = sum(series[h] for h in hours)
        shapes = [
            f'<text x="0" y="13" font-size="12" font-weight="600" fill="{NAVY}">{_e(label)}</text>',
            f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}"'
            f' stroke="{GRID}"/>',
        ]
        for n, hour in enumerate(hours):
            count = series[hour]
            x = left + n * step
            bar = plot * count / top
            if count:
                shapes.append(
                    f'<rect x="{x + step * 0.12:.1f}" y="{height - bottom - bar:.1f}"'
                    f' width="{step * 0.76:.1f}" height="{bar:.1f}" fill="{NAVY}">'
                    f"<title>{hour}–{hour + 1}: {count}</title></rect>"
                )
                if step >= 22 or count == top:
                    shapes.append(
                        f'<text x="{x + step / 2:.1f}" y="{height - bottom - bar - 3:.1f}"'
                        f' font-size="10" text-anchor="middle" fill="#1b2430">{count}</text>'
                    )
            shapes.append(
                f'<text x="{x + step / 2:.1f}" y="{height - 7}" font-size="10"'
                f' text-anchor="middle" fill="#5b6673">{hour}</text>'
            )
        aria = f"{label}: {total}"
        svgs.append(
            f'<svg viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_e(aria)}"'
            f' font-family="inherit" data-series="{_e(label)}">{"".join(shapes)}</svg>'
        )
    return (
        f'<figure class="hours"><figcaption>{_e(chart.caption)}'
        f' <span class="muted">({_e(chart.axis)})</span></figcaption>{"".join(svgs)}</figure>'
    )


def _bars(chart: BarChart) -> str:
    tops = [
        max([0.0, *(row.values[m] for row in chart.rows)]) or 1.0
        for m in range(len(chart.measures))
    ]
    colours = (NAVY, AMBER)
    width = 150 if len(chart.measures) > 1 else 260
    head = "<th></th>" + "".join(f"<th>{_e(name)}</th>" for name in chart.measures)
    rows = []
    for row in chart.rows:
        cells = [f'<td class="label">{_e(row.label)}</td>']
        for m, (value, text) in enumerate(zip(row.values, row.texts, strict=True)):
            length = max(1.0, width * value / tops[m]) if value else 0.0
            cells.append(
                f'<td class="bar"><svg width="{width}" height="12" role="presentation">'
                f'<rect x="0" y="1" width="{length:.1f}" height="10"'
                f' fill="{colours[m % 2]}"/></svg><span>{_e(text)}</span></td>'
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    note = f'<p class="note muted">{_e(chart.note)}</p>' if chart.note else ""
    return (
        f'<figure class="bars"><figcaption>{_e(chart.caption)}</figcaption>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{note}</figure>"
    )
