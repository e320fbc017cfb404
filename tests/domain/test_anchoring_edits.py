"""Re-anchoring never lies: edits before, inside and after a passage, and its deletion,
on the sample cable (doc. 293) — the passage is found on the right words or orphaned."""

from __future__ import annotations

import pytest

from cable_annotator.domain.anchoring import place, select
from cable_annotator.importers.plaintext import read_frus_text
from tests.conftest import SAMPLE_TEXT, SAMPLE_VOLUME

QUOTE = "an arms race could ensue"


@pytest.fixture(scope="module")
def text() -> str:
    return read_frus_text(SAMPLE_TEXT, volume=SAMPLE_VOLUME).text


def _anchor(text: str, quote: str = QUOTE):
    start = text.index(quote)
    return select(text, start, start + len(quote)), start, start + len(quote)


def test_edit_before_moves_to_the_same_words(text: str) -> None:
    selector, start, end = _anchor(text)
    changed = text.replace("You should seek an appointment",
                           "You should, as soon as possible, seek an appointment")
    found = place(changed, selector, start, end)
    assert found.method == "exact" and found.start == start + len(", as soon as possible,")
    assert changed[found.start:found.end] == QUOTE


def test_edit_just_after_keeps_the_position(text: str) -> None:
    selector, start, end = _anchor(text)
    changed = text.replace(QUOTE + ". Contrary", QUOTE + ". On the contrary, and contrary")
    found = place(changed, selector, start, end)
    assert (found.start, found.end, found.method) == (start, end, "position")


def test_edit_on_both_sides_still_finds_a_long_unique_quote(text: str) -> None:
    selector, start, end = _anchor(text)
    changed = text.replace("armaments, and " + QUOTE + ". Contrary",
                           "weapons; then " + QUOTE + "! Despite")
    found = place(changed, selector, start, end)
    assert found is not None and changed[found.start:found.end] == QUOTE


def test_edit_inside_places_on_the_reworded_passage(text: str) -> None:
    selector, start, end = _anchor(text)
    changed = text.replace(QUOTE, "an arms race might ensue")
    found = place(changed, selector, start, end)
    assert found.method == "fuzzy"
    assert changed[found.start:found.end] == "an arms race might ensue"


def test_typo_fixed_inside_with_a_character_outside_the_bmp(text: str) -> None:
    selector, start, end = _anchor(text)
    changed = "𝔉𝔯𝔲𝔰 " + text.replace(QUOTE, "an arms-race could ensue")
    found = place(changed, selector, start, end)
    assert changed[found.start:found.end] == "an arms-race could ensue"


@pytest.mark.parametrize("deleted", [", and " + QUOTE, QUOTE,
                                     "Peru’s neighbors might react by seeking increased "
                                     "armaments, and " + QUOTE + ". "])
def test_deleted_passage_is_orphaned_not_moved(text: str, deleted: str) -> None:
    """The issue's report: with the clause gone, the old matcher moved the annotation onto
    "an arms race. He should" in paragraph 8."""
    selector, start, end = _anchor(text)
    changed = text.replace(deleted, "")
    assert QUOTE not in changed and "an arms race. He should" in changed
    assert place(changed, selector, start, end) is None


def test_short_quote_whose_context_is_all_new_is_orphaned(text: str) -> None:
    """"Chile" still occurs elsewhere, but none of those is the passage that was tagged."""
    quote = "mention of Chile"
    selector, start, end = _anchor(text, quote)
    short = select(text, start + len("mention of "), end)
    changed = text.replace("any specific mention of Chile, but have", "no view on this, and")
    assert "Chile" in changed
    assert place(changed, short, start + len("mention of "), end) is None
    assert selector.quote == quote
