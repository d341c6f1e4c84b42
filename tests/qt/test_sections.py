"""The « Sommaire » sections (kiosk/qt/sections.py): the rule, the titles, the list model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.deck.model import Deck, Layout, Slide, frozen_mapping
from kiosk.qt.sections import Role, SectionModel, deck_sections

HERE = Path("/deck/slides.md")


def deck(*slides: tuple[Layout, str, dict[str, Any]], title: str = "Le titre du deck") -> Deck:
    return Deck(
        path=HERE,
        root=HERE.parent,
        language="fr",
        title=title,
        slides=tuple(
            Slide(
                index=i,
                file=HERE,
                line=i + 1,
                layout=layout,
                title=heading,
                frontmatter=frozen_mapping(front),
            )
            for i, (layout, heading, front) in enumerate(slides)
        ),
    )


def test_sections_start_at_covers_section_slides_and_marked_slides() -> None:
    sample = deck(
        (Layout.COVER, "", {}),  # no title: the deck's
        (Layout.DEFAULT, "Une page", {}),
        (Layout.SECTION, "Une partie", {}),
        (Layout.DEFAULT, "Marquée", {"section": True}),
        (Layout.FACT, "65 %", {"section": "Les chiffres"}),
        (Layout.SECTION, "Écartée", {"section": False}),
        (Layout.DEFAULT, "", {"section": True}),  # no title at all: its number
        (Layout.END, "Rejoignez-nous", {"section": "  "}),  # blank: not a title, not a mark
    )
    found = [(s.slide, s.title) for s in deck_sections(sample)]
    assert found == [
        (0, "Le titre du deck"),
        (2, "Une partie"),
        (3, "Marquée"),
        (4, "Les chiffres"),
        (6, "7"),
    ]
    assert deck_sections(None) == ()


def test_the_model_is_a_well_behaved_list_model(qtmodeltester: Any) -> None:
    sample = deck(
        (Layout.COVER, "Accueil", {}),
        (Layout.DEFAULT, "x", {}),
        (Layout.SECTION, "Partie", {}),
        (Layout.DEFAULT, "y", {}),
    )
    model = SectionModel(sample)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    index = model.index(1)
    assert model.data(index, Role.title) == "Partie"
    assert model.data(index, Role.slideIndex) == 2
    assert model.data(index, Role.number) == 2
    assert [model.sectionAt(i) for i in range(4)] == [0, 0, 1, 1]
    model.set_deck(None)
    assert model.rowCount() == 0 and model.sectionAt(3) == -1


def test_the_bundled_deck_s_menu_covers_the_brochure_in_both_languages() -> None:
    from kiosk import BUNDLED_DECK
    from kiosk.deck import load_deck_set

    deck_set = load_deck_set(BUNDLED_DECK)
    french, english = deck_set.language("fr"), deck_set.language("en")
    tiles = {d.language: [s.title for s in deck_sections(d)] for d in (french, english)}
    # Every argument section of the brochure, its « Le saviez-vous ? », and no cover tile.
    assert tiles["fr"] == [
        "Un monde fait d’interconnexions…",
        "Les collectivités territoriales dans un espace mondialisé",
        "Le saviez-vous\u202f?",
        "Contrairement aux idées reçues",
        "Un engagement international porteur d’impacts ici et là-bas",
        "D’abord, local\u202f: de meilleures pratiques",
        "Ensuite, une diplomatie de proximité",
        "Rejoignez-nous\u202f!",
    ]
    assert len(tiles["en"]) == len(tiles["fr"]) and "Did you know?" in tiles["en"]
    starts = {d.language: [s.slide for s in deck_sections(d)] for d in (french, english)}
    assert starts["fr"] == starts["en"]  # a tile opens the same slide in either language
    first_fact = next(s.index for s in french.slides if s.layout is Layout.FACT)
    assert first_fact in starts["fr"] and 0 not in starts["fr"]
