"""Turning one ``div[@type="document"]`` into a Cable: one walk over its elements.

Everything is gathered in a single recursive pass, because a volume has ~25,000 elements
and a second pass per feature would dominate import time: body text and blocks, footnote
texts, page breaks, emphasis, cross-references, persons and terms, and the few metadata
fields that are marked up (sender/recipient, dateline place and date, subject list,
signature). Prose-only metadata (kind, telegram number, classification, subject, paragraph
labels, telegram mentions) is read afterwards from the finished text by ``frus_prose``,
the readers the plain-text importer uses too, so both importers agree on a document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from lxml import etree

from ...domain.cable import Block, Cable, CrossReference, Footnote, PageBreak, Span, footnote_part
from .. import frus_prose
from . import meta as tei_meta
from .parse import TEI
from .text import Anchor, TextBuilder

FRUS_NAMESPACES = ("http://history.state.gov/ns/1.0", "http://history.state.gov/frus/ns/1.0")
_DATE_MIN = tuple("{" + ns + "}doc-dateTime-min" for ns in FRUS_NAMESPACES)
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_STYLES = {
    "italic": "italic", "i": "italic", "italics": "italic", "em": "italic",
    "strong": "bold", "bold": "bold", "b": "bold",
    "underline": "underline", "u": "underline",
    "smallcaps": "smallcaps", "sc": "smallcaps", "small-caps": "smallcaps",
    "superscript": "superscript", "sup": "superscript",
}
_BLOCKS = {
    TEI + "p": "paragraph", TEI + "dateline": "dateline", TEI + "salute": "salute",
    TEI + "signed": "signature", TEI + "closer": "closer", TEI + "opener": "opener",
    TEI + "list": "list", TEI + "table": "table", TEI + "figure": "figure",
    TEI + "div": "section", TEI + "trailer": "paragraph", TEI + "byline": "paragraph",
    TEI + "postscript": "paragraph", TEI + "docDate": "paragraph", TEI + "l": "line",
    TEI + "lg": "paragraph", TEI + "ab": "paragraph", TEI + "argument": "paragraph",
    TEI + "epigraph": "paragraph", TEI + "address": "paragraph", TEI + "addrLine": "line",
}
_text_only = etree.tostring
_tag_of = attrgetter("tag")
# XPath's normalize-space squeezes exactly the XML whitespace TextBuilder squeezes.
_squeezed_text = etree.XPath("normalize-space()", smart_strings=False)
_LABEL_STARTS = frozenset("0123456789(ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LABELLED = frozenset({"paragraph", "item", "subheading"})
# How much of a block paragraph_label needs: "1234567. Subject" or "S. J. Papich".
_LABEL_CONTEXT = 24
# The longest label paragraph_label knows, with its closing "." or ")": "(XVIII)".
_LABEL_LENGTH = 7


@dataclass
class VolumeContext:
    """What a document needs to know about its volume: its id and where notes live."""

    volume_id: str
    note_targets: dict[str, str] = field(default_factory=dict)

    def resolve(self, target: str) -> str:
        """A ``ref/@target`` as a cable id, footnote, page or other-volume path.

        ``#d33`` → ``<vol>/d33``; ``#d21fn2`` → ``<vol>/d21#footnote 2``; ``#pg_750`` →
        ``<vol>/pg_750``; ``frus1964-68v14#d335`` → ``frus1964-68v14/d335``; web
        addresses unchanged.
        """
        target = target.strip().split()[0] if target.strip() else ""
        if target.startswith("#"):
            local = target[1:]
            return self.note_targets.get(local) or f"{self.volume_id}/{local}"
        if "://" in target or target.startswith("mailto:"):
            return target
        volume, _, anchor = target.partition("#")
        volume = volume.removesuffix(".xml")
        return f"{volume}/{anchor}" if anchor else volume


def _file_line(div: etree._Element) -> str:
    """The text of an old-style document's in-place file-number note, or ""."""
    for note in div.iter(TEI + "note"):
        if not is_footnote(note):
            return " ".join("".join(note.itertext()).split())
    return ""


