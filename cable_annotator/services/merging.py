"""Merging a colleague's copy of a project into this one — nothing lost, nothing doubled.

Matching: cables by id (a cable whose text differs keeps ours; their annotations on it are
re-anchored onto our text, or orphaned), themes by uid and then by name path (two people
who both made "Fisheries" end with one; a colour that differs: ours wins, reported), and
annotations by UUID. Every annotation carries a ``version`` (new with each edit) and the
``history`` of versions it replaced, and a deleted one leaves a tombstone, so a merge can
tell the cases apart as a three-way merge would:

- new there → added; the same version → skipped; ours descends from theirs → skipped;
  theirs descends from ours → updated to theirs;
- changed on both sides → a conflict: the newer version (by modified time, then version)
  keeps the UUID, the other is kept beside it under a UUID derived from its version, both
  marked until the reader resolves them (keep this / the other / both);
- deleted on one side, changed on the other → a conflict, the changed version kept;
  deleted on one side, unchanged on the other → deleted.

The rules depend only on the two versions, never on which file is "ours", so merging A
into B and B into A give the same annotations, and a merge repeated changes nothing. The
merge is one transaction; ``undo_merge`` puts back everything it wrote (one undo step).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select

from ..domain.anchoring import QuoteSelector, place
from ..domain.annotation import Theme, theme_path, tree_order
from ..domain.cable import Cable
from ..storage import fulltext
from ..storage.errors import NotFound
from ..storage.mapping import cable_from_row, theme_from_row
from ..storage.models import (
    AnnotationRow,
    AnnotationThemeRow,
    CableRow,
    ThemeRow,
    TombstoneRow,
    VolumeRow,
)
from ..storage.project import Project
from ..storage.snapshot import open_copy
from .annotating import ChangedElsewhere
from .changes import Change

BOTH_CHANGED = "both-changed"  # on the annotation that keeps the UUID…
BOTH_CHANGED_COPY = "both-changed-copy"  # …and on the other version, kept beside it
DELETED_VS_CHANGED = "deleted-vs-changed"  # conflict_of: the version that was deleted
# (each with ":mine" or ":theirs", the copy the version came from: ``conflict_mark``)
_CONFLICT_COPY = uuid.UUID("0d7e3a4c-3b51-4f0e-9a3c-5b2f8e9c1a77")
_KEPT_OVER_DELETION = "kept-over-deletion:"  # a history entry: a deletion resolved away
MINE, THEIRS = "mine", "theirs"


def conflict_mark(kind: str, side: str) -> str:
    """What an annotation's ``conflict`` column holds: the kind, and which copy this
    version came from (``both-changed:theirs``), so a later session still knows which of
    the two is the reader's own."""
    return f"{kind}:{side}"


def conflict_kind(mark: str) -> tuple[str, str]:
    """``(kind, side)`` of a conflict mark (side '' when unknown)."""
    kind, _, side = (mark or "").partition(":")
    return kind, side


def conflict_copy_id(annotation_id: str, version: str) -> str:
    """The UUID of the version kept beside its annotation in a both-changed conflict:
    derived, so both sides of a merge (and a repeated merge) make the same one."""
    return str(uuid.uuid5(_CONFLICT_COPY, f"{annotation_id}:{version}"))


@dataclass
class MergeConflict:
    """One conflict to resolve. ``mine_id``/``theirs_id`` name the two annotations (for a
    deletion, the deleting side's id is None)."""

    kind: str
    cable_id: str
    quote: str
    mine_id: str | None
    theirs_id: str | None
    deleted_by: str = ""  # "mine" or "theirs" for a deletion conflict


@dataclass
class MergeSnapshot:
    """What a merge replaced, for its undo."""

    annotations: dict[str, dict | None] = field(default_factory=dict)  # id: row (None: new)
    tombstones: dict[str, dict | None] = field(default_factory=dict)
    themes_added: list[int] = field(default_factory=list)
    cables_added: list[str] = field(default_factory=list)
    volumes_added: list[str] = field(default_factory=list)
    written: dict[str, str | None] = field(default_factory=dict)  # id: version left (None: gone)


