"""The codebook box shows its nine digit themes whole, at once after a theme whose name
wraps to two lines is added (the trial's ninth theme was cut in half until the project
was reopened) and after the column narrows."""

from __future__ import annotations

import pytest

from .window_helpers import open_window

LONG_NAME = "Neutralism and the 1962 Geneva Accords (tripartite coalition government)"


def rows_cut(window) -> list[str]:
    """Names of the codebook's rows that are not wholly inside its viewport."""
    tree = window.codebook.tree
    viewport = tree.viewport().rect()
    cut, index = [], tree.model().index(0, 0)
    while index.isValid():
        if not viewport.contains(tree.visualRect(index)):
            cut.append(index.data())
        index = tree.indexBelow(index)
    return cut


def wait_for_layout(qtbot, window) -> None:
    qtbot.wait(50)  # the tree lays out its rows in a delayed pass
    tree = window.codebook.tree
    tree.executeDelayedItemsLayout()
    qtbot.wait(10)


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)])
def test_a_wrapping_new_theme_is_shown_whole_at_once(qtbot, project, tmp_path, size):
    window = open_window(qtbot, project, tmp_path, *size)
    wait_for_layout(qtbot, window)
    assert rows_cut(window) == []
    new_id = window.codebook_actions.add(LONG_NAME)
    window.codebook.select_theme(new_id)
    wait_for_layout(qtbot, window)
    tree = window.codebook.tree
    index = window.codebook.model.index_of(new_id)
    assert tree.visualRect(index).height() > 1.5 * tree.fontMetrics().height(), \
        "the long name should wrap to two lines in this column"
    assert rows_cut(window) == []
    assert tree.verticalScrollBar().maximum() == 0


def test_a_narrower_column_refits_the_wrapped_rows(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path, 1600, 1000)
    window.codebook_actions.add(LONG_NAME)
    wait_for_layout(qtbot, window)
    assert rows_cut(window) == []
    window.resize(1024, 700)  # the codebook column narrows: more names wrap
    wait_for_layout(qtbot, window)
    assert rows_cut(window) == []
    window.resize(1600, 1000)
    wait_for_layout(qtbot, window)
    assert rows_cut(window) == []