def _kind(title: str, file_line: str) -> str:
    """The kind the title names, else the one its file-number line states ("…: Telegram"),
    as the plain-text importer reads it from the same line."""
    kind = frus_prose.kind_of(title)
    stated = frus_prose.stated_kind(file_line) if kind == "document" else ""
    return frus_prose.kind_of(stated) if stated else kind


def is_footnote(note: etree._Element) -> bool:
    """A note printed at the foot of the page (not the 1948 in-place file-number note)."""
    return not (note.get("n") is None and note.get("rend") == "inline")


def footnote_keys(markers: list[str]) -> list[str]:
    """Keys unique within a document: the marker, or "3 (2)" for its second use."""
    seen: dict[str, int] = {}
    keys = []
    for marker in markers:
        count = seen.get(marker, 0) + 1
        seen[marker] = count
        keys.append(marker if count == 1 else f"{marker} ({count})")
    return keys


def document_note_markers(div: etree._Element) -> list[tuple[etree._Element, str]]:
    """The footnotes of a document in order with their printed markers."""
    notes = [note for note in div.iter(TEI + "note") if is_footnote(note)]
    return [(note, note.get("n") or str(index)) for index, note in enumerate(notes, 1)]


class _Part:
    """Text being built for the body or one footnote, with what lies over it."""

    __slots__ = ("builder", "spans", "refs", "pages", "seg_types")

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.spans: list[tuple[str, Anchor, int]] = []
        self.refs: list[tuple[str, Anchor, int]] = []
        self.pages: list[tuple[str, Anchor]] = []
        self.seg_types: set[str] = set()


@dataclass
class _PendingNote:
    key: str
    marker: str
    kind: str
    anchor: Anchor
    part: _Part
    text: str


