"""Hostile TEI files are refused for the real reason, and no CSV cell a spreadsheet could
evaluate reaches the file unguarded."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cable_annotator.domain.annotation import Annotation, Theme
from cable_annotator.domain.cable import Block, Cable, Footnote
from cable_annotator.domain.volume import Volume
from cable_annotator.exporters.csv_export import COLUMNS, AnnotatedCable, write_csv
from cable_annotator.importers.errors import ImportFailed
from cable_annotator.importers.tei import read_tei_volume

from ..importers.tei_fixtures import TEI_NS, tei

DOCUMENT = ('<div type="document" n="1" xml:id="d1"><head>1. Telegram</head>'
            '<p>Text &e; here.</p></div>')
ENTITY_DOCTYPE = '<!DOCTYPE TEI [<!ENTITY e "INJECTED">]>'


def _refusal(tmp_path: Path, data: bytes) -> ImportFailed:
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as caught:
        read_tei_volume(path)
    assert "hostile.xml" in str(caught.value)
    return caught.value


@pytest.mark.parametrize("prolog", [
    "<!-- " + "x" * 70_000 + " -->",                      # the bypass
    "<?xml version='1.0'?>\n" + "<!-- a -->\n" * 5000,
    "<?pi " + "y" * 100_000 + "?>",
    "\n" * 20_000,
])
def test_a_doctype_is_refused_wherever_it_stands(tmp_path, prolog) -> None:
    body = tei(DOCUMENT)
    data = (prolog + ENTITY_DOCTYPE + body.split("?>", 1)[-1]).encode("utf-8")
    error = _refusal(tmp_path, data)
    assert "DOCTYPE" in error.problem and "INJECTED" not in str(error)


def test_a_doctype_in_utf16_and_with_a_bom_is_refused(tmp_path) -> None:
    text = ENTITY_DOCTYPE + f'<TEI xmlns="{TEI_NS}"><text><body>{DOCUMENT}</body></text></TEI>'
    for data in text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode():
        assert "DOCTYPE" in _refusal(tmp_path, data).problem


def test_a_doctype_without_entities_is_refused_too(tmp_path) -> None:
    data = ("<!DOCTYPE TEI>" + tei(DOCUMENT.replace("&e;", "")).split("?>", 1)[-1]).encode()
    assert "DOCTYPE" in _refusal(tmp_path, data).problem


def test_deep_nesting_is_reported_as_such(tmp_path) -> None:
    deep = "<hi>" * 300 + "x" + "</hi>" * 300
    data = tei(f'<div type="document" n="1" xml:id="d1"><p>{deep}</p></div>').encode()
    error = _refusal(tmp_path, data)
    assert "levels deep" in error.problem and "truncated" not in error.problem


def test_a_huge_text_node_is_reported_as_such(tmp_path) -> None:
    huge = "word " * (11 * 1024 * 1024 // 5)
    data = tei(f'<div type="document" n="1" xml:id="d1"><p>{huge}</p></div>').encode()
    error = _refusal(tmp_path, data)
    assert "text node larger than 10 MB" in error.problem


def test_an_entity_used_thousands_of_times_is_a_refused_dtd(tmp_path) -> None:
    entity = "<!DOCTYPE TEI [<!ENTITY big \"" + "z" * 100_000 + "\">]>"
    uses = "&big;" * 2000
    data = (entity + f'<TEI xmlns="{TEI_NS}"><text><body><div type="document" n="1" '
            f'xml:id="d1"><p>{uses}</p></div></body></text></TEI>').encode()
    assert "entity bomb" in _refusal(tmp_path, data).problem


def test_a_truncated_file_is_still_called_truncated(tmp_path) -> None:
    data = tei(DOCUMENT.replace("&e;", "")).encode()
    assert "truncated" in _refusal(tmp_path, data[: len(data) // 2]).problem


# -- CSV ----------------------------------------------------------------------------------

PAYLOADS = [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1",                   # OWASP's list
    " =1+1", "\n=1+1", "  \n =1+1", '"=1+1', "'=1+1",              # skipped before the sign
    "\u00a0=1+1", "\u200b=1+1", "\ufeff=1+1", "\u2060=1+1",           # NBSP, zero-width, BOM
    "＝1+1", "＋1", "－1", "＠SUM(A1)", "\u2212" + "1",                  # full-width, minus
    "|calc", "%0A=1+1", ";=1+1", ",=1+1",                             # DDE, encoded, separators
    '=HYPERLINK("http://evil","click")', "=cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0", "@@=1",
]


def _row_with(payload: str) -> dict[str, str]:
    """Export one annotation whose every text field — quote, note, author, part, cable
    title, number, volume, id, date, themes — holds ``payload``; return the parsed row."""
    text = payload + " " + "x" * 20
    cable = Cable(id=payload, volume=payload, number=payload, title=payload, text=text,
                  date=payload, blocks=[Block("paragraph", 0, len(text), "1")],
                  footnotes=[Footnote(payload, payload, "source", payload, 0)])
    annotation = Annotation(payload, payload, "body", 0, len(payload), payload,
                            theme_ids=[1], note=payload, author=payload, created=payload,
                            modified=payload)
    themes = [Theme(1, payload)]
    out = io.StringIO(newline="")
    write_csv(out, [AnnotatedCable(cable, Volume(payload, title=payload), [annotation])],
              themes)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    return row


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_is_guarded_in_every_text_column(payload) -> None:
    row = _row_with(payload)
    unguarded = [column for column in COLUMNS if row[column].startswith(payload)]
    assert unguarded == [], f"{payload!r} reached {unguarded} unguarded"
    carrying = ["annotation_id", "cable_id", "volume", "document_number", "cable_title",
                "cable_date", "quote", "themes", "note", "author", "created", "modified"]
    assert {column: row[column] for column in carrying} == \
        {column: "'" + payload for column in carrying}, "guarded, and kept whole after it"


def test_every_field_is_quoted_so_separators_inside_stay_inside() -> None:
    out = io.StringIO(newline="")
    cable = Cable(id="v/d1", volume="v", number="1", title="a;=1+1|b", text="t" * 30)
    annotation = Annotation("id", "v/d1", "body", 0, 5, "ttttt", note="x;=2")
    write_csv(out, [AnnotatedCable(cable, None, [annotation])], [])
    data_line = out.getvalue().split("\r\n")[1]
    assert data_line.startswith('"id","v/d1","v","1","a;=1+1|b"')


@pytest.mark.parametrize("plain", ["780–781", "Arms race", "a = b", "x-ray", "30%", "e-mail"])
def test_ordinary_text_is_left_alone(plain) -> None:
    assert _row_with(plain)["note"] == plain
