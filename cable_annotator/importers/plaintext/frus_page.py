"""Import a FRUS document as a reader copies it from history.state.gov.

The copied text is the site's rendering of the TEI (see TEI-NOTES.md §16): the heading
"293. Telegram 16696 From … Peru1" with the source-note marker glued to it, paragraphs
separated by blank lines, "[Page 781]" labels where the printed page turns, footnote
numbers glued to words, and the notes listed after the text ("  1. Summary: …"). This
module turns it into a :class:`~cable_annotator.domain.cable.Cable` whose text holds none
of that apparatus, with pages, paragraphs, footnotes and cross-references as offsets, so a
quote can be cited by page and paragraph like the printed volume.

Parsing runs in three steps: split the apparatus off the end (``apparatus``), cut
page labels and footnote markers out of the body (``markers``), then read the
catalogue facts from the cleaned blocks: datelines and signatures (``metadata``),
and kind, parties, numbers, subject, classification, paragraph labels and references from
the prose conventions it shares with the TEI importer (``frus_prose``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cable_annotator.domain.cable import Block, Cable, Footnote, PageBreak

from ..errors import ImportFailed
from ..frus_prose import (
    SUBJECT_HEADER,
    classification_in,
    kind_of,
    paragraph_label,
    parties_of,
    references_in,
    subject_in,
    telegram_line,
    telegram_number_of,
    without_full_stop,
)
from .apparatus import RawNote, find_apparatus, parse_notes
from .decode import decode_text_file, normalise_newlines
from .markers import PAGE_ONLY_LINE, Cut, Cuts, MarkerHit, find_note_markers, page_label_cuts
from .metadata import looks_like_signature, read_dateline

__all__ = ["decode_text_file", "looks_like_frus_text", "parse_frus_text", "read_frus_text"]

# The document heading: printed number (perhaps "12a"), a period, the editorial title.
# FRUS prints a space after the period, but one volume has "11.Memorandum".
HEADING = re.compile(r"^\s*(?P<number>\d{1,4}[A-Za-z]?)\.\s*(?P<title>[A-Z\[“\"‘'].*?)\s*$")

_EXAMPLE_HEADING = "293. Telegram 16696 From the Department of State to the Embassy in Peru"
_DATELINE_WINDOW = 4
"""A dateline comes right after the heading (telegram header lines may precede it)."""
_SUBJECT_WINDOW = 12
"""How many blocks after the heading may hold a "Subject: …" line."""
_SUBJECT_HEADER_WINDOW = 60
"""How far a memorandum's "SUBJECT" header may stand: after a long participants list."""
_FRONT_MATTER_LINE = 200
"""Beyond the subject window, the header is sought only while no block was longer."""


@dataclass
class _Body:
    """The body as assembled from its lines, before page labels and markers are cut."""

    raw: str = ""
    blocks: list[tuple[int, int]] = field(default_factory=list)
    line_pages: list[tuple[str, int]] = field(default_factory=list)


def _heading_line(lines: list[str]) -> int | None:
    """Index of the first line that is neither blank nor only a page label."""
    for number, line in enumerate(lines):
        if line.strip() and not PAGE_ONLY_LINE.match(line):
            return number
    return None


def _plausible_title(title: str) -> bool:
    """A title names a document; a numbered sentence ("1. You should…") does not."""
    if len(title) > 400:
        return False
    if kind_of(title) != "document" or " From " in title:
        return True
    bare = title.rstrip("0123456789 ")
    return not (bare.endswith((".", ":", ";", ",")) and len(bare.split()) > 12)


def _not_a_document(source: str, found: str, line: int | None) -> ImportFailed:
    shown = found.strip()
    shown = shown if len(shown) <= 80 else shown[:77] + "…"
    what = f"found {shown!r}" if shown else "found no text"
    return ImportFailed(
        source,
        f"not a FRUS document: expected a heading such as {_EXAMPLE_HEADING!r} "
        f"(document number, period, title) as the first line; {what}",
        line,
    )


def _assemble_body(lines: list[str]) -> _Body:
    """Join the body lines into one raw text, a block per line.

    Blocks are separated as in the copy: a blank line between paragraphs becomes
    ``\\n\\n``, adjacent lines (list items, participants) stay ``\\n`` apart. A line that
    holds only page labels is dropped; its pages begin at the next block.
    """
    body = _Body()
    pending_pages: list[str] = []
    gap = ""
    for line in lines:
        if not line.strip():
            gap = "\n\n" if body.blocks else ""
            continue
        if PAGE_ONLY_LINE.match(line):
            pending_pages.extend(label.label for label in page_label_cuts(line.strip()))
            gap = gap or ("\n" if body.blocks else "")
            continue
        if body.blocks:
            body.raw += gap or "\n"
        start = len(body.raw)
        body.raw += line.strip()
        body.blocks.append((start, len(body.raw)))
        body.line_pages.extend((label, start) for label in pending_pages)
        pending_pages = []
        gap = ""
    body.line_pages.extend((label, len(body.raw)) for label in pending_pages)
    return body


