"""Helpers for the TEI importer tests: small synthetic volumes and an independent reading.

The corpus checks compare the importer with a deliberately naive reading of the same XML
(plain recursion over ``text``/``tail``), so a bug has to be made twice to go unseen.
Whitespace is ignored in those comparisons because the importer legitimately squeezes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = "{" + TEI_NS + "}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FRUS_2015 = "http://history.state.gov/ns/1.0"
FRUS_NEW = "http://history.state.gov/frus/ns/1.0"

VOLUMES = {
    "frus1961-63v12.xml": 434,
    "frus1964-68v28.xml": 401,
    "frus1969-76v12.xml": 229,
    "frus1969-76ve09p1.xml": 128,
    "frus1977-80v21.xml": 212,
}


def nonspace(text: str) -> str:
    """The characters of ``text`` that are not whitespace, in order."""
    return "".join(ch for ch in text if not ch.isspace())


@dataclass
class ReferenceDocument:
    """A naive reading of one document div: visible characters and where things sit.

    Positions are counts of non-whitespace characters before the thing, which the
    importer's offsets must reproduce whatever whitespace it keeps.
    """

    xml_id: str
    body: list[str] = field(default_factory=list)
    pages: list[tuple[str, int]] = field(default_factory=list)
    notes: list[tuple[str, int, str]] = field(default_factory=list)
    note_pages: list[tuple[int, str, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.body)

    def count(self) -> int:
        return sum(len(piece) for piece in self.body)


def read_reference(div: etree._Element) -> ReferenceDocument:
    """Body characters, page breaks and notes of a document, by plain recursion."""
    doc = ReferenceDocument(div.get(XML_ID) or "")
    _walk(div, doc)
    return doc


def _walk(element: etree._Element, doc: ReferenceDocument) -> None:
    if element.text:
        doc.body.append(nonspace(element.text))
    for child in element:
        if child.tag == T + "pb":
            doc.pages.append((child.get("n"), doc.count()))
        elif child.tag == T + "note" and child.get("n") is not None:
            note_text: list[str] = []
            _note_walk(child, note_text, doc, len(doc.notes))
            doc.notes.append((child.get("n"), doc.count(), "".join(note_text)))
        elif isinstance(child.tag, str):
            _walk(child, doc)
        if child.tail:
            doc.body.append(nonspace(child.tail))


def _note_walk(element: etree._Element, out: list[str], doc: ReferenceDocument,
               index: int) -> None:
    if element.text:
        out.append(nonspace(element.text))
    for child in element:
        if child.tag == T + "pb":
            doc.note_pages.append((index, child.get("n"), sum(map(len, out))))
        elif isinstance(child.tag, str):
            _note_walk(child, out, doc, index)
        if child.tail:
            out.append(nonspace(child.tail))


def nonspace_before(text: str, offset: int) -> int:
    """How many non-whitespace characters precede ``offset`` in ``text``."""
    return len(nonspace(text[:offset]))


def tei(body: str, *, front: str = "", idno: str = "frustest", frus_ns: str = FRUS_2015,
        header_extra: str = "") -> str:
    """A small but complete TEI volume around ``body`` (the content of ``<body>``)."""
    idno_xml = f'<idno type="frus">{idno}</idno>' if idno else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xmlns:frus="{frus_ns}">
<teiHeader><fileDesc><titleStmt>
<title type="complete">Foreign Relations of the United States, 1969–1976, Volume E–99, Test</title>
<title type="volume">Test Documents</title>
<editor role="primary">Ann Editor</editor>
</titleStmt>
<publicationStmt>{idno_xml}</publicationStmt>{header_extra}
</fileDesc></teiHeader>
<text><front>{front}</front><body>{body}</body></text>
</TEI>
"""


def write(tmp_path: Path, content: str | bytes, name: str = "frustest.xml") -> Path:
    """Write a test file and return its path."""
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path
