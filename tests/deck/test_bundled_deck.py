"""The bundled deck: loads clean in both languages, and every brochure figure is on a card."""

from __future__ import annotations

import pytest

from kiosk import BUNDLED_DECK
from kiosk.deck import DeckSet, Layout, load_deck_set

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def bundled() -> DeckSet:
    return load_deck_set(BUNDLED_DECK)


def test_loads_without_error_or_warning(bundled: DeckSet) -> None:
    assert bundled.all_findings == ()
    assert bundled.languages == ("fr", "en")
    assert len(bundled.default.slides) >= 15


def test_starts_with_cover_and_ends_with_the_call(bundled: DeckSet) -> None:
    for deck in bundled.decks:
        assert deck.slides[0].layout is Layout.COVER
        assert deck.slides[-1].layout is Layout.END
    assert "Rejoignez-nous" in bundled.default.slides[-1].title
    assert bundled.default.link  # the QR code of the end slide needs a URL


def cards(bundled: DeckSet, language: str) -> str:
    deck = bundled.language(language)
    return "\n".join(
        f"{s.figure} | {s.statement} | {s.source}" for s in deck.slides if s.layout is Layout.FACT
    )


@pytest.mark.parametrize(
    ("language", "figures"),
    [
        (
            "fr",
            [
                f"4{NNBSP}700",
                "138 pays",
                f"65{NNBSP}%",
                "juin 2025",
                "0,2",
                f"0,5{NNBSP}%",
                f"70{NNBSP}%",
                "MEAE",
                "AFD",
                "UE",
                "premier réseau",
            ],
        ),
        (
            "en",
            [
                "4,700",
                "138 countries",
                "65%",
                "June 2025",
                "0.2",
                "0.5%",
                "70%",
                "AFD",
                "EU",
                "first network",
            ],
        ),
    ],
)
def test_every_figure_of_the_brochure_is_on_a_fact_card(
    bundled: DeckSet, language: str, figures: list[str]
) -> None:
    text = cards(bundled, language)
    missing = [figure for figure in figures if figure not in text]
    assert missing == []


def test_survey_card_names_its_source(bundled: DeckSet) -> None:
    survey = next(s for s in bundled.default.slides if s.figure.startswith("65"))
    assert "AFD" in survey.source and "juin 2025" in survey.source


def test_both_pull_quotes_are_quote_slides(bundled: DeckSet) -> None:
    quotes = [s.title for s in bundled.default.slides if s.layout is Layout.QUOTE]
    assert len(quotes) == 2
    assert any("gouvernance locale" in q for q in quotes)
    assert any("pas un engagement lourd" in q for q in quotes)


def test_every_slide_has_a_note_and_no_note_is_shown(bundled: DeckSet) -> None:
    for deck in bundled.decks:
        for slide in deck.slides:
            assert slide.note
            assert slide.note not in slide.body + slide.statement + slide.title
