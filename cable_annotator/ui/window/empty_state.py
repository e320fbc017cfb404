"""What the centre shows before a project holds any document: how to bring one in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        title = QLabel("No documents yet", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        hint = QLabel("Import FRUS cables as plain text (copied from history.state.gov), "
                      "whole TEI volumes or raw telegrams (copied from AAD or PlusD), or "
                      "drop the files onto this window.", self)
        hint.setWordWrap(True)
        hint.setMaximumWidth(420)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton("Import…", self)
        button.clicked.connect(self.importRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, hint, button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
