"""Code point ↔ UTF-16 conversion, the one place where Python and Qt disagree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cable_annotator.domain.offsets import Utf16Map


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_astral_characters_shift_qt_offsets() -> None:
    text = "a𝔘b😀c"
    mapping = Utf16Map(text)
    assert [mapping.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert mapping.from_utf16(3) == 2
    assert mapping.from_utf16(2) == 1  # inside a surrogate pair: rounded down


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_round_trip_for_any_text(text: str) -> None:
    mapping = Utf16Map(text)
    for index in range(len(text) + 1):
        qt = mapping.to_utf16(index)
        assert qt == utf16_length(text[:index])
        assert mapping.from_utf16(qt) == index
