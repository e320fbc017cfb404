"""The document last read is remembered a moment after it opens (not one commit per
document while paging), and never lost: closing the window or switching projects writes
it first, into the project it belongs to."""

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


def test_paging_writes_once_and_the_last_document_is_kept(qtbot, project, sample_copy,
                                                          tmp_path):
    other = _two_documents(project, sample_copy)
    window = open_window(qtbot, project, tmp_path)
    qtbot.wait(REMEMBER_LAST_CABLE_MS + 200)
    counter = queries.get_setting(project, "change_counter")
    for cable_id in (other, SAMPLE_ID, other):  # paging back and forth
        window.show_cable(cable_id)
    assert queries.get_setting(project, "change_counter") == counter, "no commit per page"
    qtbot.waitUntil(lambda: queries.get_setting(project, "last_cable") == other,
                    timeout=REMEMBER_LAST_CABLE_MS * 5)
    assert int(queries.get_setting(project, "change_counter")) == int(counter or 0) + 1


def test_closing_at_once_still_remembers_the_document(qtbot, project, sample_copy, tmp_path):
    other = _two_documents(project, sample_copy)
    window = open_window(qtbot, project, tmp_path)
    window.show_cable(other)
    window.close()
    assert queries.get_setting(project, "last_cable") == other


def test_switching_projects_writes_into_the_project_left(qtbot, project, sample_copy,
                                                         tmp_path):
    other = _two_documents(project, sample_copy)
    window = open_window(qtbot, project, tmp_path)
    window.show_cable(other)
    second = tmp_path / "second.cableproj"
    Project.open(second).close()
    assert window.open_project_path(second)
    with Project.open(project.path, create=False) as reopened:
        assert queries.get_setting(reopened, "last_cable") == other
    with Project.open(second, create=False) as other_project:
        assert queries.get_setting(other_project, "last_cable") != other
