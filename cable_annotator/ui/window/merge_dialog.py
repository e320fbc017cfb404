"""The merge report, with each conflict and the reader's choice: keep mine, theirs or both
(or, for a passage deleted on one side and changed on the other, keep it or delete it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.annotation import Annotation
from ..common.deferred_import import deferred
from ..common.dialog_sizing import fit_title

merge_conflicts = deferred("cable_annotator.services.merge_conflicts")
merging = deferred("cable_annotator.services.merging")

REPORT_WIDTH = 460
"""A merge report without conflicts: a summary and a few lines, at a reading width."""
CONFLICT_WIDTH = 680
"""Conflict cards put both versions of an annotation one above the other."""

Describe = Callable[[str | None], Annotation | None]
Resolve = Callable[["merging.MergeConflict", str], bool]


def _version_text(label: str, annotation: Annotation | None, theme_names) -> str:
    if annotation is None:
        return f"<b>{label}:</b> deleted"
    themes = ", ".join(theme_names(annotation)) or "no theme"
    note = annotation.note or "no note"
    who = annotation.modified_by or annotation.author or "unknown"
    return (f"<b>{label}:</b> “{annotation.quote}” — {themes} — <i>{note}</i> "
            f"({who}, {annotation.modified})")


class ConflictCard(QFrame):
    """One conflict: both versions side by side and the buttons that settle it."""

    def __init__(self, conflict: merging.MergeConflict, describe: Describe, theme_names,
                 resolve: Resolve, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.conflict = conflict
        self._resolve = resolve
        layout = QVBoxLayout(self)
        if conflict.kind == merging.BOTH_CHANGED:
            title = "Changed in both copies"
            texts = [_version_text("Mine", describe(conflict.mine_id), theme_names),
                     _version_text("Theirs", describe(conflict.theirs_id), theme_names)]
            choices = [("Keep &mine", merge_conflicts.KEEP_MINE),
                       ("Keep &theirs", merge_conflicts.KEEP_THEIRS),
                       ("Keep &both", merge_conflicts.KEEP_BOTH)]
        else:
            where = {"mine": "Deleted here, changed in their copy",
                     "theirs": "Changed here, deleted in their copy"}
            title = where.get(conflict.deleted_by, "Deleted in one copy, changed in the other")
            texts = [_version_text("Changed", describe(conflict.mine_id or conflict.theirs_id),
                                   theme_names)]
            choices = [("&Keep it", merge_conflicts.KEEP_ANNOTATION),
                       ("&Delete it", merge_conflicts.KEEP_DELETION)]
        heading = QLabel(f"<b>{title}</b> · {conflict.cable_id}", self)
        layout.addWidget(heading)
        for text in texts:
            label = QLabel(text, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for caption, keep in choices:
            button = QPushButton(caption, self)
            button.clicked.connect(lambda _=False, k=keep: self.choose(k))
            row.addWidget(button)
            self.buttons[keep] = button
        row.addStretch(1)
        self.outcome = QLabel("", self)
        row.addWidget(self.outcome)
        layout.addLayout(row)

    def choose(self, keep: str) -> None:
        if self._resolve(self.conflict, keep):
            for button in self.buttons.values():
                button.setEnabled(False)
            self.outcome.setText(f"Resolved: {self.buttons[keep].text().replace('&', '')}")


class MergeDialog(QDialog):
    """What a merge did, and the conflicts it left for the reader."""

    def __init__(self, summary: str, details: list[str],
                 conflicts: list[merging.MergeConflict], describe: Describe, theme_names,
                 resolve: Resolve, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge Project")
        layout = QVBoxLayout(self)
        header = QLabel(summary, self)
        header.setObjectName("mergeSummary")
        header.setWordWrap(True)
        layout.addWidget(header)
        for detail in details:
            line = QLabel(detail, self)
            line.setWordWrap(True)
            layout.addWidget(line)
        self.cards: list[ConflictCard] = []
        if conflicts:
            layout.addWidget(QLabel(f"{len(conflicts)} conflict(s) to resolve (each choice "
                                    "can be undone with Ctrl+Z):", self))
            area = QScrollArea(self)
            area.setWidgetResizable(True)
            holder = QWidget(area)
            cards = QVBoxLayout(holder)
            for conflict in conflicts:
                card = ConflictCard(conflict, describe, theme_names, resolve, holder)
                cards.addWidget(card)
                self.cards.append(card)
            cards.addStretch(1)
            area.setWidget(holder)
            layout.addWidget(area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self._fit_to_content(area if conflicts else None)

    def _fit_to_content(self, area: QScrollArea | None) -> None:
        """As large as what it says, no larger: a report of a few lines is a small
        dialog (at a fixed 720×520 it was mostly empty); conflicts get the room their
        cards need, up to most of the screen, and scroll beyond."""
        fit_title(self, readable=CONFLICT_WIDTH if area is not None else REPORT_WIDTH)
        width = self.minimumWidth()
        self.layout().activate()
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = max(height, self.sizeHint().height())
        if area is not None:
            holder = area.widget()
            margins = area.frameWidth() * 2
            inner = holder.heightForWidth(width - 40) if holder.hasHeightForWidth() else -1
            wanted = max(inner, holder.sizeHint().height()) + margins
            height += max(wanted - area.sizeHint().height(), 0)
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                height = min(height, int(screen.availableGeometry().height() * 0.8))
        self.resize(width, height)
