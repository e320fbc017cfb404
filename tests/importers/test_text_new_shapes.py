"""Shapes of copied pages read since round 2: markers glued to telegram numbers, Markdown
footnotes, notes marked by symbols, hard-wrapped copies — each with the case that must
stay as it was (a real number kept whole, a short unwrapped copy left alone)."""

from __future__ import annotations

import textwrap

from cable_annotator.importers.plaintext import guess_text_format, parse_frus_text
from cable_annotator.importers.plaintext.hard_wrap import unwrap, wrap_width

GLUED = """711.00/6-1552: Telegram

The Ambassador in the Soviet Union (Kennan) to the Secretary of State

Moscow, June 15, 1952—4 p. m.

secret

2241. Embtel 7711 and Deptel 7712 both reported the Foreign Office view. \
Since Embtel 768 of June 10 the Ministry has said nothing more, and Deptel 770 has not \
been answered.

Kennan
  1. Not printed.
  2. Deptel 771, June 12, asked the Embassy to report any change in Soviet policy.
"""


def _follows(cable, words: str) -> list[str]:
    return [note.marker for note in cable.footnotes if cable.text[:note.offset].endswith(words)]


def test_markers_glued_to_telegram_numbers_are_read_by_their_series() -> None:
    """"Embtel 7711" where 1 is the marker: the other Embtel and Deptel numbers have three
    digits, so the fourth is the marker; "Embtel 768" keeps every digit."""
    cable = parse_frus_text(GLUED, volume="frus1952-54v08", number="512")
    assert [note.marker for note in cable.footnotes] == ["1", "2"]
    assert _follows(cable, "Embtel 771") == ["1"] and _follows(cable, "Deptel 771") == ["2"]
    assert "Embtel 771 and Deptel 771 both" in cable.text
    assert "Embtel 768 of June 10" in cable.text and "Deptel 770 has" in cable.text
    cut = parse_frus_text(GLUED.split("  1. Not")[0], volume="frus1952-54v08", number="512")
    assert [note.marker for note in cut.footnotes] == ["1", "2"] and cut.warnings
    assert "Embtel 771 and Deptel 771 both" in cut.text


def test_a_number_without_a_series_keeps_its_digits_in_a_copy_without_notes() -> None:
    """With no note list and no series to compare with, "Deptel 7712" may be a real
    telegram number: nothing is cut from it."""
    cable = parse_frus_text("The Secretary of State to the Embassy in Peru\n\nWashington, "
                            "May 3, 1952.\n\n118. Deptel 7712 stands.\n", number="7")
    assert "Deptel 7712 stands." in cable.text and cable.footnotes == []


MARKDOWN = """12. Memorandum From the Secretary of State (Shultz) to President Reagan[^fn1]

Washington, March 3, 1983

The Soviets have answered [^fn2] our proposal of February 10.[^fn3] See also the annex.[^9]

[^fn1]: Source: Reagan Library, Executive Secretariat. Secret.
[^fn2]: Telegram 2611 from Moscow,
    March 2.

    A second paragraph of the note.
[^fn3]: Document 10.
"""


def test_markdown_footnotes_with_labels_continuations_and_a_lost_definition() -> None:
    cable = parse_frus_text(MARKDOWN, volume="frus1981-88v04", number="12")
    assert cable.title == ("Memorandum From the Secretary of State (Shultz) to President "
                           "Reagan")
    assert [(note.marker, note.kind) for note in cable.footnotes] == [
        ("1", "source"), ("2", "editorial"), ("3", "editorial")]
    assert cable.footnotes[1].text == ("Telegram 2611 from Moscow, March 2.\n\n"
                                       "A second paragraph of the note.")
    assert _follows(cable, "The Soviets have answered") == ["2"]
    # "[^9]" has no definition: cut all the same, never left in the words.
    assert "The Soviets have answered our proposal of February 10. See also the annex." in (
        cable.text)
    assert "[^" not in cable.text
    assert guess_text_format(MARKDOWN).format == "frus"


def test_markdown_definitions_before_more_prose_are_not_the_note_list() -> None:
    text = ("Mr. Hay to Mr. Choate.\n\nNo. 205.]\n\nSir: the trade[^1] is growing.\n\n"
            "[^1]: A note a converter put mid-text.\n\nI am, etc.,\n\nJohn Hay.\n")
    cable = parse_frus_text(text, number="171")
    assert cable.text.endswith("John Hay.")


SYMBOLS = """Mr. Fish to Mr. Motley.

No. 119.]

Sir: I have received your despatch No. 10,* and the copy of the note.† The President approves.

* * * * * * *

I am, sir, your obedient servant,

HAMILTON FISH.
"""


