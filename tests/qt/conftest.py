"""Fixtures for the display tests: a QGuiApplication with the bundled fonts, sample decks.

The sample decks are built straight from the frozen model: one slide of each layout with
realistic French text, and one deck whose text is far too long and must shrink to fit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QWindow
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.deck.model import Deck, Layout, Slide, Theme


@dataclass(frozen=True)
class TextBox:
    """One visible text item of the scene, as drawn: where, how big, whether it overflows."""

    name: str  # objectName (e.g. "title", "body") or "" for decorations
    text: str
    rect: QRectF  # in window coordinates
    pixel_size: int
    content_width: float
    content_height: float
    width: float
    height: float

    def __str__(self) -> str:
        r = self.rect
        return (
            f"{self.name or '?'} {self.text[-40:]!r} at ({r.x():.0f},{r.y():.0f})"
            f" {r.width():.0f}x{r.height():.0f} {self.pixel_size}px"
        )


def walk(item: QQuickItem, opacity: float = 1.0) -> Iterator[tuple[QQuickItem, float]]:
    """Every visible item under ``item`` with its effective opacity."""
    if not item.isVisible():
        return
    opacity *= item.opacity()
    if opacity <= 0.001:
        return
    yield item, opacity
    for child in item.childItems():
        yield from walk(child, opacity)


def text_boxes(window: QWindow) -> list[TextBox]:
    """The visible, non-empty text items of ``window``'s scene."""
    assert isinstance(window, QQuickWindow)
    boxes = []
    for item, _ in walk(window.contentItem()):
        if not item.inherits("QQuickText"):
            continue
        text = str(item.property("text") or "")
        if not text.strip():
            continue
        rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        parent = item.parentItem()
        name = item.objectName() or (parent.objectName() if parent is not None else "")
        boxes.append(
            TextBox(
                name=name,
                text=text,
                rect=rect,
                pixel_size=item.property("font").pixelSize(),
                content_width=float(item.property("contentWidth")),
                content_height=float(item.property("contentHeight")),
                width=item.width(),
                height=item.height(),
            )
        )
    return boxes


@pytest.fixture(scope="session")
def scene_texts() -> Callable[[QWindow], list[TextBox]]:
    """``text_boxes``, for the tests (they do not import conftest)."""
    return text_boxes


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QGuiApplication) -> None:
    from kiosk.qt.fonts import load_bundled_fonts

    assert "Inter" in load_bundled_fonts()


@pytest.fixture(scope="session")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A landscape photo stand-in: a gradient with a light band, as a PNG file."""
    path = tmp_path_factory.mktemp("images") / "photo.png"
    image = QImage(1600, 1000, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 1600, 1000)
    gradient.setColorAt(0, QColor("#2d6a4f"))
    gradient.setColorAt(1, QColor("#d8f3dc"))
    painter.fillRect(image.rect(), gradient)
    painter.fillRect(200, 300, 1200, 120, QColor("#ffffff"))
    painter.end()
    assert image.save(str(path))
    return path


@pytest.fixture(scope="session")
def layouts_deck(picture: Path) -> Deck:
    return every_layout_deck(picture)


@pytest.fixture(scope="session")
def long_deck(picture: Path) -> Deck:
    return long_text_deck(picture)


@pytest.fixture
def make_display(qapp: QGuiApplication, qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Build a Display for a deck at a size; closed and deleted after the test."""
    from kiosk.app import Display, DisplayOptions

    made: list[Display] = []

    def make(deck: Deck | None, size: tuple[int, int], **options: object) -> Display:
        settings: dict[str, Any] = {"reduced_motion": True, "autoplay": False, **options}
        opts = DisplayOptions(size=size, **settings)
        display = Display(deck, opts)
        window = display.window
        window.resize(*size)
        window.show()
        made.append(display)
        # The platform delivers the resize through the event loop: wait for the scene to
        # have the window's size before anyone measures it.
        qtbot.waitUntil(
            lambda: (window.contentItem().width(), window.contentItem().height()) == size
        )
        display.warm_up()  # as after the first frame: the neighbours are built
        return display

    yield make
    for display in made:
        display.window.close()
        display.deleteLater()
    qapp.processEvents()


