"""The menus as a keyboard reader uses them: every item has an Alt letter of its own in
its menu, and an item is enabled only when it can act."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from .ui_fixtures import ARMS_RACE_QUOTE, annotate
from .window_helpers import open_window, select_in_text

_MNEMONIC = re.compile(r"&([^&])")
INFORMATION = {"No other recent projects"}
"""Disabled lines that say something and can never be chosen."""


def mnemonic_of(text: str) -> str | None:
    found = _MNEMONIC.findall(text)
    return found[0].lower() if len(found) == 1 else None


def menus_of(window) -> list[QMenu]:
    """Every menu of the menu bar and their sub-menus, filled as when they open."""
    found = []
    pending = [action.menu() for action in window.menuBar().actions() if action.menu()]
    while pending:
        menu = pending.pop()
        menu.aboutToShow.emit()  # Open Recent fills itself as it opens
        found.append(menu)
        pending += [action.menu() for action in menu.actions() if action.menu()]
    return found


def check_mnemonics(menu: QMenu, where: str) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible() or action.text() in INFORMATION:
            continue
        letter = mnemonic_of(action.text())
        label = f"{where} → {action.text()!r}"
        if letter is None:
            problems.append(f"{label} has no Alt letter (or more than one)")
        elif letter in seen:
            problems.append(f"{label} shares its Alt letter {letter!r} with {seen[letter]!r}")
        else:
            seen[letter] = action.text()
    return problems


def test_every_menu_item_has_a_mnemonic_of_its_own(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    problems = check_mnemonics(window.menuBar(), "the menu bar")
    for menu in menus_of(window):
        problems += check_mnemonics(menu, menu.title().replace("&", ""))
    text_menu = window.build_text_menu()
    problems += check_mnemonics(text_menu, "the text's menu")
    assert problems == []
    merge = window.actions.merge_project
    assert mnemonic_of(merge.text()) == "m"


def test_the_check_finds_a_missing_and_a_shared_letter(qtbot, qapp):
    menu = QMenu()
    menu.addAction("&Copy")
    menu.addAction("&Cut")
    menu.addAction("Paste")
    assert len(check_mnemonics(menu, "test")) == 2


def test_delete_and_reattach_are_enabled_only_when_they_can_act(qtbot, project, tmp_path):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window = open_window(qtbot, project, tmp_path)
    delete = window.actions.delete_annotation
    reattach = window.actions.reattach_annotation
    copy, cite = window.actions.copy, window.actions.copy_citation
    window.annotations.clear_current()
    window.focus_corpus()
    qtbot.waitUntil(lambda: not delete.isEnabled())
    assert not reattach.isEnabled()  # nothing orphaned, nothing selected
    assert not copy.isEnabled() and not cite.isEnabled()  # no passage to copy
    window.annotations.view.setFocus()
    window.annotations.select_annotation(window._annotations[0].id)
    qtbot.waitUntil(delete.isEnabled)
    assert not reattach.isEnabled()  # the annotation is placed: nothing to re-attach
    # Selected text over the annotation: Delete acts on it.
    window.annotations.clear_current()
    text = select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.waitUntil(delete.isEnabled)
    assert copy.isEnabled() and cite.isEnabled()
    qtbot.keyClick(text, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window._annotations == [])
    qtbot.waitUntil(lambda: not delete.isEnabled())  # gone, nothing selected
    # Undo brings it back, selected: Delete is enabled again.
    window.workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: len(window._annotations) == 1)
    qtbot.waitUntil(delete.isEnabled)


def test_after_tagging_the_selection_shows_the_words_tagged(qtbot, project, tmp_path):
    """A drag from inside one word to inside another is tagged as whole words (snap to
    words); the selection then covers exactly those words."""
    from PySide6.QtGui import QTextCursor

    window = open_window(qtbot, project, tmp_path)
    text = window.reading.cable_text()
    found = text.document().find(ARMS_RACE_QUOTE)
    cursor = QTextCursor(text.document())
    cursor.setPosition(found.selectionStart() + 5)  # "ms race could ens"
    cursor.setPosition(found.selectionEnd() - 2, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(window._annotations) == 1)
    words = ARMS_RACE_QUOTE.removeprefix("an ")
    assert window._annotations[0].quote == words
    assert text.textCursor().selectedText() == words


def test_the_toolbar_says_undo_whatever_it_undoes(qtbot, project, tmp_path):
    from PySide6.QtWidgets import QToolBar, QToolButton

    window = open_window(qtbot, project, tmp_path)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    button = next(b for b in toolbar.findChildren(QToolButton)
                  if b.defaultAction() is window.actions.undo)
    width = button.sizeHint().width()
    select_in_text(window, ARMS_RACE_QUOTE)
    window.apply_theme_number(1)
    qtbot.waitUntil(lambda: len(window._annotations) == 1)
    assert window.actions.undo.text().startswith("&Undo ")  # the menu names the step
    assert button.text() == "Undo" and button.sizeHint().width() == width
    assert window.actions.undo.toolTip().startswith("Undo ")
