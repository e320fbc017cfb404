"""The window at 800×600 (two windows side by side on a laptop): nothing cut mid-word,
every list scrolls to the rest, a raw telegram listed by its subject."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files
from cable_annotator.ui.annotations.annotation_delegate import detail_lines
from cable_annotator.ui.corpus.corpus_model import document_label
from tests.importers.telegram_expected import FIXTURES

from .ui_fixtures import ARMS_RACE_QUOTE, annotate
from .window_helpers import open_window, wait_for_links

SMALL = (800, 600)
TELEGRAM = "1974STATE016696"


@pytest.fixture
def window(qtbot, project, tmp_path):
    import_files(project, sorted(FIXTURES.glob("*.txt")))
    annotate(project, ARMS_RACE_QUOTE, ["Arms race", "Soviet influence"],
             note="A note to read in a narrow card")
    return open_window(qtbot, project, tmp_path, *SMALL)


def settle(qtbot, window) -> None:
    qtbot.wait(50)
    window.layout().activate()
    qtbot.wait(50)


def test_the_window_takes_800_by_600(window):
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], hint
    assert (window.width(), window.height()) == SMALL


def test_the_codebook_shows_every_theme_a_digit_applies(window, qtbot):
    settle(qtbot, window)
    tree = window.codebook.tree
    viewport = tree.viewport().rect()
    themes = queries.list_themes(window.project)
    assert len(themes) == 8
    index = tree.model().index(0, 0)
    rows = 0
    while index.isValid():
        rect = tree.visualRect(index)
        assert viewport.contains(rect), f"theme {index.data()!r} is not in view: {rect}"
        index = tree.indexBelow(index)
        rows += 1
    assert rows == 8


def test_a_long_theme_name_wraps_instead_of_being_elided(window, qtbot):
    settle(qtbot, window)
    tree = window.codebook.tree
    index = window.codebook.model.index_of(queries.find_theme(window.project,
                                                               "Congress and public opinion").id)
    _assert_wrapped_in_full(tree, index)


def _assert_wrapped_in_full(tree, index) -> None:
    """The row is tall enough for its text wrapped at words in the width it has."""
    rect = tree.visualRect(index)
    text = index.data()
    icon = tree.iconSize().width() + 8 if index.data(Qt.ItemDataRole.DecorationRole) else 0
    needed = tree.fontMetrics().boundingRect(QRect(0, 0, rect.width() - icon - 8, 10000),
                                             Qt.TextFlag.TextWordWrap, text)
    assert rect.height() >= needed.height(), (text, rect, needed)


def test_the_references_of_a_telegram_wrap_and_scroll(window, qtbot):
    window.show_cable(TELEGRAM)
    wait_for_links(qtbot, window)
    window.side_tabs.show_references()
    settle(qtbot, window)
    tree = window.links.tree
    assert tree.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    items = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        items += [group.child(i) for i in range(group.childCount())]
    tags = [item for item in items if item.text(0).startswith("TAGS: MASS")]
    assert tags, [item.text(0) for item in items]
    for item in items:
        _assert_wrapped_in_full(tree, tree.indexFromItem(item))
    # The last entry is reachable by scrolling.
    tree.scrollToItem(items[-1])
    settle(qtbot, window)
    assert tree.viewport().rect().intersects(tree.visualItemRect(items[-1]))


def test_a_card_keeps_its_author_whole_in_a_narrow_list(qapp):
    font = QFont()
    width = QFontMetrics(font).horizontalAdvance("pp. 780–781  ·  para 4  ·  Arms race") + 4
    pieces = ["pp. 780–781  ·  para 4", "Arms race, Soviet influence", "by Anne Historian"]
    lines = detail_lines(pieces, font, width)
    assert len(lines) == 2
    assert lines[0] == "pp. 780–781  ·  para 4"
    # Three lines' worth in two: the themes give way (the colour bar shows them).
    assert lines[-1].endswith("  ·  by Anne Historian"), lines
    assert lines[-1].startswith("Arms race") and "…" in lines[-1]
    wider = width + QFontMetrics(font).horizontalAdvance("  ·  by Anne Historian")
    roomier = detail_lines(pieces, font, wider)
    assert len(roomier) == 2 and "…" not in "".join(roomier)
    assert roomier[-1].endswith("by Anne Historian")
    assert detail_lines(pieces, font, 2000) == ["  ·  ".join(pieces)]


def test_the_cards_in_the_800_px_window_show_their_author(window, qtbot):
    """The card's detail lines, at the width the list gives them, end with the author."""
    from cable_annotator.ui.annotations.annotation_delegate import BAR_WIDTH, PADDING
    from cable_annotator.ui.annotations.annotation_model import (
        AUTHOR_ROLE,
        LOCATION_ROLE,
        THEME_NAMES_ROLE,
    )

    settle(qtbot, window)
    view = window.annotations.view
    index = view.model().index(0)
    card = view.visualRect(index)
    assert view.viewport().rect().contains(card)
    pieces = [index.data(LOCATION_ROLE), ", ".join(index.data(THEME_NAMES_ROLE)),
              index.data(AUTHOR_ROLE)]
    assert index.data(AUTHOR_ROLE)
    small = QFont(view.font())
    small.setPointSizeF(max(view.font().pointSizeF() * 0.88, 7.0))
    width = card.width() - 3 * PADDING - BAR_WIDTH
    assert QFontMetrics(small).horizontalAdvance("  ·  ".join(pieces)) > width, (
        "the list is wide enough for one line: the test proves nothing")
    lines = detail_lines(pieces, small, width)
    assert lines[-1].endswith(index.data(AUTHOR_ROLE)), lines


