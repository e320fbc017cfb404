"""Re-importing a corrected text keeps every annotation: moved, or kept as orphaned."""

from __future__ import annotations

from cable_annotator.services.annotating import annotate_quote
from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import annotations_of, find_theme, list_cables, load_cable

CABLE = "frus1969-76ve11p2/d293"


def test_reimport_moves_and_orphans_but_never_deletes(project, sample_copy) -> None:
    theme = find_theme(project, "Arms race")
    kept = annotate_quote(project, CABLE, "an arms race could ensue", [theme.id]).annotation
    doomed = annotate_quote(project, CABLE, "Guidance prepared for that purpose follows septel",
                            [theme.id]).annotation
    corrected = sample_copy.read_text("utf-8")
    corrected = corrected.replace("You should seek an appointment",
                                  "You should, as soon as possible, seek an appointment")
    corrected = corrected.replace(" Guidance prepared for that purpose follows septel.", "")
    sample_copy.write_text(corrected, encoding="utf-8")

    report = import_files(project, [sample_copy], volume="frus1969-76ve11p2")
    assert report.updated == 1 and report.added == 0
    assert report.orphaned_annotations == 1
    assert len(list_cables(project)) == 1
    by_id = {a.id: a for a in annotations_of(project, CABLE)}
    assert set(by_id) == {kept.id, doomed.id}
    text = load_cable(project, CABLE).text
    moved = by_id[kept.id]
    assert not moved.orphaned and moved.start > kept.start
    assert text[moved.start:moved.end] == "an arms race could ensue"
    assert by_id[doomed.id].orphaned
    assert by_id[doomed.id].quote == "Guidance prepared for that purpose follows septel"
