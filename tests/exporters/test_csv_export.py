"""CSV export: columns, pages across a turn, themes with parents, long format, Excel, and
spreadsheet-formula neutralisation — read back with the csv module as R or pandas would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cable_annotator.exporters.csv_export import COLUMNS, neutralise
from cable_annotator.services.annotating import annotate_quote
from cable_annotator.services.codebook import add_theme
from cable_annotator.services.exporting import export_csv
from cable_annotator.services.queries import find_theme

CABLE = "frus1969-76ve11p2/d293"
EXPECTED_COLUMNS = [
    "annotation_id", "cable_id", "volume", "document_number", "cable_title", "cable_date",
    "part", "paragraph", "page", "start", "end", "quote", "themes", "note", "author",
    "created", "modified", "citation", "mrn", "dtg", "exported_with",
]


def rows_of(project, **options) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    export_csv(project, out, **options)
    return list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline="")))


def test_columns_in_the_agreed_order() -> None:
    assert list(COLUMNS) == EXPECTED_COLUMNS


def test_row_for_a_quote_across_a_page_turn(project) -> None:
    arms = find_theme(project, "Arms race")
    annotation = annotate_quote(project, CABLE, "an arms race could ensue", [arms.id],
                                note="Escalation").annotation
    (row,) = rows_of(project)
    assert row["annotation_id"] == annotation.id
    assert row["cable_id"] == CABLE and row["volume"] == "frus1969-76ve11p2"
    assert row["document_number"] == "293"
    assert row["cable_title"] == (
        "Telegram 16696 From the Department of State to the Embassy in Peru")
    assert row["part"] == "body" and row["paragraph"] == "4" and row["page"] == "780–781"
    assert row["quote"] == "an arms race could ensue"
    assert row["themes"] == "Arms race" and row["note"] == "Escalation"
    assert int(row["end"]) - int(row["start"]) == len("an arms race could ensue")
    assert row["citation"].endswith("doc. 293, pp. 780–781.")
    assert "Foreign Relations of the United States, 1969–1976, vol. E–11, pt. 2" in (
        row["citation"])


def test_pages_of_other_passages(project) -> None:
    theme = find_theme(project, "Regional stability")
    annotate_quote(project, CABLE, "Contrary to alarmist rumors", [theme.id])
    annotate_quote(project, CABLE, "President Velasco at an early date", [theme.id])
    annotate_quote(project, CABLE, "the Chileans may put great pressure", [theme.id])
    annotate_quote(project, CABLE, "could lead to increased tensions", [theme.id],
                   part="footnote 1")
    rows = {row["quote"]: row for row in rows_of(project)}
    assert rows["Contrary to alarmist rumors"]["page"] == "781"
    assert rows["President Velasco at an early date"]["page"] == "780"
    assert rows["President Velasco at an early date"]["paragraph"] == "1"
    assert rows["the Chileans may put great pressure"]["page"] == "782"
    footnote = rows["could lead to increased tensions"]
    assert footnote["part"] == "footnote 1" and footnote["page"] == "780"


def test_parent_themes_long_format_and_excel_bom(project, tmp_path: Path) -> None:
    sales = find_theme(project, "Arms sales")
    tanks = add_theme(project, "Tanks", parent_id=sales.id).theme
    soviet = find_theme(project, "Soviet influence")
    annotate_quote(project, CABLE, "Soviet tanks", [tanks.id, soviet.id])
    (wide,) = rows_of(project)
    assert wide["themes"] == "Arms sales/Tanks; Soviet influence"
    long = rows_of(project, long=True)
    assert [row["themes"] for row in long] == ["Arms sales/Tanks", "Soviet influence"]
    path = tmp_path / "out.csv"
    assert export_csv(project, path, excel=True) == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfannotation_id,")
    assert b"\r\n" in raw


def test_formula_injection_is_neutralised(project) -> None:
    theme = find_theme(project, "Arms race")
    annotate_quote(project, CABLE, "arms race", [theme.id], note='=HYPERLINK("http://x")')
    (row,) = rows_of(project)
    assert row["note"] == "'=HYPERLINK(\"http://x\")"
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("780–781") == "780–781"


def test_notes_with_quotes_commas_and_newlines_survive(project) -> None:
    theme = find_theme(project, "Arms race")
    note = 'He said, "no",\nand left.'
    annotate_quote(project, CABLE, "arms race", [theme.id], note=note)
    assert rows_of(project)[0]["note"] == note


def test_orphaned_annotations_export_without_offsets(project, sample_copy) -> None:
    from cable_annotator.services.importing import import_files

    theme = find_theme(project, "Arms race")
    annotate_quote(project, CABLE, "Guidance prepared for that purpose follows septel", [theme.id])
    text = sample_copy.read_text("utf-8").replace(
        " Guidance prepared for that purpose follows septel.", "")
    sample_copy.write_text(text, encoding="utf-8")
    import_files(project, [sample_copy], volume="frus1969-76ve11p2")
    (row,) = rows_of(project)
    assert (row["start"], row["end"], row["page"], row["paragraph"]) == ("", "", "", "")
    assert row["quote"] == "Guidance prepared for that purpose follows septel"
    assert row["citation"].endswith("doc. 293.")
