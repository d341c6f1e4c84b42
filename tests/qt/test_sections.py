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
