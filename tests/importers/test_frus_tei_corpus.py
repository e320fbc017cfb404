"""The TEI importer over the five real FRUS volumes in ../shared/corpus/frus.

Each volume is parsed once per session. The checks compare the importer with an
independent naive reading of the XML (``tei_fixtures.read_reference``): every document,
every footnote, every page break, and every visible character, in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from cable_annotator.domain.cable import BODY, Cable, footnote_part
from cable_annotator.domain.volume import Volume
from cable_annotator.importers.tei import looks_like_tei, read_tei_volume

from .tei_fixtures import (
    VOLUMES,
    XML_ID,
    ReferenceDocument,
    T,
    nonspace,
    nonspace_before,
    read_reference,
)

pytestmark = pytest.mark.shared

Imported = tuple[Volume, list[Cable], dict[str, ReferenceDocument]]


@pytest.fixture(scope="session")
def frus_dir(shared_corpus: Path) -> Path:
    return shared_corpus / "frus"


@pytest.fixture(scope="session")
def imported(frus_dir: Path) -> dict[str, Imported]:
    """Every volume imported once, with the naive reference reading of its documents."""
    result: dict[str, Imported] = {}
    for name in VOLUMES:
        path = frus_dir / name
        if not path.is_file():
            pytest.fail(f"missing corpus volume {path}", pytrace=False)
        volume, cables = read_tei_volume(path)
        root = etree.parse(str(path)).getroot()
        references = {
            div.get(XML_ID): read_reference(div)
            for div in root.iter(T + "div") if div.get("type") == "document"
        }
        result[name] = (volume, cables, references)
    return result


def _cable(imported: dict[str, Imported], name: str, doc: str) -> Cable:
    volume, cables, _ = imported[name]
    wanted = f"{volume.id}/{doc}"
    return next(c for c in cables if c.id == wanted)


@pytest.mark.parametrize("name", VOLUMES)
def test_one_cable_per_document_div(imported: dict[str, Imported], name: str) -> None:
    volume, cables, references = imported[name]
    assert len(cables) == len(references) == VOLUMES[name]
    assert [c.id for c in cables] == [f"{volume.id}/{doc}" for doc in references]
    assert volume.id == name.removesuffix(".xml")
    assert len({c.id for c in cables}) == len(cables)


@pytest.mark.parametrize("name", VOLUMES)
def test_every_visible_character_once_in_order(imported: dict[str, Imported], name: str) -> None:
    _, cables, references = imported[name]
    for cable, ref in zip(cables, references.values(), strict=True):
        assert nonspace(cable.text) == ref.text, cable.id
        assert [nonspace(n.text) for n in cable.footnotes] == [t for _, _, t in ref.notes], (
            cable.id)


@pytest.mark.parametrize("name", VOLUMES)
def test_every_note_is_a_footnote_at_its_marker(imported: dict[str, Imported], name: str) -> None:
    _, cables, references = imported[name]
    for cable, ref in zip(cables, references.values(), strict=True):
        assert [n.marker for n in cable.footnotes] == [n for n, _, _ in ref.notes], cable.id
        assert len({n.key for n in cable.footnotes}) == len(cable.footnotes), cable.id
        for note, (_, before, _) in zip(cable.footnotes, ref.notes, strict=True):
            assert nonspace_before(cable.text, note.offset) == before, (cable.id, note.key)
            assert note.kind in ("source", "summary", "editorial")


@pytest.mark.parametrize("name", VOLUMES)
def test_every_page_break_once_at_its_place(imported: dict[str, Imported], name: str) -> None:
    _, cables, references = imported[name]
    for cable, ref in zip(cables, references.values(), strict=True):
        assert cable.pages and cable.pages[0].offset == 0, cable.id
        inner = cable.pages if ref.pages and ref.pages[0][1] == 0 else cable.pages[1:]
        assert [p.label for p in inner] == [label for label, _ in ref.pages], cable.id
        for page, (_, before) in zip(inner, ref.pages, strict=True):
            assert nonspace_before(cable.text, page.offset) == before, (cable.id, page)
            assert page.offset == len(cable.text) or not cable.text[page.offset].isspace()
        offsets = [p.offset for p in cable.pages]
        assert offsets == sorted(offsets), cable.id
        for index, label, before in ref.note_pages:
            note = cable.footnotes[index]
            assert [(p.label, nonspace_before(note.text, p.offset)) for p in note.pages] == [
                (label, before)], cable.id


@pytest.mark.parametrize("name", VOLUMES)
def test_documents_start_on_the_last_page_before_them(
        imported: dict[str, Imported], name: str, frus_dir: Path) -> None:
    _, cables, _ = imported[name]
    root = etree.parse(str(frus_dir / name)).getroot()
    expected, last = [], None
    for element in root.iter(T + "pb", T + "div"):
        if element.tag == T + "pb":
            last = element.get("n")
        elif element.get("type") == "document":
            first_child = next(iter(element), None)
            starts_with_pb = first_child is not None and first_child.tag == T + "pb"
            expected.append(first_child.get("n") if starts_with_pb else last)
    assert [c.pages[0].label for c in cables] == expected


PAGE_QUOTES = [
    # (volume file, document, quote, printed page range) — read off the XML by hand.
    ("frus1969-76ve09p1.xml", "d12", "notifying the Libyan Government of our intentions", "19–20"),
    ("frus1969-76ve09p1.xml", "d12", "Libyan Govern", "19"),
    ("frus1969-76ve09p1.xml", "d12", "ment of our intentions", "20"),
    ("frus1969-76ve09p1.xml", "d18", "On several occasions in the past", "37–38"),
    ("frus1969-76ve09p1.xml", "d21", "controls, nationalizing all oil marketing", "50–51"),
    ("frus1969-76ve09p1.xml", "d1", "I agreed, leaving open a meeting at the end", "1–2"),
    ("frus1969-76ve09p1.xml", "d1", "I agreed, leaving open a", "1"),
    ("frus1969-76ve09p1.xml", "d3", "I am writing to give you this advance word", "3"),
    ("frus1969-76ve09p1.xml", "d3", "We have in the past discussed the question", "4"),
    ("frus1969-76ve09p1.xml", "d4", "strong enough to be relaxed re third world", "4–5"),
    ("frus1977-80v21.xml", "d2", "Ankara, Athens and Nicosia", "4–5"),
    ("frus1977-80v21.xml", "d2", "could have led to direct Greek-Turkish war", "5–6"),
    ("frus1977-80v21.xml", "d3", "immediate confrontation", "6–7"),
    ("frus1977-80v21.xml", "d49", "did not agree with its aggression on Cyprus", "174–175"),
    ("frus1977-80v21.xml", "d19", "the Secretary had brought up", "82"),
    ("frus1969-76v12.xml", "d19", "they worry that we might draw them into excessive risks",
     "64–65"),
    ("frus1969-76v12.xml", "d179", "we seek no confrontation", "552"),
    ("frus1969-76v12.xml", "d14", "will not tolerate endless discussions", "40–41"),
    ("frus1964-68v28.xml", "d43", "operations had any change of success", "79–80"),
    ("frus1964-68v28.xml", "d282", "Montagnard groups in Southeast Asia", "567–568"),
    ("frus1964-68v28.xml", "d194", "the balance each time", "390"),
    ("frus1964-68v28.xml", "d235", "It will be noted of the total strikes", "467"),
    ("frus1964-68v28.xml", "d235", "Since 11 December last year, 240", "466"),
    ("frus1961-63v12.xml", "d10", "agreements withCongressional committees", "24–25"),
    ("frus1961-63v12.xml", "d147", "Guerrilla activities in Colombia", "312–313"),
    ("frus1961-63v12.xml", "d23", "There is also some concern", "51–52"),
    ("frus1961-63v12.xml", "d4", "Act of Bogota should be handled separately", "5–6"),
    ("frus1961-63v12.xml", "d4", "should be handled separately", "6"),
    ("frus1961-63v12.xml", "d6", "Latin American Speech", "9"),
]


@pytest.mark.parametrize(("name", "doc", "quote", "pages"), PAGE_QUOTES)
def test_page_of_quote(imported: dict[str, Imported], name: str, doc: str, quote: str,
                       pages: str) -> None:
    cable = _cable(imported, name, doc)
    start = cable.text.find(quote)
    assert start >= 0, f"{quote!r} not in {cable.id}"
    assert cable.page_range(BODY, start, start + len(quote)) == pages


def test_mid_word_page_break_adds_no_space(imported: dict[str, Imported]) -> None:
    cable = _cable(imported, "frus1969-76ve09p1.xml", "d12")
    at = cable.text.index("Libyan Government")
    turn = next(p for p in cable.pages if p.label == "20")
    assert turn.offset == at + len("Libyan Govern")


def test_footnote_split_over_a_page(imported: dict[str, Imported]) -> None:
    cable = _cable(imported, "frus1961-63v12.xml", "d21")
    source = cable.footnote("1")
    assert source is not None and source.kind == "source"
    turn = source.pages[0]
    assert turn.label == "50"
    assert source.text[turn.offset:].startswith("Official Use Only.")
    assert cable.classification == "Official Use Only"


def test_sample_like_telegram(imported: dict[str, Imported]) -> None:
    """ve09p1 d10 has the sample cable's shape: Summary + Source note, number, subject."""
    cable = _cable(imported, "frus1969-76ve09p1.xml", "d10")
    assert cable.text.startswith(
        "10. Telegram 62911 From the Department of State to the Embassy in Libya\n\n"
        "Washington, April 5, 1973, 1529Z.\n\n62911. Subject: Libya Air Space Problem.")
    assert cable.title == "Telegram 62911 From the Department of State to the Embassy in Libya"
    assert cable.number == "10"
    assert cable.kind == "telegram"
    assert cable.telegram_number == "62911"
    assert cable.date == "1973-04-05T15:29:00"
    assert cable.place == "Washington"
    assert cable.subject == "Libya Air Space Problem"
    assert (cable.sender, cable.recipient) == ("Department of State", "Embassy in Libya")
    assert cable.classification == "Secret; Priority; Exdis"
    source = cable.footnotes[0]
    assert source.offset == len(cable.text.split("\n")[0])
    assert [b.kind for b in source.blocks] == ["summary", "source"]
    assert source.text.startswith("Summary: The Embassy was instructed")
    assert cable.blocks[0].kind == "heading"
    assert cable.blocks[1].kind == "dateline"
    assert cable.chapter == "Libya, 1973–1976" or cable.chapter
    assert cable.compilation == "Documents on North Africa, 1973–1976"


