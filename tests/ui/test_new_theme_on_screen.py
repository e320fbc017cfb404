"""A theme added with "+ Add theme" looks, on screen, like neither a selection nor another
theme, and is ready to be renamed at once.

The trial's ninth theme painted #cde5ee, a hair from the light selection's #b9d3ee: the
panel passed a fixed light blue of its own and the codebook service's chooser was never
asked. These tests read the pixels the reading pane paints.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication

from cable_annotator.services import queries
from cable_annotator.services.theme_colors import MIN_FROM_SELECTION, delta_e, lab
from cable_annotator.ui.codebook.codebook_model import NAME_COLUMN
from cable_annotator.ui.codebook.theme_dialogs import AddThemeDialog
from cable_annotator.ui.reading.palette import DARK, LIGHT

from .ui_fixtures import ARMS_RACE_QUOTE
from .window_helpers import open_window, select_in_text

NEW_THEME = "Neutralism and the 1962 Geneva Accords"


def add_theme_as_a_reader(qtbot, window, name: str) -> int:
    """Press the codebook's "+" and answer its dialog; the new theme's id."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AddThemeDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.name.setText(name)
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.codebook.add_action.trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()  # the offscreen platform leaves the closed dialog active
    qtbot.waitUntil(window.isActiveWindow)
    return queries.find_theme(window.project, name).id


def painted_background(view, quote: str) -> tuple[int, int, int]:
    """The commonest colour of the box of ``quote``'s widest line as the view paints it:
    its background, whatever the glyphs drawn over it."""
    found = view.document().find(quote)
    assert not found.isNull(), quote
    cursor = QTextCursor(view.document())
    lines: dict[int, list] = {}
    for position in range(found.selectionStart(), found.selectionEnd()):
        cursor.setPosition(position)
        rect = view.cursorRect(cursor)
        lines.setdefault(rect.top(), []).append(rect)
    row = max(lines.values(), key=lambda rects: rects[-1].left() - rects[0].left())
    left, right = row[0], row[-1]
    assert right.left() - left.left() > 20, "too little of the quote on one line"
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    counts: Counter = Counter()
    for x in range(left.right() + 2, right.left() - 1):
        for y in range(left.top() + 1, left.bottom()):
            color = image.pixelColor(int(x * ratio), int(y * ratio))
            counts[(color.red(), color.green(), color.blue())] += 1
    return counts.most_common(1)[0][0]


def test_a_new_theme_is_not_painted_like_the_selection_or_another_theme(qtbot, project,
                                                                        tmp_path):
    window = open_window(qtbot, project, tmp_path)
    new_id = add_theme_as_a_reader(qtbot, window, NEW_THEME)
    [new] = [theme for theme in queries.list_themes(project) if theme.id == new_id]
    others = [theme for theme in queries.list_themes(project) if theme.id != new_id]
    assert new.color not in {theme.color for theme in others}

    text = select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_9)
    [annotation] = queries.annotations_of(project, window.current_cable().id)
    assert annotation.theme_ids == [new_id]
    for dark in (False, True):
        window.reading.set_dark(dark)
        palette = DARK if dark else LIGHT
        cursor = text.textCursor()
        cursor.clearSelection()
        text.setTextCursor(cursor)
        qtbot.waitUntil(text.layout_driver.is_finished)
        highlight = painted_background(text, ARMS_RACE_QUOTE)
        assert highlight == palette.layer([new.color]).getRgb()[:3], "not the pane's layer"
        select_in_text(window, ARMS_RACE_QUOTE)
        selected = painted_background(text, ARMS_RACE_QUOTE)
        assert selected == palette.selection.getRgb()[:3]
        assert delta_e(lab(highlight), lab(selected)) >= MIN_FROM_SELECTION, (dark, new.color)
        for theme in others:  # and no default theme's highlight looks like the selection
            layer = palette.layer([theme.color]).getRgb()[:3]
            assert delta_e(lab(layer), lab(selected)) >= MIN_FROM_SELECTION, theme.name
            assert delta_e(lab(layer), lab(highlight)) >= 10, (theme.name, new.color)


def test_after_add_theme_the_new_theme_is_current_and_f2_renames_it(qtbot, project,
                                                                  tmp_path):
    window = open_window(qtbot, project, tmp_path)
    new_id = add_theme_as_a_reader(qtbot, window, "Nuclear proliferation")
    tree = window.codebook.tree
    assert window.codebook.current_theme_id() == new_id
    assert tree.selectionModel().isSelected(tree.currentIndex())
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert tree.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert editor.text() == "Nuclear proliferation"
    editor.selectAll()
    qtbot.keyClicks(editor, "Non-proliferation")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Non-proliferation" in [t.name for t in queries.list_themes(project)])
    assert queries.find_theme(project, "Non-proliferation").id == new_id
    assert tree.currentIndex().siblingAtColumn(NAME_COLUMN).data() == "Non-proliferation"
