"""Reading REFI-QDA files — ``.qdpx`` projects and ``.qdc`` codebooks — ours or another
program's, into plain records (no storage).

A file from elsewhere is untrusted: the XML parser resolves no entities, loads no DTD and
touches no network; the ZIP is read by name only, with a size limit. The known traps are
handled here, once:

- positions count code points (never bytes) of the source text as given;
- a source whose lines end in CRLF: our texts end lines with LF, and some programs count
  CRLF as one character, others as two. Each selection is mapped both ways, and the
  reading whose text equals the selection's ``name`` (where a program writes the quote)
  wins; without a name, positions past the LF text's end mean CRLF counted as two,
  otherwise the spec's reading (the text as stored) is taken;
- GUIDs with and without braces, in either case;
- a byte-order mark at the start of a source file.

What cannot be carried (pictures, PDF, audio, video, cases, sets, links, graphs, codings
of a whole source, notes on nothing we keep) is listed in ``not_carried``.
"""

from __future__ import annotations

import zipfile
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ...domain import refi_qda as ids
from ..errors import ImportFailed

MAX_UNPACKED = 512 * 1024 * 1024
"""A .qdpx larger than this unpacked is refused (a ZIP bomb, or not for us)."""
_UNSUPPORTED_SOURCES = {"PictureSource": "picture", "PDFSource": "PDF",
                        "AudioSource": "audio", "VideoSource": "video"}
_UNSUPPORTED_PARTS = {"Cases": "case", "Sets": "set", "Links": "link", "Graphs": "graph"}
_OUR_VARIABLES = frozenset((*ids.CABLE_VARIABLES, ids.STRUCTURE_VARIABLE, ids.VOLUME_VARIABLE))


@dataclass
class ImportedCode:
    guid: str
    name: str
    color: str
    description: str
    parent_guid: str | None


@dataclass
class ImportedSelection:
    guid: str
    start: int  # code points of the LF-normalised source text, end exclusive
    end: int
    name: str
    code_guids: list[str]
    note: str
    author: str
    created: str
    modified_by: str
    modified: str


@dataclass
class ImportedSource:
    guid: str
    name: str
    description: str
    text: str  # line ends normalised to LF
    variables: dict[str, str]
    selections: list[ImportedSelection] = field(default_factory=list)


@dataclass
class ImportedProject:
    name: str
    origin: str
    codes: list[ImportedCode]
    sources: list[ImportedSource]
    not_carried: list[str] = field(default_factory=list)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _child_text(element, name: str) -> str:
    child = _child(element, name)
    return (child.text or "") if child is not None else ""


def _parse(data: bytes, where: str):
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise ImportFailed(where, f"not well-formed XML ({error.msg})",
                           error.lineno or None) from error


def _guid(value: str | None, where: str, what: str) -> str:
    guid = ids.normalise_guid(value)
    if guid is None:
        raise ImportFailed(where, f"{what} has no valid GUID ({value!r})")
    return guid


def read_codes(holder, where: str, parent: str | None = None) -> list[ImportedCode]:
    """The codes under ``holder`` (a ``Codes`` or ``Code`` element), parents first."""
    out: list[ImportedCode] = []
    for code in _children(holder, "Code"):
        guid = _guid(code.get("guid"), where, f"code {code.get('name')!r}")
        out.append(ImportedCode(guid, (code.get("name") or "").strip() or "Unnamed code",
                                (code.get("color") or "").strip(),
                                _child_text(code, "Description"), parent))
        out.extend(read_codes(code, where, guid))
    return out


