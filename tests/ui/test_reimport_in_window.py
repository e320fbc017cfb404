"""Re-importing a corrected cable from the window: highlights follow the text, and a
passage that is gone stays listed as not found instead of vanishing or breaking the view."""

from __future__ import annotations

from pathlib import Path

from cable_annotator.services import queries
from cable_annotator.ui.annotations.annotation_model import LOCATION_ROLE

from .test_import_export_ui import import_and_wait
from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import open_window

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"
GONE = "Guidance prepared for that purpose follows septel"


def test_reimport_moves_highlights_and_keeps_orphans(qtbot, project, tmp_path):
    kept = annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    doomed = annotate(project, GONE, ["Congress and public opinion"], note="press line")
    window = open_window(qtbot, project, tmp_path)
    corrected = SAMPLE.read_text(encoding="utf-8")
    corrected = corrected.replace("You should seek", "You should, as soon as possible, seek")
    corrected = corrected.replace(f" {GONE}.", "")
    path = tmp_path / "frus1969-76ve11p2-d293.txt"
    path.write_text(corrected, encoding="utf-8")

    report = import_and_wait(qtbot, window, [path])
    assert report is not None and report.orphaned_annotations == 1
    qtbot.waitUntil(lambda: window.current_cable().text.startswith("293."))
    stored = {a.id: a for a in queries.annotations_of(project, SAMPLE_ID)}
    assert stored[doomed.id].orphaned and not stored[kept.id].orphaned
    moved = stored[kept.id]
    window._cable = None
    window.show_cable(SAMPLE_ID)
    assert window.current_cable().text[moved.start:moved.end] == ARMS_RACE_QUOTE
    assert window.reading.annotations_at("body", moved.start + 3) == [kept.id]
    model = window.annotations.model
    locations = {model.annotation(row).id: model.index(row).data(LOCATION_ROLE)
                 for row in range(model.rowCount())}
    assert set(locations) == {kept.id, doomed.id}
    assert "not found in text" in locations[doomed.id]
    assert "not found" not in locations[kept.id]
    window.go_to_annotation(SAMPLE_ID, doomed.id)  # must not fail on a passage that is gone
    assert window.note_editor.annotation_id() == doomed.id


def test_an_orphan_is_reattached_to_a_selection_and_undone(qtbot, project, tmp_path):
    """The issue's case: "an arms race could ensue" deleted from a corrected text becomes
    an orphan (not a highlight on paragraph 8); the reader puts it on a new passage."""
    from .window_helpers import select_in_text

    orphan = annotate(project, ARMS_RACE_QUOTE, ["Arms race"], note="key fear")
    window = open_window(qtbot, project, tmp_path)
    corrected = SAMPLE.read_text(encoding="utf-8").replace(", and an arms race could", ",")
    path = tmp_path / "frus1969-76ve11p2-d293.txt"
    path.write_text(corrected, encoding="utf-8")
    report = import_and_wait(qtbot, window, [path])
    assert report is not None and report.orphaned_annotations == 1
    window._cable = None
    window.show_cable(SAMPLE_ID)
    assert window.reading.annotations_at("body", window.current_cable().text.index(
        "an arms race. He should") + 3) == []
    window.annotations.select_annotation(orphan.id)
    select_in_text(window, "seeking increased armaments")
    assert window.build_text_menu().actions()[-1].isEnabled()
    window.actions.reattach_annotation.trigger()
    [placed] = queries.annotations_of(project, SAMPLE_ID)
    text = window.current_cable().text
    assert not placed.orphaned and placed.quote == "seeking increased armaments"
    assert text[placed.start:placed.end] == "seeking increased armaments"
    assert placed.note == "key fear"
    assert window.reading.annotations_at("body", placed.start + 2) == [orphan.id]
    window.actions.undo.trigger()
    [back] = queries.annotations_of(project, SAMPLE_ID)
    assert back.orphaned and back.quote == ARMS_RACE_QUOTE


def test_a_passage_placed_on_changed_wording_says_so(qtbot, project, tmp_path):
    reworded = annotate(project, "Contrary to alarmist rumors", ["Arms race"])
    window = open_window(qtbot, project, tmp_path)
    path = tmp_path / "frus1969-76ve11p2-d293.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace("alarmist rumors",
                                                               "alarmist rumours"),
                    encoding="utf-8")
    report = import_and_wait(qtbot, window, [path])
    assert report is not None and report.approximate_annotations == 1
    window._cable = None
    window.show_cable(SAMPLE_ID)
    model = window.annotations.model
    [row] = [r for r in range(model.rowCount()) if model.annotation(r).id == reworded.id]
    assert model.index(row).data(LOCATION_ROLE).endswith("wording changed")
    assert model.annotation(row).quote == "Contrary to alarmist rumors"
    assert "placed on changed wording" in window.statusBar().currentMessage()
