"""A page saved under its history.state.gov address is read as that page, even when its
opening is one the guess alone would not take for FRUS.

Real pages of the 1905 and 1915 volumes (``tests/fixtures/text/eras4/``): a foreign
envoy's letter ("The Russian Ambassador to the Secretary of State" / a dateline / "My dear
Mr. Secretary:") and a note of the Department with neither dateline nor salutation were
kept verbatim as plain text — no number, no page labels — although their file names
carried their addresses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cable_annotator.importers.plaintext import guess_text_format
from cable_annotator.services.importing import read_file

ERAS4 = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "eras4"


@pytest.mark.parametrize(("name", "number", "title", "pages"), [
    ("frus1905-d917.txt", "917", "The Russian Ambassador to the Secretary of State",
     ["829"]),
    ("frus1915Supp-d899.txt", "899", "The Department of State to the German Embassy", []),
])
def test_an_addressed_page_is_read_as_the_page(name, number, title, pages):
    readings = []
    _, [cable] = read_file(ERAS4 / name, readings=readings)
    assert readings[0].format == "frus", readings[0].reason
    assert "file name carries the FRUS address" in readings[0].reason
    assert (cable.number, cable.title.rstrip(".")) == (number, title)
    assert set(pages) <= {page.label for page in cable.pages}
    assert cable.kind != "text"


def test_the_same_text_under_another_name_is_still_guessed_from_itself():
    text = (ERAS4 / "frus1915Supp-d899.txt").read_text(encoding="utf-8")
    assert guess_text_format(text).format == "text"
    assert guess_text_format(text, "frus1915Supp/d899").format == "frus"
    # Several numbered documents joined stay text whatever the name says.
    joined = ("1. Telegram From the Embassy in Peru to the Department of State\n\nOne.\n\n"
              "2. Telegram From the Department of State to the Embassy in Peru\n\nTwo.\n\n"
              "3. Telegram From the Embassy in Peru to the Department of State\n\nThree.\n")
    assert guess_text_format(joined, "frus1974/d1").format == "text"
