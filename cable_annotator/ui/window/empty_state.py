"""What the centre shows before a project holds any document: how to bring one in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

HINT_WIDTH = 440
"""The help text's measure: short lines, centred."""


class EmptyState(QWidget):
    """A title, a sentence of help and an Import button, centred.

    The sentence wraps in whatever width the centre has. It is laid out without an
    alignment flag in the layout: a widget placed with one is given its size hint's
    height, not the height its wrapped lines need, and a narrow window cut the sentence
    to two half-lines."""

    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title = QLabel("No documents yet", self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.hint = QLabel("Import FRUS cables as plain text (copied from history.state.gov), "
                           "whole TEI volumes or raw telegrams (copied from AAD or PlusD), or "
                           "drop the files onto this window.", self)
        self.hint.setObjectName("emptyStateHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton("Import…", self)
        self.button.clicked.connect(self.importRequested)

        column = QWidget(self)
        column.setMaximumWidth(HINT_WIDTH)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(12, 0, 12, 0)
        inner.addWidget(self.title)
        inner.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
