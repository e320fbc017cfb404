"""Every telegram of our corpus read field by field against what its text says."""

from __future__ import annotations

import re

import pytest

from cable_annotator.importers.telegram import looks_like_telegram, read_telegram_file

from .telegram_expected import EXPECTED, FIXTURES

# Marks of the archive copy that must never reach the text a historian quotes.
ARCHIVE_MARKS = [
    re.compile(r"^PAGE\s+\d", re.M), re.compile(r"^NNNN", re.M), re.compile(r"END OF DOCUMENT"),
    re.compile(r"^-{6,}", re.M), re.compile(r"^(?:ORIGIN|ACTION) [A-Z]+-\d", re.M),
    re.compile(r"^INFO\s+OCT-", re.M), re.compile(r"DRAFTED BY|APPROVED BY"),
    re.compile(r"Declassified/Released|Review Date|Page Count|Film Number"),
    re.compile(r"^(?:SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE)$", re.M),
    re.compile(r"\d\d OF \d\d\s+\d{6}Z"), re.compile(r"SECTION 0?2 OF"),
]


def _cables_by_id():
    cables = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        for cable in read_telegram_file(path):
            cables[cable.id] = (path.name, cable)
    return cables


CABLES = _cables_by_id()


def test_the_corpus_is_what_we_wrote_down() -> None:
    assert sorted(CABLES) == sorted(EXPECTED)
    years = {int(mrn[:4]) for mrn in CABLES}
    assert years == set(range(1973, 1980))


@pytest.mark.parametrize("mrn", sorted(EXPECTED))
def test_header_fields(mrn: str) -> None:
    expected = EXPECTED[mrn]
    name, cable = CABLES[mrn]
    telegram = cable.telegram
    assert name == expected["file"]
    assert cable.id == telegram.mrn == mrn
    assert cable.kind == "telegram"
    assert telegram.sender == expected["sender"]
    assert [(a.address, a.precedence) for a in telegram.action] == expected["action"]
    assert [(a.address, a.precedence) for a in telegram.info] == expected["info"]
    assert telegram.sent == expected["sent"]
    assert cable.date == expected["sent"][:10]
    assert telegram.dtg == expected["dtg"]
    assert [tag.code for tag in telegram.tags] == expected["tags"]
    assert cable.subject == expected["subject"]
    assert cable.classification == expected["classification"]
    assert telegram.eo_line == expected["eo"]
    assert cable.signature == expected["signature"]


@pytest.mark.parametrize("mrn", sorted(EXPECTED))
def test_references_paragraphs_and_pages(mrn: str) -> None:
    expected = EXPECTED[mrn]
    _name, cable = CABLES[mrn]
    assert [r.target for r in cable.references] == expected["refs"]
    for ref in cable.references:
        # Each REF item is a span of the text the window can make a link of.
        assert cable.text[ref.start:ref.end] == ref.text
        assert ref.text.split()[-1].lstrip("0") in ref.target
    labels = [b.label for b in cable.blocks if b.kind in ("paragraph", "quote") and b.label]
    assert labels == expected["labels"]
    assert len(cable.pages) == expected["pages"]
    assert [p.label for p in cable.pages] == [str(n) for n in range(1, expected["pages"] + 1)]
    numbered = [b for b in cable.blocks if b.label and b.kind == "paragraph"]
    for block in numbered:
        text = cable.text[block.start:block.end]
        if not text.startswith(("A.", "B.", "C.", "Q.")):
            assert text.startswith(f"{block.label}."), text[:20]


@pytest.mark.parametrize("mrn", sorted(EXPECTED))
def test_text_is_free_of_archive_marks(mrn: str) -> None:
    _name, cable = CABLES[mrn]
    for mark in ARCHIVE_MARKS:
        assert not mark.search(cable.text), (mark.pattern, mrn)
    assert "\n\n" not in cable.text
    assert cable.text.splitlines()[0] == cable.title
    assert cable.text.rstrip().endswith(cable.signature)


def test_every_fixture_is_recognised_as_telegram_text() -> None:
    for path in FIXTURES.glob("*.txt"):
        assert looks_like_telegram(path.read_text(encoding="utf-8")), path.name


