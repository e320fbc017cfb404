"""The questions the codebook asks before a destructive edit: merge into what, and what
becomes of a deleted theme's annotations."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.annotation import Theme


class MergeThemeDialog(QDialog):
    """Pick the theme that absorbs ``source``."""

    def __init__(self, source: Theme, candidates: list[Theme], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Merge theme")
        self.targets = QComboBox(self)
        self.targets.setAccessibleName("Merge into")
        for theme in candidates:
            if theme.id != source.id:
                self.targets.addItem(theme.name, theme.id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Merge “{source.name}” into:", self))
        layout.addWidget(self.targets)
        layout.addWidget(QLabel("Its annotations take the chosen theme, and "
                                f"“{source.name}” is removed. You can undo this.", self))
        layout.addWidget(buttons)

    def target_id(self) -> int | None:
        return self.targets.currentData()


class DeleteThemeDialog(QDialog):
    """Delete a theme: keep its annotations without it, or move them to another theme."""

    def __init__(self, theme: Theme, uses: int, candidates: list[Theme],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Delete theme")
        self.keep = QRadioButton("Keep the annotations, without this theme", self)
        self.move = QRadioButton("Give the annotations another theme:", self)
        self.keep.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep)
        group.addButton(self.move)
        self.targets = QComboBox(self)
        self.targets.setAccessibleName("Reassign to")
        for other in candidates:
            if other.id != theme.id:
                self.targets.addItem(other.name, other.id)
        self.targets.setEnabled(False)
        self.move.toggled.connect(self.targets.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Delete")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        used = f"It is used by {uses} annotation{'s' * (uses != 1)}." if uses else "It is unused."
        layout.addWidget(QLabel(f"Delete the theme “{theme.name}”? {used}", self))
        if uses:
            layout.addWidget(self.keep)
            layout.addWidget(self.move)
            layout.addWidget(self.targets)
        layout.addWidget(buttons)

    def reassign_to(self) -> int | None:
        return self.targets.currentData() if self.move.isChecked() else None
