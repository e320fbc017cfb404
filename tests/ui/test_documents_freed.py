"""Documents read one after another are freed: paging through a volume with Ctrl+PgDown
kept every document opened (text and notes, with their layouts) until the window closed —
about 1.5 MB a FRUS document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from cable_annotator.services.importing import import_files

from .window_helpers import open_window


@pytest.fixture(scope="module")
def volume_file(shared_corpus):
    return shared_corpus / "frus" / "frus1961-63v12.xml"


def test_paging_through_a_volume_keeps_only_the_documents_on_screen(
        qtbot, project, tmp_path, volume_file):
    import_files(project, [volume_file])
    window = open_window(qtbot, project, tmp_path)
    cables = window.corpus.model.cable_ids()[:30]
    assert len(cables) == 30
    for cable_id in cables:
        window.show_cable(cable_id)
        qtbot.wait(1)  # the event loop runs between two key presses
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    documents = window.findChildren(QTextDocument)
    # The text's and the notes' documents, and the one each QTextEdit made for itself.
    assert len(documents) <= 4, [d.parent().objectName() for d in documents]
    text = window.reading.cable_text()
    assert text.document().toPlainText().strip(), "the last document is still shown"
    assert window.current_cable().id == cables[-1]
