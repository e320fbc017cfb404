"""Import and export from the window, through the same methods the menus call after
their file dialogs; the work runs in a worker thread on its own Project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QProgressDialog

from cable_annotator.services import queries
from cable_annotator.ui.annotations.annotation_model import LOCATION_ROLE
from cable_annotator.ui.jobs.text_import_dialog import TextImportChoice

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import export_rows, open_window

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"
TEI_VOLUME = Path(__file__).resolve().parents[3] / "shared/corpus/frus/frus1969-76ve09p1.xml"


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


@pytest.fixture
def errors(window, monkeypatch) -> list[str]:
    """Error messages the window would show in a message box (recorded instead)."""
    shown: list[str] = []
    monkeypatch.setattr("cable_annotator.ui.window.main_window.QMessageBox.warning",
                        lambda _parent, _title, message: shown.append(message))
    return shown


def another_cable(tmp_path: Path) -> Path:
    path = tmp_path / "doc-294.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace("293. Telegram", "294. Telegram", 1),
                    encoding="utf-8")
    return path


def import_and_wait(qtbot, window, paths):
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        assert window.import_paths(paths)
    return blocker.args[0]


def test_import_text_file_adds_it_to_corpus_and_stays_on_the_open_one(window, project, qtbot,
                                                                      qapp, tmp_path, errors):
    on_gui_thread = []
    window.importFinished.connect(  # a direct call: runs in whichever thread emits
        lambda _: on_gui_thread.append(QThread.currentThread() is qapp.thread()))
    report = import_and_wait(qtbot, window, [another_cable(tmp_path)])
    assert report is not None and report.added == 1
    assert on_gui_thread == [True]
    new_id = report.cables[0].id
    assert new_id in window.corpus.model.cable_ids()
    assert window.current_cable().id == SAMPLE_ID, "the document being read stays"
    assert len(queries.list_cables(project)) == 2
    assert errors == []


def test_reimport_keeps_annotations_of_the_open_cable(window, project, qtbot, errors):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window._cable = None
    window.show_cable(SAMPLE_ID)
    report = import_and_wait(qtbot, window, [SAMPLE])
    assert report.updated == 1
    assert window.current_cable().id == SAMPLE_ID
    assert window.annotations.model.rowCount() == 1


def test_import_failure_names_the_file(window, project, qtbot, tmp_path, errors):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert import_and_wait(qtbot, window, [empty]) is None
    assert len(errors) == 1 and "empty.txt" in errors[0] and "empty" in errors[0]
    assert window._job is None


@pytest.mark.shared
def test_tei_volume_import_and_cancel(window, project, qtbot, errors, shared_corpus):
    assert TEI_VOLUME.exists(), f"missing {TEI_VOLUME}"
    report = import_and_wait(qtbot, window, [TEI_VOLUME])
    assert report is not None and report.added > 100
    assert len(window.corpus.model.cable_ids()) == report.added + 1
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        window.import_paths([TEI_VOLUME])
        window.findChild(QProgressDialog).cancel()  # the dialog's Cancel button
    assert blocker.args[0] is None or blocker.args[0].updated == report.added
    assert errors == []


def test_dropping_files_imports_them(window, project, qtbot, tmp_path, errors, monkeypatch):
    asked = []
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume",
                        lambda parent, count, *_: asked.append(count)
                        or TextImportChoice("frus1969-76ve11p2"))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(another_cable(tmp_path))),
                  QUrl.fromLocalFile(str(tmp_path / "picture.png"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        window.dropEvent(event)
    assert blocker.args[0].added == 1
    assert asked == [1], "doc-294.txt does not say its volume, so the reader is asked"
    assert [c.id for c in blocker.args[0].cables] == ["frus1969-76ve11p2/d294"]
    assert errors == []


def test_cancelling_the_volume_question_imports_nothing(window, project, qtbot, tmp_path,
                                                        monkeypatch):
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume",
                        lambda parent, count, *_: None)
    assert not window.import_asking_volume([another_cable(tmp_path)])
    assert window.corpus.model.cable_ids() == [SAMPLE_ID]


def test_an_empty_or_binary_text_is_refused_before_the_volume_question(window, project, qtbot,
                                                                       tmp_path, monkeypatch,
                                                                       errors):
    """The refusal comes first, naming each file; the readable file is then asked about
    and imported alone."""
    asked = []

    def ask(parent, count, guess="", names=None, *_):
        asked.append(names)
        from cable_annotator.ui.jobs.text_import_dialog import TextImportChoice
        return TextImportChoice("frus1969-76ve11p2", None)

    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume", ask)
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_bytes(b"  \n")
    binary.write_bytes(bytes(range(256)) * 4)
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        assert window.import_asking_volume([empty, binary, another_cable(tmp_path)])
    assert len(errors) == 1
    assert f"{empty}: the file is empty" in errors[0]
    assert f"{binary}: this is a binary file" in errors[0]
    assert "The other 1 file will be imported." in errors[0]
    assert asked == [["doc-294.txt"]], "asked about the readable file only, after the refusal"
    assert [c.id for c in blocker.args[0].cables] == ["frus1969-76ve11p2/d294"]
    # Only unreadable files: refused, nothing asked, nothing imported.
    asked.clear()
    assert not window.import_asking_volume([empty])
    assert asked == []


def test_files_named_after_their_volume_are_not_asked_about(window, project, qtbot, tmp_path,
                                                            monkeypatch):
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume",
                        lambda parent, count, *_: pytest.fail("asked needlessly"))
    named = tmp_path / "frus1969-76ve11p2-d294.txt"
    named.write_text(another_cable(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        assert window.import_asking_volume([named])
    assert [c.id for c in blocker.args[0].cables] == ["frus1969-76ve11p2/d294"]


def test_export_long_and_excel(window, project, qtbot, tmp_path):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race", "Regional stability"], note="why")
    path = tmp_path / "long.csv"
    rows = export_rows(qtbot, window, path, long=True, excel=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [row["themes"] for row in rows] == ["Arms race", "Regional stability"]
    assert {row["page"] for row in rows} == {"780–781"}


def test_export_failure_is_reported(window, project, qtbot, tmp_path, errors):
    target = tmp_path / "missing-folder" / "out.csv"
    with qtbot.waitSignal(window.exportFinished, timeout=20000) as blocker:
        window.export_csv_to(target)
    assert blocker.args[0] is None
    assert errors and str(target) in errors[0]
    assert not os.path.exists(target)


def test_volume_comes_from_a_file_named_after_the_url(window, project, qtbot, tmp_path, errors):
    from cable_annotator.services.importing import volume_from_filename

    assert volume_from_filename(Path("frus1969-76ve11p2-d293.txt")) == "frus1969-76ve11p2"
    assert volume_from_filename(Path("frus1964-68v27_d12.txt")) == "frus1964-68v27"
    assert volume_from_filename(Path("notes.txt")) is None
    named = tmp_path / "frus1969-76ve11p2-d294.txt"
    named.write_text(another_cable(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    report = import_and_wait(qtbot, window, [named])
    assert [cable.id for cable in report.cables] == ["frus1969-76ve11p2/d294"]
    volume = window.corpus.model.index(0, 0)
    assert window.corpus.model.rowCount() == 1 and window.corpus.model.rowCount(volume) == 2


def test_next_and_previous_document_from_the_keyboard(window, project, qtbot, tmp_path,
                                                      monkeypatch):
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume",
                        lambda parent, count, *_: TextImportChoice("frus1969-76ve11p2"))
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        window.import_asking_volume([another_cable(tmp_path)])
    window.show_cable(SAMPLE_ID)
    text = window.reading.cable_text()
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_cable().id == "frus1969-76ve11p2/d294"
    qtbot.keyClick(text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_cable().id == "frus1969-76ve11p2/d294"
    assert "last document" in window.statusBar().currentMessage()
    qtbot.keyClick(text, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_cable().id == SAMPLE_ID


def test_all_documents_lists_every_annotation_of_the_project(window, project, qtbot, tmp_path,
                                                             monkeypatch):
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume",
                        lambda parent, count, *_: TextImportChoice("frus1969-76ve11p2"))
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        window.import_asking_volume([another_cable(tmp_path)])
    here = annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    there = annotate(project, "fisheries dispute", ["Fisheries"],
                     cable_id="frus1969-76ve11p2/d294")
    window._cable = None
    window.show_cable(SAMPLE_ID)
    model = window.annotations.model
    assert model.ids() == [here.id]
    window.annotations.all_button.click()
    assert model.ids() == [here.id, there.id]
    assert model.index(1).data(LOCATION_ROLE).startswith("FRUS 1969–76 E–11 pt. 2, doc. 294")
    assert window.annotations.title.text() == "All documents (2)"
    window.go_to_annotation("frus1969-76ve11p2/d294", there.id)
    assert window.current_cable().id == "frus1969-76ve11p2/d294"
    window.annotations.all_button.click()
    assert model.ids() == [there.id]


def test_an_import_under_a_corpus_filter_keeps_the_filter_and_the_document(window, qtbot,
                                                                           tmp_path, errors):
    window.corpus.filter_box.setText("293")  # matches the sample only
    assert not window.corpus.shows("frus1969-76ve11p2/d294")
    import_and_wait(qtbot, window, [another_cable(tmp_path)])
    assert window.current_cable().id == SAMPLE_ID
    assert window.corpus.filter_box.text() == "293"
    assert window.corpus.visible_cable_ids() == [SAMPLE_ID]


def test_an_import_into_the_empty_state_shows_what_it_imported(qtbot, empty_project,
                                                                tmp_path):
    window = open_window(qtbot, empty_project, tmp_path)
    assert window.current_cable() is None
    window.corpus.filter_box.setText("nothing of the kind")
    report = import_and_wait(qtbot, window, [another_cable(tmp_path)])
    new_id = report.cables[0].id
    assert window.current_cable().id == new_id
    assert window.centre.currentWidget() is window.reading
    assert window.corpus.shows(new_id), "the filter gave way to the imported document"
    assert window.corpus.filter_box.text() == ""


def test_importing_volumes_stays_on_the_document_being_read(qtbot, empty_project, tmp_path,
                                                            shared_corpus):
    """F10: reading vol. XXVIII doc. 387 under the filter "387", an import of a volume
    (and a re-import of one already in the project) opened the first imported document
    and cleared the filter. The document, its place and the filter stay."""
    from cable_annotator.services.importing import import_files

    frus = shared_corpus / "frus"
    import_files(empty_project, [frus / "frus1964-68v28.xml"])
    window = open_window(qtbot, empty_project, tmp_path, 1024, 700)
    reading = "frus1964-68v28/d387"
    window.corpus.filter_box.setText("387")
    window.show_cable(reading)
    text = window.reading.cable_text()
    qtbot.waitUntil(lambda: not window.reading.is_laying_out(), timeout=10_000)
    text.verticalScrollBar().setValue(text.verticalScrollBar().maximum() // 2)
    qtbot.wait(50)
    place = window.reading.reading_place()
    assert place is not None and place[1] > 0

    for volume in ("frus1969-76ve09p1.xml", "frus1969-76ve09p1.xml", "frus1964-68v28.xml"):
        report = import_and_wait(qtbot, window, [frus / volume])  # new, again, the open one's
        assert report is not None and report.cables
        assert window.current_cable().id == reading, volume
        assert window.corpus.filter_box.text() == "387"
        assert reading in window.corpus.visible_cable_ids()
        assert window.corpus.tree.currentIndex().isValid(), "the open document stays marked"
        qtbot.waitUntil(lambda: window.reading.reading_place() == place, timeout=5_000)
    assert "Imported" in window.statusBar().currentMessage()


def test_the_volume_given_last_is_offered_at_the_next_text_import(window, qtbot, tmp_path):
    """The real dialog: the first import is given a volume by typing; the next one opens
    with that volume filled in and selected (Enter accepts it, typing replaces it), kept
    in the window's settings."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cable_annotator.ui.jobs.text_import_dialog import TextImportDialog

    offered = []

    def answer(typed: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TextImportDialog):
            QTimer.singleShot(20, lambda: answer(typed))
            return
        offered.append((dialog.volume_edit.text(), dialog.volume_edit.selectedText()))
        if typed is not None:
            qtbot.keyClicks(dialog.volume_edit, typed)
        qtbot.keyClick(dialog.volume_edit, Qt.Key.Key_Return)

    first = another_cable(tmp_path)
    second = tmp_path / "doc-295.txt"
    second.write_text(first.read_text(encoding="utf-8").replace("294. Telegram", "295. Telegram",
                                                                  1), encoding="utf-8")
    QTimer.singleShot(20, lambda: answer("frus1969-76ve11p2"))
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        assert window.import_asking_volume([first])
    QTimer.singleShot(20, lambda: answer(None))
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        assert window.import_asking_volume([second])
    assert offered == [("", ""), ("frus1969-76ve11p2", "frus1969-76ve11p2")]
    assert [c.id for c in blocker.args[0].cables] == ["frus1969-76ve11p2/d295"]
    assert window.settings.last_text_volume == "frus1969-76ve11p2"
