"""The document last read is remembered a moment after it opens, with the reader's
settings (reading commits nothing to the project), and never lost: closing the window or
switching projects writes it first, for the project it belongs to."""

from __future__ import annotations

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files
from cable_annotator.storage.project import Project
from cable_annotator.ui.window.main_window import REMEMBER_LAST_CABLE_MS

from .ui_fixtures import SAMPLE_ID
from .window_helpers import open_window


def _two_documents(project, sample_copy) -> str:
    text = sample_copy.read_text("utf-8").replace("293. Telegram 16696", "299. Telegram 8043", 1)
    other = sample_copy.with_name("frus1969-76ve11p2-d299.txt")
    other.write_text(text, encoding="utf-8")
    import_files(project, [other], volume="frus1969-76ve11p2")
    return "frus1969-76ve11p2/d299"


def test_paging_commits_nothing_and_the_last_document_is_kept(qtbot, project, sample_copy,
                                                              tmp_path):
    other = _two_documents(project, sample_copy)
    window = open_window(qtbot, project, tmp_path)
    counter = queries.get_setting(project, "change_counter")
    for cable_id in (other, SAMPLE_ID, other):  # paging back and forth
        window.show_cable(cable_id)
    qtbot.wait(REMEMBER_LAST_CABLE_MS + 200)
    assert queries.get_setting(project, "change_counter") == counter, "reading commits nothing"
    assert window.settings.reading_place(project.path)[0] == other
    window.close()
    assert open_window(qtbot, project, tmp_path).current_cable().id == other


def test_closing_at_once_still_remembers_the_document(qtbot, project, sample_copy, tmp_path):
    other = _two_documents(project, sample_copy)
    window = open_window(qtbot, project, tmp_path)
    window.show_cable(other)
    window.close()
    assert open_window(qtbot, project, tmp_path).current_cable().id == other


def test_switching_projects_remembers_the_project_left(qtbot, project, sample_copy,
                                                       tmp_path):
    other = _two_documents(project, sample_copy)
    window = open_window(qtbot, project, tmp_path)
    window.show_cable(other)
    second = tmp_path / "second.cableproj"
    Project.open(second).close()
    assert window.open_project_path(second)
    assert window.settings.reading_place(second) is None  # an empty project: no document
    assert window.open_project_path(project.path)
    assert window.current_cable().id == other


def test_a_project_of_an_earlier_version_opens_on_the_document_it_recorded(
        qtbot, project, sample_copy, tmp_path):
    """Earlier versions wrote the last document into the project: with no place of the
    reader's own yet, the window opens on that one."""
    other = _two_documents(project, sample_copy)
    queries.set_setting(project, "last_cable", other)
    assert open_window(qtbot, project, tmp_path).current_cable().id == other