HERE = Path("/deck/slides.md")  # never read: the display only shows what the model holds
NNBSP = "\u202f"


def _slide(index: int, layout: Layout, **fields: object) -> Slide:
    return Slide(index=index, file=HERE, line=1 + 10 * index, layout=layout, **fields)  # type: ignore[arg-type]


def every_layout_deck(picture: Path) -> Deck:
    """Realistic slides, one per layout (image-left and image-right each have one)."""
    slides = [
        (
            Layout.COVER,
            dict(
                title="L’action internationale des collectivités territoriales",
                body="<p>Une force à mobiliser</p>",
            ),
        ),
        (
            Layout.DEFAULT,
            dict(
                title="Nos interconnexions sont partout",
                body="<ul>\n<li>Le Covid l’a montré"
                + NNBSP
                + ": la santé ignore les frontières.</li>\n"
                "<li>Les déforestations là-bas impactent le climat ici.</li>\n"
                "<li>Les conflits lointains retentissent dans nos territoires.</li>\n</ul>",
            ),
        ),
        (
            Layout.SECTION,
            dict(
                title="Les collectivités territoriales dans un espace mondialisé",
                body="<p>Elles aussi sont exposées à ces interconnexions croissantes.</p>",
            ),
        ),
        (
            Layout.FACT,
            dict(
                title="4 700",
                figure="4 700",
                statement="<p>collectivités françaises engagées dans 138 pays"
                + NNBSP
                + ": le premier "
                "réseau au monde de coopération décentralisée.</p>",
                source="Cités Unies France",
            ),
        ),
        (
            Layout.FACT,
            dict(
                title="0,2 à 0,5 %",
                figure="0,2 à 0,5" + NNBSP + "%",
                statement="<p>du budget de la collectivité, en moyenne, pour l’ouverture "
                "internationale" + NNBSP + ": très peu coûteux pour le contribuable.</p>",
                source="Sondage commandité par l’AFD, publié en juin 2025",
            ),
        ),
        (
            Layout.STATEMENT,
            dict(
                title="Penser l’avenir sans démagogie nous oblige à une vision d’ensemble, "
                "au-delà de nos limites territoriales."
            ),
        ),
        (
            Layout.QUOTE,
            dict(
                title="«"
                + NNBSP
                + "L’AICT n’est pas un engagement lourd pour une collectivité alors "
                "que ses impacts, au local comme au national, sont nombreux." + NNBSP + "»",
                body="<p>Cités Unies France</p>",
            ),
        ),
        (
            Layout.CENTER,
            dict(
                title="Cités Unies France vous soutient",
                body="<p>Le réseau des collectivités engagées à l’international vous accompagne "
                "pour élaborer votre politique internationale.</p>",
            ),
        ),
        (
            Layout.IMAGE,
            dict(
                title="Des partenariats dans la durée",
                image=picture,
                body="<p>Des chaînes d’alliances précieuses.</p>",
            ),
        ),
        (
            Layout.IMAGE_LEFT,
            dict(
                title="Un levier d’animation du territoire",
                image=picture,
                body="<ul>\n<li>Associations, écoles, universités, entreprises.</li>\n"
                "<li>Des espaces de cohésion sociale.</li>\n</ul>",
            ),
        ),
        (
            Layout.IMAGE_RIGHT,
            dict(
                title="Rayonnement et identité",
                image=picture,
                body="<p>Elle révèle des savoir-faire singuliers et contribue à une identité "
                "de territoire.</p>",
            ),
        ),
        (
            Layout.TWO_COLS,
            dict(
                title="Ici et là-bas",
                body="<p><strong>Ici</strong></p>\n<ul>\n<li>De meilleures pratiques.</li>\n"
                "<li>Un territoire animé.</li>\n</ul>",
                right="<p><strong>Là-bas</strong></p>\n<ul>\n<li>Une diplomatie de proximité.</li>\n"
                "<li>Un modèle démocratique pluriel.</li>\n</ul>",
            ),
        ),
        (Layout.END, dict(title="Rejoignez-nous" + NNBSP + "!", body="<p>Cités Unies France</p>")),
    ]
    return Deck(
        path=HERE,
        root=HERE.parent,
        language="fr",
        title="L’action internationale des collectivités territoriales",
        slides=tuple(_slide(i, layout, **fields) for i, (layout, fields) in enumerate(slides)),
        theme=Theme(),
        link="https://cites-unies-france.org",
    )


