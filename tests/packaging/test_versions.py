"""One version number (cable_annotator.__version__) everywhere a user or colleague sees
one: --version, the About dialog, the AppStream release, project files and CSV exports."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from importlib import metadata

import pytest
from lxml import etree

from cable_annotator import __version__
from cable_annotator.app_info import LIBRARIES, made_by
from cable_annotator.services import queries
from cable_annotator.services.exporting import export_csv
from cable_annotator.storage.project import Project
from cable_annotator.storage.release_stamp import CREATED_WITH, WRITTEN_WITH
from tests.conftest import REPO_ROOT, SAMPLE_ID

METAINFO = REPO_ROOT / "packaging" / "org.cableannotator.CableAnnotator.metainfo.xml"


def test_the_version_is_written_in_one_place_only() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and newer
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "cable_annotator.__version__"}
    assert metadata.version("cable-annotator") == __version__


def test_version_option_prints_the_release() -> None:
    result = subprocess.run([sys.executable, "-m", "cable_annotator", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"cable-annotator {__version__}"


def test_latest_appstream_release_is_this_version() -> None:
    releases = etree.parse(str(METAINFO)).findall("releases/release")
    assert releases, "the metainfo lists no release"
    latest = releases[0]  # AppStream lists the newest first
    assert latest.get("version") == __version__
    dates = [release.get("date") for release in releases]
    assert dates == sorted(dates, reverse=True)
    assert latest.find("description/p") is not None, "the latest release has no notes"


def test_a_new_project_file_says_which_release_made_it(project) -> None:
    assert queries.get_setting(project, CREATED_WITH) == f"Cable Annotator {__version__}"
    assert queries.get_setting(project, WRITTEN_WITH) == made_by()


def test_a_file_from_another_release_records_this_one_when_opened(project_path) -> None:
    Project.open(project_path).close()
    with sqlite3.connect(project_path) as connection:
        connection.execute("UPDATE settings SET value = 'Cable Annotator 0.0.9' "
                           "WHERE key IN (?, ?)", (CREATED_WITH, WRITTEN_WITH))
    connection.close()
    with Project.open(project_path) as reopened:
        assert queries.get_setting(reopened, CREATED_WITH) == "Cable Annotator 0.0.9"
        assert queries.get_setting(reopened, WRITTEN_WITH) == made_by()


def test_opening_with_the_same_release_writes_nothing(project_path) -> None:
    Project.open(project_path).close()
    before = project_path.read_bytes()
    with Project.open(project_path, create=False):
        pass
    assert project_path.read_bytes() == before


def test_every_csv_row_names_the_release_that_wrote_it(project) -> None:
    from cable_annotator.services.annotating import annotate_quote

    arms_race = queries.find_theme(project, "Arms race").id
    annotate_quote(project, SAMPLE_ID, "an arms race could ensue", [arms_race])
    out = io.StringIO(newline="")
    export_csv(project, out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert row["exported_with"] == f"Cable Annotator {__version__}"


def test_about_dialog_names_version_licence_sources_and_libraries(qtbot) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton

    from cable_annotator.ui.desktop.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    title = dialog.findChild(QLabel, "aboutTitle").text()
    assert f"Version {__version__}" in title
    text = dialog.details.toPlainText()
    assert "MIT licence" in text
    assert "work of the United States Government" in text and "public domain" in text
    for library in LIBRARIES:
        assert f"{library.name}\t{metadata.version(library.name)}" in text.replace("\n", "\t")
    dialog.findChild(QPushButton, "copyVersions").click()
    from PySide6.QtGui import QGuiApplication

    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[0] == f"Cable Annotator {__version__}"
    assert f"SQLAlchemy: {metadata.version('SQLAlchemy')}" in copied