def _combine_cuts(cuts: list[Cut]) -> Cuts:
    """Cuts in order, dropping any that overlaps an earlier one."""
    kept: list[Cut] = []
    for cut in sorted(cuts, key=lambda item: (item.start, item.end)):
        if kept and cut.start < kept[-1].end:
            continue
        kept.append(cut)
    return Cuts(kept)


def _pages(labels: list[tuple[str, int]], cuts: Cuts, text: str) -> list[PageBreak]:
    """Page breaks in the clean text, with the page before the first label inferred.

    Text before the first "[Page 781]" lies on page 780, so a numeric first label that
    does not stand at the very start implies its predecessor at offset 0.
    """
    pages = []
    for label, raw_offset in labels:
        offset = cuts.map(raw_offset)
        while offset < len(text) and text[offset].isspace():
            offset += 1
        if offset < len(text):
            pages.append(PageBreak(label, offset))
    pages.sort(key=lambda page: page.offset)
    if pages and pages[0].offset > 0 and pages[0].label.isdigit() and int(pages[0].label) > 1:
        pages.insert(0, PageBreak(str(int(pages[0].label) - 1), 0))
    return pages


def _clean_note_paragraph(paragraph: str) -> str:
    """A note paragraph without its page labels (a page may turn inside a note)."""
    cuts = Cuts(label.cut for label in page_label_cuts(paragraph))
    return " ".join(cuts.apply(paragraph).split(" ")).strip()


def _note_text(note: RawNote) -> tuple[str, list[Block]]:
    """The note's text, its paragraphs as blocks separated as in the copy."""
    text = ""
    blocks = []
    for paragraph, after_blank in note.paragraphs:
        cleaned = _clean_note_paragraph(paragraph)
        if not cleaned:
            continue
        if text:
            text += "\n\n" if after_blank else "\n"
        blocks.append(Block("paragraph", len(text), len(text) + len(cleaned)))
        text += cleaned
    return text, blocks


def _is_source_note(note: RawNote) -> bool:
    """The source note opens with "Source:" or "Summary:" (e-volumes put both in it)."""
    return any(
        paragraph.startswith(("Source:", "Summary:")) for paragraph, _ in note.paragraphs
    )


def _note_kind(text: str, anchored_in_heading: bool) -> str:
    """``source`` for the source note, ``summary`` for a bare summary, else ``editorial``."""
    if re.search(r"(?:^|\n)Source:", text):
        return "source"
    if text.startswith("Summary:"):
        return "summary"
    return "source" if anchored_in_heading else "editorial"


def _footnotes(
    notes: list[RawNote], hits: list[MarkerHit | None], cuts: Cuts, heading_end: int,
    volume: str | None,
) -> list[Footnote]:
    """Footnotes with their marker offsets; an unplaced marker follows the previous one."""
    footnotes = []
    seen: dict[str, int] = {}
    offset = heading_end
    for note, hit in zip(notes, hits, strict=True):
        if hit is not None:
            offset = cuts.map(hit.at)
        seen[note.marker] = seen.get(note.marker, 0) + 1
        key = note.marker if seen[note.marker] == 1 else f"{note.marker}-{seen[note.marker]}"
        text, blocks = _note_text(note)
        kind = _note_kind(text, offset <= heading_end)
        footnotes.append(
            Footnote(key, note.marker, kind, text, offset, blocks, references_in(text, volume))
        )
    return footnotes


