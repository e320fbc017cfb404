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
from cable_annotator.domain.volume import prints_document_numbers

from ..errors import ImportFailed
from ..frus_prose import (
    SUBJECT_HEADER,
    classification_in,
    file_number_of,
    kind_of,
    paragraph_label,
    parties_of,
    parties_of_address,
    references_in,
    stated_kind,
    subject_in,
    telegram_line,
    telegram_number_of,
    tidy_spacing,
    without_full_stop,
)
from .apparatus import RawNote, find_apparatus
from .body_text import assemble_body
from .decode import decode_text_file, normalise_newlines
from .hard_wrap import unwrap
from .markdown_notes import (
    REFERENCE,
    has_markdown_notes,
    markdown_apparatus,
    markdown_markers,
    references_without_notes,
    stray_references,
)
from .markdown_text import plain_from_markdown
from .markers import PAGE_ONLY_LINE, Cut, Cuts, page_label_cuts
from .metadata import looks_like_signature, read_dateline
from .note_matching import (
    MarkerMatch,
    markers_without_notes,
    match_bullets,
    match_markers,
    symbols_over_shift,
    with_symbols,
    with_uncopied_symbols,
)
from .opening import (
    FILE_NUMBER_VARIANT,
    NUMBERED_HEADING,
    join_broken_title,
    opening_kind,
    read_opening,
    strip_site_lines,
    unnumbered_title,
)

__all__ = ["decode_text_file", "parse_frus_text", "read_frus_text"]

_ENDS_IN_NUMBER = re.compile(r"\D\d{1,3}$")
_BROKEN_DATELINE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2},$")
_YEAR_FIRST = re.compile(r"^\d{4}\b")
_TELEGRAM_NUMBER_LINE = re.compile(r"^\d{2,5}\. (?=\S)")
_DATELINE_WINDOW = 4
"""A dateline comes right after the heading (telegram header lines may precede it;
opening lines such as "[Telegram]" are not counted)."""
_SUBJECT_WINDOW = 12
"""How many blocks after the heading may hold a "Subject: …" line."""
_SUBJECT_HEADER_WINDOW = 60
"""How far a memorandum's "SUBJECT" header may stand: after a long participants list."""
_FRONT_MATTER_LINE = 200
"""Beyond the subject window, the header is sought only while no block was longer."""


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
    notes: list[RawNote], match: MarkerMatch, cuts: Cuts, heading_end: int,
    volume: str | None,
) -> list[Footnote]:
    """Footnotes with their printed markers and marker offsets; an unplaced marker
    follows the previous one."""
    footnotes = []
    seen: dict[str, int] = {}
    offset = heading_end
    for note, marker, hit in zip(notes, match.markers, match.hits, strict=True):
        if hit is not None:
            offset = cuts.map(hit.at)
        seen[marker] = seen.get(marker, 0) + 1
        key = marker if seen[marker] == 1 else f"{marker}-{seen[marker]}"
        text, blocks = _note_text(note)
        kind = _note_kind(text, offset <= heading_end)
        footnotes.append(
            Footnote(key, marker, kind, text, offset, blocks, references_in(text, volume))
        )
    return footnotes


def _uncopied_footnotes(match: MarkerMatch, cuts: Cuts, heading_end: int) -> list[Footnote]:
    """Footnotes of markers whose notes were not copied: placed, with no text."""
    return [
        Footnote(marker, marker, "source" if cuts.map(hit.at) <= heading_end else "editorial",
                 "", cuts.map(hit.at))
        for marker, hit in zip(match.markers, match.hits, strict=True) if hit is not None
    ]


