"""Conversion between stored rows and domain objects.

A cable's structure is stored as one JSON document; this module is the only place that
knows its shape, so a later schema change touches one file (and one migration).
"""

from __future__ import annotations

import re
from dataclasses import asdict

from ..domain.annotation import Annotation, Theme
from ..domain.cable import Block, Cable, CrossReference, Footnote, PageBreak, Span
from ..domain.telegram import Telegram, chronological_key
from ..domain.volume import Person, Term, Volume
from .models import AnnotationRow, AnnotationThemeRow, CableRow, ThemeRow, VolumeRow

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
    return {column.key: getattr(row, column.key) for column in CableRow.__table__.columns}


def _record(kind, item):
    """A record from its stored form: a JSON array in field order (as written now) or an
    object keyed by field name (as the first development builds wrote it)."""
    return kind(**item) if isinstance(item, dict) else kind(*item)


def _footnote(data: dict) -> Footnote:
    return Footnote(
        key=data["key"], marker=data["marker"], kind=data["kind"], text=data["text"],
        offset=data["offset"],
        blocks=[_record(Block, b) for b in data.get("blocks", [])],
        references=[_record(CrossReference, r) for r in data.get("references", [])],
        spans=[_record(Span, s) for s in data.get("spans", [])],
        pages=[_record(PageBreak, p) for p in data.get("pages", [])],
    )


def cable_from_row(row: CableRow) -> Cable:
    structure = row.structure or {}
    return Cable(
        id=row.id,
        volume=row.volume_id,
        **{name: getattr(row, name) for name in _CABLE_SCALARS},
        blocks=[_record(Block, b) for b in structure.get("blocks", [])],
        pages=[_record(PageBreak, p) for p in structure.get("pages", [])],
        footnotes=[_footnote(n) for n in structure.get("footnotes", [])],
        references=[_record(CrossReference, r) for r in structure.get("references", [])],
        spans=[_record(Span, s) for s in structure.get("spans", [])],
        persons=list(structure.get("persons", [])),
        terms=list(structure.get("terms", [])),
        telegram=Telegram.from_json(structure["telegram"]) if "telegram" in structure else None,
    )


def fill_volume_row(row: VolumeRow, volume: Volume) -> None:
    row.id = volume.id
    for name in ("title", "series", "volume_label", "subtitle", "editors"):
        setattr(row, name, getattr(volume, name) or "")
    row.persons = [asdict(person) for person in volume.persons]
    row.terms = [asdict(term) for term in volume.terms]


def volume_from_row(row: VolumeRow) -> Volume:
    return Volume(
        id=row.id, title=row.title, series=row.series, volume_label=row.volume_label,
        subtitle=row.subtitle, editors=row.editors,
        persons=[Person(**p) for p in row.persons or []],
        terms=[Term(**t) for t in row.terms or []],
    )


def theme_from_row(row: ThemeRow) -> Theme:
    return Theme(id=row.id, name=row.name, color=row.color, parent_id=row.parent_id,
                 description=row.description, position=row.position)


def annotation_from_row(row: AnnotationRow) -> Annotation:
    return Annotation(
        id=row.id, cable_id=row.cable_id, part=row.part, start=row.start, end=row.end,
        quote=row.quote, prefix=row.prefix, suffix=row.suffix,
        theme_ids=[link.theme_id for link in row.themes], note=row.note, author=row.author,
        created=row.created, modified=row.modified, orphaned=row.orphaned,
    )


_ANNOTATION_SCALARS = ("id", "cable_id", "part", "start", "end", "quote", "prefix", "suffix",
                       "note", "author", "created", "modified", "orphaned")


def fill_annotation_row(row: AnnotationRow, annotation: Annotation) -> None:
    for name in _ANNOTATION_SCALARS:
        setattr(row, name, getattr(annotation, name))
    row.themes = [AnnotationThemeRow(theme_id=theme_id, position=position)
                  for position, theme_id in enumerate(dict.fromkeys(annotation.theme_ids))]


def annotation_values(annotation: Annotation) -> tuple[dict, list[dict]]:
    """The column values of a new annotation's row and of its theme links, for a Core
    insert (the ORM's unit of work costs twice as much for one new row)."""
    row = {name: getattr(annotation, name) for name in _ANNOTATION_SCALARS}
    links = [{"annotation_id": annotation.id, "theme_id": theme_id, "position": position}
             for position, theme_id in enumerate(dict.fromkeys(annotation.theme_ids))]
    return row, links