def test_notes_marked_by_symbols_in_every_list_shape() -> None:
    """"* Not printed." flat, "  *. …" as the site lists them, a list the copy renumbered
    1, 2 — and a copy cut before them: the symbols are the markers, the ellipsis stays."""
    for notes in ("* Not printed.\n† Inclosure 2.\n", "  *. Not printed.\n  †. Inclosure 2.\n",
                  "  1. Not printed.\n  2. Inclosure 2.\n", ""):
        cable = parse_frus_text(SYMBOLS + notes, volume="frus1870", number="55")
        assert [note.marker for note in cable.footnotes] == ["*", "†"], notes
        assert _follows(cable, "despatch No. 10,") == ["*"]
        assert _follows(cable, "the copy of the note.") == ["†"]
        assert "\n\n* * * * * * *\n\n" in cable.text
        assert [note.text for note in cable.footnotes] == (
            ["Not printed.", "Inclosure 2."] if notes else ["", ""])
        assert bool(cable.warnings) == (not notes)


SITE = ("File No. 861.00/2015\n\n"
        "The Consul General at Moscow (Summers) to the Secretary of State, reporting the "
        "views of the Soviet authorities on the well-known landing at Murmansk\n\n"
        "Moscow, June 12, 1918, 6 p.m.\n\n[Telegram]\n\n"
        "371. The Commissar for Foreign Affairs told me this morning that the Soviet "
        "Government regards the presence of the Allied forces at Murmansk as a hostile "
        "act,1 and that it will protest to every Allied Government. I replied that the "
        "landing had been made solely to protect military stores against the Germans and "
        "the Finns, and that it was directed against no Russian party whatever.\n\n"
        "Summers\n  1. See the telegram of June 18 to the Ambassador in Russia, p. 554, which "
        "the Department sent after it had heard from the Ambassador at Vologda.\n")


def _hard_wrapped(text: str, width: int) -> str:
    lines = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        lines.extend(textwrap.wrap(line, width, subsequent_indent=indent,
                                   break_long_words=False) or [""])
    return "\n".join(lines)


def test_a_hard_wrapped_copy_reads_as_the_site_copy() -> None:
    site = parse_frus_text(SITE, volume="frus1918Russiav01", number="543")
    for width in (66, 72, 80):
        wrapped = _hard_wrapped(SITE, width)
        assert wrap_width(wrapped.split("\n")) is not None
        cable = parse_frus_text(wrapped, volume="frus1918Russiav01", number="543")
        assert (cable.title, cable.text, cable.kind, cable.date) == (
            site.title, site.text, site.kind, site.date), width
        assert [(n.marker, n.text, n.offset) for n in cable.footnotes] == [
            (n.marker, n.text, n.offset) for n in site.footnotes]


def test_a_copy_of_short_lines_is_not_unwrapped() -> None:
    """A compact copy whose lines are short paragraphs, each ending its sentence, keeps
    every line break: only a wrapper leaves lines ending mid-sentence."""
    compact = ("Mr. Adams to Mr. Seward,\nLondon, August 23, 1861.\n"
               "Sir: I have the honor to transmit a copy of a note from Lord Russell.\n"
               "I have waited to communicate with Mr. Dayton until I now learn from him.\n"
               "I have the honor to be, sir, your obedient servant,\nC. F. Adams.\n")
    assert unwrap(compact) == compact
    assert unwrap(SITE) == SITE


def test_a_nineteenth_century_despatch_with_letterhead_and_received_line() -> None:
    """"Legation of the United States," over the dateline, "(Received August 11, 1870.)"
    under it, a note marked "*": the date and place are the dateline's, the received
    line is no paragraph of the despatch's own numbering, the signature is kept."""
    cable = parse_frus_text(
        "Mr. Motley to Mr. Fish.\n\nNo. 6.]\n\nLegation of the United States,\n"
        "London, July 30, 1870.\n(Received August 11, 1870.)\n\nSir: My dispatch No. 8, of "
        "June 12th,* was shown to his lordship.\n\nI am, sir, your obedient servant,\n\n"
        "JOHN LOTHROP MOTLEY.\n* Ante, p. 3.\n", volume="frus1870", number="6")
    assert (cable.title, cable.date, cable.place) == ("Mr. Motley to Mr. Fish", "1870-07-30",
                                                      "London")
    assert [(note.marker, note.text) for note in cable.footnotes] == [("*", "Ante, p. 3.")]
    assert _follows(cable, "June 12th,") == ["*"]
    assert cable.signature == "JOHN LOTHROP MOTLEY."
    assert all(block.label == "" for block in cable.blocks)


