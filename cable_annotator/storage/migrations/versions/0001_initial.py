"""The first released schema: settings, volumes, cables, themes, annotations.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "volumes",
        sa.Column("id", sa.String(200), primary_key=True),
        *[sa.Column(name, sa.Text, nullable=False)
          for name in ("title", "series", "volume_label", "subtitle", "editors")],
        sa.Column("persons", sa.JSON, nullable=False),
        sa.Column("terms", sa.JSON, nullable=False),
    )
    op.create_table(
        "cables",
        sa.Column("id", sa.String(300), primary_key=True),
        sa.Column("volume_id", sa.String(200), sa.ForeignKey("volumes.id"), nullable=False),
        sa.Column("number", sa.String(50), nullable=False),
        sa.Column("sort_key", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("date", sa.String(40), nullable=True),
        *[sa.Column(name, sa.Text, nullable=False)
          for name in ("subject", "sender", "recipient", "place", "classification",
                       "chapter", "compilation")],
        sa.Column("telegram_number", sa.String(50), nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("structure", sa.JSON, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("imported", sa.String(40), nullable=False),
    )
    op.create_index("ix_cables_volume_id", "cables", ["volume_id"])
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("color", sa.String(20), nullable=False),
        sa.Column("parent_id", sa.Integer,
                  sa.ForeignKey("themes.id", ondelete="SET NULL"), nullable=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "annotations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("cable_id", sa.String(300),
                  sa.ForeignKey("cables.id", ondelete="CASCADE"), nullable=False),
        sa.Column("part", sa.String(100), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("suffix", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("modified", sa.String(40), nullable=False),
        sa.Column("orphaned", sa.Boolean, nullable=False),
    )
    op.create_index("ix_annotations_cable_part_start", "annotations",
                    ["cable_id", "part", "start"])
    op.create_table(
        "annotation_themes",
        sa.Column("annotation_id", sa.String(36),
                  sa.ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("theme_id", sa.Integer,
                  sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_annotation_themes_theme_id", "annotation_themes", ["theme_id"])


def downgrade() -> None:
    for table in ("annotation_themes", "annotations", "themes", "cables", "volumes", "settings"):
        op.drop_table(table)