def _slug(title: str, limit: int = 80) -> str:
    """A readable, stable, ASCII slug of a title for ids of cables of unknown volume."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _cable_id(volume: str | None, number: str, title: str) -> str:
    if volume:
        return f"{volume}/d{number}"
    slug = _slug(title)
    return f"unknown/d{number}-{slug}" if slug else f"unknown/d{number}"


@dataclass
class _Facts:
    """Catalogue facts read from the body blocks."""

    date: str | None = None
    place: str = ""
    subject: str = ""
    telegram_number: str = ""
    signature: str = ""
    kinds: dict[int, str] = field(default_factory=dict)
    unlabelled: set[int] = field(default_factory=set)


def _read_facts(texts: list[str], title: str, kind: str) -> _Facts:
    """Dateline, telegram line, subject and signature among the blocks after the heading."""
    facts = _Facts(kinds={0: "heading"})
    first_paragraph = 1
    for index in range(1, min(len(texts), 1 + _DATELINE_WINDOW)):
        dateline = read_dateline(texts[index])
        if dateline is not None:
            facts.date, facts.place = dateline.date, dateline.place
            facts.kinds[index] = "dateline"
            first_paragraph = index + 1
            break
    facts.telegram_number = telegram_number_of(title)
    line = telegram_line(texts[first_paragraph:], kind)
    if line is not None:
        facts.unlabelled.add(first_paragraph + line[0])
        facts.telegram_number = facts.telegram_number or line[1]
    prose_seen = False
    for index in range(1, min(len(texts), 1 + _SUBJECT_HEADER_WINDOW)):
        if index > _SUBJECT_WINDOW and prose_seen:
            break  # past the front matter: a header there would be an attachment's
        if SUBJECT_HEADER.match(texts[index]) and index + 1 < len(texts):
            facts.subject = without_full_stop(texts[index + 1])
            break
        subject = subject_in(texts[index]) if index <= _SUBJECT_WINDOW else ""
        if subject:
            facts.subject = subject
            break
        prose_seen = prose_seen or len(texts[index]) > _FRONT_MATTER_LINE
    if len(texts) > 2 and looks_like_signature(texts[-1]) and len(texts) - 1 not in facts.kinds:
        facts.signature = texts[-1]
        facts.kinds[len(texts) - 1] = "signature"
    return facts


def parse_frus_text(text: str, volume: str | None = None, source: str = "<text>") -> Cable:
    """Parse the plain text of one FRUS document into a Cable.

    ``volume`` is the FRUS volume id (``frus1969-76ve11p2``) when the caller knows it;
    it makes the id the history.state.gov path and resolves "Document N" references.
    Raises ImportFailed naming ``source`` when the text is not a FRUS document.
    """
    text = normalise_newlines(text).replace("\u00a0", " ")
    lines = text.split("\n")
    heading_line = _heading_line(lines)
    if heading_line is None:
        raise _not_a_document(source, "", None)
    heading = HEADING.match(lines[heading_line])
    if not heading or not _plausible_title(heading["title"]):
        raise _not_a_document(source, lines[heading_line], heading_line + 1)

    apparatus = find_apparatus(lines, heading_line)
    notes = parse_notes(lines, apparatus) if apparatus is not None else []
    body = _assemble_body(lines[: apparatus if apparatus is not None else len(lines)])

    inline_pages = page_label_cuts(body.raw)
    page_cuts = Cuts(label.cut for label in inline_pages)
    heading_end = body.blocks[0][1] if notes and _is_source_note(notes[0]) else None
    hits = find_note_markers(body.raw, [note.marker for note in notes], page_cuts, heading_end)
    cuts = _combine_cuts(
        [label.cut for label in inline_pages] + [hit.cut for hit in hits if hit is not None]
    )
    clean = cuts.apply(body.raw)

    spans = [(cuts.map(start), cuts.map(end)) for start, end in body.blocks]
    spans = [(start, end) for start, end in spans if clean[start:end].strip()]
    texts = [clean[start:end] for start, end in spans]
    heading_clean = HEADING.match(texts[0]) if texts else None
    number = heading["number"]
    title = heading_clean["title"] if heading_clean else heading["title"]
    kind = kind_of(title)
    facts = _read_facts(texts, title, kind)

    blocks = []
    for index, (start, end) in enumerate(spans):
        block_kind = facts.kinds.get(index, "paragraph")
        label = "" if block_kind != "paragraph" or index in facts.unlabelled else (
            paragraph_label(texts[index])
        )
        blocks.append(Block(block_kind, start, end, label))

    labels = [(label.label, label.begins_at) for label in inline_pages] + body.line_pages
    footnotes = _footnotes(notes, hits, cuts, spans[0][1] if spans else 0, volume)
    source_note = next((note for note in footnotes if note.kind == "source"), None)
    sender, recipient = parties_of(title)
    return Cable(
        id=_cable_id(volume, number, title),
        volume=volume or "",
        number=number,
        title=title,
        text=clean,
        kind=kind,
        date=facts.date,
        subject=facts.subject,
        sender=sender,
        recipient=recipient,
        place=facts.place,
        classification=classification_in(source_note.text) if source_note else "",
        telegram_number=facts.telegram_number,
        signature=facts.signature,
        blocks=blocks,
        pages=_pages(labels, cuts, clean),
        footnotes=footnotes,
        # After the heading, as the TEI importer does: the title's own "Telegram 16696"
        # names this cable, not another one.
        references=references_in(clean, volume, blocks[0].end if blocks else 0),
    )


def read_frus_text(path: str | Path, volume: str | None = None) -> Cable:
    """Decode and parse the FRUS document in ``path``; errors name the file."""
    return parse_frus_text(decode_text_file(path), volume=volume, source=str(path))


def looks_like_frus_text(text: str) -> bool:
    """A quick sniff: does ``text`` open like a copied FRUS document?

    Requires the "N. Title" heading and one more sign: a title naming a kind of
    document or its parties, a page label, or a footnote apparatus.
    """
    text = normalise_newlines(text).replace("\u00a0", " ")
    lines = text.split("\n")
    heading_line = _heading_line(lines)
    if heading_line is None:
        return False
    heading = HEADING.match(lines[heading_line])
    if not heading or not _plausible_title(heading["title"]):
        return False
    title = heading["title"]
    if kind_of(title) != "document" or " From " in title:
        return True
    return "[Page " in text or find_apparatus(lines, heading_line) is not None
