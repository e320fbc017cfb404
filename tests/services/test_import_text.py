"""Importing a FRUS document given as text (pasted or dropped), without a file."""

from __future__ import annotations

import pytest

from cable_annotator.importers.errors import ImportFailed
from cable_annotator.services import queries
from cable_annotator.services.importing import import_text
from tests.conftest import SAMPLE_TEXT


def test_pasted_text_becomes_a_cable_of_the_given_volume(empty_project):
    report = import_text(empty_project, SAMPLE_TEXT.read_text(encoding="utf-8"), "clipboard",
                         volume="frus1969-76ve11p2")
    assert [c.id for c in report.cables] == ["frus1969-76ve11p2/d293"]
    assert report.added == 1 and report.imported_sources == ["clipboard"]
    cable = queries.load_cable(empty_project, "frus1969-76ve11p2/d293")
    assert cable.pages and cable.footnotes


def test_text_that_is_no_document_is_kept_verbatim(empty_project):
    report = import_text(empty_project, "a shopping list\n\n\nmilk", "clipboard")
    assert [(r.format, r.guessed) for r in report.readings] == [("text", True)]
    cable = queries.load_cable(empty_project, report.cables[0].id)
    assert cable.kind == "text" and cable.text == "a shopping list\n\n\nmilk"


def test_empty_text_is_refused_naming_its_source(empty_project):
    with pytest.raises(ImportFailed, match="no text"):
        import_text(empty_project, "  ", "clipboard")
    assert queries.list_cables(empty_project) == []
