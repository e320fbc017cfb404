"""The ``project.qde`` document of a REFI-QDA 1.5 project (namespace urn:QDA-XML:project:1.0).

Every cable becomes a UTF-8 text source (``sources/<GUID>.txt``): its body, then its
footnotes, each part's range recorded (``domain.combined_text``), so a coding in a footnote
is a selection of the same source. Each annotation becomes a ``PlainTextSelection`` with
code-point positions (end exclusive, as QualCoder writes), a ``Coding`` per theme, its note
as a ``Note``, and its author and dates; the cable's catalogue data go into text variables.
Element order follows the XSD's sequences (a validating reader rejects any other).
An orphaned annotation has no passage to point at and is left out (counted).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

from ...domain import refi_qda as ids
from ...domain.annotation import Annotation, Theme, tree_order
from ...domain.cable import Cable
from ...domain.combined_text import combine, to_combined
from ...domain.volume import Volume


def _qname(namespace: str, name: str) -> str:
    return str(etree.QName(namespace, name))



@dataclass(frozen=True)
class ExportedCable:
    """A cable with its volume, annotations and stored structure (the JSON document the
    project keeps: paragraphs, pages, footnotes…), which our own import rebuilds it from."""

    cable: Cable
    volume: Volume | None
    annotations: list[Annotation]
    structure: dict = field(default_factory=dict)


@dataclass
class ProjectXml:
    """The document and its source files (GUID file name → text)."""

    root: etree._Element
    sources: dict[str, str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # what could not be carried


def _element(parent, tag: str, namespace: str = ids.NAMESPACE,
             **attributes) -> etree._Element:
    return etree.SubElement(parent, _qname(namespace, tag),
                            {k: v for k, v in attributes.items() if v not in (None, "")})


def _text(parent, tag: str, value: str, namespace: str = ids.NAMESPACE) -> None:
    _element(parent, tag, namespace).text = value


def _codes(parent, themes: list[Theme], namespace: str = ids.NAMESPACE) -> None:
    by_parent: dict[int | None, list[Theme]] = {}
    ids_present = {theme.id for theme in themes}
    for theme, _depth in tree_order(themes):
        key = theme.parent_id if theme.parent_id in ids_present else None
        by_parent.setdefault(key, []).append(theme)

    def add(holder, parent_id: int | None) -> None:
        for theme in by_parent.get(parent_id, []):
            code = _element(holder, "Code", namespace, guid=theme.uid, name=theme.name,
                            isCodable="true", color=theme.color)
            if theme.description:
                _text(code, "Description", theme.description, namespace)
            add(code, theme.id)

    add(parent, None)


def codebook_element(themes: list[Theme], namespace: str = ids.NAMESPACE) -> etree._Element:
    """``<CodeBook><Codes>…`` in ``namespace`` (the project's, or the codebook file's)."""
    book = etree.Element(_qname(namespace, "CodeBook"), nsmap={None: namespace})
    _codes(_element(book, "Codes", namespace), themes, namespace)
    return book


def build_project(name: str, origin: str, themes: list[Theme], cables: list[ExportedCable],
                  created: str) -> ProjectXml:
    users = sorted({who for item in cables for a in item.annotations
                    for who in (a.author, a.modified_by) if who})
    root = etree.Element(_qname(ids.NAMESPACE, "Project"), nsmap={None: ids.NAMESPACE})
    root.set("name", name)
    root.set("origin", origin)
    root.set("creationDateTime", created)
    result = ProjectXml(root)
    if users:
        holder = _element(root, "Users")
        for user in users:
            _element(holder, "User", guid=ids.user_guid(user), name=user)
    if themes:
        book = _element(root, "CodeBook")
        codes = _element(book, "Codes")
        _codes(codes, themes)
    _variables(root)
    uid_of = {theme.id: theme.uid for theme in themes}
    notes: list[tuple[str, Annotation]] = []
    if cables:
        sources = _element(root, "Sources")
        for item in cables:
            _source(sources, item, uid_of, notes, result)
    if notes:
        holder = _element(root, "Notes")
        for guid, annotation in notes:
            note = _element(holder, "Note", guid=guid, name=f"Note on “{annotation.quote[:40]}”",
                            creatingUser=_user(annotation.author),
                            creationDateTime=annotation.created,
                            modifyingUser=_user(annotation.modified_by),
                            modifiedDateTime=annotation.modified)
            _text(note, "PlainTextContent", annotation.note)
    return result


def _user(name: str) -> str | None:
    return ids.user_guid(name) if name else None


def _variables(root) -> None:
    holder = _element(root, "Variables")
    for name in (*ids.CABLE_VARIABLES, ids.STRUCTURE_VARIABLE, ids.VOLUME_VARIABLE):
        _element(holder, "Variable", guid=ids.variable_guid(name), name=name,
                 typeOfVariable="Text")


_VOLUME_FIELDS = ("id", "title", "series", "volume_label", "subtitle", "editors")


def _volume_json(volume: Volume) -> str:
    """The volume's catalogue fields (not its thousands of persons and terms, which the
    TEI volume holds and a re-import brings back)."""
    return json.dumps({name: getattr(volume, name) for name in _VOLUME_FIELDS},
                      ensure_ascii=False, separators=(",", ":"))


def _source(parent, item: ExportedCable, uid_of: dict[int, str],
            notes: list[tuple[str, Annotation]], result: ProjectXml) -> None:
    cable = item.cable
    text, ranges = combine(cable)
    guid = ids.source_guid(cable.id)
    result.sources[f"{guid}.txt"] = text
    title = f"{cable.number}. {cable.title}" if cable.number else cable.title
    source = _element(parent, "TextSource", guid=guid, name=title or cable.id,
                      plainTextPath=f"internal://{guid}.txt")
    if cable.subject:
        _text(source, "Description", cable.subject)
    for annotation in item.annotations:
        if annotation.orphaned:
            result.left_out.append(f"orphaned annotation {annotation.id} "
                                   f"(“{annotation.quote[:40]}”, {cable.id}): no passage")
            continue
        try:
            start, end = to_combined(ranges, annotation.part, annotation.start, annotation.end)
        except KeyError:
            result.left_out.append(f"annotation {annotation.id}: {cable.id} has no "
                                   f"{annotation.part}")
            continue
        selection = _element(source, "PlainTextSelection", guid=annotation.id,
                             name=annotation.quote, startPosition=str(start),
                             endPosition=str(end), creatingUser=_user(annotation.author),
                             creationDateTime=annotation.created,
                             modifyingUser=_user(annotation.modified_by),
                             modifiedDateTime=annotation.modified)
        for theme_id in annotation.theme_ids:
            uid = uid_of.get(theme_id)
            if uid is None:
                continue
            coding = _element(selection, "Coding", guid=ids.coding_guid(annotation.id, uid),
                              creatingUser=_user(annotation.author),
                              creationDateTime=annotation.created)
            _element(coding, "CodeRef", targetGUID=uid)
        if annotation.note:
            guid_note = ids.note_guid(annotation.id)
            _element(selection, "NoteRef", targetGUID=guid_note)
            notes.append((guid_note, annotation))
    values = {name: str(getattr(cable, name) or "") for name in ids.CABLE_VARIABLES
              if name != "cable_id"}
    values["cable_id"] = cable.id
    values[ids.STRUCTURE_VARIABLE] = json.dumps(
        {"ranges": ranges, "structure": item.structure}, ensure_ascii=False,
        separators=(",", ":"))
    if item.volume is not None:
        values[ids.VOLUME_VARIABLE] = _volume_json(item.volume)
    for name in (*ids.CABLE_VARIABLES, ids.STRUCTURE_VARIABLE, ids.VOLUME_VARIABLE):
        if name not in values:
            continue
        value = _element(source, "VariableValue")
        _element(value, "VariableRef", targetGUID=ids.variable_guid(name))
        _text(value, "TextValue", values[name])
