"""The empty project's help: its sentence is shown whole at every window size."""

from __future__ import annotations

import pytest

from .window_helpers import open_window


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700), (800, 600)])
def test_the_help_sentence_is_never_cut(qtbot, empty_project, tmp_path, size):
    window = open_window(qtbot, empty_project, tmp_path, *size)
    empty = window.empty
    assert window.centre.currentWidget() is empty
    # The narrowest the centre gets: the corpus unfolded beside it.
    for corpus_shown in (False, True):
        window.adaptive_layout.toggle_corpus.setChecked(corpus_shown)
        qtbot.wait(50)
        hint = empty.hint
        assert hint.isVisible()
        assert hint.height() >= hint.heightForWidth(hint.width()), (
            size, corpus_shown, hint.size(), hint.heightForWidth(hint.width()))
        assert empty.rect().contains(hint.geometry())
        assert empty.button.isVisible()
        assert hint.geometry().bottom() < empty.button.geometry().top()
