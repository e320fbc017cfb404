"""The questions the codebook asks: the name of a new theme, and before a destructive edit,
merge into what, and what becomes of a deleted theme's annotations."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.annotation import Theme
from ..common.dialog_sizing import fit_title


class AddThemeDialog(QDialog):
    """The name of a new theme (a dialog of our own: Qt's input dialog sizes itself to its
    field and cut its title, "Add th…otator")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add Theme")
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name of the new theme")
        self.name.setPlaceholderText("e.g. Nuclear proliferation")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Name of the new theme:", self))
        layout.addWidget(self.name)
        layout.addWidget(buttons)
        fit_title(self)


class MergeThemeDialog(QDialog):
    """Pick the theme that absorbs ``source``."""

    def __init__(self, source: Theme, candidates: list[Theme], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Merge Theme")
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
        layout.addWidget(QLabel(f"Merge “{source.name}” into:", self, wordWrap=True))
        layout.addWidget(self.targets)
        layout.addWidget(QLabel("Its annotations take the chosen theme, and "
                                f"“{source.name}” is removed. You can undo this.", self,
                                wordWrap=True))
        layout.addWidget(buttons)
        fit_title(self)

    def target_id(self) -> int | None:
        return self.targets.currentData()


def digit_shifts(themes: list[Theme], deleted_id: int) -> list[str]:
    """What deleting a theme does to the digit keys (1–9 tag with the codebook's first
    nine themes, in order): "4 → 3 Fisheries", "Benelux gets 9". A reader who tags by
    the digits must hear of it before the keys they know change meaning."""
    before = {theme.id: number for number, theme in enumerate(themes[:9], start=1)}
    kept = [theme for theme in themes if theme.id != deleted_id]
    after = {theme.id: number for number, theme in enumerate(kept[:9], start=1)}
    shifts = []
    for theme in kept:
        old, new = before.get(theme.id), after.get(theme.id)
        if old == new:
            continue
        shifts.append(f"{theme.name} gets {new}" if old is None else f"{old} → {new} {theme.name}")
    return shifts


class DeleteThemeDialog(QDialog):
    """Delete a theme: keep its annotations without it, or move them to another theme."""

    def __init__(self, theme: Theme, uses: int, candidates: list[Theme],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Delete Theme")
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
        layout.addWidget(QLabel(f"Delete the theme “{theme.name}”? {used}", self,
                                wordWrap=True))
        shifts = digit_shifts(candidates, theme.id)
        if shifts:
            shown = ", ".join(shifts[:4]) + (f", and {len(shifts) - 4} more" if len(shifts) > 4
                                             else "")
            self.digits_note = QLabel(f"The digit keys move: {shown}.", self, wordWrap=True)
            self.digits_note.setObjectName("digitShifts")
            layout.addWidget(self.digits_note)
        if uses:
            layout.addWidget(self.keep)
            layout.addWidget(self.move)
            layout.addWidget(self.targets)
        layout.addWidget(buttons)
        fit_title(self)

    def reassign_to(self) -> int | None:
        return self.targets.currentData() if self.move.isChecked() else None
