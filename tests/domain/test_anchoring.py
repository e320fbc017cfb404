"""Finding a passage again after the text changed: exact, by context, fuzzy, or not at all."""

from __future__ import annotations

from cable_annotator.domain.anchoring import find_occurrence, reanchor, select

TEXT = ("Peru's neighbors might react by seeking increased armaments, and an arms race could "
        "ensue. We know the GOP does not, in fact, want an arms race or any other form of "
        "instability in the area.")


def test_selector_keeps_quote_and_context() -> None:
    start = TEXT.index("an arms race could ensue")
    selector = select(TEXT, start, start + len("an arms race could ensue"))
    assert selector.quote == "an arms race could ensue"
    assert selector.prefix.endswith("armaments, and ")
    assert len(selector.prefix) == 32 and selector.suffix.startswith(". We know")


def test_unchanged_text_keeps_the_position() -> None:
    start = TEXT.index("arms race or")
    selector = select(TEXT, start, start + 9)
    assert reanchor(TEXT, selector, start, start + 9) == (start, start + 9)


def test_inserted_text_moves_the_passage_to_the_occurrence_with_matching_context() -> None:
    second = TEXT.index("an arms race or")
    selector = select(TEXT, second, second + len("an arms race"))
    changed = "[Corrected] " + TEXT
    start, end = reanchor(changed, selector, second, second + len("an arms race"))
    assert changed[start:end] == "an arms race"
    assert changed[end:].startswith(" or any other form")


def test_corrected_typo_is_found_fuzzily() -> None:
    start = TEXT.index("seeking increased armaments")
    selector = select(TEXT, start, start + len("seeking increased armaments"))
    changed = TEXT.replace("seeking increased armaments", "seeking increased armament")
    found = reanchor(changed, selector, start, start + len(selector.quote))
    assert found is not None
    assert changed[found[0]:found[1]].startswith("seeking increased armament")


def test_vanished_passage_cannot_be_placed() -> None:
    start = TEXT.index("instability in the area")
    selector = select(TEXT, start, start + len("instability in the area"))
    changed = TEXT.replace("instability in the area", "")
    assert reanchor(changed, selector, start, start + 23) is None


def test_find_occurrence_counts_from_one() -> None:
    assert find_occurrence(TEXT, "arms race", 2)[0] == TEXT.index("arms race or")
    assert find_occurrence(TEXT, "arms race", 3) is None


def test_fuzzy_match_takes_no_stray_space() -> None:
    text = "4. Contrary to alarmist rumors and some public statements in Lima, there is no."
    start = text.index("Contrary to alarmist rumors")
    selector = select(text, start, start + len("Contrary to alarmist rumors"))
    changed = text.replace("alarmist rumors", "alarmist rumours")
    found = reanchor(changed, selector, start, start + len(selector.quote))
    assert changed[found[0]:found[1]] == "Contrary to alarmist rumours"
