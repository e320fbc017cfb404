"""Asking the reader what to keep when a note they wrote over was changed elsewhere.

Two windows (or the window and the command line) may hold the same annotation. When the
reader saves a note and the stored one is no longer the note they began from, neither
text is thrown away without their word: they keep both (the default, which loses
nothing), keep theirs, or keep the other one.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from ..common.dialog_sizing import fit_title

Choice = Literal["both", "mine", "theirs"]
"""``theirs`` is the note stored meanwhile; ``mine`` what the reader just wrote."""


def join_notes(theirs: str, mine: str) -> str:
    """Both notes, the stored one first and the reader's after a blank line."""
    theirs, mine = theirs.rstrip(), mine.strip()
    if not theirs:
        return mine
    if not mine or mine in theirs:
        return theirs
    return f"{theirs}\n\n{mine}"


def _excerpt(note: str, limit: int = 400) -> str:
    note = note.strip() or "(empty)"
    return note if len(note) <= limit else note[:limit - 1].rstrip() + "…"


class NoteConflicts:
    """The question, asked over ``parent``; ``ask`` is what the annotation actions call."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def ask(self, theirs: str, mine: str) -> Choice:
        box = QMessageBox(QMessageBox.Icon.Question, "Note changed elsewhere",
                          "This note was changed in another window or program while you "
                          "were writing it. Which should be kept?", parent=self._parent)
        box.setInformativeText(f"Saved elsewhere:\n{_excerpt(theirs)}\n\n"
                               f"Yours:\n{_excerpt(mine)}")
        both = box.addButton("Keep Both", QMessageBox.ButtonRole.AcceptRole)
        own = box.addButton("Keep Mine", QMessageBox.ButtonRole.DestructiveRole)
        other = box.addButton("Keep the Other", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(both)
        box.setEscapeButton(both)  # Esc must not drop either note
        fit_title(box)
        box.exec()
        clicked = box.clickedButton()
        if clicked is own:
            return "mine"
        if clicked is other:
            return "theirs"
        return "both"