@dataclass
class MergeReport:
    source: str
    cables_added: list[str] = field(default_factory=list)
    cables_differing: list[str] = field(default_factory=list)  # ours kept, theirs re-anchored
    themes_added: list[str] = field(default_factory=list)
    themes_matched_by_name: list[str] = field(default_factory=list)
    theme_differences: list[str] = field(default_factory=list)  # ours kept
    added: int = 0
    updated: int = 0
    skipped: int = 0
    deleted: int = 0
    orphaned: int = 0  # theirs could not be placed on our text of a differing cable
    same_passage: int = 0  # new there, on exactly a passage annotated here too (both kept)
    conflicts: list[MergeConflict] = field(default_factory=list)
    snapshot: MergeSnapshot = field(default_factory=MergeSnapshot, repr=False)

    @property
    def changed_anything(self) -> bool:
        snapshot = self.snapshot
        return bool(snapshot.annotations or snapshot.tombstones or snapshot.themes_added
                    or snapshot.cables_added or snapshot.volumes_added)

    def summary(self) -> str:
        pieces = [f"{self.added} added", f"{self.updated} updated", f"{self.skipped} unchanged",
                  f"{self.deleted} deleted", f"{len(self.conflicts)} in conflict"]
        line = f"Merged {self.source}: " + ", ".join(pieces) + " annotation(s)"
        if self.cables_added:
            line += f"; {len(self.cables_added)} document(s) added"
        if self.themes_added:
            line += f"; {len(self.themes_added)} theme(s) added"
        if self.same_passage:
            line += (f"; {self.same_passage} of those added lie on passages annotated here "
                     "too (both kept)")
        return line + "."


# -- reading the other project -------------------------------------------------------------

_ANNOTATION_FIELDS = ("id", "cable_id", "part", "start", "end", "quote", "prefix", "suffix",
                      "note", "author", "created", "modified", "orphaned", "modified_by",
                      "version", "history", "conflict", "conflict_of")


def _annotation_record(row: AnnotationRow) -> dict:
    record = {name: getattr(row, name) for name in _ANNOTATION_FIELDS}
    record["history"] = list(record["history"] or [])
    record["themes"] = [link.theme_id for link in row.themes]
    return record


def _tombstone_record(row: TombstoneRow) -> dict:
    return {"annotation_id": row.annotation_id, "cable_id": row.cable_id,
            "version": row.version, "history": list(row.history or []),
            "deleted": row.deleted, "author": row.author}


def _columns(row) -> dict:
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}


@dataclass
class _Other:
    volumes: list[dict]
    cables: dict[str, dict]
    themes: list[Theme]
    annotations: list[dict]
    tombstones: list[dict]


def _read_other(path: Path) -> _Other:
    with open_copy(path) as other, other.reading() as session:
        return _Other(
            volumes=[_columns(row) for row in session.scalars(select(VolumeRow))],
            cables={row.id: _columns(row) for row in session.scalars(select(CableRow))},
            themes=[theme_from_row(row) for row in session.scalars(
                select(ThemeRow).order_by(ThemeRow.position, ThemeRow.id))],
            annotations=[_annotation_record(row) for row in session.scalars(
                select(AnnotationRow).order_by(AnnotationRow.id))],
            tombstones=[_tombstone_record(row) for row in session.scalars(select(TombstoneRow))],
        )


# -- merging ---------------------------------------------------------------------------------

def merge_project(project: Project, other_path: Path | str) -> MergeReport:
    """Merge the project file at ``other_path`` into ``project`` (that file is not
    changed). Raises ProjectError naming the file when it cannot be read."""
    other_path = Path(other_path)
    if other_path.resolve() == project.path.resolve():
        raise NotFound(f"{other_path} is this project itself; choose a colleague's copy.")
    other = _read_other(other_path)
    report = MergeReport(source=str(other_path))
    with project.transaction() as session:
        _merge_volumes(session, other, report)
        _merge_cables(session, other, report)
        theme_map = _merge_themes(session, other, report)
        _preload(session)
        our_cables = {row.id: cable_from_row(row) for row in session.scalars(
            select(CableRow).where(CableRow.id.in_(report.cables_differing)))}
        for record in other.annotations:
            _merge_annotation(session, record, theme_map, our_cables, report)
        for tombstone in other.tombstones:
            _merge_tombstone(session, tombstone, report)
        _note_written(session, report.snapshot)
    return report


def _note_written(session, snapshot: MergeSnapshot) -> None:
    """What the step left in place of each annotation it touched, so its undo can tell
    whether someone (another window) has changed it since."""
    session.flush()
    for annotation_id in snapshot.annotations:
        row = session.get(AnnotationRow, annotation_id)
        snapshot.written[annotation_id] = row.version if row is not None else None


def _merge_volumes(session, other: _Other, report: MergeReport) -> None:
    known = set(session.scalars(select(VolumeRow.id)))
    for values in other.volumes:
        if values["id"] not in known:
            session.add(VolumeRow(**values))
            report.snapshot.volumes_added.append(values["id"])
    session.flush()


