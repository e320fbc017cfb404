"""Full-text search over real project files: phrases, prefixes, diacritics, footnotes,
astral characters, hostile input, and an index that stays in step with imports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import load_cable
from cable_annotator.services.search import matching_cables, search, snippet
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import Project

from ..conftest import SAMPLE_ID, SAMPLE_VOLUME


def located(project, hit) -> str:
    """The text a hit points at, read from the stored cable (not from the index)."""
    return load_cable(project, hit.cable_id).part_text(hit.part)[hit.start:hit.end]


def test_quoted_phrase_finds_the_exact_words(project) -> None:
    [hit] = search(project, '"arms race could ensue"')
    assert (hit.cable_id, hit.part, hit.number) == (SAMPLE_ID, "body", "293")
    assert located(project, hit) == "arms race could ensue"
    assert "arms race could ensue" in hit.snippet
    assert hit.title.startswith("Telegram 16696")


def test_unquoted_words_must_all_occur_and_side_by_side_make_one_hit(project) -> None:
    hits = search(project, "arms race")
    assert "arms race" in [located(project, hit) for hit in hits]
    assert search(project, "arms zeppelin") == []
    assert matching_cables(project, "arms race") == [SAMPLE_ID]


def test_trailing_star_is_a_prefix(project) -> None:
    words = {located(project, hit) for hit in search(project, "Peruv*")}
    assert words == {"Peruvian"}
    assert search(project, "Peruv") == []


def test_diacritics_are_ignored_both_ways(project) -> None:
    [hit] = search(project, "demarche")
    assert located(project, hit) == "démarche"
    assert hit.part == "footnote 1"
    assert [h.start for h in search(project, "démarche")] == [hit.start]


def test_footnote_hits_carry_offsets_into_the_note(project) -> None:
    hits = search(project, "Belcher")
    assert {hit.part for hit in hits} == {"footnote 1"}
    note = load_cable(project, SAMPLE_ID).footnote("1").text
    assert [note[h.start:h.end] for h in hits] == ["Belcher", "Belcher"]
    assert hits[0].start == note.index("Belcher")


@pytest.mark.parametrize("typed", ['"', '*', '-', 'U.S.-', '"arms', 'arms"', 'NOT', 'NEAR(',
                                   'AND OR', '(arms', 'arms:race', "^", "a'b", '"" *', ''])
def test_any_input_is_a_search_never_an_error(project, typed: str) -> None:
    assert isinstance(search(project, typed), list)
    assert isinstance(matching_cables(project, typed), list)


def test_punctuated_words_are_found_as_printed(project) -> None:
    hits = search(project, "U.S. Government’s")
    assert [located(project, hit) for hit in hits] == ["U.S. Government’s"]
    assert located(project, search(project, "U.S.-Government")[0]) == "U.S. Government"
    assert search(project, '"arms') == search(project, "arms")


def test_astral_characters_do_not_shift_offsets(empty_project, sample_copy: Path) -> None:
    text = sample_copy.read_text("utf-8")
    text = text.replace("You should seek an appointment",
                        "You 𝔰𝔥𝔬𝔲𝔩𝔡 😀 should seek an appointment", 1)
    text = text.replace("Summary: The Department instructed Belcher",
                        "Summary: The 🇵🇪 Department 𝄞 instructed Belcher", 1)
    sample_copy.write_text(text, encoding="utf-8")
    import_files(empty_project, [sample_copy], volume=SAMPLE_VOLUME)

    body = {located(empty_project, hit) for hit in search(empty_project, '"seek an appointment"')}
    assert body == {"seek an appointment"}
    [note_hit] = search(empty_project, '"instructed Belcher"')
    assert located(empty_project, note_hit) == "instructed Belcher"
    note = load_cable(empty_project, SAMPLE_ID).footnote("1").text
    assert note_hit.start == note.index("instructed")  # code points, not UTF-16 or bytes


def test_reimport_replaces_the_index_rows(project, sample_copy: Path) -> None:
    before = search(project, "Velasco")
    import_files(project, [sample_copy], volume=SAMPLE_VOLUME)
    assert search(project, "Velasco") == before
    corrected = sample_copy.read_text("utf-8").replace("Greene mission", "Greene zeppelin")
    sample_copy.write_text(corrected, encoding="utf-8")
    import_files(project, [sample_copy], volume=SAMPLE_VOLUME)
    assert search(project, '"Greene mission"') == []
    [hit] = search(project, "zeppelin")
    assert located(project, hit) == "zeppelin"


def test_failed_import_leaves_no_index_rows(empty_project, sample_copy: Path) -> None:
    # A real failure late in the import transaction, after the index rows are written.
    with sqlite3.connect(empty_project.path) as connection:
        connection.execute("CREATE TRIGGER fail AFTER INSERT ON cable_text_index_state "
                           "BEGIN SELECT RAISE(ABORT, 'disk is full'); END")
    with pytest.raises(ProjectError, match="disk is full"):
        import_files(empty_project, [sample_copy], volume=SAMPLE_VOLUME)
    with sqlite3.connect(empty_project.path) as connection:
        assert connection.execute("SELECT count(*) FROM cable_text_index").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM cables").fetchone() == (0,)
    assert search(empty_project, "Velasco") == []


def test_missing_or_stale_index_is_rebuilt_on_open(project) -> None:
    path = project.path
    project.close()
    with sqlite3.connect(path) as connection:  # as an earlier release would leave it
        connection.execute("DROP TABLE cable_text_index")
    with Project.open(path) as reopened:
        assert matching_cables(reopened, "Velasco") == [SAMPLE_ID]
    with sqlite3.connect(path) as connection:  # an earlier release re-imported a text
        connection.execute("UPDATE cables SET text = replace(text, 'Velasco', 'Zeppelin'), "
                           "imported = '2999-01-01T00:00:00Z'")
    with Project.open(path) as reopened:
        assert matching_cables(reopened, "Zeppelin") == [SAMPLE_ID]
        assert {h.part for h in search(reopened, "Velasco")} == {"footnote 1"}


def test_limit_and_single_cable(project) -> None:
    assert len(search(project, "the", limit=5)) == 5
    assert search(project, "the", limit=0) == []
    assert search(project, "Velasco", cable_id="nowhere/d1") == []
    assert {h.cable_id for h in search(project, "Velasco", cable_id=SAMPLE_ID)} == {SAMPLE_ID}


def test_snippet_is_one_line_cut_at_words() -> None:
    text = "alpha beta\ngamma delta epsilon zeta eta theta"
    start = text.index("delta")
    assert snippet(text, start, start + 5, context=8) == "…gamma delta epsilon…"
    assert snippet("delta", 0, 5) == "delta"


@pytest.mark.shared
def test_whole_tei_volume_is_searchable(empty_project, shared_corpus: Path) -> None:
    import_files(empty_project, [shared_corpus / "frus" / "frus1969-76ve09p1.xml"])
    assert matching_cables(empty_project, '"oil embargo"') == ["frus1969-76ve09p1/d36"]
    hits = search(empty_project, '"oil embargo"')
    assert hits and all(located(empty_project, h).lower() == "oil embargo" for h in hits)
    libya = search(empty_project, "Qadhafi", limit=1000)
    assert len({hit.cable_id for hit in libya}) == len(matching_cables(empty_project, "Qadhafi"))
    assert all(located(empty_project, hit) == "Qadhafi" for hit in libya)


def test_count_hits_agrees_with_the_hits_and_stops_at_its_limit(project) -> None:
    from cable_annotator.services.search import count_hits

    for query in ("the", "arms race", '"arms race could ensue"', "zeppelin", ""):
        assert count_hits(project, query) == len(search(project, query, limit=1000)), query
    many = len(search(project, "the", limit=1000))
    assert many > 3
    assert count_hits(project, "the", limit=3) == 3
