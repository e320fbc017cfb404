"""Conversion between stored rows and domain objects.

A cable's structure is stored as one JSON document; this module is the only place that
knows its shape, so a later schema change touches one file (and one migration).
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import TYPE_CHECKING

from ..domain.annotation import Annotation, Theme
from ..domain.cable import Block, Cable, CrossReference, Footnote, PageBreak, Span
from ..domain.telegram import Telegram, chronological_key
from ..domain.volume import Person, Term, Volume
from .row_checks import (
    OPTIONAL_TEXT,
    DamagedRow,
    record_fields,
    require_int,
    require_json,
    require_span,
    require_text,
)

if TYPE_CHECKING:  # the rows are read without the models too (``Project.raw_reading``)
    from .models import AnnotationRow, CableRow, ThemeRow, VolumeRow

_CABLE_SCALARS = (
    "number", "title", "kind", "date", "subject", "sender", "recipient", "place",
    "classification", "chapter", "compilation", "telegram_number", "signature", "text",
)


def sort_key(number: str) -> int:
    """A number for ordering documents: the leading digits of the printed number."""
    match = re.match(r"\d+", number or "")
    return int(match.group()) if match else 1_000_000


def _rows(items) -> list[list]:
    """Small frozen records (blocks, pages, references, spans) as JSON arrays in field
    order: compact on disk, and much faster than ``dataclasses.asdict``."""
    return [list(vars(item).values()) for item in items]


def structure_of(cable: Cable) -> dict:
    return {
        "blocks": _rows(cable.blocks),
        "pages": _rows(cable.pages),
        "footnotes": [
            {"key": note.key, "marker": note.marker, "kind": note.kind, "text": note.text,
             "offset": note.offset, "blocks": _rows(note.blocks),
             "references": _rows(note.references), "spans": _rows(note.spans),
             "pages": _rows(note.pages)}
            for note in cable.footnotes
        ],
        "references": _rows(cable.references),
        "spans": _rows(cable.spans),
        "persons": list(cable.persons),
        "terms": list(cable.terms),
        # In the structure, not a column: a fact of old-style volumes only, needing no
        # migration of existing project files.
        "file_number": cable.file_number,
        **({"telegram": cable.telegram.to_json()} if cable.telegram is not None else {}),
    }


def fill_cable_row(row: CableRow, cable: Cable) -> None:
    """Copy every field of ``cable`` onto ``row`` (new or existing)."""
    row.id = cable.id
    row.volume_id = cable.volume
    for name in _CABLE_SCALARS:
        setattr(row, name, getattr(cable, name))
    # A raw telegram's number is its MRN: its year's telegrams are listed in the order sent.
    row.sort_key = chronological_key(cable.telegram) if cable.telegram is not None \
        else sort_key(cable.number)
    row.structure = structure_of(cable)


def row_values(row: CableRow) -> dict:
    """The column values of a (not yet added) cable row, for a bulk insert."""
    from .models import CableRow

    return {column.key: getattr(row, column.key) for column in CableRow.__table__.columns}


_RECORDS = {
    # kind: (field names, field types; OPTIONAL_TEXT = trailing text with a default)
    Block: (("kind", "start", "end", "label"), (str, int, int, OPTIONAL_TEXT)),
    PageBreak: (("label", "offset"), (str, int)),
    CrossReference: (("target", "text", "start", "end"), (str, str, int, int)),
    Span: (("style", "start", "end"), (str, int, int)),
}
_EXACT_SHAPES = {
    kind: {tuple(str if t is OPTIONAL_TEXT else t for t in types[:count])
           for count in range(len([t for t in types if t is not OPTIONAL_TEXT]),
                              len(types) + 1)}
    for kind, (_names, types) in _RECORDS.items()}
"""The field types of each record kind exactly (``type(x) is int`` excludes a bool), with
and without its optional trailing fields."""
_WHERE = {Block: "paragraphs", PageBreak: "pages", CrossReference: "references",
          Span: "emphasis"}


def _records(kind, items: object, subject: str, length: int, where: str = "") -> list:
    """Stored records of ``kind`` checked field by field and against the text's length.
    A record is a JSON array in field order (as written now) or an object keyed by field
    name (as the first development builds wrote it)."""
    where = where or _WHERE[kind]
    if not isinstance(items, list):
        raise DamagedRow(subject, f"its {where} should be a list but are {type(items).__name__}")
    names, types = _RECORDS[kind]
    shapes = _EXACT_SHAPES[kind]
    records = []
    for item in items:
        # As we write them, a record is a list of exactly these types: checked in one
        # step (a long cable holds a thousand paragraphs, read on every open); anything
        # else goes through the full check, which names what is wrong.
        if type(item) is list and tuple(map(type, item)) in shapes:
            record = kind(*item)
        else:
            record = kind(*record_fields(item, names, types, subject, where))
        if kind is PageBreak:
            require_span(record.offset, record.offset, length, subject, where)
        else:
            require_span(record.start, record.end, length, subject, where)
        records.append(record)
    return records


def _footnote(data: object, subject: str, body_length: int) -> Footnote:
    if not isinstance(data, dict):
        raise DamagedRow(subject, "an entry of its footnotes is not a record")
    where = f"footnote {data.get('key', '?')}"
    fields = {}
    for name in ("key", "marker", "kind", "text"):
        fields[name] = require_text(data.get(name), subject, f"{where}'s {name}")
    offset = require_int(data.get("offset"), subject, f"{where}'s offset")
    require_span(offset, offset, body_length, subject, "footnote markers")
    length = len(fields["text"])
    return Footnote(
        **fields, offset=offset,
        blocks=_records(Block, data.get("blocks", []), subject, length, f"{where} paragraphs"),
        references=_records(CrossReference, data.get("references", []), subject, length,
                            f"{where} references"),
        spans=_records(Span, data.get("spans", []), subject, length, f"{where} emphasis"),
        pages=_records(PageBreak, data.get("pages", []), subject, length, f"{where} pages"),
    )


def _names(items: object, subject: str, where: str) -> list[str]:
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise DamagedRow(subject, f"its {where} should be a list of names")
    return list(items)


def _telegram(data: object, subject: str) -> Telegram | None:
    """A raw telegram's header from the structure (absent for FRUS documents)."""
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("mrn"), str):
        raise DamagedRow(subject, "its telegram header should be an object with an MRN")
    try:
        return Telegram.from_json(data)
    except (TypeError, ValueError, AttributeError) as error:
        raise DamagedRow(subject, f"its telegram header is damaged ({error})") from None


