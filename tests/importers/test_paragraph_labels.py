"""Both importers label paragraphs alike, and a telegram's number line is no paragraph."""

from __future__ import annotations

from cable_annotator.importers.frus_prose import paragraph_label
from cable_annotator.importers.plaintext import parse_frus_text

TEXT = """12. Telegram 700 From the Embassy in Greece to the Department of State

Athens, January 23, 1978, 1726Z.

700. Subject: Draft Report on the Secretary's Meetings.

1. This is the draft report.

(a) The Prime Minister spoke first.

Vance
"""


def test_plain_text_labels() -> None:
    cable = parse_frus_text(TEXT, volume="frustest")
    labels = [block.label for block in cable.blocks if block.label]
    assert labels == ["1", "(a)"]


def test_tei_labels_match() -> None:
    assert paragraph_label("700. Subject: Draft Report") == ""
    assert paragraph_label("1. This is the draft report.") == "1"
    assert paragraph_label("(a) The Prime Minister") == "(a)"


def test_telegram_number_from_the_opening_line() -> None:
    from cable_annotator.importers.frus_prose import telegram_line_number

    assert telegram_line_number("700. Subject: Draft Report", "telegram") == "700"
    assert telegram_line_number("1. This is the draft report.", "telegram") == ""