def _merge_cables(session, other: _Other, report: MergeReport) -> None:
    ours = {row.id: row for row in session.scalars(
        select(CableRow).where(CableRow.id.in_(list(other.cables))))}
    added: list[Cable] = []
    for cable_id, values in other.cables.items():
        row = ours.get(cable_id)
        if row is None:
            row = CableRow(**values)
            session.add(row)
            added.append(cable_from_row(row))
            report.cables_added.append(cable_id)
            report.snapshot.cables_added.append(cable_id)
        elif row.text != values["text"] or row.structure != values["structure"]:
            report.cables_differing.append(cable_id)
    session.flush()
    if added:
        fulltext.index_cables(session, added)


def _path_key(theme: Theme, by_id: dict[int, Theme]) -> str:
    return theme_path(theme, by_id).casefold()


def _merge_themes(session, other: _Other, report: MergeReport) -> dict[int, int]:
    """Their theme ids → ours, adding the themes we lack (parents first)."""
    our_themes = [theme_from_row(row) for row in session.scalars(select(ThemeRow))]
    ours_by_id = {theme.id: theme for theme in our_themes}
    by_uid = {theme.uid: theme for theme in our_themes if theme.uid}
    by_path = {_path_key(theme, ours_by_id): theme for theme in our_themes}
    theirs_by_id = {theme.id: theme for theme in other.themes}
    mapping: dict[int, int] = {}
    position = (session.scalar(select(func.max(ThemeRow.position))) or 0) + 1
    for theirs, _depth in tree_order(other.themes):
        path = theme_path(theirs, theirs_by_id)
        ours = by_uid.get(theirs.uid) or by_path.get(path.casefold())
        if ours is not None:
            mapping[theirs.id] = ours.id
            if ours.uid != theirs.uid:
                report.themes_matched_by_name.append(path)
            if ours.color.lower() != theirs.color.lower():
                report.theme_differences.append(
                    f"{path}: colour {theirs.color} there, ours ({ours.color}) kept")
            if ours.name != theirs.name:
                report.theme_differences.append(
                    f"{theme_path(ours, ours_by_id)}: named {theirs.name!r} there, ours kept")
            continue
        parent = mapping.get(theirs.parent_id) if theirs.parent_id is not None else None
        row = ThemeRow(name=theirs.name, color=theirs.color, parent_id=parent,
                       description=theirs.description, position=position,
                       uid=theirs.uid or str(uuid.uuid4()), created_by=theirs.created_by,
                       created=theirs.created, modified_by=theirs.modified_by,
                       modified=theirs.modified)
        position += 1
        session.add(row)
        session.flush()
        added = theme_from_row(row)
        mapping[theirs.id] = added.id
        ours_by_id[added.id] = added
        by_uid[added.uid] = added
        by_path[_path_key(added, ours_by_id)] = added
        report.themes_added.append(path)
        report.snapshot.themes_added.append(added.id)
    return mapping


def _preload(session) -> None:
    """Load our annotations and tombstones once (two queries, themes in one more), and
    note which ids exist: looking each up by id cost a query apiece, misses included —
    15 s for a merge of 5,000."""
    annotations = session.scalars(select(AnnotationRow)).all()
    tombstones = session.scalars(select(TombstoneRow)).all()
    session.info["loaded"] = (annotations, tombstones)  # the identity map holds weakly
    session.info["known"] = {AnnotationRow: {row.id for row in annotations},
                             TombstoneRow: {row.annotation_id for row in tombstones}}
    session.info["passages"] = {(row.cable_id, row.part, row.start, row.end)
                                for row in annotations}
    session.info["cables"] = set(session.scalars(select(CableRow.id)))


def _get(session, kind, key: str):
    """``session.get`` without a query for an id known to be absent."""
    known = session.info.get("known")
    if known is not None and key not in known[kind]:
        return None
    return session.get(kind, key)


def _known(session, kind, key: str, present: bool) -> None:
    known = session.info.get("known")
    if known is not None:
        (known[kind].add if present else known[kind].discard)(key)


def _remember(session, report: MergeReport, annotation_id: str) -> None:
    """Keep the state of an annotation (and its tombstone) before the merge first writes
    it, for the undo."""
    _remember_into(session, report.snapshot, annotation_id)


def _remember_into(session, snapshot: MergeSnapshot, annotation_id: str) -> None:
    if annotation_id not in snapshot.annotations:
        row = _get(session, AnnotationRow, annotation_id)
        snapshot.annotations[annotation_id] = _annotation_record(row) if row else None
    if annotation_id not in snapshot.tombstones:
        tomb = _get(session, TombstoneRow, annotation_id)
        snapshot.tombstones[annotation_id] = _tombstone_record(tomb) if tomb else None


