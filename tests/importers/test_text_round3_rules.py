"""The rules of round 3, each on a page of our own text in the shape that needed it.

Copies cut before their notes (the markers are all a reader has): a series named once
before a list ("Gocus 615 and 6162"), a marker after a number's comma or colon ("Hicus
30,1 Sec"), a numbered list after a colon that is the text's own, a number set off at the
end of a heading or a participant's line ("Communist China 1", never "Attachment 1"), a
marker after a name between two safe ones ("Mr. Stalin 2"). Hard-wrapped copies keep the
dateline under the title. Each test asserts the markers, their places and the words.
"""

from __future__ import annotations

from cable_annotator.importers.plaintext import parse_frus_text
from cable_annotator.importers.plaintext.hard_wrap import unwrap

OLD_TELEGRAM = (
    "856D.00/2–1549: Telegram\n\n"
    "The Consul General at Batavia (Livengood) to the Secretary of State\n\n"
    "Batavia, February 15, 1949—6 p. m.\n\nsecret\n\n"
    "{body}\n\nLivengood\n"
)


def _markers(cable) -> list[tuple[str, str]]:
    return [(note.marker, cable.text[max(0, note.offset - 12):note.offset])
            for note in cable.footnotes]


def test_a_series_named_once_before_a_list_numbers_the_list() -> None:
    body = ("162. Daridan1 says reports from Cochran (Gocus 615 and 6162) give grounds for "
            "hope. Committee quoted Usgoc 347 and 3483 in full.")
    cable = parse_frus_text(OLD_TELEGRAM.format(body=body))
    assert [marker for marker, _ in _markers(cable)] == ["1", "2", "3"]
    assert "(Gocus 615 and 616) give" in cable.text
    assert "Usgoc 347 and 348 in full" in cable.text
    assert "notes are missing" in cable.warnings[0]


def test_a_thousands_separator_is_no_list_of_a_series() -> None:
    body = ("163. Economic Study of New Amsterdam 60,000\n\nTopographic survey at "
            "Tiger Hill 150,000")
    cable = parse_frus_text(OLD_TELEGRAM.format(body=body))
    assert "New Amsterdam 60,000" in cable.text and "Tiger Hill 150,000" in cable.text
    assert cable.footnotes == []


def test_a_lone_marker_after_a_numbers_comma_or_colon_in_a_cut_copy() -> None:
    for glued, clean in (("Fol receipt Hicus 30,1 Sec had discussion",
                          "Fol receipt Hicus 30, Sec had discussion"),
                         ("Ushic 24:1 Feel obliged deny allegation",
                          "Ushic 24: Feel obliged deny allegation")):
        cable = parse_frus_text(OLD_TELEGRAM.format(body=f"799. {glued} with Stikker."))
        assert clean in cable.text
        assert [note.marker for note in cable.footnotes] == ["1"]


def test_a_numbered_list_after_a_colon_stays_the_texts_own() -> None:
    """A memorandum cut before its notes ends with its own numbered list: the "1." after
    "the following considerations:" is a paragraph, its marker in the text above kept as
    the copy's uncopied note 1."""
    page = ("Memorandum by the Director of the Office of Chinese Affairs (Clubb)\n\n"
            "[Washington,] January 29, 1951.\n\n"
            "I talked with the Chargé about the Fox Mission.1 I had in mind the following "
            "considerations:\n\n"
            "1. The Fox Mission recommendation for aid should be carried out at once.\n\n"
            "2. The Embassy should be told what is planned.\n")
    cable = parse_frus_text(page)
    assert cable.text.endswith(
        "considerations:\n\n1. The Fox Mission recommendation for aid should be carried "
        "out at once.\n\n2. The Embassy should be told what is planned.")
    assert [(note.marker, note.text) for note in cable.footnotes] == [("1", "")]
    assert [block.label for block in cable.blocks if block.label] == ["1", "2"]


def test_a_number_at_the_end_of_a_heading_line_opens_a_cut_copys_markers() -> None:
    page = ("Memorandum of Conversation, by Mr. Livingston T. Merchant\n\n"
            "[Washington,] March 3, 1951.\n\nsecret\n\n"
            "Participants: Mr. Hulley—BNA 1\n\nMr. Rogers—BNA 2\n\nMr. Merchant—FE\n\n"
            "Attachment 1\n\nMr. Hulley said the talks would go on.\n")
    cable = parse_frus_text(page)
    assert [marker for marker, _ in _markers(cable)] == ["1", "2"]
    assert "Participants: Mr. Hulley—BNA\n\nMr. Rogers—BNA\n\nMr. Merchant—FE" in cable.text
    assert "Attachment 1\n\nMr. Hulley said" in cable.text


def test_a_marker_after_a_name_counts_between_two_safe_ones() -> None:
    body = ("1474. I made initial presentation to Mr. Zorin today.1 I recalled my first "
            "conversation with Mr. Stalin 2 and its note of July 143 but he said no.")
    cable = parse_frus_text(OLD_TELEGRAM.format(body=body))
    assert [marker for marker, _ in _markers(cable)] == ["1", "2", "3"]
    assert "with Mr. Stalin and its note of July 14 but" in cable.text