def _slug(title: str, limit: int = 80) -> str:
    """A readable, stable, ASCII slug of a title for ids of cables of unknown volume."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _cable_id(volume: str | None, number: str, title: str,
              distinctions: tuple[str, ...] = (), address: str | None = None) -> str:
    """The document's id: ``volume/dNUMBER`` when it has a number; else a slug of its
    title followed by ``distinctions`` (its date, telegram number and file number).

    Unnumbered pages of 1861–1950s volumes share titles by the hundred ("The Ambassador in
    Russia (Francis) to the Secretary of State"): by the title alone a second telegram
    replaced the first, its annotations orphaned and cited against the wrong day. The same
    page imported again still gets the same id (a re-import updates it)."""
    if volume and address and not number:
        return f"{volume}/{address}"  # the page's own address ("…/d710a-10")
    slug = _slug(title)
    if not number:
        tail = "-".join(part for part in (_slug(item or "", 40) for item in distinctions)
                        if part)
        slug = f"{slug}-{tail}" if slug and tail else slug or tail
    if volume:
        return f"{volume}/d{number}" if number else f"{volume}/{slug or 'untitled'}"
    if number:
        return f"unknown/d{number}-{slug}" if slug else f"unknown/d{number}"
    return f"unknown/{slug or 'untitled'}"


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


def _read_facts(texts: list[str], heading: int, title: str, kind: str,
                opening: dict[int, str], year: int | None = None) -> _Facts:
    """Dateline, telegram line, subject and signature among the blocks after the heading.

    ``opening`` holds the blocks that are opening lines (file number, "[Telegram]",
    "No. 320." …) by index: they are passed over in looking for the dateline and the
    telegram's own number, and get no paragraph label."""
    facts = _Facts(kinds={heading: "heading"})
    for index, name in opening.items():
        facts.kinds[index] = "note" if name in ("file number", "archive") else "paragraph"
        facts.unlabelled.add(index)
    first_paragraph = heading + 1
    while first_paragraph in opening:
        first_paragraph += 1
    tried = 0
    for index in range(heading + 1, len(texts)):
        if index in opening:
            continue
        tried += 1
        if tried > _DATELINE_WINDOW:
            break
        dateline = read_dateline(texts[index], year)
        broken = dateline is None and _BROKEN_DATELINE.search(texts[index]) and (
            index + 1 < len(texts) and _YEAR_FIRST.match(texts[index + 1]))
        if broken:  # "Vologda, April 9," / "1918, 8 p.m.": a dateline over two lines
            dateline = read_dateline(f"{texts[index]} {texts[index + 1]}", year)
            if dateline is not None:
                facts.kinds[index + 1] = "dateline"
                index += 1
        if dateline is not None:
            facts.date, facts.place = dateline.date, dateline.place
            facts.kinds[index] = "dateline"
            if broken:
                facts.kinds[index - 1] = "dateline"
            first_paragraph = index + 1
            while first_paragraph in opening:
                first_paragraph += 1
            break
    facts.telegram_number = telegram_number_of(title)
    line = telegram_line(texts[first_paragraph:], kind)
    if line is not None:
        facts.unlabelled.add(first_paragraph + line[0])
        facts.telegram_number = facts.telegram_number or line[1]
    prose_seen = False
    limit = min(len(texts), heading + 1 + _SUBJECT_HEADER_WINDOW)
    for index in range(heading + 1, limit):
        if index - heading > _SUBJECT_WINDOW and prose_seen:
            break  # past the front matter: a header there would be an attachment's
        if SUBJECT_HEADER.match(texts[index]) and index + 1 < len(texts):
            facts.subject = without_full_stop(texts[index + 1])
            break
        subject = subject_in(texts[index]) if index - heading <= _SUBJECT_WINDOW else ""
        if subject:
            facts.subject = subject
            break
        prose_seen = prose_seen or len(texts[index]) > _FRONT_MATTER_LINE
    last = len(texts) - 1
    if last > heading + 1 and looks_like_signature(texts[-1]) and last not in facts.kinds:
        facts.signature = texts[-1]
        facts.kinds[last] = "signature"
    return facts


def _opening_blocks(texts: list[str], heading: int, before: dict[int, str]) -> dict[int, str]:
    """The opening lines among the blocks: those above the title, and those of the shapes
    that may follow it ("[Telegram]", "No. 320.", "[Extract]", "secret" …)."""
    opening = dict(before)
    for index in range(heading + 1, min(len(texts), heading + 1 + 2 * _DATELINE_WINDOW)):
        name = opening_kind(texts[index], after_title=True)
        if name:
            opening[index] = name
        elif read_dateline(texts[index]) is None and not (
                _BROKEN_DATELINE.search(texts[index]) or _YEAR_FIRST.match(texts[index])):
            break
    return opening


def _kind(title: str, texts: list[str], opening: dict[int, str]) -> str:
    """The kind the title names; for an unnumbered title ("The Secretary of State to the
    Ambassador in Russia"), the one its file-number line or "[Telegram]" line names."""
    kind = kind_of(title)
    if kind != "document":
        return kind
    for index, name in sorted(opening.items()):
        if name == "telegram tag":
            return "telegram"
        if name in ("file number", "archive"):
            variant = FILE_NUMBER_VARIANT.match(texts[index].strip())
            stated = stated_kind(texts[index]) or (variant["kind"] or "" if variant else "")
            if stated and kind_of(stated) != "document":
                return kind_of(stated)
    return kind


def _telegram_opening(texts: list[str], heading: int, opening: dict[int, str]) -> bool:
    """Whether the first paragraph after an unnumbered title (and its dateline) opens
    with a telegram's own number ("1891. Your 2061 …"): older volumes print no
    "Telegram" in the title, and a despatch opens with "Sir:" instead."""
    for index in range(heading + 1, min(len(texts), heading + 1 + 2 * _DATELINE_WINDOW)):
        if index in opening or read_dateline(texts[index]) is not None:
            continue
        return bool(_TELEGRAM_NUMBER_LINE.match(texts[index]))
    return False


def _file_number(texts: list[str], opening: dict[int, str]) -> str:
    for index, name in sorted(opening.items()):
        if name == "file number":
            variant = FILE_NUMBER_VARIANT.match(texts[index].strip())
            # "File No. 312.11/1073." ends the line with a full stop, not the number.
            return (file_number_of(texts[index])[0]
                    or (variant["file"] if variant else "")).rstrip(".")
    return ""


def _listed(markers: list[str], shown: int = 5) -> str:
    """"1, 2, 3" or "1, 2, 3, 4, 5 … 68" for a report."""
    return ", ".join(markers) if len(markers) <= shown else (
        ", ".join(markers[:shown]) + f" … {markers[-1]}")


def _single_year(volume: str | None) -> int | None:
    """The year of a one-year volume (``frus1951v07p2``), which dates a yearless dateline."""
    match = re.match(r"^frus(\d{4})(?!-\d)", volume or "")
    return int(match[1]) if match else None


def _stated_classification(texts: list[str], opening: dict[int, str]) -> str:
    """The classification line of an old-style page ("top secret" → "Top secret")."""
    for index, name in sorted(opening.items()):
        if name == "classification":
            line = texts[index].strip(" []").rstrip(".")
            return line[:1].upper() + line[1:]
    return ""


def _number_above_title(lines: list[str], opening, volume: str | None
                        ) -> tuple[int, str] | None:
    """``(line, number)`` of a ``No. 443`` line standing right above an unnumbered title
    in a volume that numbers its documents (1952 on): the copy's way of printing the
    document's number, to be taken as such and not kept as text. Earlier volumes print
    such lines for despatches, and below the title."""
    if (opening.heading is None or opening.number or not opening.before
            or not (volume or "").startswith("frus") or not prints_document_numbers(volume)):
        return None
    index, name = opening.before[-1]
    between = lines[index + 1:opening.heading]
    if name != "despatch number" or any(line.strip() for line in between):
        return None
    digits = re.search(r"\d+[A-Za-z]?", lines[index])
    return (index, digits.group()) if digits else None


def parse_frus_text(text: str, volume: str | None = None, source: str = "<text>",
                    number: str | None = None, address: str | None = None) -> Cable:
    """Parse the plain text of one FRUS page into a Cable, in any shape readers copy it.

    ``volume`` is the FRUS volume id (``frus1969-76ve11p2``) when the caller knows it;
    it makes the id the history.state.gov path and resolves "Document N" references.
    ``number`` is the document number when the page prints none (volumes before the
    1950s; the file name ``frus1861-d72.txt`` carries it). ``address`` is the
    document's part of the page's address (``d710a-10``), the id of a page that prints
    no number and has none in its file name either. Raises ImportFailed naming
    ``source`` only when there is no text at all: a page is never refused for its shape.
    """
    text = plain_from_markdown(unwrap(normalise_newlines(text).replace("\u00a0", " ")))
    text, site_number = strip_site_lines(text)
    lines = text.split("\n")
    opening = read_opening(lines, PAGE_ONLY_LINE)
    printed = _number_above_title(lines, opening, volume)
    if printed is not None:
        index, site_number = printed[0], site_number or printed[1]
        lines = lines[:index] + lines[index + 1:]
        opening = read_opening(lines, PAGE_ONLY_LINE)
    if opening.heading is not None:
        joined = join_broken_title(lines, opening.heading)
        if joined is not lines:
            lines = joined
            opening = read_opening(lines, PAGE_ONLY_LINE)
    first_content = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first_content is None:
        raise ImportFailed(source, "there is no text to import")
    heading_line = opening.heading if opening.heading is not None else first_content

    apparatus = markdown_apparatus(lines, heading_line) if has_markdown_notes(lines) else None
    apparatus = apparatus or find_apparatus(lines, heading_line)
    notes = apparatus.notes if apparatus is not None else []
    body = assemble_body(lines[: apparatus.first_line if apparatus is not None else len(lines)])
    if not body.blocks:
        raise ImportFailed(source, "the text holds footnotes but no document before them")
    heading = (body.block_lines.index(opening.heading)
               if opening.heading is not None and opening.heading in body.block_lines else 0)

    inline_pages = page_label_cuts(body.raw)
    # Markers are never sought in page labels, nor in the lines above the title (the
    # file number "851G.01/5–249" holds digits, never a marker).
    blocked = Cuts([label.cut for label in inline_pages]
                   + [Cut(*body.blocks[index]) for index in range(heading)])
    heading_raw_end = body.blocks[heading][1]
    warnings = []
    if notes:
        # A note at the end of the heading: the source note, or in the older volumes
        # any note on the title ("… Consulate General at Saigon 58").
        on_heading = _is_source_note(notes[0]) or (
            not opening.number and _ENDS_IN_NUMBER.search(body.raw, 0, heading_raw_end))
        if apparatus.shape == "markdown":
            match = markdown_markers(body.raw, apparatus, blocked)
        elif apparatus.numbered:
            match = match_markers(body.raw, [note.marker for note in notes], blocked,
                                  heading_raw_end if on_heading else None, apparatus.index,
                                  zero_source=bool(opening.number))
            match = symbols_over_shift(body.raw, match, blocked,
                                       heading_raw_end if on_heading else None,
                                       apparatus.index) or match
            if None in match.hits:  # a list renumbered by the copy, "2." for the text's "*"
                symbols = with_symbols(body.raw, match, blocked,
                                       heading_raw_end if on_heading else None, apparatus.index)
                if symbols.hits.count(None) < match.hits.count(None):
                    match = symbols
        else:
            match = match_bullets(body.raw, len(notes), blocked,
                                  heading_raw_end if on_heading else None, apparatus.index,
                                  zero_source=bool(opening.number))
    elif REFERENCE.search(body.raw):  # Markdown references, their definitions not copied
        match = references_without_notes(body.raw, blocked)
    else:
        match = with_uncopied_symbols(body.raw, markers_without_notes(
            body.raw, blocked, heading_raw_end, title_numbered=bool(opening.number)), blocked)
    if not notes and match.markers:
        warnings.append(
            f"{source}: the notes are missing from this copy: its text has "
            f"{len(match.markers)} footnote marker{'s' if len(match.markers) > 1 else ''} "
            f"({_listed(match.markers)}) but no list of notes; copy the page to its end "
            "to import them")
    hits = match.hits
    cuts = _combine_cuts(
        [label.cut for label in inline_pages] + [hit.cut for hit in hits if hit is not None]
        + stray_references(body.raw, hits)
    )
    clean = cuts.apply(body.raw)

    spans = [(cuts.map(start), cuts.map(end)) for start, end in body.blocks]
    kept = [index for index, (start, end) in enumerate(spans) if clean[start:end].strip()]
    heading = next((position for position, index in enumerate(kept) if index >= heading), 0)
    before = {kept.index(body.block_lines.index(line)): name for line, name in opening.before
              if line in body.block_lines and body.block_lines.index(line) in kept}
    spans = [spans[index] for index in kept]
    texts = [clean[start:end] for start, end in spans]
    if opening.number and texts:
        heading_clean = NUMBERED_HEADING.match(texts[heading])
        title = tidy_spacing(heading_clean["title"] if heading_clean else opening.title)
    elif opening.heading is not None and texts:
        # The site sets a linked name apart in brackets, "( Winant )": read "(Winant)".
        title = tidy_spacing(unnumbered_title(texts[heading]))
    else:
        title = ""
    opening_lines = _opening_blocks(texts, heading, before)
    kind = _kind(title, texts, opening_lines)
    if kind == "document" and not opening.number and parties_of_address(title)[1] and (
            _telegram_opening(texts, heading, opening_lines)):
        kind = "telegram"  # "1253. The Ministry …" under "The Ambassador … to the Secretary"
    facts = _read_facts(texts, heading, title, kind, opening_lines, _single_year(volume))

    blocks = []
    for index, (start, end) in enumerate(spans):
        block_kind = facts.kinds.get(index, "paragraph")
        label = "" if block_kind != "paragraph" or index in facts.unlabelled else (
            paragraph_label(texts[index])
        )
        blocks.append(Block(block_kind, start, end, label))

    labels = [(label.label, label.begins_at) for label in inline_pages] + body.line_pages
    heading_end = spans[heading][1] if spans else 0
    if notes:
        footnotes = _footnotes(notes, match, cuts, heading_end, volume)
    else:
        footnotes = _uncopied_footnotes(match, cuts, heading_end)
    source_note = next((note for note in footnotes if note.kind == "source"), None)
    sender, recipient = parties_of(title)
    if not sender and not opening.number:
        sender, recipient = parties_of_address(title)
    document_number = opening.number or number or site_number
    file_number = _file_number(texts, opening_lines)
    return Cable(
        id=_cable_id(volume, document_number, title,
                     (facts.date, facts.telegram_number, file_number), address),
        volume=volume or "",
        number=document_number,
        title=title,
        text=clean,
        kind=kind,
        date=facts.date,
        subject=facts.subject,
        sender=sender,
        recipient=recipient,
        place=tidy_spacing(facts.place),
        classification=(classification_in(source_note.text) if source_note else "")
        or _stated_classification(texts, opening_lines),
        telegram_number=facts.telegram_number,
        signature=facts.signature,
        blocks=blocks,
        pages=_pages(labels, cuts, clean),
        footnotes=footnotes,
        # After the heading, as the TEI importer does: the title's own "Telegram 16696"
        # names this cable, not another one.
        references=references_in(clean, volume, blocks[heading].end if blocks else 0),
        file_number=file_number,
        warnings=warnings,
    )


def read_frus_text(path: str | Path, volume: str | None = None,
                   number: str | None = None) -> Cable:
    """Decode and parse the FRUS page in ``path``; errors name the file."""
    return parse_frus_text(decode_text_file(path), volume=volume, source=str(path),
                           number=number)