def _write(session, record: dict, report: MergeReport | None = None) -> AnnotationRow:
    """Store ``record`` (an annotation with our theme ids) whole under its id."""
    if report is not None and record.get("_unplaced"):
        report.orphaned += 1  # theirs, with no place in our text of the cable
    row = _get(session, AnnotationRow, record["id"])
    if row is None:
        row = AnnotationRow(id=record["id"])
        session.add(row)
        _known(session, AnnotationRow, record["id"], True)
    for name in _ANNOTATION_FIELDS:
        setattr(row, name, record[name])
    row.history = list(record["history"])
    row.themes = [AnnotationThemeRow(theme_id=theme_id, position=position)
                  for position, theme_id in enumerate(dict.fromkeys(record["themes"]))]
    return row


def _bury(session, row: AnnotationRow, deleted: str, author: str) -> None:
    session.merge(TombstoneRow(annotation_id=row.id, cable_id=row.cable_id,
                               version=row.version, history=list(row.history or []),
                               deleted=deleted, author=author))
    session.delete(row)
    session.flush()
    _known(session, TombstoneRow, row.id, True)
    _known(session, AnnotationRow, row.id, False)


def _placed_on_ours(record: dict, cable: Cable | None, report: MergeReport) -> dict:
    """Their annotation, re-anchored onto our text of a cable whose text differs."""
    if cable is None:
        return record
    try:
        text = cable.part_text(record["part"])
    except KeyError:
        found = None
    else:
        selector = QuoteSelector(record["quote"], record["prefix"], record["suffix"])
        found = place(text, selector, record["start"], record["end"])
    if found is None:
        return {**record, "orphaned": True, "_unplaced": True}
    return {**record, "start": found.start, "end": found.end, "orphaned": False}


def _newer(a: dict, b: dict) -> bool:
    """Whether version ``a`` wins over ``b``: the later edit, then the larger version id,
    so that both sides of a merge choose the same."""
    return (a["modified"], a["version"]) > (b["modified"], b["version"])


def _merge_annotation(session, theirs: dict, theme_map: dict[int, int],
                      our_cables: dict[str, Cable], report: MergeReport) -> None:
    if theirs["cable_id"] not in session.info["cables"]:
        return  # cannot happen: every cable of theirs was merged first
    theirs = {**theirs, "themes": [theme_map[t] for t in theirs["themes"] if t in theme_map]}
    theirs = _placed_on_ours(theirs, our_cables.get(theirs["cable_id"]), report)
    row = _get(session, AnnotationRow, theirs["id"])
    if row is None:
        tomb = _get(session, TombstoneRow, theirs["id"])
        if tomb is not None and (theirs["version"] == tomb.version
                                 or theirs["version"] in (tomb.history or [])):
            report.skipped += 1  # we deleted it; they have not changed it since
            return
        _remember(session, report, theirs["id"])
        if tomb is not None and _KEPT_OVER_DELETION + tomb.version not in theirs["history"]:
            # we deleted it, they changed it: keep theirs, and ask
            theirs = {**theirs, "conflict": conflict_mark(DELETED_VS_CHANGED, THEIRS),
                      "conflict_of": tomb.version}
            report.conflicts.append(MergeConflict(DELETED_VS_CHANGED, theirs["cable_id"],
                                                  theirs["quote"], None, theirs["id"], "mine"))
        else:  # new to us, or a deletion of ours they already decided to overrule
            report.added += 1
            passage = (theirs["cable_id"], theirs["part"], theirs["start"], theirs["end"])
            if passage in session.info.get("passages", ()):
                report.same_passage += 1
        if tomb is not None:
            session.delete(tomb)
            _known(session, TombstoneRow, theirs["id"], False)
        _write(session, theirs, report)
        return
    ours = _annotation_record(row)
    if ours["version"] == theirs["version"] or theirs["version"] in ours["history"]:
        report.skipped += 1
        return
    if ours["version"] in theirs["history"]:
        _remember(session, report, theirs["id"])
        _write(session, {**theirs, "conflict": ours["conflict"],
                         "conflict_of": ours["conflict_of"]}, report)
        report.updated += 1
        return
    _both_changed(session, ours, theirs, report)


