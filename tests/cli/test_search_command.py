"""``cable-annotator search`` as a real process on a real project file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME

from .test_command_line import run


@pytest.fixture
def imported(project_path: Path) -> Path:
    run("import", "--volume", SAMPLE_VOLUME, str(SAMPLE_TEXT), project=project_path)
    return project_path


def test_search_prints_one_line_per_hit_with_its_page(imported: Path) -> None:
    result = run("search", '"arms race could ensue"', project=imported)
    [line] = result.stdout.splitlines()
    cable_id, part, page, snippet = line.split("\t")
    assert (cable_id, part, page) == (SAMPLE_ID, "body", "p. 780–781")
    assert "an arms race could ensue" in snippet


def test_search_json_locates_footnote_hits(imported: Path) -> None:
    hits = json.loads(run("search", "demarche", "--json", project=imported).stdout)
    [hit] = hits
    assert hit["part"] == "footnote 1" and hit["page"] == "780"
    note = json.loads(run("show", SAMPLE_ID, "--json", project=imported).stdout)["footnotes"][0]
    assert note["text"][hit["start"]:hit["end"]] == "démarche"
    assert hit["number"] == "293" and hit["title"].startswith("Telegram 16696")


def test_search_takes_any_input_without_an_error(imported: Path) -> None:
    for typed in ('"', "U.S.-Peruvian", "*", "NEAR(", "zeppelin"):
        result = run("search", typed, project=imported)
        assert "Traceback" not in result.stderr
    assert run("search", "zeppelin", project=imported).stdout == ""
    assert "matches" in run("search", "zeppelin", project=imported).stderr
