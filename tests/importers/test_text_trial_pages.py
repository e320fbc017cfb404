"""Real history.state.gov pages of 1933–1954, copied as readers copy them (round 3).

Each fixture in ``tests/fixtures/text/eras3`` is the text of a real page (its address is
its file name), copied in one of the issue's shapes, on which a trial import by a new user
went wrong before this round:

- ``frus1933v01-d653``: markers numbered through the chapter, one of them set off by a
  space in mid-sentence as the site prints some superscripts ("an aide-mémoire 12 of
  which");
- ``frus1939v01-d357``: a reader-view copy whose bullets keep the note's number ("- 1.
  The same, …↩");
- ``frus1939v01-d690``: no blank lines, under a war-time file number with words and a
  year ("740.00115 European War 1939/28: Telegram");
- ``frus1941v03-d441``: notes cut off, its one marker numbered through the chapter
  ("… the Turkish Government.32");
- ``frus1944v01-d505``: a name set apart in brackets in the title ("( Winant )");
- ``frus1952-54v07p1-d443``: reader view, its heading broken over two lines ("…, by the" /
  "Counselor of the Department of State (MacArthur)");
- ``frus1932v04-d196`` (a Markdown copy under its file number) and ``frus1942v01-d108``
  (reader view, a bracketed dateline "[Washington,] March 13, 1942."), read again here
  as a reader also copies them: cut before the notes, hard-wrapped at 76 columns.

Each test checks what a reader checks: number, title, kind, the telegram and file
numbers, every footnote on its marker and the words it follows, page labels, and that
no word of the copy is lost.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from cable_annotator.importers.plaintext import guess_text_format
from cable_annotator.services.importing import read_file

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "eras3"

# file: (number, title, kind, telegram number, file number,
#        [(marker, words the marker follows, note starts)], notes missing,
#        [(page label, words the page starts with)])
EXPECTED = {
    "frus1933v01-d653.txt": (
        "653", "Memorandum by the Secretary of State of a Telephone Conversation",
        "memorandum", "", "",
        [("11", "a Telephone Conversation", "Between President-elect Roosevelt"),
         ("12", "sent him an aide-mémoire", "Post, p. 888."),
         ("13", "like that of the British;", "Ante, p. 828."),
         ("14", "who had to come from a distance, later.", "For the aide-mémoire sent")],
        False, [("832", "any request for a discussion")]),
    "frus1932v04-d196.txt": (
        "196", "Memorandum by the Secretary of State", "memorandum", "", "793.94/5460",
        [("1", "a speech on the Briand-Kellogg Pact", "For text of the speech of August 8")],
        False, [("189", "countries who believed in the peace treaties")]),
    "frus1942v01-d108.txt": (
        "108", "Memorandum of Conversation, by the Assistant Secretary of State (Acheson)",
        "memorandum of conversation", "", "",
        [("29", "March 13, 1942.\nMr. Gromyko", "Andrey Andreyevich Gromyko")], False, []),
    "frus1939v01-d357.txt": (
        "357", "The Secretary of State to the Ambassador in Italy (Phillips)", "telegram",
        "78", "760C.62/1088c",
        [("49", "the Ambassador in Italy (Phillips)", "The same, with the omission"),
         ("50", "to the King of Italy,", "See telegram No. 77, August 23")], False, []),
    "frus1939v01-d690.txt": (
        "690", "The Secretary of State to the Chargé in Germany (Kirk)", "telegram", "845",
        "740.00115 European War 1939/28",
        [("64", "Department’s 605, September 29, 5 p.m.", "See footnote 62, p. 641.")],
        False, []),
    "frus1941v03-d441.txt": (
        "441", "The Secretary of State to the Ambassador in Turkey (MacMurray)", "telegram",
        "155", "740.0011 European War 1939/14641",
        [("32", "information of the Turkish Government.", "")], True,
        [("452", "to the suggestion previously made")]),
    "frus1944v01-d505.txt": (
        "505", "The Ambassador in the United Kingdom (Winant) to the Secretary of State",
        "telegram", "8483", "500.CC/10–744",
        [("93", "For the attention of Jack Hickerson.", "John D. Hickerson, Chief"),
         ("94", "8180 [8181] of October 6th.", "See footnote 84, p. 882.")], False, []),
    "frus1952-54v07p1-d443.txt": (
        "443", "Memorandum of Conversation, by the Counselor of the Department of State "
        "(MacArthur)", "memorandum of conversation", "", "",
        [("1", "Counselor of the Department of State (MacArthur)", "Copies of this memorandum"),
         ("2", "at today’s restricted meeting.", "For a report on the restricted session"),
         ("3", "another conference dealing with Indochina.", "For text of this resolution")],
        False, []),
}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page_imports_with_number_title_notes_and_pages(name: str) -> None:
    number, title, kind, telegram, file_number, notes, missing, pages = EXPECTED[name]
    source = (PAGES / name).read_text(encoding="utf-8")
    assert guess_text_format(source).format == "frus", guess_text_format(source).reason
    _, [cable] = read_file(PAGES / name)
    assert (cable.number, cable.title, cable.kind) == (number, title, kind)
    assert (cable.telegram_number, cable.file_number) == (telegram, file_number)
    assert cable.id == f"{name.split('-d')[0]}/d{number}"
    assert [(note.marker, cable.text[:note.offset].endswith(words), note.text.startswith(start))
            for note, (_, words, start) in zip(cable.footnotes, notes, strict=True)] == [
        (marker, True, True) for marker, _, _ in notes]
    assert bool(cable.warnings) == missing
    if missing:
        assert "notes are missing" in cable.warnings[0] and name in cable.warnings[0]
    for marker, words, _ in notes:
        assert words + marker not in cable.text and f"{words} {marker}" not in cable.text
    assert "[Page" not in cable.text and "↩" not in cable.text
    assert not re.search(r"^- \d+\.", "\n".join(note.text for note in cable.footnotes))
    turns = [page for page in cable.pages if page.offset > 0]
    assert [(page.label, cable.text[page.offset:].startswith(start))
            for page, (_, start) in zip(turns, pages, strict=True)] == [
        (label, True) for label, _ in pages]
    body_words = set(_words(cable.text))
    note_words = set(_words(" ".join(note.text for note in cable.footnotes)))
    # A Markdown link keeps its words, not its address.
    copied = re.sub(r"\]\(https?://[^)\s]*\)", "]", source)
    # A "No. 443" line above a 1950s title is the number, taken out of the text.
    numbered = {"No"} if f"\nNo. {cable.number}\n" in source else set()
    lost = set(_words(copied)) - body_words - note_words - {"Page"} - numbered
    assert not lost, lost


def test_number_and_volume_come_from_the_address_after_a_prefix_of_the_readers(
        tmp_path: Path) -> None:
    """A reader who numbers the pages saved ("07-frus1939v01-d690.txt", "copy of …")
    still gets the page's number and volume from its address."""
    for name in ("07-frus1939v01-d690.txt", "copy of frus1939v01-d690.txt",
                 "frus1939v01-d690 (1).txt"):
        copy = tmp_path / name
        shutil.copy(PAGES / "frus1939v01-d690.txt", copy)
        _, [cable] = read_file(copy)
        assert (cable.id, cable.number) == ("frus1939v01/d690", "690"), name
    # An address that goes on after the number names an unnumbered paper filed after it:
    # the volume is known, the number is not.
    copy = tmp_path / "frus1939v01-d690a-10.txt"
    shutil.copy(PAGES / "frus1939v01-d690.txt", copy)
    _, [cable] = read_file(copy)
    assert (cable.id, cable.volume, cable.number) == ("frus1939v01/d690a-10", "frus1939v01", "")
    # …and a second such paper is a document of its own, not a replacement of the first.
    second = tmp_path / "frus1939v01-d690a-17.txt"
    shutil.copy(PAGES / "frus1939v01-d690.txt", second)
    assert read_file(second)[1][0].id == "frus1939v01/d690a-17"


