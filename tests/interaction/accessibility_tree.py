"""Accessibility tree tests, run in a process of their own by test_accessibility.py.

Walked through Qt's own interfaces (QAccessible.queryAccessibleInterface on the window,
then child(i)), as an assistive technology sees it through the platform bridge: every
item that takes a touch is named there (itself or the control it belongs to), in the
visitor's language; the slide on screen reads as its title and text; the staff's keys are
named. A reader's "press" triggers the buttons as a finger does.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from made_decks import make_deck_set
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QGuiApplication,
    QImage,
    QTextDocument,
)
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.deck.model import DeckSet

# Roles a reader offers to act on: each must say what it does.
ACTIONABLE = {
    QAccessible.Role.Button,
    QAccessible.Role.MenuItem,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.Slider,
    QAccessible.Role.EditableText,
}


@dataclass(frozen=True)
class Node:
    """One element of the accessibility tree, copied out of Qt."""

    role: QAccessible.Role
    name: str
    description: str
    shown: bool
    key: int  # the C++ address of its item: which item it stands for
    depth: int
    iface: QAccessibleInterface


@pytest.fixture(autouse=True)
def _reader() -> Iterator[None]:
    """Accessibility on, as when a screen reader is running; off again after the test:
    left on, every later show in the session would keep an accessible tree up to date."""
    QAccessible.setActive(True)
    yield
    # The test's shows are deleted now, while accessibility is on (as on a booth running a
    # reader), not by a later test's event loop with it off: their items' accessible
    # interfaces, still cached, then aborted the whole run now and then.
    _forget_walked()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QAccessible.setActive(False)


def _key(obj: QObject) -> int:
    return int(shiboken6.getCppPointer(obj)[0])


# The interface wrappers of the last walk. Qt deletes its interfaces when it likes (its
# cache); a wrapper Python still held would then be handed out again for a new object at
# the same address, with the wrong type (an item's child read as a QAccessibleObject).
_WALKED: list[QAccessibleInterface] = []


def _forget_walked() -> None:
    for iface in _WALKED:
        shiboken6.invalidate(iface)
    _WALKED.clear()


def tree(window: QQuickWindow) -> list[Node]:
    """Every element under the window, depth first, through Qt's accessibility interfaces
    (the nodes of an earlier walk are forgotten: walk again rather than keep them)."""
    _forget_walked()
    found: list[Node] = []

    def visit(iface: QAccessibleInterface | None, depth: int) -> None:
        if iface is None:
            return
        _WALKED.append(iface)
        if not iface.isValid():
            return
        obj = iface.object()
        found.append(
            Node(
                role=iface.role(),
                name=iface.text(QAccessible.Text.Name),
                description=iface.text(QAccessible.Text.Description),
                shown=not iface.state().invisible,
                key=_key(obj) if obj is not None else 0,
                depth=depth,
                iface=iface,
            )
        )
        for i in range(iface.childCount()):
            visit(iface.child(i), depth + 1)

    visit(QAccessible.queryAccessibleInterface(window), 0)
    assert found and found[0].role == QAccessible.Role.Window
    return found


def shown_nodes(window: QQuickWindow) -> list[Node]:
    return [n for n in tree(window) if n.shown]


def press_takers(window: QQuickWindow) -> list[QQuickItem]:
    """Every item on screen that takes a touch: mouse areas, tap handlers' items, the
    swipe area (kiosk/qt/gesture.py)."""
    taking: list[QQuickItem] = []

    def visit(item: QQuickItem) -> None:
        if not item.isVisible():  # (effective: false under any hidden parent)
            return
        handlers = [
            child
            for child in item.children()
            if child.inherits("QQuickTapHandler") and child.property("enabled")
        ]
        if item.isEnabled() and (
            item.inherits("QQuickMouseArea")
            or item.metaObject().className() == "GestureArea"
            or handlers
        ):
            taking.append(item)
        for child in item.childItems():
            visit(child)

    visit(window.contentItem())
    return taking


def assert_every_control_named(window: QQuickWindow) -> list[Node]:
    """Each item taking a touch is, or lies inside, a named element of the tree; every
    actionable element on screen is named. The tree's elements on screen, returned."""
    nodes = shown_nodes(window)
    named = {n.key: n for n in nodes if n.name.strip()}
    takers = press_takers(window)
    assert takers
    for item in takers:
        node: QQuickItem | None = item
        while node is not None and _key(node) not in named:
            node = node.parentItem()
        assert node is not None, f"nothing names {item.objectName() or item} for a reader"
    for n in nodes:
        if n.role in ACTIONABLE:
            assert n.name.strip(), f"a {n.role} without a name"
    return nodes


def by_name(nodes: list[Node], name: str, role: QAccessible.Role | None = None) -> Node:
    found = [n for n in nodes if n.name == name and role in (None, n.role)]
    assert found, f"no element named {name!r} among {sorted({n.name for n in nodes})}"
    return found[0]


