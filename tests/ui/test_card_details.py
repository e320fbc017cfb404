"""A card in "All documents" at 800×600 never breaks a page label ("p." / "702") across
lines, and keeps its author whole (the trial saw both: 'doc. 359 · p.' / '702 · para 1'
and 'Investment disputes...' with the author gone)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from cable_annotator.ui.annotations.annotation_delegate import BAR_WIDTH, PADDING, detail_lines
from cable_annotator.ui.annotations.annotation_model import (
    AUTHOR_ROLE,
    LOCATION_ROLE,
    THEME_NAMES_ROLE,
)

from .ui_fixtures import ARMS_RACE_QUOTE, annotate
from .window_helpers import open_window

BROKEN_LABEL = re.compile(r"(^|\s)(pp?\.|doc\.|fn\.|para|pt\.|vol\.)$")


def assert_whole(lines: list[str], author: str) -> None:
    for line in lines[:-1]:
        assert not BROKEN_LABEL.search(line.rstrip()), lines  # a label left without its number
    assert lines[-1].endswith(author), lines
    assert not any(line.startswith(tuple("0123456789")) for line in lines[1:]), lines


@pytest.mark.parametrize("themes", ["Arms sales", "Investment disputes",
                                    "Congress and public opinion, Regional stability"])
def test_the_trials_card_at_its_width(qapp, themes):
    """The pieces of the trial's cards at the width 800×600 gave them (about 230 px)."""
    small = QFont()
    small.setPointSizeF(max(small.pointSizeF() * 0.88, 7.0))
    location = "FRUS 1964–68 XXVIII, doc. 359 · p. 702 · para 1"
    metrics = QFontMetrics(small)
    for width in range(170, 420, 7):
        if metrics.horizontalAdvance("by root") > width:
            continue
        lines = detail_lines([location, themes, "by root"], small, width)
        assert len(lines) <= 2, (width, lines)
        assert_whole(lines, "by root")
        assert all(metrics.horizontalAdvance(line) <= width for line in lines), (width, lines)
        assert "p. 702" in "  ".join(lines), (width, lines)


def test_all_documents_cards_at_800_by_600(qtbot, project, tmp_path):
    annotate(project, ARMS_RACE_QUOTE, ["Investment disputes"])
    annotate(project, "Peruvian purchase of Soviet tanks", ["Congress and public opinion",
                                                            "Arms sales"])
    window = open_window(qtbot, project, tmp_path, 800, 600)
    window.side_tabs.show_annotations()
    window.annotations.all_button.setChecked(True)
    qtbot.wait(50)
    view = window.annotations.view
    delegate = view.itemDelegate()
    model = view.model()
    assert model.rowCount() == 2
    for row in range(model.rowCount()):
        index = model.index(row)
        card = view.visualRect(index)
        width = card.width() - 2 * PADDING - BAR_WIDTH - PADDING
        location = index.data(LOCATION_ROLE)
        assert location.startswith("FRUS 1969–76 E–11 pt. 2, doc. 293 · p")
        pieces = [location, ", ".join(index.data(THEME_NAMES_ROLE)), index.data(AUTHOR_ROLE)]
        small = delegate._fonts(view.viewOptions() if hasattr(view, "viewOptions")
                                else _option_of(view))[1]
        assert QFontMetrics(small).horizontalAdvance("  ·  ".join(pieces)) > 2 * width, \
            "the card is wide enough to hold it all: this proves nothing"
        assert_whole(delegate._detail_lines(pieces, small, width), index.data(AUTHOR_ROLE))


def _option_of(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    return option
