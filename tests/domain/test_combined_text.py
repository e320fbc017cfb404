"""A cable as one text (body, then footnotes) maps every part's offsets there and back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cable_annotator.domain.cable import Cable, Footnote
from cable_annotator.domain.combined_text import combine, from_combined, to_combined

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(body=texts, notes=st.lists(texts, max_size=4), data=st.data())
def test_every_part_maps_to_the_combined_text_and_back(body, notes, data) -> None:
    cable = Cable(id="v/d1", volume="v", number="1", title="T", text=body,
                  footnotes=[Footnote(key=str(n), marker=str(n), kind="editorial", text=t,
                                      offset=0) for n, t in enumerate(notes, start=1)])
    combined, ranges = combine(cable)
    for part in cable.parts():
        text = cable.part_text(part)
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        low, high = to_combined(ranges, part, start, end)
        assert combined[low:high] == text[start:end]
        assert from_combined(ranges, low, high) == (part, start, end)


def test_a_range_across_two_parts_belongs_to_none() -> None:
    cable = Cable(id="v/d1", volume="v", number="1", title="T", text="Body text.",
                  footnotes=[Footnote(key="1", marker="1", kind="source", text="A note.",
                                      offset=4)])
    combined, ranges = combine(cable)
    assert combined == "Body text.\n\n— Footnotes —\n[1] A note."
    assert from_combined(ranges, 5, len(combined)) is None