def read_qdc(path: Path) -> list[ImportedCode]:
    """The codes of a ``.qdc`` codebook file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed(path, f"cannot read it ({error.strerror})") from error
    root = _parse(data, str(path))
    if _local(root) != "CodeBook":
        raise ImportFailed(path, f"not a REFI-QDA codebook (its root is <{_local(root)}>)")
    codes = _child(root, "Codes")
    return read_codes(codes, str(path)) if codes is not None else []


def read_qdpx(path: Path) -> ImportedProject:
    """The project of a ``.qdpx`` file."""
    where = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ImportFailed(path, f"not a REFI-QDA project (not a ZIP archive: {error})") \
            from error
    with archive:
        members = {info.filename: info for info in archive.infolist()}
        if sum(info.file_size for info in members.values()) > MAX_UNPACKED:
            raise ImportFailed(path, "it unpacks to more than 512 MB; not imported")
        qde = next((name for name in members if name.lower() == "project.qde"), None)
        if qde is None:
            raise ImportFailed(path, "not a REFI-QDA project (no project.qde inside)")
        by_lower = {name.lower(): name for name in members}

        def source_bytes(file_name: str) -> bytes | None:
            # internal://GUID.txt names a file of sources/; some programs write the
            # folder too (internal://Sources/GUID.txt)
            wanted = file_name.lstrip("/").lower()
            name = by_lower.get(f"sources/{wanted}") or (
                by_lower.get(wanted) if wanted.startswith("sources/") else None)
            return archive.read(name) if name is not None else None

        return read_qde(archive.read(qde), source_bytes, where)


def read_qde(data: bytes, source_bytes, where: str) -> ImportedProject:
    """A ``project.qde`` document; ``source_bytes(name)`` gives an internal source file."""
    root = _parse(data, where)
    if _local(root) != "Project":
        raise ImportFailed(where, f"not a REFI-QDA project (its root is <{_local(root)}>)")
    not_carried: list[str] = []
    users = {}
    for holder in _children(root, "Users"):
        for user in _children(holder, "User"):
            guid = ids.normalise_guid(user.get("guid"))
            if guid:
                users[guid] = user.get("name") or user.get("id") or ""
    codes: list[ImportedCode] = []
    for book in _children(root, "CodeBook"):
        for holder in _children(book, "Codes"):
            codes.extend(read_codes(holder, where))
    variables = {}
    for holder in _children(root, "Variables"):
        for variable in _children(holder, "Variable"):
            guid = ids.normalise_guid(variable.get("guid"))
            if guid:
                variables[guid] = variable.get("name") or ""
    notes = {}
    for holder in _children(root, "Notes"):
        for note in _children(holder, "Note"):
            guid = ids.normalise_guid(note.get("guid"))
            if guid:
                notes[guid] = _child_text(note, "PlainTextContent")
    used_notes: set[str] = set()
    skipped = Counter()
    sources: list[ImportedSource] = []
    for holder in _children(root, "Sources"):
        for element in holder:
            kind = _local(element)
            if kind in _UNSUPPORTED_SOURCES:
                skipped[f"{_UNSUPPORTED_SOURCES[kind]} source"] += 1
                continue
            if kind != "TextSource":
                continue
            sources.append(_source(element, source_bytes, users, variables, notes,
                                   used_notes, skipped, where))
    for name, label in _UNSUPPORTED_PARTS.items():
        for holder in _children(root, name):
            skipped[label] += len(holder)
    unused = set(notes) - used_notes
    if unused:
        skipped["note not attached to a text passage"] += len(unused)
    for label, count in sorted(skipped.items()):
        not_carried.append(f"{count} {label}{'s' if count != 1 else ''}")
    return ImportedProject(root.get("name") or "", root.get("origin") or "", codes, sources,
                           not_carried)


def _who(users: dict[str, str], guid: str | None) -> str:
    return users.get(ids.normalise_guid(guid) or "", "")


def _source(element, source_bytes, users, variables, notes, used_notes, skipped,
            where: str) -> ImportedSource:
    guid = _guid(element.get("guid"), where, f"text source {element.get('name')!r}")
    name = element.get("name") or guid
    raw = _source_text(element, source_bytes, where, name, skipped)
    text, crlf_positions = _normalise(raw)
    values = {}
    for value in _children(element, "VariableValue"):
        ref = _child(value, "VariableRef")
        variable = variables.get(ids.normalise_guid(ref.get("targetGUID")) or "") \
            if ref is not None else None
        if variable in _OUR_VARIABLES:
            values[variable] = _child_text(value, "TextValue")
        else:
            skipped["variable value of another program"] += 1
    if _children(element, "Coding"):
        skipped["coding of a whole source"] += len(_children(element, "Coding"))
    source = ImportedSource(guid, name, _child_text(element, "Description"), text, values)
    for selection in _children(element, "PlainTextSelection"):
        placed = _selection(selection, text, raw, crlf_positions, users, notes, used_notes,
                            where, name)
        if placed is None:
            skipped["selection outside its text"] += 1
        else:
            source.selections.append(placed)
    return source


def _source_text(element, source_bytes, where: str, name: str, skipped) -> str:
    content = _child(element, "PlainTextContent")
    if content is not None and content.text is not None:
        return content.text
    path = element.get("plainTextPath") or ""
    if path.startswith("internal://"):
        data = source_bytes(path[len("internal://"):])
        if data is None:
            raise ImportFailed(where, f"the text of source {name!r} ({path}) is missing "
                                      "from the archive")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFailed(where, f"the text of source {name!r} is not UTF-8 "
                                      f"(byte {error.start})") from error
    if path:
        skipped["source kept outside the project file"] += 1
    return ""


def _normalise(raw: str) -> tuple[str, list[int]]:
    """LF line ends, and where each CRLF's CR stood in ``raw`` (for mapping offsets)."""
    crlf, index = [], raw.find("\r\n")
    while index >= 0:
        crlf.append(index)
        index = raw.find("\r\n", index + 2)
    return raw.replace("\r\n", "\n").replace("\r", "\n"), crlf


