"""Pages of every era and copy dialect, in the shapes of real history.state.gov pages.

Each fixture in ``tests/fixtures/text/eras`` is written after a real page's shape (its
address is its file name): 1861 despatches with the dateline under the title and no
blank lines, "[Extracts.]" and "No. 355.]", 1917–18 telegrams under a file-number line
with "[Telegram]" and "[Received …]" lines and a leading telegram number, chapter-numbered
markers against a list restarting at 1, archive lines, classification lines, a 1961–63
source note marked 0, reader-view notes ending in "↩", copies whose notes were not
copied, and a text that is no FRUS page at all.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path

import pytest

from cable_annotator.domain.citation import cite
from cable_annotator.services.importing import read_file

ERAS = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "eras"

# file: (format, id, number, title, kind, date, sender, recipient, telegram no., file no.,
#        [(marker, the words its note follows)], notes missing)
EXPECTED = {
    "frus1861-d72.txt": ("frus", "frus1861/d72", "72", "Mr. Adams to Mr. Seward", "document",
                         "1861-08-23", "Mr. Adams", "Mr. Seward", "", "", [], False),
    "frus1863p1-d131.txt": ("frus", "frus1863p1/d131", "131", "Mr. Adams to Mr. Seward",
                            "document", None, "Mr. Adams", "Mr. Seward", "", "", [], False),
    "frus1917Supp02v01-d82.txt": (
        "frus", "frus1917Supp02v01/d82", "82",
        "The Ambassador in Russia (Francis) to the Secretary of State", "telegram", None,
        "Ambassador in Russia (Francis)", "Secretary of State", "1253", "861.00/350",
        [("1", "Workmen’s Committee.")], False),
    "frus1918Russiav01-d554.txt": (
        "frus", "frus1918Russiav01/d554", "554",
        "The Secretary of State to the Ambassador in Russia (Francis)", "telegram",
        "1918-06-18", "Secretary of State", "Ambassador in Russia (Francis)", "192",
        "861.00/2020", [("58", "received June 14."), ("59", "Bolshevik authorities.")], False),
    "frus1918Russiav03-d357.txt": (
        "frus", "frus1918Russiav03/d357", "357",
        "The Ambassador in Russia (Francis) to the Secretary of State", "telegram",
        "1918-04-09", "Ambassador in Russia (Francis)", "Secretary of State", "84",
        "861.77/362", [], False),
    "frus1945v02-d48.txt": (
        "frus", "frus1945v02/d48", "48",
        "Memorandum of Conversation, by the Director of the Office of Far Eastern Affairs "
        "(Ballantine)", "memorandum of conversation", "1945-08-31", "", "", "",
        "740.00119 Council/8–3145", [("23", "Mr. Chen"), ("24", "Mr. Vincent")], True),
    "frus1947v06-d384.txt": (
        "frus", "frus1947v06/d384", "384",
        "Memorandum of Conversation, by the Deputy Director of the Office of Far Eastern "
        "Affairs (Penfield)", "memorandum of conversation", None, "", "", "",
        "740.0011 PW (Peace)/7–1547", [("98", "A–A"), ("99", "the reply")], False),
    "frus1949v07p2-d138.txt": (
        "frus", "frus1949v07p2/d138", "138",
        "Memorandum of Conversation, by the Secretary of State", "memorandum of conversation",
        None, "", "", "", "893.01/9–1749",
        [("1", "on the Far East"), ("2", "with the Commonwealth.")], False),
    "frus1950v06-d699.txt": (
        "frus", "frus1950v06/d699", "699", "Memorandum of Conversation, by the Secretary of State",
        "memorandum of conversation", None, "", "", "", "",
        [("1", "Mr. Butterworth"), ("2", "Mr. Thompson")], False),
    "frus1952-54v02p2-d100.txt": (
        "frus", "frus1952-54v02p2/d100", "100",
        "Memorandum by the President to the Secretary of State", "memorandum", "1953-10-08",
        "President", "Secretary of State", "", "", [("1", "before the end of the year.")],
        False),
    "frus1955-57v03mSupp-d371.txt": (
        "frus", "frus1955-57v03mSupp/d371", "371", "Telegram 1219 to Geneva", "telegram",
        "1955-11-12", "", "", "1219", "", [("1", "Telegram 1219 to Geneva")], False),
    "frus1961-63v06-d17.txt": (
        "frus", "frus1961-63v06/d17", "17",
        "Letter From President Kennedy to Chairman Khrushchev", "letter", None,
        "President Kennedy", "Chairman Khrushchev", "", "",
        [("0", "to Chairman Khrushchev"), ("1", "an American whaler,")], False),
    "frus1977-80v21-d50.txt": (
        "frus", "frus1977-80v21/d50", "50",
        "Telegram From the Embassy in Peru to the Department of State", "telegram", "1978-03-03",
        "Embassy in Peru", "Department of State", "1890", "",
        [("1", "to the Department of State"), ("2", "to Washington in April.")], True),
    "oral_history.txt": ("text", "text/oral-history-??????", "",
                         "Oral history: a retired consul remembers Lima", "text", None, "", "",
                         "", "", [], False),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_of_every_era_imports_with_its_facts(name: str) -> None:
    (format_, cable_id, number, title, kind, date, sender, recipient, telegram, file_number,
     markers, missing) = EXPECTED[name]
    readings = []
    _, [cable] = read_file(ERAS / name, readings=readings)
    assert readings[0].format == format_ and readings[0].guessed
    assert fnmatch(cable.id, cable_id)
    assert (cable.number, cable.title, cable.kind, cable.date) == (number, title, kind, date)
    assert (cable.sender, cable.recipient) == (sender, recipient)
    assert (cable.telegram_number, cable.file_number) == (telegram, file_number)
    assert [(note.marker, cable.text[: note.offset].endswith(words))
            for note, (_, words) in zip(cable.footnotes, markers, strict=True)] == [
        (marker, True) for marker, _ in markers]
    assert bool(cable.warnings) == missing
    if missing:
        assert "notes are missing" in cable.warnings[0] and name in cable.warnings[0]
        assert all(note.text == "" for note in cable.footnotes)
    # No marker is left glued to a word, and no page label is left in the text.
    for marker, words in markers:
        assert words + marker not in cable.text
    assert "[Page" not in cable.text or format_ == "text"


def test_old_style_page_keeps_every_word_and_its_page_labels() -> None:
    _, [cable] = read_file(ERAS / "frus1861-d72.txt")
    source = (ERAS / "frus1861-d72.txt").read_text(encoding="utf-8")
    assert cable.text.split() == source.replace("[Page 134] ", "").split()
    assert [(page.label, cable.text[page.offset:page.offset + 6]) for page in cable.pages] == [
        ("133", "Mr. Ad"), ("134", "letter")]
    assert cable.place == "London" and cable.signature == "C. F. Adams."


def test_opening_lines_are_blocks_of_their_own_and_unlabelled() -> None:
    _, [cable] = read_file(ERAS / "frus1918Russiav01-d554.txt")
    kinds = [(block.kind, block.label, cable.text[block.start:block.end][:12])
             for block in cable.blocks]
    assert kinds[:4] == [("note", "", "File No. 861"), ("heading", "", "The Secretar"),
                         ("dateline", "", "June 18, 191"), ("paragraph", "", "192. Your 5,")]
    _, [despatch] = read_file(ERAS / "frus1863p1-d131.txt")
    assert [despatch.text[b.start:b.end] for b in despatch.blocks[:3]] == [
        "[Extracts.]", "Mr. Adams to Mr. Seward.", "No. 355.]"]
    assert [b.label for b in despatch.blocks] == [""] * len(despatch.blocks)


def test_citations_name_the_volume_as_printed() -> None:
    _, [cable] = read_file(ERAS / "frus1918Russiav01-d554.txt")
    citation = cite(cable)
    assert "Foreign Relations of the United States, 1918, Russia, vol. I" in citation
    assert "frus1918Russiav01" not in citation and "doc. 554" in citation


def test_incomplete_copy_keeps_its_numbered_paragraphs() -> None:
    """Markers but no note list: the markers are detached and reported, and the last
    numbered paragraphs stay paragraphs (never read as the missing notes)."""
    _, [cable] = read_file(ERAS / "frus1977-80v21-d50.txt")
    assert [block.label for block in cable.blocks if block.label] == ["1", "2", "3", "4"]
    assert cable.text.endswith("4. Comment: The Minister was in good humor.\n\nShlaudeman")
    assert "State1" not in cable.text and "April.2" not in cable.text


def test_other_text_is_kept_character_for_character() -> None:
    source = (ERAS / "oral_history.txt").read_text(encoding="utf-8")
    _, [cable] = read_file(ERAS / "oral_history.txt")
    assert cable.text == source
    assert cable.footnotes == [] and cable.pages == [] and cable.number == ""
    assert [block.label for block in cable.blocks] == ["", "", "", ""]
    assert cite(cable).startswith("“Oral history: a retired consul remembers Lima")


def test_the_reader_can_overrule_the_guess() -> None:
    readings = []
    _, [cable] = read_file(ERAS / "frus1861-d72.txt", as_format="text", readings=readings)
    assert cable.kind == "text" and not readings[0].guessed
    assert cable.text == (ERAS / "frus1861-d72.txt").read_text(encoding="utf-8")
    _, [page] = read_file(ERAS / "oral_history.txt", as_format="frus")
    assert page.kind != "text" and page.footnotes == []


def test_tei_and_page_of_an_old_style_volume_agree_on_kind_and_file_number(
        shared_corpus) -> None:
    """Both importers read the in-place file-number note ("851G.01/1–2049: Telegram") the
    same way: kind telegram, the file number as a field of its own, and the telegram's
    number leading its text after the classification line."""
    from cable_annotator.importers.plaintext import parse_frus_text
    from cable_annotator.importers.tei import read_tei_volume
    from tests.importers.web_text_renderer import load_volume, render_document

    path = shared_corpus / "frus-early" / "frus1949v07p1.xml"
    _, cables = read_tei_volume(path)
    volume, documents = load_volume(path.resolve())
    for index in (3, 10, 50):
        rendered = render_document(documents[index], volume)
        page = parse_frus_text(rendered.web_text, volume=volume, number=rendered.number)
        tei = cables[index]
        assert (tei.kind, tei.file_number) == (page.kind, page.file_number) == (
            "telegram", rendered.file_line.split(":")[0])
        assert tei.telegram_number == page.telegram_number != ""


@pytest.mark.parametrize(
    ("text", "guessed"),
    [
        ("Memorandum of Conversation, by the Secretary of State\n[Washington,] August 31, "
         "1945.\nMr. Chen called.\n", "frus"),
        ("The Ambassador in Russia ( Francis ) to the Secretary of State\n\n1253. The "
         "Ministry issued another note.\n", "frus"),
        ("Mr. Seward to Mr. Adams.\n\nNo. 953.]\n\nSir: I have received your despatch.\n",
         "frus"),
        ("124.61/263: Telegram\n\nThe Minister in China to the Secretary of State\n", "frus"),
        ("Dear John,\n\nThanks for the letter of May 3.\n\nMary\n", "text"),
        ("1. Buy milk.\n2. Call the plumber.\n", "text"),
        ("Chapter 3\n\nThe embassy stood on a hill above the river.\n", "text"),
    ],
    ids=["memcon-1945", "telegram-number", "instruction-1864", "file-number", "letter",
         "list", "memoir"],
)
def test_the_guess_in_every_shape(text: str, guessed: str) -> None:
    from cable_annotator.importers.plaintext import guess_text_format

    guess = guess_text_format(text)
    assert guess.format == guessed, guess.reason
    assert guess.reason


def test_reader_view_marker_glued_to_the_next_line() -> None:
    """A reader view may put the marker of a note on "Extract" at the start of the next
    line ("Extract\\n1Subject: …"): the marker is detached, the two lines stay apart."""
    from cable_annotator.importers.plaintext import parse_frus_text

    cable = parse_frus_text(
        "893.01/9–1749\nMemorandum of Conversation, by the Secretary of State\nExtract\n"
        "1Subject: Conversations with Mr. Bevin\nI reviewed our thoughts.\n"
        "- Other portions of this memorandum are printed in vol. ix.↩\n",
        volume="frus1949v07p2", number="138")
    assert "\nExtract\nSubject: Conversations" in cable.text
    [note] = cable.footnotes
    assert cable.text[:note.offset].endswith("Extract")
    assert note.text == "Other portions of this memorandum are printed in vol. ix."


def test_a_dateline_broken_over_two_lines() -> None:
    """Some 1918 pages copy as "Vologda, April 9," / "1918, 8 p.m.": one dateline."""
    from cable_annotator.importers.plaintext import parse_frus_text

    cable = parse_frus_text(
        "File No. 861.77/362\nThe Ambassador in Russia (Francis) to the Secretary of State\n"
        "[Telegram]\nVologda, April 9,\n1918, 8 p.m.\n[Received April 13, 5.43 p.m.]\n"
        "84. Your 51, April 6, 6 p.m. I gave reasons.\nFrancis\n",
        volume="frus1918Russiav03", number="357")
    assert (cable.date, cable.place, cable.telegram_number) == ("1918-04-09", "Vologda", "84")
    assert [block.kind for block in cable.blocks][3:5] == ["dateline", "dateline"]
    assert all(block.label == "" for block in cable.blocks)


def test_reader_view_bullets_with_a_note_marked_star() -> None:
    """Bullets carry no numbers: a note the text marks "*" takes its place between the
    numbered ones, in the order the markers stand."""
    from cable_annotator.importers.plaintext import parse_frus_text

    cable = parse_frus_text(
        "S/P Files: Lot 64 D 563\nMemorandum of Conversation, by Mr. Marshall1\n"
        "[Manila,] May 4, 1951.*\nPresent were Mr. Chase2 and others.\n"
        "- The first of a series.↩\n- Held in the Embassy.↩\n- Sabin Chase of FE.↩\n",
        volume="frus1951v07p2", number="81")
    assert [(note.marker, note.text) for note in cable.footnotes] == [
        ("1", "The first of a series."), ("*", "Held in the Embassy."),
        ("2", "Sabin Chase of FE.")]
    assert "1951.\nPresent were Mr. Chase and others." in cable.text


def test_two_verbatim_files_of_one_name_are_two_documents(tmp_path: Path) -> None:
    """Two different ``notes.txt`` in two folders get two ids; the same file imported
    again keeps its id (so a corrected re-import updates it), from any working folder."""
    first, second = tmp_path / "a" / "notes.txt", tmp_path / "b" / "notes.txt"
    for path, words in ((first, "Notes on the Lima visit.\n"), (second, "Notes on Quito.\n")):
        path.parent.mkdir()
        path.write_text(words, encoding="utf-8")
    _, [one] = read_file(first, as_format="text")
    _, [other] = read_file(second, as_format="text")
    assert one.id != other.id and one.id.startswith("text/notes-")
    first.write_text("Notes on the Lima visit, corrected.\n", encoding="utf-8")
    _, [again] = read_file(first, as_format="text")
    relative = Path(os.path.relpath(first))
    _, [by_relative_path] = read_file(relative, as_format="text")
    assert again.id == one.id == by_relative_path.id
    assert again.text == "Notes on the Lima visit, corrected.\n"


def test_two_pastes_of_one_title_are_two_documents() -> None:
    from cable_annotator.importers.plaintext import parse_plain_text

    one = parse_plain_text("Notes\n\nLima, first visit.\n", source="clipboard")
    other = parse_plain_text("Notes\n\nQuito, second visit.\n", source="clipboard")
    assert one.id != other.id and one.id.startswith("text/notes-")
    assert parse_plain_text("Notes\n\nLima, first visit.\n", source="clipboard").id == one.id


@pytest.mark.parametrize("name", ["frus1949v07p1.xml", "frus1951v07p2.xml"])
def test_old_volume_titles_and_parties_read_as_written(shared_corpus, name) -> None:
    """The old volumes' TEI breaks lines inside "(<persName>…</persName>)" and before a
    dateline's comma; the titles, parties and places (what lists, citations and exports
    show) read "(Caffery)" and "Paris", never "( Caffery )" or "Paris ,"."""
    from cable_annotator.importers.tei import read_tei_volume

    _, cables = read_tei_volume(shared_corpus / "frus-early" / name)
    fields = [(c.id, field, getattr(c, field)) for c in cables
              for field in ("title", "sender", "recipient", "place")]
    spaced = [f for f in fields if "( " in f[2] or " )" in f[2] or " ," in f[2]]
    assert not spaced, spaced[:5]
    # The text too: headings and datelines read as the site prints them (737 of the 756
    # documents read "( Caffery )" / "Paris , January 14" in a walkthrough).
    spaced_text = [c.id for c in cables if "( " in c.text or " ," in c.text]
    assert not spaced_text, spaced_text[:5]
    named = [c for c in cables if "(Caffery)" in c.title or "(Kirk)" in c.title]
    assert named or name != "frus1949v07p1.xml", "vol. VII pt. 1 names Caffery and Kirk"
