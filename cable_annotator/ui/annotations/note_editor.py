"""The note of the selected annotation, saved when editing finishes.

A note is saved on focus-out or Ctrl+Enter rather than per keystroke, so one pause in
writing becomes one undo step ("Edit note") instead of a hundred. Each save says which note
it was written over, so a note another window saved meanwhile is never silently replaced.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...domain.annotation import Annotation


class _NoteText(QPlainTextEdit):
    editingFinished = Signal()

    def event(self, event: QEvent) -> bool:
        """Undo and redo keys go to the box only while it has typing of its own to undo
        or redo; otherwise they are the window's (undo the note just saved, as the Edit
        menu would). Taken by the box, Ctrl+Z once emptied it under a saved note, and
        the next focus-out saved the empty box over the note."""
        if event.type() == QEvent.Type.ShortcutOverride:
            document = self.document()
            if ((event.matches(QKeySequence.StandardKey.Undo)
                 and not document.isUndoAvailable())
                    or (event.matches(QKeySequence.StandardKey.Redo)
                        and not document.isRedoAvailable())):
                event.ignore()
                return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)


class NoteEditor(QWidget):
    """Edits one annotation's note; emits ``noteCommitted(id, text, base)`` when it
    changed, ``base`` being the stored note the text was written over."""

    noteCommitted = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._annotation_id: str | None = None
        self._saved = ""
        self.label = QLabel("Note", self)
        self.label.setObjectName("panelTitle")
        self.text = _NoteText(self)
        self.text.setObjectName("noteEditor")
        self.text.setAccessibleName("Note on the selected annotation")
        self.text.setPlaceholderText("Select an annotation to write a note.")
        self.text.setTabChangesFocus(True)
        # Three lines at least, and no more than it is given: in a short window the
        # cards above need the height more.
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 3 + 12)
        self.text.editingFinished.connect(self.commit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.text)
        self.set_annotation(None)

    def annotation_id(self) -> str | None:
        return self._annotation_id

    def set_annotation(self, annotation: Annotation | None) -> None:
        """Show ``annotation``'s note; a pending edit of the previous one is saved first.

        The same annotation again, its note changed (an undo, another window): the box
        follows unless the reader has unsaved typing in it, which is kept — saving it then
        finds the note changed and asks."""
        if annotation is not None and annotation.id == self._annotation_id:
            if self.text.toPlainText() == self._saved and annotation.note != self._saved:
                self._show(annotation)
            return
        self.commit()
        self._show(annotation)

    def _show(self, annotation: Annotation | None) -> None:
        self._annotation_id = annotation.id if annotation else None
        self._saved = annotation.note if annotation else ""
        self.text.setPlainText(self._saved)  # (setPlainText starts a fresh undo history)
        self.text.setEnabled(annotation is not None)
        self.text.setPlaceholderText("Write a note on this passage…" if annotation
                                     else "Select an annotation to write a note.")

    def commit(self) -> None:
        """Save the note if it differs from what is stored."""
        text = self.text.toPlainText()
        if self._annotation_id is None or text == self._saved:
            return
        base, self._saved = self._saved, text
        # What is saved is the box's new starting point: its own undo cannot take the
        # saved words back out from under the note (the window's Undo does that).
        self.text.document().clearUndoRedoStacks()
        self.noteCommitted.emit(self._annotation_id, text, base)

    def show_saved(self, annotation_id: str, note: str) -> None:
        """The note as it was stored after a save (the other window's, or both joined,
        when the reader chose so): shown unless the reader typed on meanwhile."""
        typed_on = self.text.toPlainText() != self._saved
        if annotation_id == self._annotation_id and not typed_on and note != self._saved:
            self._saved = note
            self.text.setPlainText(note)