class DocumentReader:
    """Reads document divs of one volume; one instance per volume (not thread-safe)."""

    def __init__(self, context: VolumeContext) -> None:
        self.context = context
        self._handlers: dict[str, Callable[[etree._Element], None]] = {
            TEI + "pb": self._pb, TEI + "lb": self._lb, TEI + "note": self._note,
            TEI + "hi": self._hi, TEI + "persName": self._party, TEI + "gloss": self._party,
            TEI + "ref": self._ref, TEI + "head": self._head, TEI + "item": self._item,
            TEI + "label": self._label, TEI + "row": self._row, TEI + "date": self._date,
            TEI + "placeName": self._place, TEI + "seg": self._seg, TEI + "quote": self._quote,
            TEI + "graphic": self._skip, TEI + "gap": self._skip, TEI + "p": self._paragraph,
            TEI + "figure": self._figure, TEI + "dateline": self._dateline,
            TEI + "signed": self._signed, TEI + "list": self._list,
        }
        for ns in FRUS_NAMESPACES:
            self._handlers["{" + ns + "}attachment"] = self._attachment
        for node_type in (etree.Comment, etree.ProcessingInstruction, etree.Entity):
            self._handlers[node_type] = self._skip
        for tag in _BLOCKS:
            self._handlers.setdefault(tag, self._block)
        # Names, glosses, places and dates matter only inside the head and the dateline
        # (sender, recipient, place, date); elsewhere they are plain text, which lets most
        # paragraphs take the fast path.
        plain = {TEI + "persName", TEI + "gloss", TEI + "placeName", TEI + "date"}
        self._marked_handlers = self._handlers
        self._plain_handlers = {t: h for t, h in self._handlers.items() if t not in plain}
        self._handlers = self._plain_handlers
        self._special = frozenset(tag for tag in self._plain_handlers if isinstance(tag, str))

    # -- entry point ------------------------------------------------------------------

    def read(self, div: etree._Element, start_page: str, chapter: str = "",
             compilation: str = "",
             note_keys: list[tuple[etree._Element, str]] | None = None) -> Cable:
        """The Cable for ``div``, which starts on printed page ``start_page``.

        ``note_keys`` are the div's footnotes with their keys when the caller has already
        found them (the volume reader needs them for cross-references first); else they
        are found here.
        """
        if note_keys is None:
            notes = document_note_markers(div)
            keys = footnote_keys([marker for _, marker in notes])
        else:
            keys = [key for _, key in note_keys]
        self._reset(keys)
        body = self._body
        body.builder.kinds[0] = "section"
        self._walk(div)
        text = body.builder.finish()
        return self._cable(div, text, start_page, chapter, compilation)

    def _reset(self, note_keys: list[str]) -> None:
        self._body = _Part(TextBuilder())
        self._part = self._body
        self._notes: list[_PendingNote] = []
        self._markers = iter(note_keys)
        self._note_count = 0
        self._note_anchor = Anchor(0)
        self._heading: tuple[int, int] | None = None
        self._head_seen = False
        self._in_head = 0
        self._in_dateline = 0
        self._in_subject = 0
        self._parties: list[tuple[str, Anchor, int]] = []
        self._places: list[tuple[Anchor, int]] = []
        self._subjects: list[tuple[Anchor, int]] = []
        self._signatures: list[tuple[Anchor, int]] = []
        self._dateline_date: str | None = None
        self._head_date: str | None = None

    # -- the walk ---------------------------------------------------------------------

    def _walk(self, element: etree._Element) -> None:
        """Write ``element``'s text, its children, and their tails, in document order.

        Consecutive text that needs no handling (names and glosses in running text, and
        the words around them) is joined and added as one piece before the next handled
        child: squeezing whitespace over the joined piece gives the same text as adding
        each node alone, with a fraction of the calls.
        """
        builder = self._part.builder  # a note swaps the part but restores it
        handlers = self._handlers
        text = element.text
        run = [text] if text else []
        for child in element:
            handler = handlers.get(child.tag)
            if handler is not None:
                if run:
                    builder.add("".join(run))
                    run.clear()
                handler(child)
            elif not len(child):
                text = child.text
                if text:
                    run.append(text)
            elif self._is_plain(child):
                run.append(_text_only(child, method="text", encoding=str, with_tail=False))
            else:
                if run:
                    builder.add("".join(run))
                    run.clear()
                self._walk(child)
            text = child.tail
            if text:
                if not text.isspace():
                    run.append(text)
                elif run:
                    run.append(" ")  # any spaces, even no-break ones, separate words
                else:
                    builder.space = True
        if run:
            builder.add("".join(run))

    def _inside(self, element: etree._Element, kind: str) -> None:
        """``element`` as a block of ``kind``; plain text under elements is taken and
        squeezed in C (for a lone text node, the XPath call would cost more than it saves)."""
        builder = self._part.builder
        if len(element) and self._is_plain(element):
            builder.add_block(kind, _squeezed_text(element))
            return
        builder.open_block(kind)
        self._walk(element)
        builder.close_block()

    def _is_plain(self, element: etree._Element) -> bool:
        """Whether nothing below ``element`` needs a handler, so its text can be taken whole."""
        # map/attrgetter and isdisjoint (which stops at the first hit) all run in C.
        return self._special.isdisjoint(map(_tag_of, element.iterdescendants()))

    def _walk_fast(self, element: etree._Element) -> None:
        """Walk ``element``, or take its text in one go when nothing in it needs handling.

        Most paragraphs hold only names and glosses; taking their text in C is what keeps
        a volume import within a few bare parses.
        """
        if len(element):
            if not self._is_plain(element):
                self._walk(element)
                return
            text = _text_only(element, method="text", encoding=str, with_tail=False)
        else:
            text = element.text
        if text:
            self._part.builder.add(text)

    def _block(self, element: etree._Element) -> None:
        kind = _BLOCKS[element.tag]
        if kind == "paragraph" and element.get("rend") == "sectiontitleital":
            kind = "subheading"
        self._inside(element, kind)

    def _paragraph(self, element: etree._Element) -> None:
        if element.get("rend") == "sectiontitleital":
            self._inside(element, "subheading")
        else:
            self._inside(element, "paragraph")

    def _figure(self, element: etree._Element) -> None:
        """A figure shows as its caption paragraphs (the graphic itself has no text)."""
        builder = self._part.builder
        builder.open_block("figure")
        for child in element:
            if child.tag == TEI + "p":
                self._inside(child, "caption")
            elif isinstance(child.tag, str):
                (self._handlers.get(child.tag) or self._walk)(child)
            if child.tail:
                builder.add(child.tail)
        builder.close_block()

    def _list(self, element: etree._Element) -> None:
        """A list; the items of a ``subject`` list are the document's subject."""
        if element.get("type") != "subject":
            self._inside(element, "list")
            return
        self._in_subject += 1
        builder = self._part.builder
        builder.open_block("list")
        self._walk(element)
        builder.close_block()
        self._in_subject -= 1

    def _dateline(self, element: etree._Element) -> None:
        builder = self._part.builder
        builder.open_block("dateline")
        self._in_dateline += 1
        self._handlers = self._marked_handlers
        self._walk(element)
        self._handlers = self._plain_handlers
        self._in_dateline -= 1
        builder.close_block()

    def _signed(self, element: etree._Element) -> None:
        builder = self._part.builder
        builder.open_block("signature")
        start = builder.anchor()
        self._walk_fast(element)
        self._signatures.append((start, builder.length))
        builder.close_block()

    def _attachment(self, element: etree._Element) -> None:
        self._inside(element, "section")

    def _skip(self, element: etree._Element) -> None:
        """Elements without text of their own (``graphic``, ``gap``)."""

    def _head(self, element: etree._Element) -> None:
        builder = self._part.builder
        document_head = not self._head_seen and self._part is self._body and (
            element.getparent() is not None
            and element.getparent().get("type") == "document")
        if not document_head:
            self._inside(element, "heading")
            return
        self._head_seen = True
        builder.open_block("heading")
        start = builder.anchor()
        self._in_head += 1
        self._handlers = self._marked_handlers
        self._walk(element)
        self._handlers = self._plain_handlers
        self._in_head -= 1
        builder.boundary()
        if start.offset is not None:
            self._heading = (start.offset, builder.length)
        builder.close_block()

    def _item(self, element: etree._Element) -> None:
        builder = self._part.builder
        previous = element.getprevious()
        if previous is not None and previous.tag == TEI + "label":
            builder.kinds.append("item")
            builder.continue_block()
            self._walk_item(element)
            builder.close_block()
        else:
            builder.open_block("item")
            self._walk_item(element)
            builder.close_block()

    def _walk_item(self, element: etree._Element) -> None:
        if not self._in_subject:
            self._walk_fast(element)
            return
        start = self._part.builder.anchor()
        self._walk(element)
        self._subjects.append((start, self._part.builder.length))

    def _label(self, element: etree._Element) -> None:
        """A list label (``A.``) starts the block its following item continues."""
        builder = self._part.builder
        builder.boundary()
        builder.label = "".join(element.itertext()).strip().rstrip(".)").lstrip("(")
        self._walk(element)

    def _row(self, element: etree._Element) -> None:
        builder = self._part.builder
        builder.open_block("row")
        if element.text:
            builder.add(element.text)
        first = True
        for cell in element:
            if not first:
                builder.cell_break()
            first = False
            if isinstance(cell.tag, str):
                handler = self._handlers.get(cell.tag)
                (handler or self._walk_fast)(cell)
                span = cell.get("cols")
                if span and span.isdigit() and int(span) > 1:
                    builder.cell_break(int(span) - 1)
            if cell.tail:
                builder.add(cell.tail)
        builder.close_block()

    def _quote(self, element: etree._Element) -> None:
        if element.get("rend") == "blockquote":
            self._inside(element, "quote")
        else:
            self._walk(element)

    def _seg(self, element: etree._Element) -> None:
        seg_type = element.get("type")
        if seg_type:
            self._part.seg_types.add(seg_type)
        parent = element.getparent()
        if parent is not None and parent.tag in (TEI + "opener", TEI + "closer"):
            self._inside(element, "paragraph")
        else:
            self._walk(element)

    # -- inline -----------------------------------------------------------------------

    def _pb(self, element: etree._Element) -> None:
        self._part.pages.append((element.get("n") or "", self._part.builder.anchor()))

    def _lb(self, element: etree._Element) -> None:
        self._part.builder.space_break()

    def _hi(self, element: etree._Element) -> None:
        style = _STYLES.get((element.get("rend") or "").strip().lower())
        if style is None:
            self._walk(element)
            return
        builder = self._part.builder
        start = builder.anchor()
        self._walk_fast(element)
        self._part.spans.append((style, start, builder.length))

    def _ref(self, element: etree._Element) -> None:
        builder = self._part.builder
        start = builder.anchor()
        self._walk_fast(element)
        target = element.get("target")
        if target:
            self._part.refs.append((self.context.resolve(target), start, builder.length))

    def _party(self, element: etree._Element) -> None:
        """Walk a name; remember it when the head marks it as sender or recipient."""
        if not self._in_head:
            self._walk_fast(element)
            return
        role = element.get("type")
        if role not in ("from", "to"):
            self._walk_fast(element)
            return
        builder = self._part.builder
        start = builder.anchor()
        self._walk(element)
        self._parties.append((role, start, builder.length))

    def _place(self, element: etree._Element) -> None:
        if not self._in_dateline:
            self._walk_fast(element)
            return
        builder = self._part.builder
        start = builder.anchor()
        self._walk(element)
        self._places.append((start, builder.length))

    def _date(self, element: etree._Element) -> None:
        when = element.get("when") or element.get("from") or element.get("to")
        if when:
            if self._in_dateline and self._dateline_date is None:
                self._dateline_date = when
            elif self._in_head and self._head_date is None:
                self._head_date = when
        self._walk_fast(element)

    # -- footnotes --------------------------------------------------------------------

    def _note(self, element: etree._Element) -> None:
        if not is_footnote(element):
            self._inside(element, "note")
            return
        self._note_count += 1
        marker = element.get("n") or str(self._note_count)
        key = next(self._markers, marker)
        outer = self._part
        anchor = outer.builder.marker() if outer is self._body else self._note_anchor
        part = _Part(TextBuilder())
        self._part, self._note_anchor = part, anchor
        handlers, self._handlers = self._handlers, self._plain_handlers
        in_head, self._in_head = self._in_head, 0
        self._walk_fast(element)
        self._handlers, self._in_head, self._part = handlers, in_head, outer
        text = part.builder.finish()
        kind = _note_kind(element, marker, text, part.seg_types, in_head > 0)
        self._notes.append(_PendingNote(key, marker, kind, anchor, part, text))

    # -- assembling the cable ---------------------------------------------------------

    def _cable(self, div: etree._Element, text: str, start_page: str, chapter: str,
               compilation: str) -> Cable:
        volume = self.context.volume_id
        doc_id = div.get(_XML_ID) or f"d{div.get('n', '')}"
        heading = text[self._heading[0]:self._heading[1]] if self._heading else ""
        title = frus_prose.tidy_spacing(tei_meta.strip_number(heading))
        footnotes = [self._footnote(note) for note in self._notes]
        source = next((n.text for n in footnotes if n.kind == "source"), "")
        body = self._body
        file_line = _file_line(div)
        cable = Cable(
            id=f"{volume}/{doc_id}", volume=volume, number=div.get("n", ""), title=title,
            text=text, kind=_kind(title, file_line), date=self._date_of(div),
            file_number=frus_prose.file_number_of(file_line)[0],
            chapter=chapter, compilation=compilation,
            telegram_number=frus_prose.telegram_number_of(title),
            classification=frus_prose.classification_in(source),
            blocks=_blocks(body.builder.blocks, text),
            pages=_pages(body.pages, start_page),
            footnotes=footnotes,
            references=_references(body.refs, text, skip_until=self._heading_end()),
            spans=_spans(body.spans, text),
            persons=_ids(div, TEI + "persName", "corresp"),
            terms=_ids(div, TEI + "gloss", "target"),
        )
        self._fill_marked(cable, text)
        return cable

    def _heading_end(self) -> int:
        return self._heading[1] if self._heading else 0

    def _fill_marked(self, cable: Cable, text: str) -> None:
        """Sender, recipient, place, subject and signature: from markup, else from prose."""
        senders = [_slice(text, a, e) for role, a, e in self._parties if role == "from"]
        recipients = [_slice(text, a, e) for role, a, e in self._parties if role == "to"]
        cable.sender = frus_prose.tidy_spacing("; ".join(s for s in senders if s))
        cable.recipient = frus_prose.tidy_spacing("; ".join(r for r in recipients if r))
        if not cable.sender and not cable.recipient:
            cable.sender, cable.recipient = frus_prose.parties_of(cable.title)
        cable.place = frus_prose.tidy_spacing(
            next((p for p in (_slice(text, a, e) for a, e in self._places) if p), ""))
        subjects = [_slice(text, a, e) for a, e in self._subjects]
        cable.subject = "; ".join(s for s in subjects if s) or self._prose_subject(cable)
        self._telegram_line(cable)
        cable.signature = "; ".join(
            s for s in (_slice(text, a, e) for a, e in self._signatures) if s)

    @staticmethod
    def _telegram_line(cable: Cable) -> None:
        """The telegram number of the opening line ("700. Subject: …"), which is no paragraph.

        The opening paragraphs are those after the heading and dateline, as the plain-text
        importer reads them.
        """
        text = cable.text
        blocks = cable.blocks
        opening = [i for i, b in enumerate(blocks[:4]) if b.kind in ("paragraph", "item")][:2]
        if cable.file_number:
            # Old style: a classification line ("secret") may stand between the dateline
            # and the telegram's number ("1066. We are told …").
            opening = [i for i, b in enumerate(blocks[:7]) if b.kind == "paragraph"
                       and text[b.start:b.start + 1].isdigit()][:1]
        if not any(text[blocks[i].start:blocks[i].start + 1].isdigit() for i in opening):
            return  # a telegram line starts with its number
        line = frus_prose.telegram_line(
            [text[blocks[i].start:blocks[i].end] for i in opening], cable.kind)
        if line is None:
            return
        cable.telegram_number = cable.telegram_number or line[1]
        block = blocks[opening[line[0]]]
        if block.label:
            blocks[opening[line[0]]] = Block(block.kind, block.start, block.end, "")

    @staticmethod
    def _prose_subject(cable: Cable) -> str:
        """A telegram's "Subject: …" in one of the first blocks after the heading."""
        for block in cable.blocks[:4]:
            if block.kind in ("paragraph", "item"):
                found = frus_prose.subject_in(cable.text[block.start:block.end])
                if found:
                    return found
        return ""

    def _date_of(self, div: etree._Element) -> str | None:
        for name in _DATE_MIN:
            value = div.get(name)
            if value:
                return value
        return self._dateline_date or self._head_date

    def _footnote(self, note: _PendingNote) -> Footnote:
        part, text = note.part, note.text
        blocks = _blocks(part.builder.blocks, text)
        blocks = [_footnote_block(block, text) for block in blocks]
        return Footnote(
            key=note.key, marker=note.marker, kind=note.kind, text=text,
            offset=note.anchor.offset or 0, blocks=blocks,
            references=_references(part.refs, text),
            spans=_spans(part.spans, text),
            pages=_pages(part.pages, ""),
        )


