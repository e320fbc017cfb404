"""SQLAlchemy 2 typed models of a project: volumes, cables, themes, annotations, settings.

The models use only portable types so that the same schema runs on PostgreSQL for a team
sharing one server; SQLite-only matters (pragmas, application id) live in ``sqlite.py``.
A cable's structure (blocks, pages, footnotes, references, spans) is one JSON document:
it is always read and written whole, with its text, so one row read opens a cable.
"""

from __future__ import annotations

import uuid

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def _new_uid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class SettingRow(Base):
    """Per-project settings such as the last cable read."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class VolumeRow(Base):
    __tablename__ = "volumes"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    series: Mapped[str] = mapped_column(Text, default="")
    volume_label: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str] = mapped_column(Text, default="")
    editors: Mapped[str] = mapped_column(Text, default="")
    persons: Mapped[list] = mapped_column(JSON, default=list)
    terms: Mapped[list] = mapped_column(JSON, default=list)


class CableRow(Base):
    __tablename__ = "cables"
    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    volume_id: Mapped[str] = mapped_column(ForeignKey("volumes.id"), index=True)
    number: Mapped[str] = mapped_column(String(50), default="")
    sort_key: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(100), default="document")
    date: Mapped[str | None] = mapped_column(String(40), nullable=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    sender: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    classification: Mapped[str] = mapped_column(Text, default="")
    chapter: Mapped[str] = mapped_column(Text, default="")
    compilation: Mapped[str] = mapped_column(Text, default="")
    telegram_number: Mapped[str] = mapped_column(String(50), default="")
    signature: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    structure: Mapped[dict] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(Text, default="")
    imported: Mapped[str] = mapped_column(String(40), default="")


class ThemeRow(Base):
    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("uid", name="uq_themes_uid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(20), default="#f2c94c")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("themes.id", ondelete="SET NULL"), nullable=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Since revision 0002: a stable identity across copies of the project (the integer id
    # is only this file's), who made it and who last edited it, when.
    uid: Mapped[str] = mapped_column(String(36), default=_new_uid)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[str] = mapped_column(String(40), default="")
    modified_by: Mapped[str] = mapped_column(String(200), default="")
    modified: Mapped[str] = mapped_column(String(40), default="")


class AnnotationThemeRow(Base):
    __tablename__ = "annotation_themes"
    annotation_id: Mapped[str] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class AnnotationRow(Base):
    __tablename__ = "annotations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cable_id: Mapped[str] = mapped_column(ForeignKey("cables.id", ondelete="CASCADE"))
    part: Mapped[str] = mapped_column(String(100), default="body")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[str] = mapped_column(String(40))
    modified: Mapped[str] = mapped_column(String(40))
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Since revision 0002, for merging copies of a project: ``version`` changes with each
    # edit by a reader, ``history`` lists the versions it replaced (so a merge tells "changed
    # here", "changed there" and "changed on both sides" apart), and an unresolved merge
    # conflict is marked with its kind and the annotation it conflicts with.
    modified_by: Mapped[str] = mapped_column(String(200), default="")  # since 0002
    version: Mapped[str] = mapped_column(String(36), default=_new_uid)
    history: Mapped[list] = mapped_column(JSON, default=list)
    conflict: Mapped[str] = mapped_column(String(40), default="")
    conflict_of: Mapped[str] = mapped_column(String(36), default="")
    themes: Mapped[list[AnnotationThemeRow]] = relationship(
        cascade="all, delete-orphan", order_by=AnnotationThemeRow.position, lazy="selectin"
    )

    __table_args__ = (Index("ix_annotations_cable_part_start", "cable_id", "part", "start"),)


class TombstoneRow(Base):
    """A deleted annotation, remembered (since revision 0002) so that merging a copy that
    still holds it deletes it there too instead of bringing it back."""

    __tablename__ = "tombstones"
    annotation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cable_id: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[str] = mapped_column(String(36), default="")
    history: Mapped[list] = mapped_column(JSON, default=list)
    deleted: Mapped[str] = mapped_column(String(40), default="")
    author: Mapped[str] = mapped_column(String(200), default="")
