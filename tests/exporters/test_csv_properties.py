"""Whatever a historian writes in a note, the CSV reads back to the same text."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cable_annotator.domain.annotation import Annotation, Theme
from cable_annotator.domain.cable import Block, Cable, PageBreak
from cable_annotator.exporters.csv_export import (
    COLUMNS,
    AnnotatedCable,
    starts_like_formula,
    write_csv,
)

TEXT = "Heading\n\n1. A passage on page one that turns here to page two."
CABLE = Cable(id="v/d1", volume="v", number="1", title="Telegram 1", text=TEXT,
              blocks=[Block("heading", 0, 7), Block("paragraph", 9, len(TEXT), "1")],
              pages=[PageBreak("10", 0), PageBreak("11", TEXT.index("to page two"))])
THEMES = [Theme(1, "Arms race"), Theme(2, "Tanks", parent_id=1)]


@settings(max_examples=150, deadline=None)
@given(note=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))),
       long=st.booleans(), excel=st.booleans())
def test_any_note_round_trips(note: str, long: bool, excel: bool) -> None:
    annotation = Annotation("id-1", CABLE.id, "body", 9, len(TEXT), TEXT[9:], theme_ids=[2, 1],
                            note=note)
    out = io.StringIO(newline="")
    write_csv(out, [AnnotatedCable(CABLE, None, [annotation])], THEMES, long, excel)
    text = out.getvalue().removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == (2 if long else 1)
    assert list(rows[0]) == list(COLUMNS)
    written = rows[0]["note"]
    if note[:1] in ("=", "+", "-", "@", "\t", "\r") or starts_like_formula(note):
        assert written == "'" + note
    else:
        assert written == note
    assert rows[0]["page"] == "10–11" and rows[0]["paragraph"] == "1"
    expected = ["Arms race/Tanks", "Arms race"] if long else ["Arms race/Tanks; Arms race"]
    assert [row["themes"] for row in rows] == expected