def test_marked_sender_and_recipient(imported: dict[str, Imported]) -> None:
    cable = _cable(imported, "frus1964-68v28.xml", "d2")
    assert cable.sender == "Central Intelligence Agency"
    assert cable.recipient == "Station in Saigon"
    assert cable.kind == "telegram"


def test_repeated_marker_gets_its_own_key(imported: dict[str, Imported]) -> None:
    cable = _cable(imported, "frus1969-76v12.xml", "d223")
    keys = [n.key for n in cable.footnotes]
    assert "2" in keys and "2 (2)" in keys
    first, second = cable.footnote("2"), cable.footnote("2 (2)")
    assert first.text == second.text == "Attached but not printed are Tabs A and B."
    assert first.offset < second.offset
    assert cable.text[:first.offset].endswith("Attached at Tab A")
    assert cable.text[:second.offset].endswith("Attached at Tab B")


def test_duplicate_markers_in_1961_63(imported: dict[str, Imported]) -> None:
    cable = _cable(imported, "frus1961-63v12.xml", "d10")
    assert [n.key for n in cable.footnotes] == ["1", "2", "3", "3 (2)", "4"]


def test_untyped_source_notes_in_1977_80(imported: dict[str, Imported]) -> None:
    _, cables, _ = imported["frus1977-80v21.xml"]
    with_source = [c for c in cables if c.footnotes and c.footnotes[0].text.startswith("Source:")]
    assert with_source
    assert all(c.footnotes[0].kind == "source" for c in with_source)
    cable = _cable(imported, "frus1977-80v21.xml", "d5")
    assert cable.kind == "minutes"


