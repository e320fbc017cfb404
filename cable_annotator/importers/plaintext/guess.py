"""Is a plain text a FRUS page, or some other text to keep verbatim?

The guess is made on what a copied page shows at its top, and is reported to the user,
who can overrule it (``import --as text|frus``, the window's import question):

* a numbered heading "293. Telegram 16696 From …" with a title that names a kind of
  document or its parties, or with page labels or notes to back it;
* or the opening lines of the older volumes (a file number, an archive line, "[Extract]",
  "No. 320.") before a title, or a title naming its parties ("Mr. Adams to Mr. Seward,")
  or its kind ("Memorandum of Conversation, by …") with a dateline, "[Telegram]", a
  telegram's number or a salutation ("Sir:", "Dear Mr. President:") under it, or with
  page labels or notes.

A text that runs several numbered documents one after another ("1. Memorandum …",
"2. Telegram …", as an anthology or a corpus file does) is not one page: it is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..frus_prose import kind_of, parties_of_address
from .apparatus import find_apparatus
from .decode import normalise_newlines
from .hard_wrap import unwrap
from .markdown_text import plain_from_markdown
from .markers import PAGE_ONLY_LINE
from .metadata import read_dateline
from .opening import (
    NUMBERED_HEADING,
    opening_kind,
    plausible_numbered_title,
    read_opening,
    strip_site_lines,
)

FRUS_PAGE = "frus"
PLAIN_TEXT = "text"
_SEVERAL_DOCUMENTS = 2
"""Further document headings, numbered on from the first, that make a text a collection."""
_LOOK_AHEAD = 6
# The opening of a despatch, an instruction or a letter under its title ("Mr. Adams to
# Mr. Seward" / "Sir: …", "The Secretary of State to President Wilson" / "Dear Mr.
# President: …", "My Dear Mr. Lansing: …", "Excellency: …").
_SALUTATION = re.compile(
    r"^(?:Sir|Gentlemen|Excellency|Your Excellency|Mr\. (?:President|Secretary)|"
    r"(?:My )?[Dd]ear (?:Mr\.|Mrs\.|Sir|Colonel|General|Senator|Governor|Admiral|President|"
    r"[A-Z][a-z]+)[^:,]{0,40})[:,]")
# The editors' own pages, titled so in every volume (older ones print no number).
_EDITORIAL_NOTE = re.compile(r"^Editorial [Nn]ote\d{0,3}$")
# A telegram's own number opening its text: "1253. The Ministry …".
_TELEGRAM_NUMBER = re.compile(r"^\d{2,5}\. \S")


@dataclass(frozen=True)
class TextGuess:
    """What a text was taken for (``frus`` or ``text``) and why, in words for the user."""

    format: str
    reason: str


def _document_heading(line: str) -> tuple[int, str] | None:
    match = NUMBERED_HEADING.match(line)
    if not match or not match["number"].isdigit():
        return None
    title = match["title"]
    if kind_of(title) == "document" and " From " not in title:
        return None
    return int(match["number"]), title


def _joined_documents(lines: list[str], first_number: int) -> int:
    """How many later lines head the next documents in sequence (N+1, N+2 …) after a
    blank line: the sign of several documents joined into one text."""
    expected = first_number + 1
    found = 0
    for index in range(1, len(lines)):
        if lines[index - 1].strip() or not lines[index].strip():
            continue
        heading = _document_heading(lines[index])
        if heading and heading[0] == expected and plausible_numbered_title(heading[1]):
            found += 1
            expected += 1
    return found


def guess_text_format(text: str, address: str = "") -> TextGuess:
    """Guess whether ``text`` is a copied FRUS page or another text; says why.

    ``address``: the history.state.gov address its file name carries
    (``frus1905/d917``), as readers name the pages they save. Such a name is itself
    strong evidence: a text under it with a title is taken for the page unless it holds
    several documents (the notes of foreign envoys, "The Russian Ambassador to the
    Secretary of State", and archive lines of no known shape were kept as plain text)."""
    text = strip_site_lines(
        plain_from_markdown(unwrap(normalise_newlines(text).replace("\u00a0", " "))))[0]
    lines = text.split("\n")
    opening = read_opening(lines, PAGE_ONLY_LINE)
    if opening.heading is None:
        return TextGuess(PLAIN_TEXT, "it has no FRUS heading")
    if opening.number:
        if opening.number.isdigit():
            joined = _joined_documents(lines, int(opening.number))
            if joined >= _SEVERAL_DOCUMENTS:
                return TextGuess(PLAIN_TEXT, f"it holds {joined + 1} numbered documents one "
                                             "after another, not one FRUS page")
        title = opening.title
        if kind_of(title) != "document" or " From " in title:
            return TextGuess(FRUS_PAGE, f"it opens with the FRUS heading {_short(lines, opening)}")
        if "[Page " in text or find_apparatus(lines, opening.heading) is not None:
            return TextGuess(FRUS_PAGE, f"it opens with the FRUS heading {_short(lines, opening)}"
                                        " and has page labels or notes")
        if _dated(lines, opening.heading):  # "289. Summary of Developments" / "Washington, …"
            return TextGuess(FRUS_PAGE, f"it opens with the FRUS heading {_short(lines, opening)}"
                                        " and a dateline under it")
        if address:
            return _addressed(address)
        return TextGuess(PLAIN_TEXT, "its first line is numbered but names no FRUS document")
    if opening.before:
        return TextGuess(FRUS_PAGE, f"it opens as a FRUS page of the older volumes "
                                    f"({opening.before[0][1]} line, then the title)")
    below = [line for line in lines[opening.heading + 1:] if line.strip()][:_LOOK_AHEAD]
    stated = any(read_dateline(line.strip()) or opening_kind(line, after_title=True)
                 or _TELEGRAM_NUMBER.match(line.strip()) or _SALUTATION.match(line.strip())
                 for line in below[:3]) or (
        "[Page " in text or find_apparatus(lines, opening.heading) is not None)
    if _EDITORIAL_NOTE.match(opening.title):
        return TextGuess(FRUS_PAGE, "it opens with the title 'Editorial Note', as FRUS pages do")
    titled = parties_of_address(opening.title)[1] or kind_of(opening.title) != "document"
    if titled and stated:
        return TextGuess(FRUS_PAGE, f"it opens with a FRUS title ({opening.title!r}) and "
                                    "a dateline, a telegram number, a salutation, page labels or "
                                    "notes")
    # An archive line of a shape no rule knows ("INR–NIE Files") above a title that names
    # its kind, with the dateline right under that title.
    if below and kind_of(below[0].strip()) != "document" and len(below[0]) <= 200 and any(
            read_dateline(line.strip()) for line in below[1:3]):
        return TextGuess(FRUS_PAGE, f"its second line is a FRUS title ({below[0].strip()!r}) "
                                    "with a dateline under it")
    if address:
        return _addressed(address)
    return TextGuess(PLAIN_TEXT, "it does not open like a FRUS page")


def _addressed(address: str) -> TextGuess:
    return TextGuess(FRUS_PAGE, f"its file name carries the FRUS address {address} and it "
                                "opens with a title")


def _dated(lines: list[str], heading: int) -> bool:
    """Whether one of the two lines under the heading is a dateline."""
    below = [line for line in lines[heading + 1:heading + 6] if line.strip()][:2]
    return any(read_dateline(line.strip()) is not None for line in below)


def _short(lines: list[str], opening) -> str:
    line = lines[opening.heading].strip()
    return repr(line if len(line) <= 60 else line[:57] + "…")


def looks_like_frus_text(text: str) -> bool:
    """Whether :func:`guess_text_format` takes ``text`` for a FRUS page."""
    return guess_text_format(text).format == FRUS_PAGE