def _ids(div: etree._Element, tag: str, attribute: str) -> list[str]:
    """Ids that ``tag`` elements point at through ``attribute`` ("#p_KHA_1"), in order."""
    found: dict[str, None] = {}
    for element in div.iter(tag):
        value = element.get(attribute)
        if value:
            for ref in value.split():
                found[ref.lstrip("#")] = None
    return list(found)


def _slice(text: str, anchor: Anchor, end: int) -> str:
    if anchor.offset is None or anchor.offset >= end:
        return ""
    return text[anchor.offset:end]


def _note_kind(element: etree._Element, marker: str, text: str, seg_types: set[str],
               on_heading: bool = False) -> str:
    """source / summary / editorial, from @type, typed segs, the note's opening words or place.

    A note on the document's heading is its source note even when the editors left out
    "Source:" ("Johnson Library, … Confidential."), as the plain-text importer reads it.
    """
    declared = element.get("type")
    if declared in ("source", "summary"):
        return declared
    if "source" in seg_types:
        return "source"
    if "summary" in seg_types:
        return "summary"
    if marker == "1" and text.startswith(("Source:", "Summary:")):
        return "source"
    if on_heading and not text.startswith("Summary:"):
        return "source"
    return "editorial"


def _footnote_block(block: Block, text: str) -> Block:
    """Mark a footnote's Summary and Source paragraphs as such."""
    if text.startswith("Summary:", block.start):
        return Block("summary", block.start, block.end, block.label)
    if text.startswith("Source:", block.start):
        return Block("source", block.start, block.end, block.label)
    return block


