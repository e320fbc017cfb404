"""Every key of the window is bound once, and the standard keys work when pressed.

Qt ignores a key bound twice in overlapping contexts ("Ambiguous shortcut overload"); the
first test walks every QAction, QShortcut and button of a shown window and fails on any
such pair, the others press the keys with real key events on the focused text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut

from cable_annotator.services import queries
from cable_annotator.ui.window.shortcuts import bindings, shortcut_conflicts, standard_keys

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID
from .window_helpers import open_window, select_in_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


def keys_of(action) -> list[str]:
    return [key.toString(QKeySequence.SequenceFormat.PortableText) for key in action.shortcuts()]


def test_no_key_is_bound_twice_in_the_window(window):
    found = bindings(window)
    assert len(found) > 20, "the walk must see the window's actions"
    assert {"Ctrl+Shift+C", "Ctrl+Shift+Z", "Ctrl+Z", "1"} <= {b.key for b in found}
    assert shortcut_conflicts(window) == []


def test_the_check_catches_a_widget_shortcut_beside_a_window_action(window):
    """The reading pane once bound Ctrl+Shift+C itself, beside Edit > Copy with Citation."""
    extra = QShortcut(QKeySequence("Ctrl+Shift+C"), window.reading)
    extra.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    problems = shortcut_conflicts(window)
    assert len(problems) == 1 and problems[0].startswith("Ctrl+Shift+C is bound by")
    extra.setParent(None)
    assert shortcut_conflicts(window) == []


def test_the_check_catches_one_action_listing_a_key_twice(window):
    """Redo once listed Ctrl+Shift+Z beside StandardKey.Redo, which is Ctrl+Shift+Z on X11."""
    redo = window.actions.redo
    keys = redo.shortcuts()
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Shift+Z")])
    assert any(p.startswith("Ctrl+Shift+Z") for p in shortcut_conflicts(window))
    redo.setShortcuts(keys)


def test_redo_has_the_platform_keys_each_once_and_ctrl_y(window):
    redo = keys_of(window.actions.redo)
    platform = [key.toString(QKeySequence.SequenceFormat.PortableText)
                for key in standard_keys(QKeySequence.StandardKey.Redo)]
    assert redo[:len(platform)] == platform
    assert len(redo) == len(set(redo))
    assert "Ctrl+Y" in redo
    assert keys_of(window.actions.undo)[0] == "Ctrl+Z"


def test_ctrl_shift_z_and_ctrl_y_redo(window, project, qtbot):
    text = select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_1)
    assert len(queries.annotations_of(project, SAMPLE_ID)) == 1
    for modifiers, key in ((CTRL | SHIFT, Qt.Key.Key_Z), (CTRL, Qt.Key.Key_Y)):
        qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
        assert queries.annotations_of(project, SAMPLE_ID) == []
        qtbot.keyClick(text, key, modifiers)
        assert [a.quote for a in queries.annotations_of(project, SAMPLE_ID)] == \
            [ARMS_RACE_QUOTE], f"{key.name} with {modifiers} did not redo"


def test_ctrl_shift_c_copies_with_citation(window, qtbot):
    QGuiApplication.clipboard().clear()
    text = select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_C, CTRL | SHIFT)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"“{ARMS_RACE_QUOTE}”\n“Telegram 16696")
    assert copied.endswith("doc. 293, pp. 780–781.")
