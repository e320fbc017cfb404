"""Render FRUS TEI documents as the plain text a reader copies from history.state.gov.

A test helper: the plain-text importer is meant for text copied from the site, but only one
such copy is bundled. This module turns every document of the shared TEI volumes into the
same kind of text, following the site's rendering rules (TEI-NOTES.md §16): the heading
"N. Title" with the source-note number right after the title, "[Page N]" where a ``pb``
stands, each footnote's number where its ``note`` stands, and the notes listed after the
text as "  N. text" with further paragraphs indented deeper. White space is collapsed as a
browser does, so a note that follows a line break in the XML shows as "Saigon 1".

Alongside the copy it computes, from the XML and independently of the importer, what the
importer should recover: the canonical text (no markers, no page labels), its blocks, the
offsets of page turns and footnote markers, and the notes' texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
_WHITESPACE = re.compile(r"\s+")

# Elements that start a new paragraph-sized block ("\n\n" before them in a copy) and
# elements that start a new line inside one (list items, table rows, signature lines).
_PARAGRAPH_BLOCKS = {
    "p", "head", "dateline", "opener", "closer", "list", "table", "quote", "figure",
    "attachment", "div", "postscript", "lg", "trailer", "byline", "argument", "epigraph",
}
_LINE_BLOCKS = {"item", "row", "signed", "salute", "l"}


def local_name(element: etree._Element) -> str:
    """The tag without namespace (``frus:attachment`` → ``attachment``)."""
    return etree.QName(element).localname


def collapse(text: str) -> str:
    """White space as a browser shows it: every run becomes one space."""
    return _WHITESPACE.sub(" ", text)


@dataclass
class _Line:
    """Inline tokens of one rendered line: ("text", s), ("pb", label), ("note", marker)."""

    tokens: list[tuple[str, str]]
    separator: str


@dataclass
class RenderedNote:
    """A note: marker, clean text, offset of its marker in the clean body text.

    ``after_digits`` is set when the copy glues the marker to a number ("Deptel 5082"),
    where no reader and no importer can always tell marker from number.
    """

    marker: str
    text: str
    offset: int
    after_digits: bool = False


@dataclass
class RenderedDocument:
    """A document as copied from the site, and what an importer should make of it."""

    volume: str
    xml_id: str
    number: str
    title: str
    web_text: str
    text: str
    blocks: list[str]
    pages: list[tuple[str, int]]
    notes: list[RenderedNote]
    signature: str
    date: str | None = None
    labels: list[str] = field(default_factory=list)
    body_web: str = ""
    note_webs: list[str] = field(default_factory=list)
    file_line: str = ""
    parties: tuple[str, str] | None = None


class _LineBuilder:
    """Walks TEI content and cuts it into rendered lines of inline tokens."""

    def __init__(self, note_counter: list[int], notes: list[etree._Element],
                 marker_shift: int = 0) -> None:
        self.lines: list[_Line] = []
        self._marker_shift = marker_shift
        self._tokens: list[tuple[str, str]] = []
        self._separator = ""
        self._note_counter = note_counter
        self._notes = notes
        self.signed_lines: set[int] = set()

    def flush(self) -> None:
        """End the current line; a line of white space only is dropped, not its break."""
        if any(kind != "text" or value.strip() for kind, value in self._tokens):
            self.lines.append(_Line(self._tokens, self._separator or "\n"))
            self._separator = ""
        self._tokens = []

    def start_block(self, separator: str) -> None:
        """Start a new line; a pending paragraph break wins over a line break."""
        self.flush()
        if self._separator != "\n\n":
            self._separator = separator

    def text(self, value: str | None) -> None:
        if value:
            self._tokens.append(("text", value))

    def content(self, element: etree._Element) -> None:
        """Render the text and children of ``element`` (not the element's own block)."""
        self.text(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                self.text(child.tail)
                continue
            self.child(child)
            self.text(child.tail)

    def child(self, element: etree._Element) -> None:
        name = local_name(element)
        if name == "note" and element.get("n") is None and element.get("rend") == "inline":
            self.block(element, "p")  # the file-number line of old-style volumes
        elif name == "note":
            self._note_counter[0] += 1
            marker = element.get("n") or str(self._note_counter[0])
            if self._marker_shift and marker.isdigit():
                marker = str(int(marker) + self._marker_shift)
            self._tokens.append(("note", marker))
            self._notes.append(element)
        elif name == "pb":
            self._tokens.append(("pb", element.get("n") or ""))
        elif name == "lb":
            self.start_block("\n")
        elif name == "graphic":
            return
        elif name == "label" and element.getparent() is not None and local_name(
            element.getparent()
        ) == "list":
            self.start_block("\n")
            self.content(element)
            self.text(" ")
        elif name in _PARAGRAPH_BLOCKS or name in _LINE_BLOCKS or name == "cell":
            self.block(element, name)
        else:
            self.content(element)

    def block(self, element: etree._Element, name: str) -> None:
        if name == "cell":
            self.content(element)
            self.text(" ")
            return
        labelled_item = name == "item" and bool(self._tokens) and _previous_is_label(element)
        if not labelled_item:
            self.start_block("\n\n" if name in _PARAGRAPH_BLOCKS else "\n")
        self.content(element)
        if name == "signed":
            self.flush()
            self.signed_lines.add(len(self.lines) - 1)
        self.start_block("\n\n")


def _previous_is_label(element: etree._Element) -> bool:
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous is not None and local_name(previous) == "label"


@dataclass
class _Rendered:
    web: str
    clean: str
    pages: list[tuple[str, int]]
    notes: list[int]
    notes_after_digits: list[bool]


def _render_line(line: _Line) -> _Rendered:
    """One line as copied (``web``) and as the importer should keep it (``clean``)."""
    web = collapse("".join(_web_token(kind, value) for kind, value in line.tokens)).strip()
    full = collapse("".join(value for kind, value in line.tokens if kind == "text"))
    clean = full.strip()
    lead = len(full) - len(full.lstrip())
    pages: list[tuple[str, int]] = []
    notes: list[int] = []
    after_digits: list[bool] = []
    prefix = ""
    web_prefix = ""
    for kind, value in line.tokens:
        web_before = collapse(web_prefix)
        web_prefix += _web_token(kind, value)
        if kind == "text":
            prefix += value
            continue
        collapsed = collapse(prefix)
        if kind == "pb":
            pages.append((value, min(max(len(collapsed) - lead, 0), len(clean))))
        else:
            notes.append(min(max(len(collapsed.rstrip()) - lead, 0), len(clean)))
            after_digits.append(web_before[-1:].isdigit())
    return _Rendered(web, clean, pages, notes, after_digits)


def _web_token(kind: str, value: str) -> str:
    if kind == "pb":
        return f"[Page {value}]"
    return value


@dataclass
class _Assembled:
    web: str = ""
    clean: str = ""
    blocks: list[str] = field(default_factory=list)
    pages: list[tuple[str, int]] = field(default_factory=list)
    note_offsets: list[int] = field(default_factory=list)
    notes_after_digits: list[bool] = field(default_factory=list)
    signature: str = ""


def _assemble(lines: list[_Line], signed: set[int], indent_first: str = "",
              indent_rest: str = "") -> _Assembled:
    """Join rendered lines into the copied text and the expected clean text.

    A line holding only page labels stays in the copy but not in the clean text; its
    pages begin where the next clean line does. Lines are separated by a blank line when
    any separator since the previous clean line asked for one.
    """
    out = _Assembled()
    pending_pages: list[str] = []
    pending_separator = ""
    first_web = True
    for index, line in enumerate(lines):
        rendered = _render_line(line)
        if not rendered.web:
            continue
        out.notes_after_digits.extend(rendered.notes_after_digits)
        indent = indent_first if first_web else indent_rest
        out.web += ("" if first_web else line.separator) + indent + rendered.web
        first_web = False
        if line.separator == "\n\n" or not pending_separator:
            pending_separator = line.separator if out.blocks else ""
        if not rendered.clean:
            pending_pages.extend(label for label, _ in rendered.pages)
            out.note_offsets.extend(len(out.clean) for _ in rendered.notes)
            continue
        if out.blocks:
            out.clean += pending_separator or "\n"
        start = len(out.clean)
        out.clean += rendered.clean
        out.blocks.append(rendered.clean)
        out.pages.extend((label, start) for label in pending_pages)
        out.pages.extend((label, start + offset) for label, offset in rendered.pages)
        out.note_offsets.extend(start + offset for offset in rendered.notes)
        pending_pages = []
        pending_separator = ""
        if index in signed:
            out.signature = rendered.clean
        elif out.signature and index > max(signed, default=-1):
            out.signature = ""
    return out


def _skip_whitespace(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _note_text(note: etree._Element) -> tuple[str, str]:
    """A note's apparatus entry as copied (without its number) and its clean text."""
    builder = _LineBuilder([0], [])
    builder.start_block("\n\n")
    builder.content(note)
    builder.flush()
    assembled = _assemble(builder.lines, set(), indent_rest="    ")
    return assembled.web, assembled.clean


def render_document(div: etree._Element, volume: str, marker_shift: int = 0) -> RenderedDocument:
    """Render one ``div[@type="document"]`` as copied from history.state.gov.

    ``marker_shift`` numbers the markers in the text from another start than the list
    (which then restarts at 1): +57 as volumes of 1861–1945 number notes through the
    chapter, -1 as 1961–63 volumes mark the source note 0."""
    notes: list[etree._Element] = []
    builder = _LineBuilder([0], notes, marker_shift)
    builder.content(div)
    builder.flush()
    body = _assemble(builder.lines, builder.signed_lines)

    markers = [note.get("n") or str(number) for number, note in enumerate(notes, start=1)]
    if marker_shift:
        markers = [str(int(marker) + marker_shift) if marker.isdigit() else marker
                   for marker in markers]
    entries = []
    note_webs = []
    rendered_notes = []
    for number, (note, marker, offset, after_digits) in enumerate(zip(
        notes, markers, body.note_offsets, body.notes_after_digits, strict=True
    ), start=1):
        web, clean = _note_text(note)
        entries.append(f"  {number if marker_shift else marker}. {web}")
        note_webs.append(web)
        rendered_notes.append(RenderedNote(marker, clean, offset, after_digits))
    web_text = body.web + ("\n" + "\n".join(entries) if entries else "") + "\n"

    pages = [(label, _skip_whitespace(body.clean, offset)) for label, offset in body.pages]
    pages = [(label, offset) for label, offset in pages if offset < len(body.clean)]
    number = div.get("n") or ""
    head = div.find(f"{{{TEI}}}head")
    file_line = _file_line(div)
    heading = body.blocks[1 if file_line and len(body.blocks) > 1 else 0] if body.blocks else ""
    # Old style (a file-number line above it): no number printed in the heading.
    title = heading if file_line else re.sub(rf"^\s*{re.escape(number)}\.\s*", "", heading)
    return RenderedDocument(
        volume=volume,
        xml_id=div.get("{http://www.w3.org/XML/1998/namespace}id") or "",
        number=number,
        title=title,
        web_text=web_text,
        text=body.clean,
        blocks=body.blocks,
        pages=pages,
        notes=rendered_notes,
        signature=body.signature,
        date=_dateline_date(div),
        body_web=body.web,
        note_webs=note_webs,
        file_line=file_line,
        parties=_parties(head) if head is not None else None,
    )


def _file_line(div: etree._Element) -> str:
    """The inline source note of an old-style document ("851G.01/3–1649: Telegram")."""
    for note in div.iter(f"{{{TEI}}}note"):
        if note.get("n") is None and note.get("rend") == "inline":
            return collapse("".join(note.itertext())).strip()
    return ""


_LEAD = re.compile(r"^(?:(?:Memorandum|Letter|Note|Telegram|Despatch|Instruction)s?,? "
                   r"(?:by|from) )?(?:[Tt]he )?")


def _parties(head: etree._Element) -> tuple[str, str] | None:
    """Sender and recipient an unnumbered head marks: the recipient from the " to "
    before its ``type="to"`` element, the sender before that; None when unmarked."""
    marked = head.find(".//*[@type='to']")
    if marked is None:
        return None
    before = collapse("".join(_text_until(head, marked))).lstrip()
    cut = before.rfind(" to ")
    if cut < 0:
        return None
    whole = collapse("".join(_head_text(head))).strip()
    sender = _LEAD.sub("", before[:cut].strip())
    recipient = re.sub(r"^the ", "", whole[cut + len(" to "):].strip())
    return sender.rstrip(".,;"), recipient.rstrip(".,;")


def _head_text(head: etree._Element) -> list[str]:
    """The head's text without its notes."""
    out = [head.text or ""]
    for child in head:
        if isinstance(child.tag, str) and local_name(child) != "note":
            out.extend(_head_text(child))
        out.append(child.tail or "")
    return out


def _text_until(element: etree._Element, stop: etree._Element) -> list[str]:
    """Text of ``element`` (notes left out) up to where ``stop`` begins."""
    out = [element.text or ""]
    for child in element:
        if child is stop:
            return out
        if isinstance(child.tag, str) and local_name(child) != "note":
            inner = _text_until(child, stop)
            out.extend(inner)
            if stop in child.iter():
                return out
        out.append(child.tail or "")
    return out


def _dateline_date(div: etree._Element) -> str | None:
    """The day of the document's dateline ``date/@when`` (or ``@from``), if any."""
    for dateline in div.iter(f"{{{TEI}}}dateline"):
        for date in dateline.iter(f"{{{TEI}}}date"):
            when = date.get("when") or date.get("from")
            if when and re.match(r"^\d{4}-\d{2}-\d{2}", when):
                return when[:10]
        return None
    return None


@lru_cache(maxsize=8)
def load_volume(path: Path) -> tuple[str, list[etree._Element]]:
    """The volume id and the document divs of a TEI volume file (parsed once)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    tree = etree.parse(str(path), parser)
    idno = tree.find(f".//{{{TEI}}}publicationStmt/{{{TEI}}}idno[@type='frus']")
    volume = (idno.text or "").strip() if idno is not None and idno.text else path.stem
    documents = list(tree.iterfind(f".//{{{TEI}}}div[@type='document']"))
    return volume, documents
