"""A tiny stand-in for ReadingPane, used only while the real one has not landed.

It honours the agreed interface (body text in a QTextEdit named ``cableText``, a
``footnotePane``, code-point selections) so the window tests can run meanwhile.
"""

from __future__ import annotations

import importlib
import sys
import types

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QWidget

from cable_annotator.domain.offsets import Utf16Map


class StandInReadingPane(QWidget):
    annotationClicked = Signal(str)
    selectionChanged = Signal()
    positionChanged = Signal(str, str)
    referenceActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.snap_to_words = True
        self._text = QTextEdit(self)
        self._text.setObjectName("cableText")
        self._text.setReadOnly(True)
        self._notes = QLabel(self)
        self._notes.setObjectName("footnotePane")
        layout = QHBoxLayout(self)
        layout.addWidget(self._text, 3)
        layout.addWidget(self._notes, 1)
        self._cable = None
        self._map = Utf16Map("")
        self._annotations = {}

    def set_cable(self, cable, annotations, themes, volume=None):
        self._cable = cable
        self._map = Utf16Map(cable.text)
        self._text.setPlainText(cable.text)
        self._notes.setText("\n\n".join(note.text for note in cable.footnotes))
        self._annotations = {a.id: a for a in annotations}

    def set_themes(self, themes):
        pass

    def apply_annotation_changes(self, changed, removed_ids):
        for annotation in changed:
            self._annotations[annotation.id] = annotation
        for annotation_id in removed_ids:
            self._annotations.pop(annotation_id, None)

    def selection(self):
        cursor = self._text.textCursor()
        if not cursor.hasSelection():
            return None
        return ("body", self._map.from_utf16(cursor.selectionStart()),
                self._map.from_utf16(cursor.selectionEnd()))

    def set_selection(self, part, start, end):
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self._text.setTextCursor(cursor)

    def show_annotation(self, annotation_id):
        annotation = self._annotations.get(annotation_id)
        if annotation is not None:
            self.set_selection(annotation.part, annotation.start, annotation.end)

    def show_footnote(self, key):
        pass

    def annotations_at(self, part, offset):
        return [a.id for a in self._annotations.values()
                if a.part == part and a.start <= offset < a.end]

    def cable_text(self):
        return self._text

    def footnote_pane(self):
        return self._notes


def install_if_missing() -> None:
    """Register the stand-in as cable_annotator.ui.reading_pane when that module is absent."""
    try:
        importlib.import_module("cable_annotator.ui.reading_pane")
    except ModuleNotFoundError:
        module = types.ModuleType("cable_annotator.ui.reading_pane")
        module.ReadingPane = StandInReadingPane
        sys.modules["cable_annotator.ui.reading_pane"] = module