def test_references_resolve_to_cable_ids(imported: dict[str, Imported]) -> None:
    volume, cables, _ = imported["frus1969-76v12.xml"]
    ids = {c.id for c in cables}
    same_volume = [r for c in cables for n in c.footnotes for r in n.references
                   if r.target.startswith(volume.id + "/d") and "#" not in r.target]
    assert len(same_volume) > 50
    assert all(r.target in ids for r in same_volume)
    for cable in cables:
        for note in cable.footnotes:
            for ref in note.references:
                assert note.text[ref.start:ref.end] == ref.text


def test_volume_persons_and_terms(imported: dict[str, Imported]) -> None:
    for volume, cables, _ in imported.values():
        assert volume.title.startswith("Foreign Relations of the United States")
        assert volume.persons and volume.terms
        person_ids = {p.id for p in volume.persons}
        mentioned = {p for c in cables for p in c.persons}
        assert len(mentioned & person_ids) > 0.9 * len(mentioned)
    volume, cables, _ = imported["frus1969-76ve09p1.xml"]
    anderson = next(p for p in volume.persons if p.id == "p_AR_1")
    assert anderson.name == "Anderson, Robert"
    assert anderson.description.startswith("U.S. Ambassador to Morocco")
    afb = next(t for t in volume.terms if t.id == "t_AFB_1")
    assert (afb.term, afb.description) == ("AFB", "Air Force Base")
    assert "p_KHA_1" in _cable(imported, "frus1969-76ve09p1.xml", "d2").persons
    assert "t_Nodis_1" in _cable(imported, "frus1969-76ve09p1.xml", "d2").terms