MARKDOWN_PAGE = """# 293. Telegram From the Department of State to the Embassy in Peru[^1]

Washington, January 29, 1974, 2224Z.

16696\\. Subject: Peruvian Purchase of *Soviet* Tanks. For **Ambassador**.

1\\. You should seek an appointment with General Velasco[^2] soonest. \
[[Page 781]](https://history.state.gov/historicaldocuments/frus1969-76ve11p2/pg_781) \
The tanks, see [Document 299](https://history.state.gov/historicaldocuments/\
frus1969-76ve11p2/d299), are a problem.

Kissinger

[^1]: **Source:** National Archives, RG 59. *Secret*.
[^2]: Juan Velasco Alvarado.
"""


def test_a_whole_markdown_copy_heading_emphasis_links_and_escapes() -> None:
    """A converter's heading, emphasis, links and escapes are no part of the document:
    the number and title are the heading's, the page label a page turn, the words the
    site's, and no asterisk of the emphasis is taken for a note marker."""
    from cable_annotator.importers.plaintext.markdown_text import plain_from_markdown

    cable = parse_frus_text(MARKDOWN_PAGE, volume="frus1969-76ve11p2")
    assert (cable.number, cable.title, cable.kind, cable.date, cable.telegram_number) == (
        "293", "Telegram From the Department of State to the Embassy in Peru", "telegram",
        "1974-01-29", "16696")
    assert "16696. Subject: Peruvian Purchase of Soviet Tanks. For Ambassador." in cable.text
    assert "see Document 299, are a problem." in cable.text
    assert [(note.marker, note.kind, note.text) for note in cable.footnotes] == [
        ("1", "source", "Source: National Archives, RG 59. Secret."),
        ("2", "editorial", "Juan Velasco Alvarado.")]
    assert [(page.label, cable.text[page.offset:page.offset + 9]) for page in cable.pages] == [
        ("780", "293. Tele"), ("781", "The tanks")]
    assert not any(char in cable.text for char in "*#[]\\")
    # A page that is no Markdown keeps its asterisks: they are notes and ellipses.
    assert plain_from_markdown(SYMBOLS) == SYMBOLS


def test_markers_and_back_links_written_as_markdown_links() -> None:
    """A converter that writes the site's superscripts as links ("Velasco[2](#fn:2)")
    and the notes as a list ending in "[↩](#fnref:2)": read as the site's copy."""
    cable = parse_frus_text(
        "293. Telegram From the Department of State to the Embassy in Peru[1](#fn:1)\n\n"
        "Washington, January 29, 1974, 2224Z.\n\n16696. Subject: Tanks. See General "
        "Velasco[2](#fn:2) soonest.\n\nKissinger\n\n"
        "1. Source: National Archives, RG 59. Secret. [↩](#fnref:1)\n"
        "2. Juan Velasco Alvarado. [↩](#fnref:2)\n", volume="frus1969-76ve11p2")
    assert cable.text.endswith("See General Velasco soonest.\n\nKissinger")
    assert [(note.marker, note.text) for note in cable.footnotes] == [
        ("1", "Source: National Archives, RG 59. Secret."), ("2", "Juan Velasco Alvarado.")]
    assert _follows(cable, "General Velasco") == ["2"]


def test_a_markdown_copy_wrapped_at_72_columns_as_pandoc_writes_it() -> None:
    """Pandoc wraps at 72 columns, a link's address whole on a line of its own and a
    note's lines indented under it: read as the unwrapped copy."""
    wrapped = []
    for line in MARKDOWN_PAGE.split("\n"):
        if line.startswith("[^"):
            wrapped.extend(textwrap.wrap(line, 72, subsequent_indent="    ",
                                         break_long_words=False, break_on_hyphens=False))
        elif line.startswith("#") or not line:
            wrapped.append(line)
        else:
            wrapped.extend(textwrap.wrap(line, 72, break_long_words=False,
                                         break_on_hyphens=False))
    whole = parse_frus_text(MARKDOWN_PAGE, volume="frus1969-76ve11p2")
    cable = parse_frus_text("\n".join(wrapped), volume="frus1969-76ve11p2")
    assert (cable.title, cable.text) == (whole.title, whole.text)
    assert [(n.marker, n.text, n.offset) for n in cable.footnotes] == [
        (n.marker, n.text, n.offset) for n in whole.footnotes]
    assert [(p.label, p.offset) for p in cable.pages] == [(p.label, p.offset) for p in whole.pages]


def test_a_footnotes_heading_above_the_list_is_not_the_last_paragraph() -> None:
    for heading in ("Footnotes", "Notes:", "## Footnotes"):
        cable = parse_frus_text(
            "293. Telegram From the Department of State to the Embassy in Peru1\n\n"
            "Washington, January 29, 1974, 2224Z.\n\n16696. Subject: Tanks. See General "
            f"Velasco2 soonest.\n\nKissinger\n\n{heading}\n\n"
            "  1. Source: National Archives, RG 59. Secret.\n  2. Juan Velasco Alvarado.\n",
            volume="frus1969-76ve11p2")
        assert cable.text.endswith("soonest.\n\nKissinger") and cable.signature == "Kissinger"
        assert [note.marker for note in cable.footnotes] == ["1", "2"]


