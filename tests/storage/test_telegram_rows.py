"""A raw telegram's header is read back checked: a damaged one is named, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import load_cable
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import Project
from tests.importers.telegram_expected import FIXTURES
from tests.reliability.hostile import run_cli, tamper

MRN = "1974STATE193548"


@pytest.fixture
def source(empty_project) -> Path:
    import_files(empty_project, [FIXTURES / f"{MRN}.txt"])
    empty_project.close()
    return empty_project.path


@pytest.mark.parametrize("statement", [
    "UPDATE cables SET structure = json_set(structure, '$.telegram', 'not a header')",
    "UPDATE cables SET structure = json_set(structure, '$.telegram.addressees[0]', 7)",
    "UPDATE cables SET structure = json_set(structure, '$.telegram.mrn', 42)",
])
def test_a_damaged_telegram_header_is_named(source, tmp_path, capsys, statement) -> None:
    path = tamper(source, tmp_path / "damaged.cableproj", statement)
    project = Project.open(path)
    try:
        with pytest.raises(ProjectError, match=f"{MRN}.*telegram header"):
            load_cable(project, MRN)
    finally:
        project.close()
    status, _out, err = run_cli(capsys, "--project", str(path), "show", MRN)
    assert status == 1 and MRN in err and "Traceback" not in err


def test_the_header_round_trips_whole(source) -> None:
    project = Project.open(source)
    try:
        telegram = load_cable(project, MRN).telegram
    finally:
        project.close()
    assert telegram.mrn == MRN and telegram.dtg == "041830Z SEP 74"
    assert [a.address for a in telegram.info] == ["AMEMBASSY MOSCOW", "AMEMBASSY SANTIAGO"]
    assert telegram.references[0].serial == "16696"
    assert telegram.tags[0].meaning == "Foreign policy and relations"