def under(nodes: list[Node], parent: Node) -> list[Node]:
    """The elements inside ``parent``, in order."""
    start = next(i for i, n in enumerate(nodes) if n is parent) + 1
    inside = []
    for n in nodes[start:]:
        if n.depth <= parent.depth:
            break
        inside.append(n)
    return inside


def names(nodes: list[Node], role: QAccessible.Role) -> set[str]:
    return {n.name for n in nodes if n.role == role}


def plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return lines(doc.toPlainText())


def lines(text: str) -> str:
    """``text`` on one line (a reader pauses at a line break as at a space); no-break
    spaces kept, for they are the text's own."""
    return re.sub(r"[ \t\n\u2028\u2029]+", " ", text).strip()


def current_slide(nodes: list[Node]) -> tuple[Node, list[str]]:
    """The slide on screen (a pane under the window) and the texts under it, in order."""
    panes = [
        (i, n)
        for i, n in enumerate(nodes)
        if n.depth == 1 and n.role == QAccessible.Role.Pane and n.description
    ]
    assert len(panes) == 1, [n.name for _, n in panes]
    pane = panes[0][1]
    return pane, [
        lines(n.name) for n in under(nodes, pane) if n.role == QAccessible.Role.StaticText
    ]


def press(node: Node) -> None:
    """What a reader does to a button: its press action."""
    actions = node.iface.actionInterface()
    assert actions is not None, f"{node.name!r} offers no action"
    press_name = actions.pressAction()
    assert press_name in actions.actionNames(), actions.actionNames()
    actions.doAction(press_name)


def test_every_control_is_named_in_french_then_in_english(booth: Callable[..., Any]) -> None:
    show = booth()
    nodes = assert_every_control_named(show.window)
    buttons = names(nodes, QAccessible.Role.Button)
    assert "English" in buttons  # the language button, as it reads on screen
    assert "Touchez l’écran" in names(nodes, QAccessible.Role.StaticText)
    assert "Diapositive 1 sur 10" in names(nodes, QAccessible.Role.StaticText)

    show.tap(show.width * 0.75, show.height / 2)  # a visitor: the arrows and « Sommaire »
    show.settle()
    nodes = assert_every_control_named(show.window)
    assert {"Précédent", "Suivant", "Sommaire", "English"} <= names(nodes, QAccessible.Role.Button)
    assert "Diapositive 2 sur 10" in names(nodes, QAccessible.Role.StaticText)

    show.press("languageButton")
    show.qtbot.waitUntil(lambda: show.language.current_tag() == "en")
    show.settle()
    nodes = assert_every_control_named(show.window)
    assert {"Previous", "Next", "Contents", "Français"} <= names(nodes, QAccessible.Role.Button)
    assert "Slide 2 of 10" in names(nodes, QAccessible.Role.StaticText)
    assert not {"Précédent", "Suivant", "Sommaire"} & names(nodes, QAccessible.Role.Button)


def test_the_menu_is_named_and_its_tiles_pressed(booth: Callable[..., Any]) -> None:
    show = booth()
    show.tap(show.width * 0.75, show.height / 2)
    show.press("contentsButton")
    show.qtbot.waitUntil(lambda: show.shown("tile0"))
    nodes = assert_every_control_named(show.window)
    menu = under(nodes, by_name(nodes, "Sommaire", QAccessible.Role.Dialog))
    tiles = [n for n in menu if n.role == QAccessible.Role.Button]
    titles = {"Un monde d’interconnexions", "Dans un espace mondialisé", "Fermer"}
    assert titles <= {n.name for n in tiles}
    # A reader's press on a tile goes to its section, as a tap does.
    press(by_name(tiles, "Dans un espace mondialisé"))
    show.qtbot.waitUntil(lambda: show.slide == 4)
    assert not show.shown("tile0")


def test_the_countdown_is_an_alert(booth: Callable[..., Any]) -> None:
    show = booth(time_scale=0.01, countdown_s=100)  # (a second of countdown)
    show.tap(show.width * 0.75, show.height / 2)
    show.qtbot.waitUntil(lambda: show.playback.property("countdown") > 0, timeout=10_000)
    show.settle()
    nodes = assert_every_control_named(show.window)
    alert = by_name(nodes, "Toujours là\u202f?", QAccessible.Role.AlertMessage)
    assert "Retour au début dans" in alert.description


def test_a_readers_press_works_the_buttons(booth: Callable[..., Any]) -> None:
    show = booth()
    show.tap(show.width * 0.75, show.height / 2)
    show.settle()
    assert show.slide == 1
    press(by_name(shown_nodes(show.window), "Suivant"))
    show.qtbot.waitUntil(lambda: show.slide == 2)
    press(by_name(shown_nodes(show.window), "Précédent"))
    show.qtbot.waitUntil(lambda: show.slide == 1)
    press(by_name(shown_nodes(show.window), "English"))
    show.qtbot.waitUntil(lambda: show.language.current_tag() == "en")