def _blocks(raw: list[list], text: str) -> list[Block]:
    blocks = []
    for kind, start, end, label in raw:
        if not label and kind in _LABELLED and _may_start_with_label(text, start):
            label = frus_prose.paragraph_label(text[start:min(end, start + _LABEL_CONTEXT)])
        blocks.append(Block(kind, start, end, label))
    return blocks


def _may_start_with_label(text: str, start: int) -> bool:
    """Whether the block at ``start`` could open with a label, without running the regex.

    Most paragraphs open with a capital letter, as labels may ("B."), but a label ends
    in "." or ")" within its first seven characters (the longest are like "(XVIII)"),
    which few openings of ordinary sentences have.
    """
    if text[start] not in _LABEL_STARTS:
        return False
    head = text[start:start + _LABEL_LENGTH]
    return "." in head or ")" in head


def _pages(raw: list[tuple[str, Anchor]], start_page: str) -> list[PageBreak]:
    """The page a part starts on (offset 0) and every page turn inside it, in order.

    When the document's own first page break comes before any text, the page it starts
    on is that one and the inherited page is dropped, so offset 0 is never listed twice
    for two different reasons.
    """
    pages = [PageBreak(label, anchor.offset or 0) for label, anchor in raw]
    if start_page and not (pages and pages[0].offset == 0):
        pages.insert(0, PageBreak(start_page, 0))
    return pages


def _spans(raw: list[tuple[str, Anchor, int]], text: str) -> list[Span]:
    spans = [Span(style, anchor.offset, end) for style, anchor, end in raw
             if anchor.offset is not None and anchor.offset < end]
    italic = [(s.start, s.end) for s in spans if s.style == "italic"]
    spans.extend(Span("editorial", start, end)
                 for start, end in tei_meta.editorial_brackets(text, italic))
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _references(raw: list[tuple[str, Anchor, int]], text: str,
                skip_until: int = 0) -> list[CrossReference]:
    refs = [CrossReference(target, text[anchor.offset:end], anchor.offset, end)
            for target, anchor, end in raw
            if anchor.offset is not None and anchor.offset < end]
    marked = [(r.start, r.end) for r in refs]
    for mention in frus_prose.telegram_references(text, skip_until):
        if not any(lo <= mention.start < hi for lo, hi in marked):
            refs.append(mention)
    refs.sort(key=lambda r: r.start)
    return refs


def note_target(volume_id: str, doc_id: str, key: str) -> str:
    """How a cross-reference names a footnote: ``<vol>/d21#footnote 2``."""
    return f"{volume_id}/{doc_id}#{footnote_part(key)}"