def test_unfolding_the_corpus_in_a_narrow_window_gives_it_room(window, qtbot):
    settle(qtbot, window)
    assert not window.corpus.isVisible()  # folded by itself below 1400 px
    window.adaptive_layout.toggle_corpus.setChecked(True)
    settle(qtbot, window)
    assert window.corpus.isVisible() and not window.side_splitter.isVisible()
    assert window.corpus.width() >= 300
    assert window.reading.width() >= 360
    tree = window.corpus.tree
    tree.expandAll()
    settle(qtbot, window)
    model = window.corpus.model
    index = window.corpus.proxy.mapFromSource(model.index_of(TELEGRAM))
    rect = tree.visualRect(index)
    mrn = tree.fontMetrics().horizontalAdvance(TELEGRAM)
    assert rect.width() > mrn + 20, "the MRN is cut"
    assert index.data().startswith(TELEGRAM)
    # Shift+F9 brings the codebook back, folding the corpus again.
    window.adaptive_layout.toggle_side.setChecked(True)
    settle(qtbot, window)
    assert window.side_splitter.isVisible() and not window.corpus.isVisible()


def test_a_raw_telegram_is_listed_by_its_subject(window):
    model = window.corpus.model
    index = model.index_of(TELEGRAM)
    assert index.data() == "1974STATE016696  PERUVIAN PURCHASE OF SOVIET TANKS"
    tip = model.tooltip(index)
    assert "PERUVIAN PURCHASE OF SOVIET TANKS" in tip and TELEGRAM in tip
    assert "Telegram 16696 From the Department of State to Embassy Lima" in tip
    # A FRUS document keeps its number and title.
    summary = next(s for s in queries.list_cables(window.project) if s.number == "293")
    assert document_label(summary) == (
        "293  Telegram 16696 From the Department of State to the Embassy in Peru")
    # The filter finds a telegram by the subject it is listed by.
    window.corpus.filter_box.setText("soviet tanks")
    assert TELEGRAM in window.corpus.visible_cable_ids()


def test_at_1024_px_the_corpus_takes_the_codebook_columns_place(qtbot, project, tmp_path):
    """Beside both, the text kept 340 px at 1024: 30 characters a line. The corpus now
    takes the codebook column's place there (Shift+F9 swaps them back), as at 800 px;
    from 1100 px both fit."""
    from cable_annotator.ui.window.adaptive_layout import MIN_TEXT_WIDTH

    window = open_window(qtbot, project, tmp_path, 1024, 700)
    window.adaptive_layout.toggle_corpus.setChecked(True)
    settle(qtbot, window)
    assert window.corpus.isVisible() and not window.side_splitter.isVisible()
    assert window.reading.width() >= MIN_TEXT_WIDTH
    window.resize(1100, 700)
    settle(qtbot, window)
    assert window.corpus.isVisible() and window.side_splitter.isVisible()


@pytest.mark.parametrize("size", [SMALL, (1024, 700)])
def test_the_list_title_under_a_theme_filter_wraps_whole(qtbot, project, tmp_path, size):
    """Filtering by a theme of a long name titles the list "“…” in all documents (1)"
    beside "Show this cable": in a narrow side column the title wraps at words and is
    read whole, and the button beside it is not squeezed."""
    from cable_annotator.services.codebook import add_theme

    name = "Investment disputes and expropriation claims"
    add_theme(project, name)
    annotate(project, ARMS_RACE_QUOTE, [name])
    theme = queries.find_theme(project, name)
    window = open_window(qtbot, project, tmp_path, *size)
    window.codebook.set_filter(theme.id)
    settle(qtbot, window)
    if hasattr(window, "side_tabs"):
        window.side_tabs.show_annotations()
        settle(qtbot, window)
    title = window.annotations.title
    assert title.isVisible() and window.annotations.clear_button.isVisible()
    assert title.text() == "“Investment disputes and expropriation claims” in all documents (1)"
    room = title.contentsRect()
    needed = title.fontMetrics().boundingRect(QRect(0, 0, room.width(), 10000),
                                              Qt.TextFlag.TextWordWrap, title.text())
    assert needed.width() <= room.width() and needed.height() <= room.height(), (room, needed)
    button = window.annotations.clear_button
    assert button.width() >= button.sizeHint().width()
