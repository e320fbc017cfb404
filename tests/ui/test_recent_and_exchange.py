"""File → Open Recent, and the exchange formats from the File menu: export .qdpx, .qdc and
.jsonld, and import them into another project, with the views updated."""

from __future__ import annotations

import json
import zipfile

from cable_annotator.services import queries
from cable_annotator.storage.project import Project

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import open_window


def test_open_recent_lists_earlier_projects_and_opens_one(qtbot, project, tmp_path):
    other_path = tmp_path / "other.cableproj"
    Project.open(other_path).close()
    window = open_window(qtbot, project, tmp_path)
    assert window.open_project_path(other_path)
    menu = window.actions.recent_menu
    window.fill_recent_menu(menu)
    entries = [a for a in menu.actions() if a.isEnabled() and a.toolTip().endswith(
        ".cableproj")]
    assert [a.toolTip() for a in entries] == [str(project.path.resolve())]
    entries[0].trigger()
    assert window.project.path.resolve() == project.path.resolve()
    window.fill_recent_menu(menu)
    assert [a.toolTip() for a in menu.actions() if a.toolTip().endswith(".cableproj")] == [
        str(other_path.resolve())]
    gone = tmp_path / "gone.cableproj"
    window.settings.add_recent_project(gone)  # a project moved away is not offered
    window.fill_recent_menu(menu)
    assert str(gone.resolve()) not in [a.toolTip() for a in menu.actions()]
    answer_clear(qtbot, "Cancel")  # it asks first: Cancel (the default) keeps the list
    next(a for a in menu.actions() if a.text() == "&Clear Menu").trigger()
    window.fill_recent_menu(menu)
    assert [a.toolTip() for a in menu.actions() if a.toolTip().endswith(".cableproj")] == [
        str(other_path.resolve())]
    asked = answer_clear(qtbot, "Clear Menu")
    next(a for a in menu.actions() if a.text() == "&Clear Menu").trigger()
    assert "Remove the 1 project listed" in asked[0]
    window.fill_recent_menu(menu)
    assert not [a for a in menu.actions() if a.toolTip().endswith(".cableproj")]
    assert window.statusBar().currentMessage() == "Cleared the list of recent projects."
    window.project.close()


def answer_clear(qtbot, button_text: str) -> list[str]:
    """Answer the next "Clear Recent Projects" question with ``button_text``; the
    question's text, once asked."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        assert box.windowTitle() == "Clear Recent Projects"
        assert box.defaultButton().text() == "Cancel"
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, answer)
    return asked


def test_exports_and_imports_other_programs_formats_from_the_window(qtbot, project,
                                                                    tmp_path):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"], note="key")
    window = open_window(qtbot, project, tmp_path)
    for kind in ("qdpx", "qdc", "jsonld"):
        message = window.export_format_to(kind, tmp_path / f"out.{kind}")
        assert message and message.startswith("Exported")
    assert "project.qde" in zipfile.ZipFile(tmp_path / "out.qdpx").namelist()
    assert json.loads((tmp_path / "out.jsonld").read_text("utf-8"))["total"] == 1

    target = Project.open(tmp_path / "target.cableproj")
    assert window.open_project_path(target.path)
    target.close()
    report = window.import_exchange_file(tmp_path / "out.qdpx")
    assert report is not None and report.annotations == 1
    assert window.corpus.model.cable_ids() == [SAMPLE_ID]
    window.show_cable(SAMPLE_ID)
    [shown] = queries.annotations_of(window.project, SAMPLE_ID)
    assert window.annotations.model.ids() == [shown.id] and shown.note == "key"
    messages = []
    window._show_refusal = messages.append
    (tmp_path / "bad.jsonld").write_text("{}", encoding="utf-8")
    assert window.import_exchange_file(tmp_path / "bad.jsonld") is None
    assert "bad.jsonld" in messages[0]


def test_dropping_a_qdpx_on_the_window_imports_it(qtbot, project, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from cable_annotator.services.refi_qda import export_qdpx

    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    export_qdpx(project, tmp_path / "colleague.qdpx")
    target = Project.open(tmp_path / "empty.cableproj")
    window = open_window(qtbot, target, tmp_path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "colleague.qdpx"))])
    enter = QDragEnterEvent(QPointF(10, 10).toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert [a.quote for a in queries.all_annotations(target)] == [ARMS_RACE_QUOTE]
    assert window.corpus.model.cable_ids() == [SAMPLE_ID]
    target.close()
