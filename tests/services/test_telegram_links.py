"""References as links, resolved from what a real project file holds, both ways.

The telegrams are our corpus (tests/fixtures/telegrams); the FRUS documents are the
bundled sample (doc. 293, which prints telegram 16696 of January 1974) and, for the
source notes, the real TEI volume FRUS 1969–76 vol. E–9, pt. 1 from ../shared."""

from __future__ import annotations

import shutil

import pytest

from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import load_cable
from cable_annotator.services.telegram_links import (
    CITED_BY,
    CITES,
    PRINTED_AS,
    PRINTS,
    links_from,
    links_to,
    resolve_reference,
)
from cable_annotator.storage.project import Project
from tests.conftest import SAMPLE_ID
from tests.importers.telegram_expected import FIXTURES

ALL = sorted(FIXTURES.glob("*.txt"))


def fixture(name: str):
    return FIXTURES / name


def targets(links, relation=None) -> list[tuple[str, bool]]:
    return [(link.target, link.found) for link in links
            if relation is None or link.relation == relation]


@pytest.fixture
def telegrams(project):
    """The sample project with every telegram of the corpus imported."""
    import_files(project, ALL)
    return project


def test_ref_lines_link_to_the_cited_telegrams_and_back(telegrams) -> None:
    lima = load_cable(telegrams, "1974LIMA08043")
    assert targets(links_from(telegrams, lima)) == [
        ("1974STATE193548", True), ("1974STATE016696", True), ("1973LIMA09312", False)]
    back = links_to(telegrams, load_cable(telegrams, "1974STATE193548"))
    assert sorted(targets(back, CITED_BY)) == [("1974LIMA08043", True), (SAMPLE_ID, True)]


def test_padding_reads_16696_and_016696_as_one_telegram(telegrams) -> None:
    citers = links_to(telegrams, load_cable(telegrams, "1974STATE016696"))
    texts = {link.target: link.text for link in citers if link.relation == CITED_BY}
    assert texts == {"1974LIMA08043": "STATE 16696", "1974STATE193548": "STATE 016696"}


def test_a_january_telegram_citing_a_high_serial_means_last_year(telegrams) -> None:
    cable = load_cable(telegrams, "1977STATE017976")
    links = links_from(telegrams, cable)
    assert targets(links) == [("1976STATE295719", True), ("1977LIMA00412", False)]
    # The text's link names the same-year MRN; a click resolves it across the boundary.
    [span] = [r for r in cable.references if r.text == "STATE 295719"]
    assert span.target == "1977STATE295719"
    assert resolve_reference(telegrams, cable, span.target) == "1976STATE295719"
    assert targets(links_to(telegrams, load_cable(telegrams, "1976STATE295719"))) == [
        ("1977STATE017976", True)]


def test_same_year_wins_when_both_years_are_in_the_project(telegrams, tmp_path) -> None:
    same_year = tmp_path / "1977STATE295719.txt"
    same_year.write_text(fixture("1976STATE295719.txt").read_text(encoding="utf-8")
                         .replace("DEC 76", "JAN 77"), encoding="utf-8")
    import_files(telegrams, [same_year])
    assert "1977STATE295719" in {c for c in [load_cable(telegrams, "1977STATE295719").id]}
    # 1977STATE017976 is itself serial 17976: a 295719 of its own year cannot precede it.
    links = links_from(telegrams, load_cable(telegrams, "1977STATE017976"))
    assert targets(links)[0] == ("1976STATE295719", True)
    # A post's telegram citing STATE 017976 (a lower serial) stays in the same year.
    lima = links_from(telegrams, load_cable(telegrams, "1977LIMA07518"))
    assert targets(lima) == [("1977STATE017976", True), ("1977STATE017977", True)]


def test_the_sample_and_its_raw_form_link_both_ways(telegrams) -> None:
    sample = load_cable(telegrams, SAMPLE_ID)
    links = links_from(telegrams, sample)
    assert targets(links, PRINTS) == [("1974STATE016696", True)]
    # Its source note cites telegram 193548 (to Lima) and 8043 (from Lima); "telegram
    # 16696" in the same note is the document itself and is not listed twice.
    assert targets(links, CITES) == [("1974STATE193548", True), ("1974LIMA08043", True)]
    notes = [link for link in links if link.relation == CITES]
    assert all(link.part == "footnote 1" for link in notes)
    note = sample.footnote("1").text
    assert note[notes[0].start:notes[0].end] == "telegram 193548"
    raw = links_to(telegrams, load_cable(telegrams, "1974STATE016696"))
    assert targets(raw, PRINTED_AS) == [(SAMPLE_ID, True)]


def test_links_go_live_when_the_missing_telegram_is_imported(project) -> None:
    import_files(project, [fixture("1974LIMA08043.txt")])
    lima = load_cable(project, "1974LIMA08043")
    assert targets(links_from(project, lima)) == [
        ("1974STATE193548", False), ("1974STATE016696", False), ("1973LIMA09312", False)]
    import_files(project, [fixture("1974STATE193548.txt")])
    assert targets(links_from(project, lima))[0] == ("1974STATE193548", True)