def test_a_spaced_count_is_not_taken_for_a_missing_marker() -> None:
    """Only a number set off in mid-sentence that the sentence goes on after is a marker:
    "sent him 12 copies" keeps its 12 even when note 12 is listed and found nowhere."""
    from cable_annotator.importers.plaintext import parse_frus_text

    page = ("The Secretary of State to the Ambassador in Italy (Phillips)11\n\n"
            "I have sent him 12 copies of the aide-mémoire and told him so.\n\n"
            "Hull\n\n  1. Telegram No. 78.\n  2. Not printed.\n")
    cable = parse_frus_text(page)
    assert "sent him 12 copies" in cable.text
    assert [note.marker for note in cable.footnotes] == ["11", "12"]


def _variant(tmp_path: Path, name: str, text: str) -> Path:
    copy = tmp_path / name
    copy.write_text(text, encoding="utf-8")
    return copy


def test_real_pages_cut_before_their_notes_keep_title_and_markers(tmp_path: Path) -> None:
    """The same real pages with their notes not copied: the markers are detached all the
    same, the chapter's numbering read from the title's "… Conversation 11", and a
    Markdown heading under a file number is no part of the title."""
    page = (PAGES / "frus1933v01-d653.txt").read_text(encoding="utf-8")
    cut = page[:page.index("  1. Between")]
    _, [cable] = read_file(_variant(tmp_path, "frus1933v01-d653.txt", cut))
    assert cable.title == "Memorandum by the Secretary of State of a Telephone Conversation"
    assert [(note.marker, note.text) for note in cable.footnotes] == [
        ("11", ""), ("12", ""), ("13", ""), ("14", "")]
    assert cable.text[:cable.footnotes[1].offset].endswith("sent him an aide-mémoire")
    assert "aide-mémoire of which the material" in cable.text
    assert "notes are missing" in cable.warnings[0]
    page = (PAGES / "frus1932v04-d196.txt").read_text(encoding="utf-8")
    cut = page[:page.index("[^1]:")]
    _, [cable] = read_file(_variant(tmp_path, "frus1932v04-d196.txt", cut))
    assert (cable.number, cable.title) == ("196", "Memorandum by the Secretary of State")
    assert [note.marker for note in cable.footnotes] == ["1"]
    assert "the Briand-Kellogg Pact and that" in cable.text and "#" not in cable.text


