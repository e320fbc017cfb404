"""A cable stored and loaded again is the same cable, field for field."""

from __future__ import annotations

from cable_annotator.importers.plaintext import read_frus_text
from cable_annotator.services.queries import load_cable
from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME


def test_sample_cable_round_trips_through_the_store(project) -> None:
    parsed = read_frus_text(SAMPLE_TEXT, volume=SAMPLE_VOLUME)
    assert load_cable(project, SAMPLE_ID) == parsed


def test_structure_written_as_objects_still_loads(project) -> None:
    """Early development builds stored blocks as JSON objects; they still open."""
    from dataclasses import asdict

    from cable_annotator.storage.models import CableRow

    parsed = read_frus_text(SAMPLE_TEXT, volume=SAMPLE_VOLUME)
    with project.transaction() as session:
        row = session.get(CableRow, SAMPLE_ID)
        row.structure = {**row.structure,
                         "blocks": [asdict(block) for block in parsed.blocks],
                         "pages": [asdict(page) for page in parsed.pages]}
    loaded = load_cable(project, SAMPLE_ID)
    assert loaded.blocks == parsed.blocks and loaded.pages == parsed.pages
