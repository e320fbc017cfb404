"""Acceptance tests of the FRUS plain-text importer on the bundled sample, document 293.

The sample is the text a reader copies from history.state.gov; every fact asserted here is
something a historian cites (page, paragraph, footnote, classification) or sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cable_annotator.domain.cable import BODY, PageBreak
from cable_annotator.importers.plaintext import (
    guess_text_format,
    looks_like_frus_text,
    parse_frus_text,
    read_frus_text,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "resources" / "frus1969-76ve11p2-d293.txt"
VOLUME = "frus1969-76ve11p2"
TITLE = "Telegram 16696 From the Department of State to the Embassy in Peru"


@pytest.fixture(scope="module")
def cable():
    return read_frus_text(SAMPLE, volume=VOLUME)


@pytest.fixture(scope="module")
def anonymous_cable():
    return read_frus_text(SAMPLE)


def span_of(text: str, quote: str, after: str = "") -> tuple[int, int]:
    start = text.index(quote, text.index(after) if after else 0)
    return start, start + len(quote)


def test_catalogue_facts(cable) -> None:
    assert cable.id == f"{VOLUME}/d293"
    assert cable.volume == VOLUME
    assert cable.number == "293"
    assert cable.title == TITLE
    assert cable.kind == "telegram"
    assert cable.telegram_number == "16696"
    assert cable.subject == "Peruvian Purchase of Soviet Tanks"
    assert cable.signature == "Kissinger"
    assert cable.classification == "Secret; Exdis"
    assert cable.sender == "Department of State"
    assert cable.recipient == "Embassy in Peru"


def test_no_dateline_means_unknown_date(cable) -> None:
    assert cable.date is None
    assert cable.place == ""


def test_text_has_no_apparatus(cable) -> None:
    assert "[Page" not in cable.text
    assert "Peru1" not in cable.text
    assert "Summary:" not in cable.text
    assert cable.text.rstrip().endswith("Kissinger")
    assert "  " not in cable.text


def test_heading_and_telegram_line_open_the_text(cable) -> None:
    heading, telegram_line = cable.blocks[0], cable.blocks[1]
    assert heading.kind == "heading"
    assert cable.text[heading.start : heading.end] == f"293. {TITLE}"
    assert cable.text.startswith(f"293. {TITLE}\n")
    assert cable.text[telegram_line.start : telegram_line.end] == (
        "16696. Subject: Peruvian Purchase of Soviet Tanks. For Ambassador."
    )
    assert telegram_line.label == ""


def test_numbered_paragraphs(cable) -> None:
    labelled = [block for block in cable.blocks if block.label]
    assert [block.label for block in labelled] == [str(n) for n in range(1, 11)]
    for block in labelled:
        assert cable.text[block.start : block.end].startswith(f"{block.label}. ")
    assert cable.blocks[-1].kind == "signature"
    start, end = span_of(cable.text, "an arms race could ensue")
    assert cable.paragraph_range(BODY, start, end) == "4"


def test_page_breaks(cable) -> None:
    text = cable.text
    ensue = text.index("ensue.", text.index("arms race could "))
    that = text.index("that the Chileans may put great pressure")
    assert cable.pages == [PageBreak("780", 0), PageBreak("781", ensue), PageBreak("782", that)]


def test_page_label_removal_leaves_one_space(cable) -> None:
    assert "an arms race could ensue" in cable.text
    assert "calculating that the Chileans" in cable.text


def test_page_ranges_of_quotes(cable) -> None:
    text = cable.text
    assert cable.page_range(BODY, *span_of(text, "an arms race could ensue")) == "780–781"
    assert cable.page_range(BODY, *span_of(text, "Contrary to alarmist rumors")) == "781"
    assert cable.page_range(BODY, *span_of(text, "seek an appointment with President")) == "780"
    assert cable.page_range(BODY, *span_of(text, "reassure the Chileans")) == "782"


def test_source_footnote(cable) -> None:
    assert len(cable.footnotes) == 1
    note = cable.footnotes[0]
    assert (note.key, note.marker, note.kind) == ("1", "1", "source")
    heading = cable.blocks[0]
    assert note.offset == heading.end
    assert cable.text[:note.offset].endswith("Embassy in Peru")
    assert [block.label for block in note.blocks] == ["", ""]
    summary, source = (note.text[block.start : block.end] for block in note.blocks)
    assert summary.startswith("Summary: The Department instructed Belcher")
    assert source.startswith("Source: National Archives, Nixon Presidential Materials")
    assert source.endswith("is Document 299.")
    assert cable.part_text(note.part) == note.text
    assert cable.page_range(note.part, 0, 10) == "780"


def test_footnote_references(cable) -> None:
    note = cable.footnotes[0]
    targets = [reference.target for reference in note.references]
    assert "telegram 193548" in targets
    assert "telegram 8043" in targets
    assert f"{VOLUME}/d299" in targets
    for reference in note.references:
        assert note.text[reference.start : reference.end] == reference.text


def test_document_reference_without_volume(anonymous_cable) -> None:
    targets = [reference.target for reference in anonymous_cable.footnotes[0].references]
    assert "Document 299" in targets


def test_body_references(cable) -> None:
    # The heading's "Telegram 16696" names this cable itself, not another one.
    assert "telegram 16696" not in [reference.target for reference in cable.references]
    other = parse_frus_text(
        "12. Telegram 500 From the Embassy in Peru to the Department of State\n\n"
        "1. As reported in telegram 16696 and Document 299, the Embassy agrees.\n\nBelcher\n",
        volume=VOLUME,
    )
    targets = [reference.target for reference in other.references]
    assert targets == ["telegram 16696", f"{VOLUME}/d299"]
    for reference in other.references:
        assert other.text[reference.start : reference.end] == reference.text


def test_id_without_volume_is_stable_and_readable(anonymous_cable) -> None:
    assert anonymous_cable.id == (
        "unknown/d293-telegram-16696-from-the-department-of-state-to-the-embassy-in-peru"
    )
    assert anonymous_cable.volume == ""
    assert read_frus_text(SAMPLE).id == anonymous_cable.id


def test_parse_equals_read(cable) -> None:
    parsed = parse_frus_text(SAMPLE.read_text(encoding="utf-8"), volume=VOLUME)
    assert parsed == cable


def test_sample_is_recognised() -> None:
    assert looks_like_frus_text(SAMPLE.read_text(encoding="utf-8"))


def test_other_text_is_guessed_as_text_and_never_refused_as_a_page(tmp_path: Path) -> None:
    """A shopping list is no FRUS page: the guess says so and why; read as a page on the
    user's word it still imports (a page is never refused for its shape)."""
    path = tmp_path / "shopping.txt"
    path.write_text("Milk, eggs and bread.\nCall the plumber on Tuesday.\n", encoding="utf-8")
    guess = guess_text_format(path.read_text(encoding="utf-8"))
    assert guess.format == "text" and "FRUS" in guess.reason
    cable = read_frus_text(path)
    assert cable.text == "Milk, eggs and bread.\nCall the plumber on Tuesday."
    assert cable.footnotes == [] and cable.number == ""


def test_numbered_sentence_is_not_a_heading() -> None:
    text = (
        "1. You should seek an appointment with President Velasco at an early date to "
        "discuss this subject and make the following points.\n\n2. Now that the news is out."
    )
    assert not looks_like_frus_text(text)
    cable = parse_frus_text(text, source="pasted")
    assert cable.number == "" and cable.footnotes == []
    assert cable.text == text