def cable_from_row(row: CableRow) -> Cable:
    """The cable of a stored row, every field checked (DamagedRow names the cable)."""
    cable_id = row.id
    subject = f"The cable {cable_id!r}" if isinstance(cable_id, str) else "A cable"
    require_text(cable_id, subject, "id")
    require_text(row.volume_id, subject, "volume")
    scalars = {name: require_text(getattr(row, name), subject, name,
                                  optional=name == "date")
               for name in _CABLE_SCALARS}
    structure = require_json(row.structure if row.structure is not None else {},
                             subject, "structure", dict)
    length = len(scalars["text"])
    footnotes = structure.get("footnotes", [])
    if not isinstance(footnotes, list):
        raise DamagedRow(subject, "its footnotes should be a list")
    return Cable(
        id=cable_id,
        volume=row.volume_id,
        **scalars,
        blocks=_records(Block, structure.get("blocks", []), subject, length),
        pages=_records(PageBreak, structure.get("pages", []), subject, length),
        footnotes=[_footnote(n, subject, length) for n in footnotes],
        references=_records(CrossReference, structure.get("references", []), subject, length),
        spans=_records(Span, structure.get("spans", []), subject, length),
        persons=_names(structure.get("persons", []), subject, "persons"),
        terms=_names(structure.get("terms", []), subject, "terms"),
        file_number=require_text(structure.get("file_number", ""), subject, "file number"),
        telegram=_telegram(structure.get("telegram"), subject),
    )


def fill_volume_row(row: VolumeRow, volume: Volume) -> None:
    row.id = volume.id
    for name in ("title", "series", "volume_label", "subtitle", "editors"):
        setattr(row, name, getattr(volume, name) or "")
    row.persons = [asdict(person) for person in volume.persons]
    row.terms = [asdict(term) for term in volume.terms]


def volume_from_row(row: VolumeRow) -> Volume:
    subject = f"The volume {row.id!r}"
    fields = {name: require_text(getattr(row, name), subject, name)
              for name in ("id", "title", "series", "volume_label", "subtitle", "editors")}
    persons = require_json(row.persons if row.persons is not None else [], subject,
                           "persons", list)
    terms = require_json(row.terms if row.terms is not None else [], subject, "terms", list)
    return Volume(
        **fields,
        persons=[Person(*record_fields(p, ("id", "name", "description"),
                                       (str, str, OPTIONAL_TEXT), subject, "persons"))
                 for p in persons],
        terms=[Term(*record_fields(t, ("id", "term", "description"),
                                   (str, str, OPTIONAL_TEXT), subject, "terms"))
               for t in terms],
    )


