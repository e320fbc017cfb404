"""Finding the annotation on exactly the selected passage (the digit key's toggle) by
bisection gives what a scan of the whole list gives."""

from __future__ import annotations

import random

from cable_annotator.domain.annotation import Annotation
from cable_annotator.services import queries
from cable_annotator.ui.annotations.annotation_actions import same_passage


def _annotation(n: int, part: str, start: int, end: int) -> Annotation:
    return Annotation(id=f"a{n}", cable_id="v/d1", part=part, start=start, end=end,
                      quote="q", prefix="", suffix="", theme_ids=[1], note="", author="",
                      created="", modified="")


def test_bisection_agrees_with_a_scan_over_body_and_footnotes():
    chooser = random.Random(7)
    parts = ["body", "footnote 1", "footnote 2", "footnote 10"]
    annotations = []
    for n in range(3000):
        start = chooser.randrange(0, 500)
        annotations.append(_annotation(n, chooser.choice(parts), start,
                                       start + chooser.randrange(1, 40)))
    annotations.sort(key=queries.text_order)
    for _ in range(2000):
        part, start = chooser.choice(parts), chooser.randrange(0, 520)
        end = start + chooser.randrange(1, 40)
        scanned = next((a for a in annotations
                        if a.part == part and a.start == start and a.end == end), None)
        assert same_passage(annotations, part, start, end) is scanned
    for annotation in chooser.sample(annotations, 200):
        found = same_passage(annotations, annotation.part, annotation.start, annotation.end)
        assert found is not None and (found.part, found.start, found.end) == (
            annotation.part, annotation.start, annotation.end)
    assert same_passage([], "body", 0, 1) is None
