"""The ways readers copy a FRUS page, made from a rendered page, with what to recover.

``web_text_renderer`` gives the page as the site shows it. Readers also copy it through a
browser's reader view or a Markdown converter (notes as a bulleted list ending in "↩",
the dateline right under the title), lose every blank line, break every line at 76
columns (a saved page, a PDF, an e-mail), or stop selecting before the
notes. Each dialect here rewrites the copied text and the expectation to match, so the
importer can be checked against the TEI in every shape, and a report can give the
exact-match rate per volume and dialect.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, replace

from cable_annotator.domain.cable import Cable
from cable_annotator.importers.frus_prose import kind_of, tidy_spacing

from .web_text_renderer import RenderedDocument, RenderedNote

DIALECTS = ("site", "reader", "compact", "cut", "wrapped")
WRAP_WIDTH = 76
"""Where a saved page, a PDF's text or an e-mail breaks its lines (the *wrapped* copy)."""


def _hard_wrapped(text: str, width: int = WRAP_WIDTH) -> str:
    """Every line broken at ``width`` columns as a greedy wrapper does; a note's further
    lines keep its indentation."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(textwrap.wrap(line, width, subsequent_indent=indent + ("   " if indent else ""),
                                 break_long_words=False, break_on_hyphens=True))
    return "\n".join(out)


def _squeezer(text: str, positions: list[int]):
    """A map of offsets in ``text`` to offsets once each "\\n\\n" at ``positions`` is one
    "\\n"."""
    def shift(offset: int) -> int:
        return offset - sum(1 for position in positions if position < offset)
    return shift


def _block_ends(text: str, blocks: list[str]) -> list[int]:
    ends, position = [], 0
    for block in blocks:
        position = text.find(block, position) + len(block)
        ends.append(position)
    return ends


def _squeeze(expected: RenderedDocument, positions: list[int], notes_too: bool
             ) -> RenderedDocument:
    shift = _squeezer(expected.text, positions)
    text = expected.text
    for position in sorted(positions, reverse=True):
        text = text[:position] + text[position + 1:]
    notes = [RenderedNote(note.marker, note.text.replace("\n\n", "\n") if notes_too else note.text,
                          shift(note.offset), note.after_digits) for note in expected.notes]
    return replace(expected, text=text, notes=notes,
                   pages=[(label, shift(offset)) for label, offset in expected.pages])


def _heading_index(expected: RenderedDocument) -> int:
    return 1 if expected.file_line and len(expected.blocks) > 1 else 0


def copy_as(expected: RenderedDocument, dialect: str) -> tuple[str, RenderedDocument]:
    """The text a reader copies in ``dialect`` and what the importer must make of it."""
    if dialect == "site":
        return expected.web_text, expected
    if dialect == "compact":
        positions = [match.start() for match in re.finditer("\n\n", expected.text)]
        entries = [f"  {index}. {web.replace(chr(10) * 2, chr(10))}"
                   for index, web in enumerate(expected.note_webs, start=1)]
        body = re.sub("\n\n+", "\n", expected.body_web)
        return body + "".join("\n" + entry for entry in entries) + "\n", _squeeze(
            expected, positions, notes_too=True)
    if dialect == "reader":
        heading = _heading_index(expected)
        web = expected.body_web
        title_end = web.find(expected.blocks[heading]) + len(expected.blocks[heading])
        squeezed = expected
        if web.startswith("\n\n", title_end) and len(expected.blocks) > heading + 1:
            web = web[:title_end] + web[title_end + 1:]
            squeezed = _squeeze(expected, [_block_ends(expected.text, expected.blocks)[heading]],
                                notes_too=False)
        notes = [f"- {note.replace(chr(10) + '    ', chr(10))}↩" for note in expected.note_webs]
        return web + ("\n\n" + "\n".join(notes) if notes else "") + "\n", squeezed
    if dialect == "wrapped":
        return _hard_wrapped(expected.web_text), expected
    if dialect == "cut":
        notes = [replace(note, text="") for note in expected.notes]
        return expected.body_web + "\n", replace(expected, notes=notes)
    raise ValueError(dialect)


@dataclass(frozen=True)
class Expectations:
    """The facts of the TEI a copy must give back, beyond text and notes."""

    number: str
    title: str
    kind: str | None
    parties: tuple[str, str] | None
    date: str | None
    telegram_number: str | None


def expectations(expected: RenderedDocument, number_given: bool) -> Expectations:
    kind = None
    telegram_number = None
    if expected.file_line:
        line = expected.file_line.lower()
        kind = "telegram" if "telegram" in line else "airgram" if "airgram" in line else None
        if kind == "telegram":
            start = _heading_index(expected) + 1
            for block in expected.blocks[start:start + 4]:
                match = re.match(r"^(\d{2,7})\. ", block)
                if match:
                    telegram_number = match[1]
                    break
    else:
        kind = kind_of(expected.title)
    # Parties are checked on unnumbered titles, which mark them in the TEI head; the
    # numbered ones share the TEI importer's reading (test_frus_prose compares the two).
    # A name set apart in brackets, "( Chapin )", is read as printed: "(Chapin)".
    parties = tuple(tidy_spacing(party) for party in expected.parties) if (
        expected.file_line and expected.parties is not None) else None
    title = expected.title.rstrip(",.") if expected.file_line else expected.title
    return Expectations(expected.number if number_given or not expected.file_line else "",
                        tidy_spacing(title), kind, parties, expected.date, telegram_number)


def mismatches(cable: Cable, expected: RenderedDocument, facts: Expectations) -> list[str]:
    """What the import got wrong, by field; empty when it is exact."""
    wrong = []
    if cable.number != facts.number:
        wrong.append("number")
    if cable.title != facts.title:
        wrong.append("title")
    if facts.kind is not None and cable.kind != facts.kind:
        wrong.append("kind")
    if facts.parties is not None and (cable.sender, cable.recipient) != facts.parties:
        wrong.append("parties")
    if facts.date is not None and cable.date != facts.date:
        wrong.append("date")
    if facts.telegram_number is not None and cable.telegram_number != facts.telegram_number:
        wrong.append("telegram number")
    if [(note.marker, note.text) for note in cable.footnotes] != [
            (note.marker, note.text) for note in expected.notes]:
        wrong.append("notes")
    elif [note.offset for note in cable.footnotes] != [note.offset for note in expected.notes]:
        wrong.append("marker places")
    if cable.text != expected.text:
        wrong.append("text")
    pages = list(expected.pages)
    if pages and pages[0][1] > 0 and pages[0][0].isdigit() and int(pages[0][0]) > 1:
        pages.insert(0, (str(int(pages[0][0]) - 1), 0))
    if [(page.label, page.offset) for page in cable.pages] != pages:
        wrong.append("pages")
    return wrong
