"""Files given at launch: sorted into a project and documents, opened in the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from cable_annotator.services import queries
from cable_annotator.ui.desktop.launch_files import (
    FileOpenEvents,
    LaunchError,
    LaunchFileHandler,
    sort_launch_files,
)
from cable_annotator.ui.desktop.single_instance import parse_message, socket_name
from tests.conftest import SAMPLE_ID, SAMPLE_TEXT

from .window_helpers import open_window


def test_a_project_and_documents_are_sorted_in_argument_order(tmp_path, sample_copy):
    volume = tmp_path / "frus-volume.xml"
    volume.write_text("<TEI/>", encoding="utf-8")
    files = sort_launch_files([tmp_path / "new.cableproj", sample_copy, volume])
    assert files.project == tmp_path / "new.cableproj"  # created when it does not exist
    assert files.documents == [sample_copy, volume]


@pytest.mark.parametrize(("name", "problem"), [
    ("missing.txt", "does not exist"),
    ("notes.pdf", "is not a project or a document Cable Annotator reads"),
])
def test_a_bad_launch_argument_is_refused_naming_it(tmp_path, name, problem):
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.4")
    with pytest.raises(LaunchError, match=problem) as caught:
        sort_launch_files([path])
    assert str(path) in str(caught.value)


def test_two_projects_at_once_are_refused(tmp_path):
    with pytest.raises(LaunchError, match="only one project"):
        sort_launch_files([tmp_path / "b.cableproj"], project=tmp_path / "a.cableproj")
    same = sort_launch_files([tmp_path / "a.cableproj"], project=tmp_path / "a.cableproj")
    assert same.project == tmp_path / "a.cableproj"


def test_socket_names_differ_by_project_and_agree_for_one_file(tmp_path):
    first, second = tmp_path / "a.cableproj", tmp_path / "b.cableproj"
    assert socket_name(first) != socket_name(second)
    assert socket_name(first) == socket_name(tmp_path / "sub" / ".." / "a.cableproj")
    assert len(socket_name(first)) <= 49  # with macOS's TMPDIR, under a socket path's 104


def test_only_our_messages_are_taken():
    assert parse_message(b'{"cable-annotator": 1, "files": ["/a.txt"]}') == [Path("/a.txt")]
    for junk in (b"GET / HTTP/1.1", b'{"files": ["/a.txt"]}', b'{"cable-annotator": 1}',
                 b'{"cable-annotator": 1, "files": [1]}', b"\xff\xfe"):
        assert parse_message(junk) is None


def test_documents_handed_to_the_window_are_imported(qtbot, empty_project, tmp_path):
    window = open_window(qtbot, empty_project, tmp_path)
    handler = LaunchFileHandler(window)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        handler.open([SAMPLE_TEXT])  # its name says its volume: no question asked
    assert blocker.args[0] is not None
    assert [c.id for c in queries.list_cables(empty_project)] == [SAMPLE_ID]
    assert window.current_cable().id == SAMPLE_ID


def test_a_project_handed_to_the_window_is_opened(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    other_path = project.save_as(tmp_path / "colleague.cableproj")  # one whole file
    handler = LaunchFileHandler(window)
    handler.open([other_path])
    assert window.project.path == other_path
    assert window.current_cable().id == SAMPLE_ID
    handler.open([project.path])  # and back: a file already open is not reopened
    assert window.project.path == project.path


def test_a_bad_file_handed_to_the_window_is_refused_and_changes_nothing(
        qtbot, project, tmp_path, monkeypatch):
    window = open_window(qtbot, project, tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(window, "_warn", shown.append)
    LaunchFileHandler(window).open([tmp_path / "gone.txt"])
    assert shown == [f"{tmp_path / 'gone.txt'} does not exist."]
    assert window.project.path == project.path
    assert len(queries.list_cables(project)) == 1
    assert window.status_line.text().endswith("saved")
    assert not window.status_line.text().endswith("not saved")


def test_documents_wait_while_an_export_runs(qtbot, empty_project, tmp_path):
    window = open_window(qtbot, empty_project, tmp_path)
    handler = LaunchFileHandler(window)
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        assert window.export_csv_to(tmp_path / "out.csv")
        assert window._job is not None
        handler.open([SAMPLE_TEXT])  # the export is running: the import follows it
    assert [c.id for c in queries.list_cables(empty_project)] == [SAMPLE_ID]


def test_a_file_open_event_imports_the_document(qtbot, qapp, empty_project, tmp_path):
    from PySide6.QtGui import QFileOpenEvent

    window = open_window(qtbot, empty_project, tmp_path)
    events = FileOpenEvents(LaunchFileHandler(window))
    qapp.installEventFilter(events)
    try:
        with qtbot.waitSignal(window.importFinished, timeout=30000):
            qapp.sendEvent(qapp, QFileOpenEvent(str(SAMPLE_TEXT)))  # as the Finder sends
    finally:
        qapp.removeEventFilter(events)
    assert [c.id for c in queries.list_cables(empty_project)] == [SAMPLE_ID]


def test_the_desktop_session_follows_the_window_to_another_project(qtbot, project, tmp_path):
    from cable_annotator.ui.desktop.desktop_session import DesktopSession

    window = open_window(qtbot, project, tmp_path)
    session = DesktopSession(window)
    assert session.server.name == socket_name(project.path)
    other = tmp_path / "other.cableproj"
    assert window.open_project_path(other, create=True)
    assert session.server.name == socket_name(other)  # launches for it now reach us
    session.close()
    assert session.server.name is None
