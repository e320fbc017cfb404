"""Re-anchoring finds an unchanged passage wherever text is inserted around it."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cable_annotator.domain.anchoring import reanchor, select

SAMPLE = ("Peru's neighbors might react by seeking increased armaments, and an arms race could "
          "ensue. Contrary to alarmist rumors and some public statements in Lima, there is no "
          "evidence available to us that any one of Peru's neighbors has so far engaged in a "
          "build-up of military hardware.")
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=200, deadline=None)
@given(before=words, inside=words, start=st.integers(0, len(SAMPLE) - 10),
       length=st.integers(5, 60))
def test_passage_survives_insertions_elsewhere(before: str, inside: str, start: int,
                                               length: int) -> None:
    end = min(start + length, len(SAMPLE))
    selector = select(SAMPLE, start, end)
    assume(SAMPLE.count(selector.quote) == 1)
    changed = before + SAMPLE[:start] + SAMPLE[start:end] + inside + SAMPLE[end:]
    found = reanchor(changed, selector, start, end)
    assert found is not None
    assert changed[found[0]:found[1]] == selector.quote