def test_a_paragraph_runs_on_across_a_page_turn() -> None:
    _name, cable = CABLES["1974STATE016696"]
    [four] = [b for b in cable.blocks if b.label == "4"]
    paragraph = cable.text[four.start:four.end]
    assert "THERE IS NO EVIDENCE AVAILABLE TO US THAT ANY ONE OF PERU'S NEIGHBORS" in paragraph
    turn = next(p for p in cable.pages if p.label == "2")
    assert four.start < turn.offset < four.end
    assert cable.text[turn.offset:].startswith("ONE OF PERU'S NEIGHBORS")
    assert cable.page_range("body", turn.offset - 10, turn.offset + 5) == "1–2"


def test_quoted_traffic_is_marked_and_keeps_its_paragraph() -> None:
    _name, cable = CABLES["1976STATE295719"]
    quotes = [b for b in cable.blocks if b.kind == "quote"]
    [two] = [b for b in cable.blocks if b.kind == "paragraph" and b.label == "2"]
    assert cable.text[two.start:].startswith("2. QUOTE Q. DOES THE UNITED STATES")
    assert cable.text[quotes[0].start:].startswith("A. THE UNITED STATES HAS CONSISTENTLY")
    assert cable.text[quotes[-1].start:quotes[-1].end].endswith("UNQUOTE")
    assert {b.label for b in quotes} == {"2"}
    _name, lima = CABLES["1974LIMA08043"]
    [three] = [b for b in lima.blocks if b.label == "3"]
    assert "QUOTE PERU BUYS ARMS" in lima.text[three.start:three.end]
    assert "UNQUOTE HE SAID" in lima.text[three.start:three.end]


def test_drafting_and_clearances_are_kept_with_the_header() -> None:
    _name, cable = CABLES["1974STATE016696"]
    assert cable.telegram.drafted_by == "ARA/EP:FJFRECHETTE:ARA:HWSHLAUDEMAN:MS"
    assert cable.telegram.approved_by == "THE SECRETARY"
    assert cable.telegram.clearances == ["ARA:JBKUBISCH", "S/S:MR. PRINGLE",
                                         "EUR/SOV:MR. MILES", "PM:MR. GREY"]


def test_captions_and_person_tags() -> None:
    _name, nodis = CABLES["1978TELAV04021"]
    assert nodis.telegram.captions == ["NODIS"]
    person = nodis.telegram.tags[-1]
    assert (person.code, person.kind) == ("BEGIN, MENACHEM", "person")
    _name, exdis = CABLES["1974STATE016696"]
    assert exdis.telegram.captions == ["EXDIS"]
    meanings = {tag.code: tag.meaning for tag in exdis.telegram.tags}
    assert meanings == {"PFOR": "Foreign policy and relations",
                        "MASS": "Military assistance and sales", "PE": "Peru",
                        "UR": "Soviet Union"}


def test_the_ocr_copy_reads_as_the_clean_one_would() -> None:
    _name, cable = CABLES["1975TRIPOL00060"]
    assert "0IL" not in cable.text and "AMERICAN OIL WORKERS" in cable.text
    assert "TOLD THAT A VISIT WOULD BE ARRANGED \"SOON.\"" in cable.text
    assert cable.telegram.offices == ["ACTION NEA-10", "INFO OCT-01 ISO-00 SS-15 /026 W"]
    assert cable.telegram.addressees[0].serial == "8011"


def test_aad_record_fields_fill_what_the_text_lacks() -> None:
    _name, bare = CABLES["1976SANTIA00877"]
    assert bare.telegram.source_format == "aad"
    assert bare.telegram.film == "D760045-1199"
    [ref] = bare.telegram.references
    assert (ref.post, ref.serial, ref.year, ref.start) == ("LIMA", "9817", 1975, -1)
    assert bare.references == []  # not in the text, so not a span to click
    _name, usun = CABLES["1975USUNN01234"]
    assert "Office: ACTION IO" not in usun.text
    assert usun.telegram.fields["office"] == "ACTION IO"
    _name, plusd = CABLES["1979LAPAZ01234"]
    assert plusd.telegram.source_format == "plusd"