_LONG = (
    "Historiquement solidaire, l’action internationale des collectivités s’est diversifiée"
    " et donne des prolongements internationaux à leurs politiques locales" + NNBSP + ": "
    "coopération décentralisée, aide à l’export, mobilité des jeunes, rayonnement "
    "international, coopération universitaire. Face aux tensions et aux crises, les "
    "collectivités nouent des liens de solidarité, de dialogue, de paix et de développement "
    "réciproque, et des partenariats dans la durée forment de précieuses chaînes d’alliances. "
)


def long_text_deck(picture: Path) -> Deck:
    """Slides that hold far too much text: everything must shrink to fit, nothing cut."""
    long_list = "<ul>\n" + "".join(f"<li>{_LONG[: 90 + 17 * i]}</li>\n" for i in range(6)) + "</ul>"
    long_title = (
        "Une politique volontariste, nécessaire et appréciée des électeurs, en France "
        "comme en Europe, que les citoyens soutiennent très majoritairement"
    )
    slides = [
        (Layout.COVER, dict(title=long_title, body="<p>" + _LONG[:200] + "</p>")),
        (Layout.DEFAULT, dict(title=long_title, body="<p>" + _LONG * 2 + "</p>")),
        (Layout.DEFAULT, dict(title="Une liste trop longue", body=long_list)),
        (Layout.SECTION, dict(title=long_title, body="<p>" + _LONG + "</p>")),
        (
            Layout.FACT,
            dict(
                title="Près de 70 %",
                figure="Près de 70" + NNBSP + "%",
                statement="<p>" + _LONG + "</p>",
                source="Organisation des Nations unies, rapport sur la localisation des objectifs "
                "de développement durable, chapitre consacré aux collectivités territoriales",
            ),
        ),
        (
            Layout.FACT,
            dict(
                title="MEAE · AFD · UE · Régions · Départements",
                figure="MEAE · AFD · UE · Régions · Départements",
                statement="<p>Bien souvent, les collectivités peuvent compter sur l’appui de ces "
                "institutions.</p>",
            ),
        ),
        (Layout.STATEMENT, dict(title=_LONG)),
        (Layout.QUOTE, dict(title="« " + _LONG + " »", body="<p>Cités Unies France</p>")),
        (Layout.CENTER, dict(title=long_title, body="<p>" + _LONG + "</p>")),
        (Layout.IMAGE, dict(title=long_title, image=picture, body="<p>" + _LONG + "</p>")),
        (Layout.IMAGE_LEFT, dict(title=long_title, image=picture, body=long_list)),
        (Layout.IMAGE_RIGHT, dict(title=long_title, image=None, body="<p>" + _LONG + "</p>")),
        (Layout.TWO_COLS, dict(title=long_title, body=long_list, right="<p>" + _LONG + "</p>")),
        (
            Layout.END,
            dict(
                title=long_title,
                body="<p>" + _LONG + "</p>",
                qr="https://cites-unies-france.org/rejoindre-le-reseau",
            ),
        ),
        (
            Layout.DEFAULT,
            dict(
                title="Anticonstitutionnellement intergouvernementalisations",
                body="<p>Transnationalisation_des_coopérations_décentralisées_sans_espace_aucun</p>",
            ),
        ),
    ]
    return Deck(
        path=HERE,
        root=HERE.parent,
        language="fr",
        title="Décor trop long",
        slides=tuple(_slide(i, layout, **fields) for i, (layout, fields) in enumerate(slides)),
    )
