"""Importing a FRUS document given as text: Ctrl+V of a page copied from history.state.gov,
or plain text dropped on the window (not a file).

The text goes through the same importer as a plain-text file (``services.importing.
import_text``), in the same background job, after the same volume question: a copied
page does not say which volume it comes from.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from ...services.text_formats import TELEGRAMS, TEXT_FORMATS
from ..common.deferred_import import deferred
from ..jobs import import_export
from ..jobs.text_import_dialog import TextImportChoice

importing = deferred("cable_annotator.services.importing")

CLIPBOARD = "clipboard"
DROPPED = "dropped text"


def dropped_text(data: QMimeData) -> str | None:
    """The plain text of a drop that carries no local files (those import as files)."""
    if any(url.isLocalFile() for url in data.urls()) or not data.hasText():
        return None
    return data.text()


def focus_takes_paste() -> bool:
    """Whether the focused widget is an editable field, where Ctrl+V pastes into it."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QLineEdit | QAbstractSpinBox):
        return not getattr(focus, "isReadOnly", lambda: False)()
    if isinstance(focus, QTextEdit | QPlainTextEdit):
        return not focus.isReadOnly()
    return False


class TextImportMixin:
    """Of ``MainWindow``: paste and drop of a document's text."""

    def paste_document(self) -> bool:
        """Import the clipboard's text as a FRUS document (Edit > Paste Document)."""
        if focus_takes_paste():  # Qt gives fields the key first; this is a menu click
            return False
        return self.import_text_asking_volume(QGuiApplication.clipboard().text(), CLIPBOARD)

    def import_text_asking_volume(self, text: str, source: str) -> bool:
        """Ask the volume and how to read the text (showing the guess), then import
        ``text`` in the background (``importFinished``). A raw telegram (copied from AAD
        or PlusD) is imported without the question: its MRN is its id."""
        # Imported here, not at the top: the importer compiles its patterns on import,
        # which no start of the window should wait for.
        from ...importers.plaintext import guess_text_format
        from ...importers.telegram import looks_like_telegram

        if not (text or "").strip():
            self.statusBar().showMessage(
                f"The {source} holds no text: copy a whole document from "
                "history.state.gov, from its number and title on, or any other text.", 8000)
            return False
        if looks_like_telegram(text):
            choice = TextImportChoice("", TELEGRAMS)
        else:
            guess = guess_text_format(text)
            choice = import_export.ask_volume(self, 1, TEXT_FORMATS[guess.format], None,
                                              self.settings)
        if choice is None:
            return False
        if self._job is not None:
            self.statusBar().showMessage("Another import or export is still running.", 4000)
            return False

        def job(project, _progress, _cancelled):
            return importing.import_text(project, text, source, choice.volume or None,
                                         choice.as_format)

        # What was pasted or dropped is opened: the reader copied it to read it.
        self._start_job(f"Importing the {source}…", job,
                        lambda report: self._import_done(report, show_imported=True),
                        self.importFinished)
        return True
