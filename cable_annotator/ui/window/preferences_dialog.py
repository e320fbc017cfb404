"""Edit → Preferences…: the author name recorded on every annotation and theme edit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...services import preferences
from ..common.dialog_sizing import fit_title


class PreferencesDialog(QDialog):
    """Set once; shared with the command line (a small file in the user's config folder)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.author = QLineEdit(preferences.author(), self)
        self.author.setObjectName("authorField")
        self.author.setPlaceholderText(preferences.login_name())
        self.author.setMaxLength(preferences.MAX_AUTHOR)
        self.author.setAccessibleName("Author name")
        hint = QLabel("Recorded on each annotation and theme you make or edit, and in every "
                      "export, so colleagues merging projects see who wrote what. Empty: "
                      f"your login name ({preferences.login_name() or 'unknown'}).", self)
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Author:", self.author)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        fit_title(self)

    def accept(self) -> None:
        preferences.set_author(self.author.text())
        super().accept()
