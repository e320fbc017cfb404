"""More pages of every era and kind, in the shapes readers copy them (round 2).

Each fixture in ``tests/fixtures/text/eras2`` is our own text in the shape of a real
history.state.gov page (its address is its file name): 1862–1905 instructions and
despatches with "[Extract]", "No. 201.]", "* * *" ellipses and notes marked "*", "†",
"‡"; a 1900 paraphrased telegram; a 1914 telegram saved through a Markdown converter
("[^1]"); a 1918 telegram hard-wrapped at 72 columns; a 1932 memorandum with markers
numbered through the chapter; 1945 Potsdam minutes under an archive line; editorial
notes of 1952–54 and 1964–68 (the latter cut before its notes); a letter of the Lansing
Papers opening "Dear Mr. President:" and cut before its notes; a 1919 despatch with its
enclosure; 1931–41 and 1934 memoranda (a file number ending in a fraction, "2351 3/8"; a
reader-view copy without file number or dateline); a 1940 telegram without a dateline;
a 1991 telephone conversation with bulleted participants; a 1955–57 despatch with
its "REF" and "SUBJECT" headers; a 1961–63 letter in reader view with its source note
marked 0; a 1969–76 memorandum of conversation; a 1977–80 telegram with markers glued
to telegram numbers ("Deptel 5342,3"); 1981–92 memoranda and a letter (Markdown notes,
notes cut off). Each test checks what a reader checks: number, title, kind, date, every
footnote on its marker and the words it follows, page labels, and that no marker or label
is left in the words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cable_annotator.importers.plaintext import guess_text_format
from cable_annotator.services.importing import read_file

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "eras2"

# file: (number, title, kind, date, [(marker, words the marker follows, note starts)],
#        notes missing, [(page label, words the page starts with)])
EXPECTED = {
    "frus1862-d28.txt": (
        "28", "Mr. Seward to Mr. Adams", "document", None,
        [("1", "consult with you.", "See the instruction of November 4")], False, []),
    "frus1865p1-d378.txt": (
        "378", "Mr. Adams to Mr. Seward", "document", None,
        [("1", "the 11th instant,", "Not printed.")], False, [("453", "His lordship")]),
    "frus1870-d55.txt": (
        "55", "Mr. Fish to Mr. Motley", "document", "1869-12-22",
        [("*", "despatch No. 10,", "Not printed."),
         ("†", "the course you took,", "See instruction No. 70"),
         ("‡", "sent to the Senate.", "Senate Ex. Doc. No. 11")], False, []),
    "frus1899-d171.txt": (
        "171", "Mr. Hay to Mr. Choate", "document", "1899-09-06",
        [("*", "the United States with China,", "See instructions to Mr. White"),
         ("†", "of the other powers.", "Similar instructions")], False, []),
    "frus1900-d101.txt": (
        "101", "Mr. Conger to Mr. Hay", "telegram", "1900-05-21",
        [("*", "Situation is serious.", "Received May 22, 1900.")], False, []),
    "frus1905-d317.txt": (
        "317", "Minister Dawson to the Secretary of State", "document", "1905-01-25",
        [("1", "January 23, 1905,", "Printed, p. 310."),
         ("2", "telegram of the 24th,", "Not printed.")], False,
        [("317", "I further confirm")]),
    "frus1914Supp-d44.txt": (
        "44", "Ambassador Page to the Secretary of State", "telegram", "1914-08-04",
        [("1", "ultimatum to Germany", "For the text, see the British White Paper"),
         ("2", "No reply is expected.", "Received August 5, 1914")], False, []),
    "frus1918Russiav01-d543.txt": (
        "543", "The Consul General at Moscow (Summers) to the Secretary of State, reporting "
        "the views of the Soviet authorities on the landing at Murmansk", "telegram",
        "1918-06-12",
        [("1", "as a hostile act,", "See the telegram of June 18"),
         ("2", "no Russian party whatever.", "The Department’s reply, June 20, is not "
                                               "printed; it approved the Consul General’s")],
        False, []),
    "frus1932v03-d210.txt": (
        "210", "Memorandum by the Secretary of State", "memorandum", "1932-02-03",
        [("23", "the landing at Shanghai.", "Ante, p. 198."),
         ("24", "the bombing of Chapei,", "See telegram No. 58")], False,
        [("211", "He said")]),
    "frus1945Berlinv02-d710.txt": (
        "710", "Thompson Minutes", "minutes", "1945-07-19",
        [("1", "German economic problems.", "For the revised draft"),
         ("2", "the armistice terms.", "See ante, p. 610.")], False, []),
    "frus1952-54v02p1-d123.txt": (
        "123", "Editorial Note", "editorial note", None,
        [("1", "at its 135th meeting.", "The memorandum of discussion"),
         ("2", "would be appropriate.", "Dulles’ remarks")], False,
        [("1092", "The text of the statement")]),
    "frus1955-57v10-d57.txt": (
        # The shared prose rules (frus_prose, as the TEI importer reads titles) name no
        # "despatch" kind yet: both importers call it a document.
        "57", "Despatch From the Embassy in Iran to the Department of State", "document",
        "1956-03-14",
        [("1", "to the Department of State", "Source: Department of State, Central Files"),
         ("2", "can spend them,", "See Document 55.")], False, []),
    "frus1961-63v05-d30.txt": (
        "30", "Letter From Chairman Khrushchev to President Kennedy", "letter", "1961-02-21",
        [("0", "to President Kennedy", "Source: Department of State, Presidential"),
         ("1", "message of February 10,", "Document 25."),
         ("2", "a German peace treaty.", "See Document 29.")], False, []),
    "frus1964-68v14-d88.txt": (
        "88", "Editorial Note", "editorial note", None,
        [("1", "non-proliferation treaty.", ""),
         ("2", "access to nuclear weapons.", "")], True, [("211", "Kohler reported")]),
    "frus1969-76v13-d45.txt": (
        "45", "Memorandum of Conversation", "memorandum of conversation", "1971-06-03",
        [("1", "Memorandum of Conversation", "Source: National Archives, Nixon"),
         ("2", "on the Berlin talks.", "See Document 43.")], False,
        [("133", "I said that")]),
    "frus1977-80v06-d77.txt": (
        "77", "Telegram From the Embassy in the Soviet Union to the Department of State",
        "telegram", "1978-03-04",
        [("1", "to the Department of State", "Source: National Archives, RG 59"),
         ("2", "(B) Moscow 4617.", "In telegram 53421 to Moscow"),
         ("3", "(Deptel 5342,", "Not found.")], False, []),
    "frus1981-88v04-d12.txt": (
        "12", "Memorandum From the President’s Assistant for National Security Affairs "
        "(Clark) to President Reagan", "memorandum", "1983-02-02",
        [("1", "to President Reagan", "Source: Reagan Library"),
         ("2", "the state of our relations.", "See Document 13."),
         ("3", "the talking points at Tab A.", "Reagan approved the recommendation.")],
        False, [("33", "Recommendation")]),
    "frus1981-88v05-d200.txt": (
        "200", "Letter From President Reagan to General Secretary Gorbachev", "letter",
        "1985-03-11",
        [("1", "General Secretary Gorbachev", ""),
         ("2", "General Secretary Chernenko,", ""),
         ("3", "earliest convenient opportunity.", "")], True, []),
    "frus1914-20v01-d170.txt": (
        "170", "The Counselor for the Department of State (Lansing) to President Wilson",
        "document", None,
        [("14", "sent me on Tuesday,", ""), ("15", "differ from it.", "")], True, []),
    "frus1919v01-d352.txt": (
        "352", "The Minister in China (Crane) to the Secretary of State", "document",
        "1920-01-20", [("1", "reorganization of the Cabinet,", "Not printed.")], False,
        [("398", "[Enclosure—Translation]")]),
    "frus1931-41v02-d340.txt": (
        "340", "Memorandum of a Conversation", "memorandum of conversation", None,
        [("5", "at his own request.", "The conversation took place"),
         ("6", "a copy of which is attached.", "Not printed.")], False,
        [("612", "on the proposed meeting")]),
    "frus1934v01-d225.txt": (
        "225", "Memorandum by the Secretary of State", "memorandum", None,
        [("3", "The British Ambassador", "Sir Ronald Lindsay.")], False,
        [("279", "He then asked")]),
    "frus1940v04-d395.txt": (
        "395", "The Ambassador in Japan (Grew) to the Secretary of State", "telegram", None,
        [("71", "June 12, 5 p.m.", "Ante, p. 350."),
         ("72", "I expected them shortly.", "See telegram No. 203")], False, []),
    "frus1989-92v31-d220.txt": (
        "220", "Memorandum of Telephone Conversation", "memorandum of conversation", None,
        [("1", "Memorandum of Telephone Conversation", "Source: Bush Presidential Library"),
         ("2", "with Gorbachev on CFE.", "See Document 216.")], False,
        [("1061", "Chancellor Kohl:")]),
    "frus1989-92v01-d14.txt": (
        "14", "Memorandum of Conversation", "memorandum of conversation", "1989-01-27",
        [("1", "in the months ahead.", "Source: Bush Library"),
         ("2", "dominate the spring.", "See Document 15.")], False, []),
}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_imports_with_number_title_notes_and_pages(name: str) -> None:
    number, title, kind, date, notes, missing, pages = EXPECTED[name]
    source = (PAGES / name).read_text(encoding="utf-8")
    assert guess_text_format(source).format == "frus", guess_text_format(source).reason
    readings = []
    _, [cable] = read_file(PAGES / name, readings=readings)
    assert readings[0].format == "frus"
    assert (cable.number, cable.title, cable.kind, cable.date) == (number, title, kind, date)
    assert cable.id == f"{name.split('-d')[0]}/d{number}"
    assert [(note.marker, cable.text[:note.offset].endswith(words), note.text.startswith(start))
            for note, (_, words, start) in zip(cable.footnotes, notes, strict=True)] == [
        (marker, True, True) for marker, _, _ in notes]
    assert bool(cable.warnings) == missing
    if missing:
        assert "notes are missing" in cable.warnings[0]
    for marker, words, _ in notes:
        assert words + marker not in cable.text
    assert "[Page" not in cable.text and "[^" not in cable.text and "↩" not in cable.text
    turns = [page for page in cable.pages if page.offset > 0]
    assert [(page.label, cable.text[page.offset:].startswith(start))
            for page, (_, start) in zip(turns, pages, strict=True)] == [
        (label, True) for label, _ in pages]
    # No word of the body is lost: every word of the copy above its notes is in the text.
    body_words = set(_words(cable.text))
    note_words = set(_words(" ".join(note.text for note in cable.footnotes)))
    lost = set(_words(source)) - body_words - note_words - {"Page"}
    assert not lost, lost
