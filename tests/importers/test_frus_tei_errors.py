"""Bad input to the TEI importer: each kind fails with one sentence naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cable_annotator.importers.errors import ImportFailed
from cable_annotator.importers.tei import read_tei_volume

from .tei_fixtures import TEI_NS, tei, write

GOOD = tei('<div type="document" n="1" xml:id="d1"><head>1. Editorial Note</head>'
           '<p>Text.</p></div>')
BOMB = f"""<?xml version="1.0"?>
<!DOCTYPE TEI [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<TEI xmlns="{TEI_NS}"><text><body><p>&lol3;</p></body></text></TEI>
"""
EXTERNAL_ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TEI xmlns="{TEI_NS}"><text><body><p>&secret;</p></body></text></TEI>
"""
EXTERNAL_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE TEI SYSTEM "http://example.org/tei_all.dtd">
<TEI xmlns="{TEI_NS}"><text><body/></text></TEI>
"""


def _failure(tmp_path: Path, content: str | bytes, name: str = "broken.xml") -> ImportFailed:
    path = write(tmp_path, content, name=name)
    with pytest.raises(ImportFailed) as caught:
        read_tei_volume(path)
    error = caught.value
    assert name in str(error)
    assert error.problem and error.problem.count(". ") == 0
    return error


def test_truncated_file(tmp_path: Path) -> None:
    error = _failure(tmp_path, GOOD[: len(GOOD) // 2 + 40])
    assert "truncated" in error.problem


def test_not_well_formed_gives_the_line(tmp_path: Path) -> None:
    content = GOOD.replace("<p>Text.</p>", "<p>Text.\n</q>")
    error = _failure(tmp_path, content)
    assert "not well-formed" in error.problem
    expected = content[: content.index("</q>")].count("\n") + 1
    assert error.line == expected
    assert f"line {expected}" in str(error)


def test_not_tei(tmp_path: Path) -> None:
    error = _failure(tmp_path, "<html><body><p>x</p></body></html>")
    assert "not a TEI document" in error.problem


def test_tei_root_outside_the_tei_namespace(tmp_path: Path) -> None:
    error = _failure(tmp_path, "<TEI><text/></TEI>")
    assert "namespace" in error.problem


def test_no_document_divs(tmp_path: Path) -> None:
    error = _failure(tmp_path, tei('<div type="chapter"><head>Empty</head></div>'))
    assert "no document divisions" in error.problem


def test_entity_bomb_is_refused(tmp_path: Path) -> None:
    error = _failure(tmp_path, BOMB)
    assert "entity bomb" in error.problem
    assert error.line == 2


def test_external_entity_is_refused(tmp_path: Path) -> None:
    error = _failure(tmp_path, EXTERNAL_ENTITY)
    assert "external entity" in error.problem


def test_external_dtd_is_refused(tmp_path: Path) -> None:
    error = _failure(tmp_path, EXTERNAL_DTD)
    assert "external DTD" in error.problem


def test_undeclared_entity(tmp_path: Path) -> None:
    error = _failure(tmp_path, GOOD.replace("Text.", "Text &nbsp; more."))
    assert "entity" in error.problem


def test_empty_and_missing_files(tmp_path: Path) -> None:
    assert "empty" in _failure(tmp_path, b"", name="empty.xml").problem
    with pytest.raises(ImportFailed) as caught:
        read_tei_volume(tmp_path / "missing.xml")
    assert "missing.xml" in str(caught.value) and "cannot be read" in caught.value.problem


def test_xinclude_is_not_resolved(tmp_path: Path) -> None:
    content = GOOD.replace(
        "</titleStmt>",
        '</titleStmt><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="../shared/frus-dates.xml" xpointer="frus-dates"/>')
    volume, cables = read_tei_volume(write(tmp_path, content))
    assert len(cables) == 1 and volume.id == "frustest"
