"""The question before importing plain text: which volume, and read as what.

A page copied from history.state.gov does not say its volume, yet the volume makes the
cable's id (``frus1969-76ve11p2/d293``) and its citation. And a plain text may be a FRUS
page or any other text (a transcript, a memoir chapter) to keep verbatim: the importer
guesses, and here the reader can see the guess and overrule it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.text_formats import TEXT_FORMATS
from ..common.dialog_sizing import fit_title


@dataclass(frozen=True)
class TextImportChoice:
    """The reader's answer: the volume id ('' when unknown) and the format to read the
    text as (a ``TEXT_FORMATS`` key; None: let the importer guess)."""

    volume: str = ""
    as_format: str | None = None


class TextImportDialog(QDialog):
    """Volume id and "Read as" for ``count`` plain-text documents."""

    def __init__(self, parent: QWidget | None, count: int, guess: str = "",
                 names: list[str] | None = None, volume: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Text")
        which = "this document" if count == 1 else f"these {count} documents"
        named = ""
        if names:
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3
                                            else "")
            named = f"Importing {shown}. "
        intro = QLabel(
            f"{named}If {which} {'is a FRUS page' if count == 1 else 'are FRUS pages'}, "
            "which volume? Give its id as in the history.state.gov address, e.g. "
            "frus1969-76ve11p2 — or leave it empty if you do not know, or if it is "
            "another kind of text.", self)
        intro.setWordWrap(True)
        self.volume_edit = QLineEdit(self)
        self.volume_edit.setAccessibleName("Volume id")
        self.volume_edit.setText(volume)  # the last one given, selected: typing replaces it
        self.volume_edit.selectAll()
        self.format_box = QComboBox(self)
        self.format_box.setAccessibleName("Read the text as")
        guessed = f"Guess from the text ({guess})" if guess else "Guess from the text"
        self.format_box.addItem(guessed, None)
        for name, description in TEXT_FORMATS.items():
            self.format_box.addItem(description[:1].upper() + description[1:], name)
        form = QFormLayout()
        form.addRow("&Volume:", self.volume_edit)
        form.addRow("&Read as:", self.format_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_title(self, readable=460)

    def choice(self) -> TextImportChoice:
        return TextImportChoice(self.volume_edit.text().strip(), self.format_box.currentData())


def ask_text_import(parent: QWidget | None, count: int, guess: str = "",
                    names: list[str] | None = None,
                    volume: str = "") -> TextImportChoice | None:
    """Ask volume and format for ``count`` plain-text documents (``names``: their file
    names; ``volume``: offered as the answer); None if cancelled. ``guess`` says what the
    importer takes the text for."""
    dialog = TextImportDialog(parent, count, guess, names, volume)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
