"""The legibility estimate `kiosk check` shares with the display."""

from __future__ import annotations

from pathlib import Path

from kiosk.deck.model import Layout, Slide
from kiosk.render.fit import below_floor, fitted_size, qr_room, reading_text

WORDS = "Les collectivités territoriales nouent des partenariats dans la durée. "


def slide(layout: Layout, **fields: object) -> Slide:
    return Slide(index=0, file=Path("d.md"), line=7, layout=layout, **fields)  # type: ignore[arg-type]


def test_short_text_keeps_its_size() -> None:
    assert fitted_size(["Bonjour"], 47.5, 1600, 500) == 47.5


def test_long_text_shrinks() -> None:
    assert fitted_size([WORDS * 10], 47.5, 1600, 500) < 47.5


def test_reading_text_of_each_layout() -> None:
    fact = slide(Layout.FACT, figure="65 %", statement="<p>des Français</p>", title="65 %")
    assert reading_text(fact) == ["des Français"]
    quote = slide(Layout.QUOTE, title="« Citation »", body="<p>Cités Unies France</p>")
    assert reading_text(quote) == ["« Citation »", "Cités Unies France"]
    cols = slide(Layout.TWO_COLS, body="<ul><li>a &amp; b</li><li>c</li></ul>", right="<p>d</p>")
    assert reading_text(cols) == ["a & b", "c", "d"]


def test_a_realistic_slide_is_not_flagged() -> None:
    body = (
        "<ul><li>La santé ignore les frontières</li><li>Déforestation là-bas, climat ici</li></ul>"
    )
    assert below_floor(slide(Layout.DEFAULT, title="Nos interconnexions", body=body)) is None


def test_an_overlong_slide_is_flagged_on_its_worst_screen() -> None:
    shrink = below_floor(slide(Layout.DEFAULT, title="T", body=f"<p>{WORDS * 8}</p>"))
    assert shrink is not None
    assert shrink.size_px < shrink.floor_px
    assert shrink.screen in {(1080, 1920), (1024, 768), (1280, 800)}


def test_a_qr_code_takes_its_room_beside_the_text_or_under_it() -> None:
    # Beside the text on a landscape screen, under it on a portrait one (Theme.linkQrSide).
    wide, tall = qr_room(Layout.DEFAULT, (1920, 1080)), qr_room(Layout.DEFAULT, (1080, 1920))
    assert wide[0] > 0.3 * 1080 and wide[1] == 0
    assert tall[0] == 0 and tall[1] > 0.3 * 1080
    # Under the text wherever the layout puts it there; none for `end`, whose box has it.
    assert qr_room(Layout.CENTER, (1920, 1080))[0] == 0
    assert qr_room(Layout.IMAGE_LEFT, (1920, 1080))[0] == 0
    assert qr_room(Layout.TWO_COLS, (1920, 1080))[1] == 0  # a third column on 16:9
    assert qr_room(Layout.TWO_COLS, (1280, 800))[0] == 0  # under the right column on 16:10
    assert qr_room(Layout.END, (1920, 1080)) == (0.0, 0.0)


def test_a_slide_that_fits_may_not_fit_beside_its_qr_code() -> None:
    text = f"<p>{(WORDS * 4)[:220]}</p>"
    assert below_floor(slide(Layout.DEFAULT, title="T", body=text)) is None
    shrink = below_floor(slide(Layout.DEFAULT, title="T", body=text, qr="https://example.org"))
    assert shrink is not None and shrink.screen == (1080, 1920)