def test_offsets_stay_inside_their_text(imported: dict[str, Imported]) -> None:
    for _, cables, _ in imported.values():
        for cable in cables:
            size = len(cable.text)
            assert all(0 <= b.start < b.end <= size for b in cable.blocks), cable.id
            assert all(0 <= s.start < s.end <= size for s in cable.spans), cable.id
            assert all(0 <= r.start < r.end <= size for r in cable.references), cable.id
            assert all(0 <= n.offset <= size for n in cable.footnotes), cable.id
            starts = [b.start for b in cable.blocks]
            assert starts == sorted(starts)
            for note in cable.footnotes:
                assert note.part == footnote_part(note.key)


def test_editorial_brackets_are_flagged(imported: dict[str, Imported]) -> None:
    editorial = []
    for _, cables, _ in imported.values():
        for cable in cables:
            editorial += [cable.text[s.start:s.end] for s in cable.spans
                          if s.style == "editorial"]
    assert "[less than 1 line of source text not declassified]" in editorial
    assert any(text.startswith("[Omitted here") for text in editorial)
    assert all(text.startswith("[") and text.endswith("]") for text in editorial)


def test_paragraph_labels(imported: dict[str, Imported]) -> None:
    cable = _cable(imported, "frus1969-76ve09p1.xml", "d4")
    labels = [b.label for b in cable.blocks if b.label]
    assert labels[:3] == ["1", "2", "3"]
    first = next(b for b in cable.blocks if b.label == "1")
    assert cable.paragraph_at(BODY, first.start + 10) == "1"


def test_kinds_dates_and_tables(imported: dict[str, Imported]) -> None:
    kinds = {c.kind for _, cables, _ in imported.values() for c in cables}
    assert {"telegram", "memorandum", "memorandum of conversation", "letter",
            "editorial note", "paper"} <= kinds
    dated = [c for _, cables, _ in imported.values() for c in cables if c.date]
    assert len(dated) > 1300
    assert all(c.date[:4].isdigit() and c.date[4] == "-" for c in dated)
    table = _cable(imported, "frus1964-68v28.xml", "d235")
    rows = [table.text[b.start:b.end] for b in table.blocks if b.kind == "row"]
    assert rows[0] == "Date\tLaos\tNVN\tSVN"
    assert rows[1] == "Dec 11–31\t1\t\t25"


@pytest.mark.parametrize("name", VOLUMES)
def test_corpus_files_look_like_tei(frus_dir: Path, name: str) -> None:
    assert looks_like_tei(frus_dir / name)
