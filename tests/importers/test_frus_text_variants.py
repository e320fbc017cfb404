"""The plain-text importer on the other shapes FRUS documents and readers' files take.

Memoranda of conversation, letters and editorial notes (fixtures in tests/fixtures/text),
footnote markers glued to words and punctuation beside real numbers, copies without
page labels or without indentation, and the encodings and line ends editors save.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cable_annotator.domain.cable import BODY
from cable_annotator.importers.errors import ImportFailed
from cable_annotator.importers.plaintext import (
    decode_text_file,
    looks_like_frus_text,
    parse_frus_text,
    read_frus_text,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "text"
SAMPLE = REPO_ROOT / "resources" / "frus1969-76ve11p2-d293.txt"
VOLUME = "frus1961-63v12"


def body_of(cable, block) -> str:
    return cable.text[block.start : block.end]


# --- memorandum of conversation ---------------------------------------------------------


@pytest.fixture(scope="module")
def memcon():
    return read_frus_text(FIXTURES / "memcon.txt", volume=VOLUME)


def test_memcon_header(memcon) -> None:
    assert memcon.number == "12"
    assert memcon.title == "Memorandum of Conversation"
    assert memcon.kind == "memorandum of conversation"
    assert memcon.date == "1962-02-16"
    assert memcon.place == "Washington"
    assert memcon.subject == "Peruvian Fisheries Dispute"
    assert memcon.classification == "Confidential"
    kinds = [block.kind for block in memcon.blocks[:2]]
    assert kinds == ["heading", "dateline"]
    lines = [body_of(memcon, block) for block in memcon.blocks]
    assert "PARTICIPANTS" in lines
    assert "Ambassador Fernando Berckemeyer, Peru" in lines
    assert "Assistant Secretary Edwin M. Martin" in lines


def test_memcon_markers_glued_to_words_and_punctuation(memcon) -> None:
    text = memcon.text
    assert [note.marker for note in memcon.footnotes] == ["1", "2", "3", "4"]
    assert "the talks with the Embassy" in text
    assert "was not acceptable. He asked" in text
    assert "President Prado.\n" in text
    offsets = {note.marker: note.offset for note in memcon.footnotes}
    assert text[: offsets["2"]].endswith("the talks")
    assert text[: offsets["3"]].endswith("not acceptable.")
    assert text[: offsets["4"]].endswith("President Prado.")
    assert offsets["1"] == memcon.blocks[0].end


def test_memcon_real_numbers_stay(memcon) -> None:
    assert "January 9, 1962" in memcon.text
    assert "paragraph 2 of the Department’s note" in memcon.text
    assert "200-mile claim" in memcon.text


def test_memcon_page_and_note_kinds(memcon) -> None:
    assert [page.label for page in memcon.pages] == ["44", "45"]
    start = memcon.text.index("could not be accepted")
    assert memcon.page_range(BODY, start, start + len("could not be accepted")) == "44–45"
    kinds = [note.kind for note in memcon.footnotes]
    assert kinds == ["source", "editorial", "editorial", "editorial"]
    see = memcon.footnote("2")
    assert [reference.target for reference in see.references] == [f"{VOLUME}/d299"]


# --- letter, notes without indentation ----------------------------------------------------


@pytest.fixture(scope="module")
def letter():
    return read_frus_text(FIXTURES / "letter.txt")


def test_letter(letter) -> None:
    assert letter.kind == "letter"
    assert letter.title == "Letter From President Nixon to President Velasco"
    assert (letter.sender, letter.recipient) == ("President Nixon", "President Velasco")
    assert letter.date == "1974-03-03"
    assert letter.signature == "Richard Nixon"
    assert letter.blocks[-1].kind == "signature"
    assert letter.classification == "No classification marking"
    assert letter.pages == []
    assert letter.id == "unknown/d41-letter-from-president-nixon-to-president-velasco"


def test_letter_unindented_notes_after_signature(letter) -> None:
    assert [note.marker for note in letter.footnotes] == ["1", "2", "3"]
    assert letter.footnote("3").text == "Juan Velasco Alvarado, President of Peru."
    assert letter.text.rstrip().endswith("Sincerely,\n\nRichard Nixon")
    assert "with General Velasco. We agreed in paragraph 2" in letter.text
    assert "the 1974 meeting" in letter.text
    assert letter.text[: letter.footnote("3").offset].endswith("General Velasco.")


def test_letter_body_references(letter) -> None:
    targets = [reference.target for reference in letter.references]
    assert "telegram 16696" in targets
    assert "Document 293" in targets


# --- editorial note -------------------------------------------------------------------------


def test_editorial_note() -> None:
    note = read_frus_text(FIXTURES / "editorial_note.txt", volume="frus1969-76ve11p2")
    assert note.kind == "editorial note"
    assert note.title == "Editorial Note"
    assert note.date is None
    assert note.pages == []
    assert [(footnote.marker, footnote.kind) for footnote in note.footnotes] == [
        ("1", "editorial"),
        ("2", "editorial"),
    ]
    assert note.text[: note.footnotes[0].offset].endswith("Soviet tanks.")
    assert note.text[: note.footnotes[1].offset].endswith("“for defense only.”")
    assert "January 29, 1974" in note.text
    targets = [reference.target for reference in note.references]
    assert "frus1969-76ve11p2/d293" in targets
    assert "telegram 16696" in targets
    assert "telegram 1021" in [ref.target for ref in note.footnotes[1].references]


# --- the sample in other clothes --------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return read_frus_text(SAMPLE, volume="frus1969-76ve11p2")


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("utf-8", "\r\n", b""), ("utf-8", "\r", b""), ("utf-8", "\n", b"\xef\xbb\xbf"),
     ("cp1252", "\r\n", b"")],
    ids=["crlf", "cr", "bom", "cp1252"],
)
def test_encodings_and_line_ends(tmp_path, sample, encoding, newline, bom) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", newline)
    path = tmp_path / "d293.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert read_frus_text(path, volume="frus1969-76ve11p2") == sample


def test_unindented_apparatus(sample) -> None:
    flat = "\n".join(line.lstrip() for line in SAMPLE.read_text(encoding="utf-8").split("\n"))
    assert parse_frus_text(flat, volume="frus1969-76ve11p2") == sample


def test_without_page_labels(sample) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    bare = text.replace(" [Page 781]", "").replace(" [Page 782]", "")
    cable = parse_frus_text(bare, volume="frus1969-76ve11p2")
    assert cable.pages == []
    assert cable.text == sample.text
    assert cable.page_range(BODY, 0, 10) == ""


def test_marker_after_a_space_in_the_heading(sample) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("Embassy in Peru1", "Embassy in Peru 1")
    cable = parse_frus_text(text, volume="frus1969-76ve11p2")
    assert cable.title == sample.title
    assert cable.footnotes[0].offset == sample.footnotes[0].offset


def test_page_labels_inside_words_and_on_their_own_line() -> None:
    text = (
        "5. Telegram 1 From the Embassy in Peru to the Department of State\n\n"
        "1. The Minister expressed consider[Page 69]able pessimism.\n\n"
        "[Page 70]\n\n"
        "2. He added nothing."
    )
    cable = parse_frus_text(text)
    assert "expressed considerable pessimism." in cable.text
    assert [page.label for page in cable.pages] == ["68", "69", "70"]
    assert cable.text[cable.pages[1].offset :].startswith("able")
    assert cable.text[cable.pages[2].offset :].startswith("2. He added")
    assert cable.telegram_number == "1"
    assert [block.label for block in cable.blocks] == ["", "1", "2"]


def test_non_breaking_spaces_are_spaces() -> None:
    text = "5.\u00a0Editorial Note\n\nThe talks\u00a0ended.1\n  1. See Document 3."
    cable = parse_frus_text(text)
    assert cable.title == "Editorial Note"
    assert cable.text == "5. Editorial Note\n\nThe talks ended."


# --- refusals -------------------------------------------------------------------------------


def test_random_text_is_guessed_as_text() -> None:
    path = FIXTURES / "not_frus.txt"
    assert not looks_like_frus_text(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b" \n\r\n\t", "empty"),
        (b"293. Telegram\x00\x00\x01", "binary"),
        (b"\xff\xfe2\x009\x003\x00", "UTF-16"),
        (b"\x81\x8d\x8f\x90\x9d", "neither UTF-8 nor Windows-1252"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
    ids=["empty", "blank", "nul", "utf16", "undecodable", "controls"],
)
def test_unreadable_files(tmp_path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=problem) as caught:
        decode_text_file(path)
    assert caught.value.path == str(path)
    with pytest.raises(ImportFailed):
        read_frus_text(path)


def test_missing_file(tmp_path) -> None:
    path = tmp_path / "absent.txt"
    with pytest.raises(ImportFailed, match="cannot read") as caught:
        read_frus_text(path)
    assert caught.value.path == str(path)


def test_empty_text_is_refused() -> None:
    with pytest.raises(ImportFailed, match="no text") as caught:
        parse_frus_text("\n\n  \n", source="clipboard")
    assert caught.value.path == "clipboard"
    assert not looks_like_frus_text("")


def test_fixtures_are_recognised() -> None:
    for name in ("memcon.txt", "letter.txt", "editorial_note.txt"):
        assert looks_like_frus_text((FIXTURES / name).read_text(encoding="utf-8")), name
