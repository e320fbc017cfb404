"""Codebook edits from the window: add, rename, recolour, re-parent, merge, delete — each
stored at once, undoable, and reflected in highlights, list and counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cable_annotator.services import queries
from cable_annotator.ui.codebook.codebook_model import THEME_ID_ROLE
from cable_annotator.ui.codebook.theme_dialogs import DeleteThemeDialog, MergeThemeDialog

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import open_window, select_in_text


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


def theme_names(project) -> list[str]:
    return [theme.name for theme in queries.list_themes(project)]


def reopen(window):
    window._cable = None
    window.show_cable(SAMPLE_ID)


def test_add_theme_gets_next_digit_and_undoes(window, project, qtbot):
    new_id = window.codebook_actions.add("Nuclear issues", "#336699")
    assert theme_names(project)[-1] == "Nuclear issues"
    index = window.codebook.model.index_of(new_id)
    assert index.data() == "Nuclear issues"
    assert window.actions.digit_actions[8].text() == "&9  Apply “Nuclear issues”"
    window.actions.undo.trigger()
    assert "Nuclear issues" not in theme_names(project)
    assert not window.codebook.model.index_of(new_id).isValid()
    window.actions.redo.trigger()
    assert queries.find_theme(project, "Nuclear issues").id == new_id
    text = select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_9)
    [annotation] = queries.annotations_of(project, SAMPLE_ID)
    assert annotation.theme_ids == [new_id]


def test_duplicate_name_is_refused_with_a_message(window, project, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "_warn", shown.append)
    assert window.codebook_actions.add("arms race") is None
    assert shown and "already a theme" in shown[0]
    assert window.workspace.undo_stack.count() == 0
    # A refusal changes nothing in the project: it is not a failure to save.
    assert window.status_line.text().endswith("·  saved")


def test_after_a_refused_rename_the_keyboard_is_back_in_the_codebook(window, project, qtbot,
                                                                     monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QTreeView

    def close_the_message() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close_the_message)
        else:
            dialog.close()

    QTimer.singleShot(20, close_the_message)  # the real message box, answered by OK
    tree = window.findChild(QTreeView, "codebook")
    index = window.codebook.model.index_of(queries.find_theme(project, "Fisheries").id)
    tree.setFocus()
    tree.setCurrentIndex(index)
    tree.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not tree
    editor.setText("Fisheries/200-mile")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(200)
    focus = window.focusWidget()  # the window's own, active or not
    assert focus is tree, focus
    assert "Fisheries" in theme_names(project)
    assert window.status_line.text().endswith("·  saved")


def test_rename_through_the_editor_and_undo(window, project):
    arms = queries.find_theme(project, "Arms race")
    index = window.codebook.model.index_of(arms.id)
    window.codebook.model.setData(index, "Arms racing")  # what the in-place editor does
    assert queries.load_cable  # store is the truth:
    assert "Arms racing" in theme_names(project)
    assert window.codebook.model.index_of(arms.id).data() == "Arms racing"
    window.actions.undo.trigger()
    assert theme_names(project)[0] == "Arms race"


def test_recolour_and_reparent_by_drop_with_undo(window, project):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    reopen(window)
    arms = queries.find_theme(project, "Arms race")
    sales = queries.find_theme(project, "Arms sales")
    window.codebook_actions.recolor(arms.id, "#000080")
    assert queries.find_theme(project, "Arms race").color == "#000080"
    model = window.codebook.model
    data = model.mimeData([model.index_of(sales.id)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(arms.id))
    assert queries.find_theme(project, "Arms sales").parent_id == arms.id
    assert model.index_of(sales.id).parent().data(THEME_ID_ROLE) == arms.id
    window.actions.undo.trigger()
    assert queries.find_theme(project, "Arms sales").parent_id is None
    window.actions.undo.trigger()
    assert queries.find_theme(project, "Arms race").color == arms.color


def test_merge_moves_annotations_and_undo_restores(window, project):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    reopen(window)
    arms = queries.find_theme(project, "Arms race")
    sales = queries.find_theme(project, "Arms sales")
    assert window.codebook_actions.merge(arms.id, sales.id)
    [annotation] = queries.annotations_of(project, SAMPLE_ID)
    assert annotation.theme_ids == [sales.id]
    assert "Arms race" not in theme_names(project)
    # the card: quote — location — themes — (note) — by its author
    assert " — Arms sales — by " in window.annotations.model.index(0).data()
    assert window.codebook.model.index_of(sales.id).siblingAtColumn(1).data() == "1"
    window.actions.undo.trigger()
    assert queries.annotations_of(project, SAMPLE_ID)[0].theme_ids == [arms.id]
    assert window.codebook.model.index_of(arms.id).siblingAtColumn(1).data() == "1"


def test_delete_keeps_or_reassigns_annotations(window, project):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    reopen(window)
    arms = queries.find_theme(project, "Arms race")
    stability = queries.find_theme(project, "Regional stability")
    assert window.codebook_actions.delete(arms.id)
    [kept] = queries.annotations_of(project, SAMPLE_ID)
    assert kept.theme_ids == []
    assert window.annotations.model.ids() == [kept.id]
    window.actions.undo.trigger()
    assert window.codebook_actions.delete(arms.id, reassign_to=stability.id)
    assert queries.annotations_of(project, SAMPLE_ID)[0].theme_ids == [stability.id]
    window.actions.undo.trigger()
    assert queries.annotations_of(project, SAMPLE_ID)[0].theme_ids == [arms.id]
    assert theme_names(project)[0] == "Arms race"


def test_delete_and_merge_dialogs_report_the_choice(qtbot, project):
    themes = queries.list_themes(project)
    dialog = DeleteThemeDialog(themes[0], 3, themes)
    qtbot.addWidget(dialog)
    assert dialog.reassign_to() is None
    dialog.move.setChecked(True)
    dialog.targets.setCurrentIndex(1)
    assert dialog.reassign_to() == themes[2].id
    merge = MergeThemeDialog(themes[0], themes)
    qtbot.addWidget(merge)
    assert merge.target_id() == themes[1].id


def test_double_click_applies_theme_to_selection(window, project, qtbot):
    select_in_text(window, ARMS_RACE_QUOTE)
    sales = queries.find_theme(project, "Arms sales")
    window.codebook.applyRequested.emit(sales.id)  # what a double-click emits
    [annotation] = queries.annotations_of(project, SAMPLE_ID)
    assert annotation.theme_ids == [sales.id]


def test_filter_by_theme_narrows_corpus_and_lists_project_wide(window, project, qtbot):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    reopen(window)
    arms = queries.find_theme(project, "Arms race")
    fisheries = queries.find_theme(project, "Fisheries")
    window.codebook.set_filter(fisheries.id)
    assert window.corpus.visible_cable_ids() == []
    assert window.annotations.model.rowCount() == 0
    window.codebook.set_filter(arms.id)
    assert window.corpus.visible_cable_ids() == [SAMPLE_ID]
    assert window.annotations.title.text() == "“Arms race” in all documents (1)"
    assert window.annotations.model.index(0).data().count("doc. 293") == 1
    window.codebook.set_filter(None)
    assert window.annotations.title.text() == "In this cable (1)"


def test_deleting_a_theme_says_how_the_digit_keys_move(window, project, qtbot, monkeypatch):
    """Digits 1–9 are the first nine themes: deleting the third moves the others up (a
    tenth gets 9). The dialog says so before, and the status bar after."""
    from cable_annotator.services.codebook import add_theme
    from cable_annotator.ui.codebook.theme_dialogs import digit_shifts

    add_theme(project, "Benelux")  # the ninth theme
    add_theme(project, "Decolonisation")  # the tenth, without a digit
    window.reload_after_outside_change()
    themes = queries.list_themes(project)
    third = themes[2]
    shifts = digit_shifts(themes, third.id)
    assert shifts[0] == f"4 → 3 {themes[3].name}"
    assert shifts[-1] == "Decolonisation gets 9"
    dialog = DeleteThemeDialog(third, 0, themes)
    qtbot.addWidget(dialog)
    assert dialog.digits_note.text().startswith(f"The digit keys move: 4 → 3 {themes[3].name}")
    monkeypatch.setattr(DeleteThemeDialog, "exec", lambda self: 1)  # the reader says Delete
    window.codebook.tree.setCurrentIndex(window.codebook.model.index_of(third.id))
    window.codebook.ask_delete()
    assert third.name not in theme_names(project)
    message = window.statusBar().currentMessage()
    assert "the digit keys move" in message and "Decolonisation gets 9" in message