def test_a_hard_wrapped_copy_keeps_the_dateline_under_the_title() -> None:
    page = ("80. Memorandum From the Secretary of State’s Special Assistant (O’Connor) to\n"
            "the Deputy Under Secretary of State for Political Affairs (Murphy)1\n"
            "Washington, August 16, 1955.\n"
            "The following extract from the memorandum of the Secretary’s conversation with\n"
            "the President on August 14, 1955, is forwarded to you for your information and\n"
            "for such action as you may think the situation in Korea calls for at present.\n")
    lines = unwrap(page).split("\n")
    assert lines[1] == "Washington, August 16, 1955."
    cable = parse_frus_text(page)
    assert cable.title == ("Memorandum From the Secretary of State’s Special Assistant "
                           "(O’Connor) to the Deputy Under Secretary of State for Political "
                           "Affairs (Murphy)")
    assert (cable.date, cable.place) == ("1955-08-16", "Washington")


def test_a_document_symbols_number_is_no_marker() -> None:
    """An editorial note citing U.N. documents has no notes: "A/C.1/SR.441" and
    "SR.442" are the records' symbols, not markers 441 and 442; a sentence ending after a
    slashed abbreviation still carries its marker ("to PL/VM.3 Alerting")."""
    page = ("Editorial Note\n\nFor the record of the meeting, see United Nations document "
            "A/C.1/SR.441. The Committee met again that afternoon; see A/C.1/SR.442, and "
            "A/1841/Add.1 through Add.5.\n")
    cable = parse_frus_text(page)
    assert cable.footnotes == [] and cable.warnings == []
    assert "A/C.1/SR.441. The" in cable.text and "A/1841/Add.1 through" in cable.text
    body = ("1. Daridan1 told us of US concern and determination to PL/VM.2 Alerting "
            "messages have been sent.")
    cable = parse_frus_text(OLD_TELEGRAM.format(body=body))
    assert [marker for marker, _ in _markers(cable)] == ["1", "2"]
    assert "determination to PL/VM. Alerting" in cable.text


CHAPTER_PAGE = (
    "856D.00/1–1849: Telegram\n\n"
    "The Secretary of State to the Consulate General at Batavia\n\n"
    "Washington, January 19, 1949—7 p. m.\n\nsecret\n\n"
    "{body}\n\nAcheson\n\n  1. {note}\n"
)


def test_a_chapter_marker_glued_to_a_day_leaves_a_two_digit_day() -> None:
    """"Jan 1858" under a list restarting at 1 is January 18 and note 58 of the chapter,
    never January 1 and note 858."""
    cable = parse_frus_text(CHAPTER_PAGE.format(
        body="53. Dept agrees (urtel 53, Jan 1858) that time may now be ripe.",
        note="Not printed."))
    assert [(note.marker, note.text) for note in cable.footnotes] == [("58", "Not printed.")]
    assert "(urtel 53, Jan 18) that time" in cable.text


def test_the_minutes_of_a_time_are_no_marker() -> None:
    cable = parse_frus_text(CHAPTER_PAGE.format(
        body="54. Trio plus Drees resumed at 2:30 and at four asked me join.58",
        note="See footnote 1, p. 483."))
    assert "resumed at 2:30 and at four" in cable.text
    assert [note.marker for note in cable.footnotes] == ["58"]
    assert cable.text[:cable.footnotes[0].offset].endswith("asked me join.")


def test_a_file_numbers_closing_full_stop_is_no_part_of_it() -> None:
    page = ("File No. 312.11/1073.\n\nThe Secretary of State to the Minister in Haiti "
            "(Bailly-Blanchard)\n\nWashington, May 3, 1915.\n\nSir: I have received your "
            "note.\n")
    cable = parse_frus_text(page)
    assert cable.file_number == "312.11/1073"
    assert cable.title == "The Secretary of State to the Minister in Haiti (Bailly-Blanchard)"


def test_a_numbered_heading_cut_before_its_notes_ends_in_its_source_note() -> None:
    """From 1961 on every document but an editorial note has a source note on its
    heading: "… Study Memorandum 1851" cut before the notes is NSSM 185 and note 1."""
    page = ("29. National Security Study Memorandum 1851\n\nWashington, June 5, 1973.\n\n"
            "TO\n\nThe Secretary of State\n\nThe President has directed a study of our "
            "policy toward Morocco.\n")
    cable = parse_frus_text(page)
    assert cable.title == "National Security Study Memorandum 185"
    assert [(note.marker, note.kind) for note in cable.footnotes] == [("1", "source")]
    assert "notes are missing" in cable.warnings[0]
    editorial = parse_frus_text("30. Editorial Note\n\nOn June 5, 1973, NSSM 185 was "
                                "issued.\n")
    assert editorial.footnotes == [] and "NSSM 185 was issued" in editorial.text