def test_a_real_page_hard_wrapped_keeps_its_bracketed_dateline(tmp_path: Path) -> None:
    page = (PAGES / "frus1942v01-d108.txt").read_text(encoding="utf-8")
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 76, break_long_words=False)) if len(line) > 76 else line
        for line in page.split("\n"))
    assert max(len(line) for line in wrapped.split("\n")) <= 76
    _, [cable] = read_file(_variant(tmp_path, "frus1942v01-d108.txt", wrapped))
    assert cable.title == ("Memorandum of Conversation, by the Assistant Secretary of State "
                           "(Acheson)")
    assert cable.date == "1942-03-13"
    assert [note.marker for note in cable.footnotes] == ["29"]
    assert cable.footnotes[0].text.startswith("Andrey Andreyevich Gromyko")


def test_an_address_written_apart_in_the_file_name_still_names_the_page(tmp_path: Path) -> None:
    """Readers type names by hand: "FRUS 1939 v01 d690.txt", "frus1939v01 d690.txt",
    "FRUS-1939v01-d690.txt" — the same page, and a subject volume keeps its case."""
    from cable_annotator.services.importing import volume_from_filename

    for name in ("FRUS 1939 v01 d690.txt", "frus1939v01 d690.txt", "FRUS1939v01 d690.txt",
                 "frus 1939v01 d690.txt", "FRUS-1939v01-d690.txt"):
        copy = tmp_path / name
        shutil.copy(PAGES / "frus1939v01-d690.txt", copy)
        _, [cable] = read_file(copy)
        assert (cable.id, cable.number) == ("frus1939v01/d690", "690"), name
        copy.unlink()
    assert volume_from_filename(Path("FRUS 1918 Russia v01 d72.txt")) == "frus1918Russiav01"
    assert volume_from_filename(Path("FRUS 1969-76 v12 d5.txt")) == "frus1969-76v12"
    assert volume_from_filename(Path("Kennan telegram 1862.txt")) is None


def test_a_number_line_above_a_1950s_title_is_the_document_number() -> None:
    """A pasted 1952–54 page (no file name to read): its "No. 443" line above the title
    is the document's number, not a line of text (the citation lacked "doc. 443")."""
    from cable_annotator.importers.plaintext.frus_page import parse_frus_text

    text = (PAGES / "frus1952-54v07p1-d443.txt").read_text(encoding="utf-8")
    cable = parse_frus_text(text, volume="frus1952-54v07p1", source="the clipboard")
    assert (cable.id, cable.number) == ("frus1952-54v07p1/d443", "443")
    assert "No. 443" not in cable.text
    assert cable.title.startswith("Memorandum of Conversation, by the Counselor")
    assert [note.marker for note in cable.footnotes] == ["1", "2", "3"]
    # A despatch of an earlier volume keeps its number line as text: no document number.
    older = parse_frus_text(text.replace("No. 443", "No. 44"), volume="frus1949v07p1")
    assert older.number == "" and "No. 44" in older.text