def test_a_cut_copy_keeps_its_ellipses_and_detaches_doubled_symbols() -> None:
    cable = parse_frus_text(
        "Mr. Adams to Mr. Seward.\n\n[Extracts.]\n\nNo. 10.]\n\nSir: * * * * * * * *\n\n"
        "I spoke of the views of the President,* and ** I added that the feeling would "
        "subside.†\n\n* * * * * *\n\nHe then spoke of New Granada.**\n\n"
        "CHARLES FRANCIS ADAMS.\n", volume="frus1861", number="57")
    assert [note.marker for note in cable.footnotes] == ["*", "†", "**"] and cable.warnings
    assert "Sir: * * * * * * * *" in cable.text and "\n\n* * * * * *\n\n" in cable.text
    assert "President, and ** I added" in cable.text
    assert "New Granada.\n\nCHARLES" in cable.text


def test_the_sites_lines_above_the_document_give_its_number_and_are_no_part_of_it() -> None:
    """A reader who selects from the top of the page copies the volume's title and
    "Document 72": an old-style page takes its number from it, and neither line is read
    as the title or kept in the text."""
    page = ("Foreign Relations of the United States, 1861, Message of the President of the "
            "United States to the Two Houses of Congress\n\nDocument 72\n\n"
            "Mr. Adams to Mr. Seward,\nLondon, August 23, 1861.\n"
            "Sir: I have the honor to transmit a copy of a note.\nC. F. Adams.\n")
    assert guess_text_format(page).format == "frus"
    cable = parse_frus_text(page, volume="frus1861")
    assert (cable.id, cable.number, cable.title, cable.date) == (
        "frus1861/d72", "72", "Mr. Adams to Mr. Seward", "1861-08-23")
    assert cable.text.startswith("Mr. Adams to Mr. Seward,\nLondon")
    modern = parse_frus_text(
        "Historical Documents\nDocument 293\n293. Telegram From the Department of State to "
        "the Embassy in Peru1\nWashington, January 29, 1974, 2224Z.\n16696. Tanks.\n"
        "  1. Source: National Archives. Secret.\n", volume="frus1969-76ve11p2")
    assert (modern.number, modern.text[:4], [n.marker for n in modern.footnotes]) == (
        "293", "293.", ["1"])


def test_a_markdown_copy_with_a_file_number_above_its_heading_and_no_notes() -> None:
    """An older page through a Markdown converter: the file number stands above the
    "# " heading and no footnote proves it Markdown; the heading and the escapes still
    make it one (the title kept its "# ", the text its backslashes)."""
    page = textwrap.dedent("""\
        701.48a11/19

        # The British Ambassador (Howard) to the Secretary of State

        Washington, *May 1, 1929*.

        Sir: I have the honour to enclose the note of my Government.

        I have \\[etc.\\]

        Esme Howard
        """)
    cable = parse_frus_text(page, volume="frus1929v03", number="920")
    assert cable.title == "The British Ambassador (Howard) to the Secretary of State"
    assert cable.file_number == "701.48a11/19"
    assert "I have [etc.]" in cable.text and "\\\\" not in cable.text and "#" not in cable.text
    assert "*" not in cable.text


def test_an_archive_line_of_a_lot_or_a_series_above_the_title_is_no_title() -> None:
    """"Lot 52 M 45" and "SWNCC 21 Series" head pages of 1944–45 above the title; they
    were taken for the title ("Lot 52 M", its 45 for a marker)."""
    for archive, title in (
            ("Lot 52 M 45", "Minutes of First Meeting of the Coordinating Committee"),
            ("SWNCC 21 Series", "Draft Report by the Chairman of the Committee (Dunn)")):
        page = f"{archive}\n\n{title}\n\n[Washington,] December 19, 1944.\n\nThe text.\n"
        cable = parse_frus_text(page, volume="frus1944v01", number="990")
        assert cable.title == title, archive
        assert cable.footnotes == [] or all(f.marker != "45" for f in cable.footnotes)
        assert guess_text_format(page).format == "frus"


def test_a_name_alone_on_the_title_line_goes_on_to_its_addressee() -> None:
    """A garbled copy of an 1880 page breaks "Mr. Evarts to Mr. Seward." after the
    sender's name; the title is the whole address."""
    page = ("No. 165.\nMr. Evarts\nto Mr. Seward.\nWashington, May 1, 1880.\n"
            "Sir: I have received your Nos. 586 and 589.\nI am, &c.\n")
    cable = parse_frus_text(page, volume="frus1880", number="165")
    assert cable.title == "Mr. Evarts to Mr. Seward"
    assert (cable.sender, cable.recipient) == ("Mr. Evarts", "Mr. Seward")
