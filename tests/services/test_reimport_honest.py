"""A corrected re-import never moves an annotation onto other words and never rewrites
its quote; the CSV lists the orphan without offsets, and the reader can re-attach it."""

from __future__ import annotations

import csv
import io

from cable_annotator.cli import main
from cable_annotator.services.annotating import annotate_quote, reattach_annotation
from cable_annotator.services.exporting import export_csv
from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import annotations_of, find_theme, load_cable
from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME

QUOTE = "an arms race could ensue"


def _rows(project) -> list[dict]:
    out = io.StringIO()
    export_csv(project, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_deleted_clause_orphans_instead_of_moving_to_paragraph_8(project, sample_copy) -> None:
    theme = find_theme(project, "Arms race")
    tagged = annotate_quote(project, SAMPLE_ID, QUOTE, [theme.id]).annotation
    reworded = annotate_quote(project, SAMPLE_ID, "Contrary to alarmist rumors",
                              [theme.id]).annotation
    sample_copy.write_text(sample_copy.read_text("utf-8")
                           .replace(", and an arms race could", ",")
                           .replace("alarmist rumors", "alarmist rumours"), encoding="utf-8")
    report = import_files(project, [sample_copy], volume=SAMPLE_VOLUME)
    assert (report.orphaned_annotations, report.approximate_annotations) == (1, 1)
    by_id = {a.id: a for a in annotations_of(project, SAMPLE_ID)}
    assert by_id[tagged.id].orphaned and by_id[tagged.id].quote == QUOTE
    text = load_cable(project, SAMPLE_ID).text
    fuzzy = by_id[reworded.id]
    assert text[fuzzy.start:fuzzy.end] == "Contrary to alarmist rumours"
    assert fuzzy.quote == "Contrary to alarmist rumors"  # as highlighted, not rewritten
    rows = {row["annotation_id"]: row for row in _rows(project)}
    assert rows[tagged.id]["start"] == rows[tagged.id]["page"] == ""
    assert rows[tagged.id]["quote"] == QUOTE and rows[tagged.id]["themes"] == "Arms race"

    change = reattach_annotation(project, tagged.id, "body", text.index("an arms race. He"),
                                 text.index("an arms race. He") + len("an arms race"))
    assert change.before.orphaned and not change.annotation.orphaned
    assert change.annotation.quote == "an arms race"
    assert _rows(project)[0]["start"] != ""


def test_cli_reports_the_orphan_and_not_a_followed_passage(tmp_path, capsys) -> None:
    project = tmp_path / "p.cableproj"
    corrected = tmp_path / SAMPLE_TEXT.name
    corrected.write_text(SAMPLE_TEXT.read_text("utf-8").replace(", and an arms race could", ","),
                         encoding="utf-8")
    base = ["--project", str(project)]
    assert main([*base, "import", "--volume", SAMPLE_VOLUME, str(SAMPLE_TEXT)]) == 0
    assert main([*base, "annotate", SAMPLE_ID, "--quote", QUOTE, "--theme", "Arms race"]) == 0
    capsys.readouterr()
    assert main([*base, "import", "--volume", SAMPLE_VOLUME, str(corrected)]) == 0
    err = capsys.readouterr().err
    assert "1 annotation(s) could not be placed" in err
    assert "followed" not in err and "found their" not in err
