"""Small two-language decks built in code (no file read), for the tests of the show.

Importable from any test (pyproject.toml puts tests/ on the path): the interaction
fixtures hand ``make_deck_set`` out as ``decks``; the booth, lockdown, statistics and
settings tests build their shows from it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.deck.model import Deck, DeckSet, Layout, Slide, frozen_mapping

HERE = Path("/deck/slides.md")  # never read: the display only shows what the model holds
NNBSP = "\u202f"

# (layout, French title, English title, frontmatter)
SLIDES: Sequence[tuple[Layout, str, str, dict[str, Any]]] = (
    (Layout.COVER, "L’action internationale des collectivités", "Local authorities abroad", {}),
    (Layout.SECTION, "Un monde d’interconnexions", "An interconnected world", {}),
    (Layout.DEFAULT, "Nos interconnexions sont partout", "Our links are everywhere", {}),
    (Layout.FACT, "4 700", "4,700", {"source": "Cités Unies France"}),
    (Layout.SECTION, "Dans un espace mondialisé", "In a globalised space", {}),
    (
        Layout.DEFAULT,
        "Contrairement aux idées reçues",
        "Contrary to received ideas",
        {"section": True},
    ),
    (Layout.STATEMENT, "Penser l’avenir", "Thinking ahead", {}),
    (Layout.QUOTE, "« Un levier »", "“A lever”", {}),
    (Layout.DEFAULT, "Ensuite, la diplomatie", "Then, diplomacy", {"section": "Diplomatie"}),
    (Layout.END, "Rejoignez-nous" + NNBSP + "!", "Join us!", {}),
)
SECTION_STARTS = (0, 1, 4, 5, 8)


def make_deck(language: str, count: int | None = None, duration: float | None = None) -> Deck:
    french = language == "fr"
    slides = []
    for index, (layout, fr, en, frontmatter) in enumerate(SLIDES[:count]):
        title = fr if french else en
        fields: dict[str, Any] = {"title": title}
        if layout is Layout.FACT:
            fields.update(
                figure=title,
                statement="<p>collectivités engagées</p>" if french else "<p>authorities</p>",
                source=frontmatter["source"],
            )
        else:
            fields["body"] = f"<p>{'Texte' if french else 'Text'} {index + 1}</p>"
        slides.append(
            Slide(
                index=index,
                file=HERE,
                line=1 + 10 * index,
                layout=layout,
                frontmatter=frozen_mapping(frontmatter),
                **fields,
            )
        )
    return Deck(
        path=HERE if french else HERE.with_name("slides.en.md"),
        root=HERE.parent,
        language=language,
        title=slides[0].title,
        slides=tuple(slides),
        duration=duration,
    )


def make_deck_set(languages: Sequence[str] = ("fr", "en"), **deck: Any) -> DeckSet:
    return DeckSet(tuple(make_deck(language, **deck) for language in languages))