def _both_changed(session, ours: dict, theirs: dict, report: MergeReport) -> None:
    """Keep both versions: the newer under the UUID, the other beside it."""
    winner, loser = (theirs, ours) if _newer(theirs, ours) else (ours, theirs)
    copy_id = conflict_copy_id(ours["id"], loser["version"])
    if _get(session, AnnotationRow, copy_id) is not None or _get(session, TombstoneRow, copy_id):
        report.skipped += 1  # merged before (and perhaps resolved since)
        return
    mine_id = ours["id"] if winner is ours else copy_id
    theirs_id = copy_id if winner is ours else ours["id"]
    report.conflicts.append(MergeConflict(BOTH_CHANGED, ours["cable_id"], ours["quote"],
                                          mine_id, theirs_id))
    _remember(session, report, ours["id"])
    _remember(session, report, copy_id)
    winner_side, loser_side = (MINE, THEIRS) if winner is ours else (THEIRS, MINE)
    _write(session, {**winner, "id": ours["id"],
                     "conflict": conflict_mark(BOTH_CHANGED, winner_side),
                     "conflict_of": copy_id}, report)
    _write(session, {**loser, "id": copy_id, "history": [],
                     "conflict": conflict_mark(BOTH_CHANGED_COPY, loser_side),
                     "conflict_of": ours["id"]}, report)


def _merge_tombstone(session, tomb: dict, report: MergeReport) -> None:
    annotation_id = tomb["annotation_id"]
    row = _get(session, AnnotationRow, annotation_id)
    if row is None:
        if _get(session, TombstoneRow, annotation_id) is None:
            _remember(session, report, annotation_id)
            session.add(TombstoneRow(**tomb))  # so the deletion travels on
            session.flush()
            _known(session, TombstoneRow, annotation_id, True)
        return
    known = {tomb["version"], *tomb["history"]}
    history = row.history or []
    if row.version in known:
        _remember(session, report, annotation_id)
        _bury(session, row, tomb["deleted"], tomb["author"])
        report.deleted += 1
        return
    if _KEPT_OVER_DELETION + tomb["version"] in history:
        report.skipped += 1  # this deletion was resolved before: the annotation stays
        return
    if conflict_kind(row.conflict)[0] == DELETED_VS_CHANGED and \
            row.conflict_of == tomb["version"]:
        report.skipped += 1  # merged before, not resolved yet
        return
    report.conflicts.append(MergeConflict(DELETED_VS_CHANGED, row.cable_id, row.quote,
                                          annotation_id, None, "theirs"))
    _remember(session, report, annotation_id)
    row.conflict = conflict_mark(DELETED_VS_CHANGED, MINE)
    row.conflict_of = tomb["version"]
    session.flush()


# -- undo ------------------------------------------------------------------------------------

def undo_merge(project: Project, snapshot: MergeSnapshot) -> Change:
    """Put back everything a merge (or a conflict's resolution) wrote: annotations,
    tombstones, themes, cables."""
    with project.transaction() as session:
        for annotation_id, version in snapshot.written.items():
            row = session.get(AnnotationRow, annotation_id)
            if (row.version if row is not None else None) != version:
                raise ChangedElsewhere(
                    f"Annotation {annotation_id} was changed elsewhere after the merge; "
                    "undoing the merge would overwrite that change.")
        if snapshot.themes_added:
            used = set(session.scalars(select(AnnotationThemeRow.annotation_id).where(
                AnnotationThemeRow.theme_id.in_(snapshot.themes_added))))
            if used - set(snapshot.annotations):
                raise ChangedElsewhere("A theme the merge added has been applied since; "
                                       "undoing the merge would take it off that work.")
        for annotation_id, record in snapshot.annotations.items():
            row = session.get(AnnotationRow, annotation_id)
            if record is None:
                if row is not None:
                    session.delete(row)
            else:
                _write(session, record)
        session.flush()
        for annotation_id, record in snapshot.tombstones.items():
            session.execute(delete(TombstoneRow)
                            .where(TombstoneRow.annotation_id == annotation_id))
            if record is not None:
                session.add(TombstoneRow(**record))
        session.flush()
        for theme_id in reversed(snapshot.themes_added):
            row = session.get(ThemeRow, theme_id)
            if row is not None:
                session.delete(row)
        if snapshot.cables_added:
            fulltext.remove_cables(session, snapshot.cables_added)
            session.execute(delete(AnnotationRow)
                            .where(AnnotationRow.cable_id.in_(snapshot.cables_added)))
            session.execute(delete(CableRow).where(CableRow.id.in_(snapshot.cables_added)))
        if snapshot.volumes_added:
            session.execute(delete(VolumeRow).where(VolumeRow.id.in_(snapshot.volumes_added)))
    cables = {r["cable_id"] for r in snapshot.annotations.values() if r} | set(
        snapshot.cables_added)
    return Change("merge-undone", cables, set(snapshot.annotations),
                  set(snapshot.themes_added))