def test_the_telegram_header_survives_the_project_file(telegrams, project_path) -> None:
    telegrams.close()
    reopened = Project.open(project_path)
    try:
        cable = load_cable(reopened, "1978TELAV04021")
        assert cable.telegram.dtg == "130945Z MAR 78"
        assert [a.precedence for a in cable.telegram.addressees] == [
            "IMMEDIATE", "IMMEDIATE", "PRIORITY", "IMMEDIATE"]
        assert cable.telegram.tags[-1].kind == "person"
        assert [r.year for r in cable.telegram.references] == [None, None, 1977]
        assert load_cable(reopened, SAMPLE_ID).telegram is None
    finally:
        reopened.close()


@pytest.mark.shared
def test_frus_source_notes_link_to_raw_telegrams(shared_corpus, empty_project, tmp_path):
    volume = tmp_path / "frus1969-76ve09p1.xml"
    shutil.copyfile(shared_corpus / "frus" / "frus1969-76ve09p1.xml", volume)
    import_files(empty_project, [volume, fixture("1973TRIPOL01117.txt"),
                                 fixture("typed-1973STATE194228.txt"),
                                 fixture("1974STATE248884.txt"),
                                 fixture("1975TRIPOL00060-ocr.txt")])
    d24 = load_cable(empty_project, "frus1969-76ve09p1/d24")
    assert d24.title == "Telegram 1117 From the Embassy in Libya to the Department of State"
    assert targets(links_from(empty_project, d24), PRINTS) == [("1973TRIPOL01117", True)]
    # "In telegram 194228 to Tripoli, September 28" (1973): the Department's telegram.
    d28 = links_from(empty_project, load_cable(empty_project, "frus1969-76ve09p1/d28"))
    assert ("1973STATE194228", True) in targets(d28, CITES)
    # "In telegram 248884 to Amman, …, on November 12" in an October 1974 document.
    d7 = links_from(empty_project, load_cable(empty_project, "frus1969-76ve09p1/d7"))
    assert ("1974STATE248884", True) in targets(d7, CITES)
    # "In telegram 60 from Tripoli, January 15" (1975): the Embassy's, zero-padded.
    d37 = links_from(empty_project, load_cable(empty_project, "frus1969-76ve09p1/d37"))
    assert ("1975TRIPOL00060", True) in targets(d37, CITES)
    raw = links_to(empty_project, load_cable(empty_project, "1975TRIPOL00060"))
    assert ("frus1969-76ve09p1/d37", True) in targets(raw, CITED_BY)
    # The raw 1117 is cited by the Department's 194228 and printed as FRUS doc. 24.
    raw_1117 = links_to(empty_project, load_cable(empty_project, "1973TRIPOL01117"))
    assert ("frus1969-76ve09p1/d24", True) in targets(raw_1117, PRINTED_AS)
    assert ("1973STATE194228", True) in targets(raw_1117, CITED_BY)


@pytest.mark.shared
def test_a_frus_telegram_from_a_post_finds_its_raw_form_by_place(shared_corpus, empty_project,
                                                                  tmp_path):
    volume = tmp_path / "frus1977-80v21.xml"
    shutil.copyfile(shared_corpus / "frus" / "frus1977-80v21.xml", volume)
    import_files(empty_project, [volume, fixture("1978NICOSI00565.txt")])
    d48 = load_cable(empty_project, "frus1977-80v21/d48")
    assert (d48.place, d48.telegram_number) == ("Nicosia", "565")
    assert targets(links_from(empty_project, d48), PRINTS) == [("1978NICOSI00565", True)]
    raw = links_to(empty_project, load_cable(empty_project, "1978NICOSI00565"))
    assert targets(raw, PRINTED_AS) == [("frus1977-80v21/d48", True)]


def test_clicked_note_references_resolve_to_raw_telegrams(telegrams) -> None:
    sample = load_cable(telegrams, SAMPLE_ID)
    assert resolve_reference(telegrams, sample, "telegram 193548") == "1974STATE193548"
    # The note's "telegram 16696" is the document itself: it opens its raw form.
    assert resolve_reference(telegrams, sample, "telegram 16696") == "1974STATE016696"
    assert resolve_reference(telegrams, sample, "telegram 999999") is None


def test_a_project_of_frus_documents_only_has_no_telegram_index(project) -> None:
    from cable_annotator.services.telegram_links import telegram_index

    assert load_cable(project, SAMPLE_ID).kind == "telegram"
    assert telegram_index(project).titles == {}


def test_a_corrected_telegram_reimported_keeps_its_annotations(project, tmp_path) -> None:
    from cable_annotator.services.annotating import annotate_quote
    from cable_annotator.services.queries import annotations_of, find_theme

    copy = tmp_path / "1974STATE016696.txt"
    original = fixture("1974STATE016696.txt").read_text(encoding="utf-8")
    copy.write_text(original.replace("ALARMIST RUMORS", "ALARMIST RUMOURS"), encoding="utf-8")
    import_files(project, [copy])
    theme = find_theme(project, "Arms race")
    annotate_quote(project, "1974STATE016696", "AN ARMS RACE COULD ENSUE", [theme.id])
    copy.write_text("EXTRA LINE OF A RETYPED COPY\n" + original, encoding="utf-8")
    report = import_files(project, [copy])
    assert (report.updated, report.orphaned_annotations) == (1, 0)
    [annotation] = annotations_of(project, "1974STATE016696")
    cable = load_cable(project, "1974STATE016696")
    assert cable.text[annotation.start:annotation.end] == "AN ARMS RACE COULD ENSUE"
    assert cable.paragraph_at("body", annotation.start) == "4"