def theme_from_row(row: ThemeRow) -> Theme:
    subject = f"The theme {row.id!r}"
    return Theme(id=require_int(row.id, subject, "id"),
                 name=require_text(row.name, subject, "name"),
                 color=require_text(row.color, subject, "colour"),
                 parent_id=require_int(row.parent_id, subject, "parent", optional=True),
                 description=require_text(row.description, subject, "description"),
                 position=require_int(row.position, subject, "position"),
                 uid=require_text(row.uid or "", subject, "uid"),
                 created_by=require_text(row.created_by or "", subject, "created_by"),
                 created=require_text(row.created or "", subject, "created"),
                 modified_by=require_text(row.modified_by or "", subject, "modified_by"),
                 modified=require_text(row.modified or "", subject, "modified"))


ANNOTATION_COLUMN_TYPES = (str, str, str, int, int, str, str, str, str, str, str, str, int,
                           str, str, str, str)
"""Python types of the annotation columns in ``_ANNOTATION_SCALARS`` order."""


def check_annotation_rows(rows: list[tuple]) -> None:
    """Type-check raw annotation rows (id first, columns in ``_ANNOTATION_SCALARS``
    order) column by column at C speed; DamagedRow names the first bad annotation."""
    if not rows:
        return
    for index, column in enumerate(zip(*rows, strict=True)):
        wanted = ANNOTATION_COLUMN_TYPES[index]
        if set(map(type, column)) <= {wanted}:
            continue
        for row in rows:
            value = row[index]
            if type(value) is not wanted:
                subject = f"The annotation {row[0]!r} (of cable {row[1]!r})"
                name = _ANNOTATION_SCALARS[index]
                if wanted is int:
                    require_int(value, subject, name)
                require_text(value, subject, name)


def check_annotation_values(subject: str, values: dict[str, object]) -> None:
    """DamagedRow for the first of these annotation columns holding the wrong type."""
    for name, value in values.items():
        if name not in _ANNOTATION_SCALARS:
            continue
        wanted = ANNOTATION_COLUMN_TYPES[_ANNOTATION_SCALARS.index(name)]
        if wanted is int:
            require_int(value, subject, name)
        else:
            require_text(value, subject, name)
    raise DamagedRow(subject, "its columns have the wrong storage types")


def annotation_from_row(row: AnnotationRow) -> Annotation:
    values = [getattr(row, name) for name in _ANNOTATION_SCALARS]
    values[_ORPHANED] = int(row.orphaned) if isinstance(row.orphaned, (bool, int)) \
        else row.orphaned
    for index in range(_ORPHANED + 1, len(values)):  # revision 0002's text columns
        values[index] = "" if values[index] is None else values[index]
    check_annotation_rows([tuple(values)])
    return Annotation(
        id=row.id, cable_id=row.cable_id, part=row.part, start=row.start, end=row.end,
        quote=row.quote, prefix=row.prefix, suffix=row.suffix,
        theme_ids=[link.theme_id for link in row.themes], note=row.note, author=row.author,
        created=row.created, modified=row.modified, orphaned=row.orphaned,
        modified_by=row.modified_by or "", version=row.version or "", conflict=row.conflict or "",
        conflict_of=row.conflict_of or "",
    )


_ANNOTATION_SCALARS = ("id", "cable_id", "part", "start", "end", "quote", "prefix", "suffix",
                       "note", "author", "created", "modified", "orphaned", "modified_by",
                       "version", "conflict", "conflict_of")
_ORPHANED = _ANNOTATION_SCALARS.index("orphaned")


def fill_annotation_row(row: AnnotationRow, annotation: Annotation) -> None:
    """Write ``annotation`` onto ``row``; a new version pushes the stored one onto the
    row's history (what a merge compares)."""
    if row.version and row.version != annotation.version:
        row.history = [*(row.history or []), row.version][-200:]
    elif row.history is None:
        row.history = []
    for name in _ANNOTATION_SCALARS:
        setattr(row, name, getattr(annotation, name))
    from .models import AnnotationThemeRow

    row.themes = [AnnotationThemeRow(theme_id=theme_id, position=position)
                  for position, theme_id in enumerate(dict.fromkeys(annotation.theme_ids))]


def annotation_values(annotation: Annotation) -> tuple[dict, list[dict]]:
    """The column values of a new annotation's row and of its theme links, for a Core
    insert (the ORM's unit of work costs twice as much for one new row)."""
    row = {name: getattr(annotation, name) for name in _ANNOTATION_SCALARS}
    row["history"] = []
    links = [{"annotation_id": annotation.id, "theme_id": theme_id, "position": position}
             for position, theme_id in enumerate(dict.fromkeys(annotation.theme_ids))]
    return row, links