def test_the_slide_on_screen_reads_as_its_title_and_text(booth: Callable[..., Any]) -> None:
    show = booth()
    for index in range(10):
        show.navigator.goTo(index)
        show.settle()
        data = show.display.slides.slide(index)
        pane, texts = current_slide(shown_nodes(show.window))
        assert pane.description == f"Diapositive {index + 1} sur 10"
        if data["layout"] == "fact":
            assert pane.name == data["figure"]
            assert [data["figure"], plain(data["statement"])] == texts[:2]
            assert f"Source\u202f: {data['source']}" in texts
        elif data["layout"] == "quote":
            assert plain(data["body"]) in texts
        else:
            assert pane.name == data["title"]
            assert texts[:2] == [data["title"], plain(data["body"])]

    show.language.toggle()
    show.qtbot.waitUntil(lambda: show.language.current_tag() == "en")
    show.settle()
    pane, texts = current_slide(shown_nodes(show.window))
    assert (pane.name, pane.description) == ("Join us!", "Slide 10 of 10")
    assert texts[:2] == ["Join us!", "Text 10"]


def rich_deck(picture: Path) -> DeckSet:
    """The test deck, its third slide's text rich: a list, entities, an inline image."""
    base = make_deck_set()
    body = (
        "<p>Élus &amp; agents&nbsp;: <strong>138</strong> pays</p>"
        '<ul><li>Ici<span style="white-space:pre">\u202f</span>!</li>'
        "<li>&lt;là-bas&gt; &#8211; &#x2014;</li></ul>"
        f'<p><img src="{picture.as_uri()}" alt="Carte du monde"></p>'
    )
    decks = []
    for deck in base.decks:
        slides = list(deck.slides)
        slides[2] = dataclasses.replace(slides[2], body=body)
        decks.append(dataclasses.replace(deck, slides=tuple(slides)))
    return dataclasses.replace(base, decks=tuple(decks))


def test_rich_text_reads_without_its_markup(booth: Callable[..., Any], tmp_path: Path) -> None:
    picture = tmp_path / "carte.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(picture))
    show = booth(content=rich_deck(picture))
    show.navigator.goTo(2)
    show.settle()
    _, texts = current_slide(shown_nodes(show.window))
    assert texts[1] == "Élus & agents\u00a0: 138 pays Ici\u202f! <là-bas> – — Carte du monde"


# --- the staff screens --------------------------------------------------------------------

PIN = "2468"


@pytest.fixture
def staff_show(qapp: QGuiApplication, qtbot: Any) -> Iterator[Any]:
    """A show with its staff overlay (PIN set), as `kiosk run` builds one."""
    from kiosk.app import Display, DisplayOptions, StaffSetup
    from kiosk.pinhash import hash_pin
    from kiosk.qt.staff import StaffController

    staff = StaffController(hash_pin(PIN), windowed=True)
    display = Display(
        make_deck_set(),
        DisplayOptions(size=(1280, 720), windowed=True, reduced_motion=True),
        StaffSetup(staff, "top-left", 1.0),
    )
    display.window.resize(1280, 720)
    display.window.show()
    qtbot.waitUntil(lambda: display.window.contentItem().width() == 1280)
    display.warm_up()
    display.playback.start()
    qtbot.waitUntil(lambda: display.window.findChild(QObject, "pinPad") is not None)
    yield display, staff
    display.window.close()
    display.deleteLater()
    qapp.processEvents()


def test_the_staff_corner_pad_and_panel_are_named(staff_show: Any, qtbot: Any) -> None:
    display, staff = staff_show
    window = display.window
    nodes = assert_every_control_named(window)
    # The booth speaks French to its staff.
    corner = by_name(nodes, "Accès de l’équipe", QAccessible.Role.Button)

    press(corner)  # a reader's press asks for the PIN, as the long press does
    qtbot.waitUntil(lambda: bool(staff.property("padOpen")))
    qtbot.waitUntil(lambda: window.findChild(QObject, "pinPad").isVisible())
    nodes = assert_every_control_named(window)
    by_name(nodes, "Saisissez le code de l’équipe", QAccessible.Role.Dialog)
    keys = names(nodes, QAccessible.Role.Button)
    assert {*"0123456789", "OK", "Annuler"} <= keys
    for digit in PIN:
        press(by_name(shown_nodes(window), digit))
    assert "Chiffres saisis\u202f: 4" in names(shown_nodes(window), QAccessible.Role.StaticText)
    assert "Effacer" in names(shown_nodes(window), QAccessible.Role.Button)
    press(by_name(shown_nodes(window), "OK"))
    qtbot.waitUntil(lambda: bool(staff.property("panelOpen")))
    qtbot.waitUntil(lambda: window.findChild(QObject, "staffPanel").isVisible())
    nodes = assert_every_control_named(window)
    assert {"Reprendre la présentation", "Recharger la présentation"} <= names(
        nodes, QAccessible.Role.Button
    )
    folder = [n for n in nodes if n.role == QAccessible.Role.EditableText]
    assert [n.name for n in folder] == ["Exporter les statistiques vers"]
