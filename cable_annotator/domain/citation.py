"""Chicago-style citations of FRUS documents, with the page of the quoted passage.

Chicago (17th ed., 14.305 on government documents) cites FRUS by document title, date,
series and years, volume, volume title, document number and page (a volume of before 1952,
which numbered no documents, by page alone), e.g.::

    "Telegram 16696 From the Department of State to the Embassy in Peru," January 1974,
    in Foreign Relations of the United States, 1969–1976, vol. E–11, pt. 2, Documents on
    South America, 1973–1976, doc. 293, p. 780.
"""

from __future__ import annotations

import re
from datetime import date as _date

from .cable import BODY, Cable, footnote_key_of
from .volume import Volume, describe_frus_id, prints_document_numbers


def human_date(iso: str | None) -> str:
    """``1974-01-29`` → ``January 29, 1974``; partial dates degrade gracefully."""
    if not iso:
        return ""
    parts = iso[:10].split("-")
    try:
        if len(parts) == 3:
            day = _date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{day:%B} {day.day}, {day.year}"
        if len(parts) == 2:
            return f"{_date(int(parts[0]), int(parts[1]), 1):%B %Y}"
        return parts[0]
    except ValueError:
        return iso


def _note_label(cable: Cable, part: str) -> str:
    """The printed marker of the footnote ``part`` is in ("" for the body)."""
    key = footnote_key_of(part)
    if key is None:
        return ""
    note = cable.footnote(key)
    return (note.marker if note is not None and note.marker else key).strip()


_VOLUME_WORD = re.compile(r",\s+Volume\s+([A-Z]+[-–]?\d*|\d+)\b")
_PART_WORD = re.compile(r",\s+Part\s+(\d+|[IVX]+)\b")
_NUMBER_RANGE = re.compile(r"\b(\d{4}|[A-Z])-(\d{1,4})\b")


def chicago_volume_title(title: str) -> str:
    """A volume's title as Chicago abbreviates it in a note, whichever form it came in.

    The TEI gives ``…, 1969-1976, Volume E-9, Part 1, Documents on North Africa``; a
    citation of the same series from an id reads ``…, 1969–1976, vol. E–9, pt. 1``. The two
    kinds of document in one project must cite alike, so both come out in the second form:
    ``vol.`` and ``pt.``, and en dashes in year spans and volume numbers.
    """
    title = _VOLUME_WORD.sub(lambda m: f", vol. {m.group(1)}", title)
    title = _PART_WORD.sub(lambda m: f", pt. {m.group(1)}", title)
    return _NUMBER_RANGE.sub(lambda m: f"{m.group(1)}\u2013{m.group(2)}", title)


_SHORT_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.",
                 "Oct.", "Nov.", "Dec.")


def short_date(iso: str | None) -> str:
    """``1949-01-14`` → ``Jan. 14, 1949`` (Chicago's abbreviations), for narrow lists."""
    if not iso:
        return ""
    parts = iso[:10].split("-")
    try:
        month = _SHORT_MONTHS[int(parts[1]) - 1] if len(parts) > 1 else ""
        if len(parts) == 3:
            return f"{month} {int(parts[2])}, {int(parts[0])}"
        return f"{month} {int(parts[0])}".strip()
    except (ValueError, IndexError):
        return iso


def cite(cable: Cable, volume: Volume | None = None, pages: str = "",
         paragraph: str = "", part: str = BODY) -> str:
    """A Chicago-style citation of ``cable``, with ``pages`` (``780`` or ``780–781``); a
    raw telegram is cited as read in AAD, by its MRN and the ``paragraph``.

    A passage of a footnote (``part``) names the note as Chicago does, after the page:
    ``p. 750n4`` — the reader's card says "fn. 4", and a citation of the page alone sends
    the reader of the article to the text above the note."""
    if cable.telegram is not None:
        from .telegram_citation import cite_telegram

        return cite_telegram(cable, paragraph)
    volume = volume or describe_frus_id(cable.volume)
    derived = describe_frus_id(cable.volume)
    series_and_volume = chicago_volume_title(volume.title or derived.title or cable.volume)
    if volume.subtitle and chicago_volume_title(volume.subtitle) not in series_and_volume:
        series_and_volume = f"{series_and_volume}, {volume.subtitle}"
    pieces = [f"\u201c{cable.title.rstrip('.')},\u201d"]
    when = human_date(cable.date)
    if when:
        pieces.append(f"{when},")
    if series_and_volume:
        pieces.append(f"in {series_and_volume},")
    # A volume of before 1952 printed no document numbers: its documents are cited by
    # page, as Chicago does; the website's number is kept only where no page is known.
    numbered = cable.number and (prints_document_numbers(cable.volume) or not pages)
    tail = f"doc. {cable.number}" if numbered else ""
    file_number = getattr(cable, "file_number", "")
    if not tail and not pages and file_number:
        # An unnumbered page of the older volumes: its Department file number names it.
        tail = f"file {file_number}"
    note = _note_label(cable, part)
    if pages:
        prefix = "pp." if "–" in pages else "p."
        where = f"{prefix} {pages}n{note}" if note else f"{prefix} {pages}"
        tail = f"{tail}, {where}" if tail else where
    elif note:
        tail = f"{tail}, n. {note}" if tail else f"n. {note}"
    pieces.append(f"{tail}." if tail else "")
    citation = " ".join(piece for piece in pieces if piece).replace(",.", ".").strip()
    # A text of no volume and no date: "“Oral history.”", not a dangling comma.
    if citation.endswith(",\u201d"):
        return citation[:-2] + ".\u201d"
    # Nothing after the volume (no number, pages or file number): end it, not a comma.
    return citation[:-1] + "." if citation.endswith(",") else citation