def _from_raw(offset: int, crlf: list[int]) -> int:
    """A code-point offset into the CRLF text, as an offset into the LF text: less one for
    each CRLF whose LF lies before it."""
    return offset - bisect_left(crlf, offset - 1)


def _selection(element, text: str, raw: str, crlf: list[int], users, notes, used_notes,
               where: str, source_name: str) -> ImportedSelection | None:
    guid = _guid(element.get("guid"), where, f"a selection in {source_name!r}")
    try:
        start, end = int(element.get("startPosition")), int(element.get("endPosition"))
    except (TypeError, ValueError) as error:
        raise ImportFailed(where, f"selection {guid} in {source_name!r} has no valid "
                                  "positions") from error
    quote = (element.get("name") or "").replace("\r\n", "\n")
    readings = [(start, end)]  # CRLF counted as one character: the LF text's offsets
    if crlf:
        readings.insert(0, (_from_raw(start, crlf), _from_raw(end, crlf)))  # spec: as stored
    chosen = next((r for r in readings if quote and text[r[0]:r[1]] == quote), None)
    if chosen is None:
        fits = [r for r in readings if 0 <= r[0] < r[1] <= len(text)]
        if crlf and end > len(text):
            fits = fits[:1]
        chosen = fits[0] if fits else None
    if chosen is None:
        return None
    code_guids = []
    for coding in _children(element, "Coding"):
        ref = _child(coding, "CodeRef")
        code = ids.normalise_guid(ref.get("targetGUID")) if ref is not None else None
        if code:
            code_guids.append(code)
    note_texts = []
    for ref in _children(element, "NoteRef"):
        note = ids.normalise_guid(ref.get("targetGUID"))
        if note in notes:
            used_notes.add(note)
            note_texts.append(notes[note])
    if not note_texts and _child_text(element, "Description").strip():
        # QualCoder writes a coding memo as the selection's Description
        note_texts.append(_child_text(element, "Description"))
    author = _who(users, element.get("creatingUser"))
    return ImportedSelection(
        guid, chosen[0], chosen[1], quote, code_guids, "\n\n".join(note_texts), author,
        element.get("creationDateTime") or "", _who(users, element.get("modifyingUser"))
        or author, element.get("modifiedDateTime") or element.get("creationDateTime") or "")
