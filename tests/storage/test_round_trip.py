"""A cable stored and loaded again is the same cable, field for field."""

from __future__ import annotations

from cable_annotator.importers.frus_text import read_frus_text
from cable_annotator.services.queries import load_cable
from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME


def test_sample_cable_round_trips_through_the_store(project) -> None:
    parsed = read_frus_text(SAMPLE_TEXT, volume=SAMPLE_VOLUME)
    assert load_cable(project, SAMPLE_ID) == parsed
