"""Merging and authors: theme identity and authors, annotation versions, tombstones.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Existing rows get values derived from what they hold (a theme's uid from its id and name,
an annotation's version from its id and modified time), so two copies of one project
upgraded apart agree on them and merge as copies, not as strangers.
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NAMESPACE = uuid.UUID("6f1c3a52-8d0e-4b8e-9c8e-0c7a1e5d2b00")


def upgrade() -> None:
    with op.batch_alter_table("themes") as batch:
        batch.add_column(sa.Column("uid", sa.String(36), nullable=False, server_default=""))
        batch.add_column(sa.Column("created_by", sa.String(200), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("created", sa.String(40), nullable=False, server_default=""))
        batch.add_column(sa.Column("modified_by", sa.String(200), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("modified", sa.String(40), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("annotations") as batch:
        batch.add_column(sa.Column("modified_by", sa.String(200), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("version", sa.String(36), nullable=False, server_default=""))
        batch.add_column(sa.Column("history", sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("conflict", sa.String(40), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("conflict_of", sa.String(36), nullable=False,
                                   server_default=""))
    connection = op.get_bind()
    themes = connection.execute(sa.text("SELECT id, name FROM themes")).all()
    for theme_id, name in themes:
        connection.execute(sa.text("UPDATE themes SET uid = :uid WHERE id = :id"),
                           {"uid": str(uuid.uuid5(_NAMESPACE, f"theme:{theme_id}:{name}")),
                            "id": theme_id})
    annotations = connection.execute(sa.text("SELECT id, modified FROM annotations")).all()
    for annotation_id, modified in annotations:
        connection.execute(
            sa.text("UPDATE annotations SET version = :v WHERE id = :id"),
            {"v": str(uuid.uuid5(_NAMESPACE, f"annotation:{annotation_id}:{modified}")),
             "id": annotation_id})
    connection.execute(sa.text("UPDATE annotations SET modified_by = author"))
    # The defaults only served to fill existing rows: new rows get their values from the
    # application, as in a project created by this release.
    with op.batch_alter_table("themes") as batch:
        for name in ("uid", "created_by", "created", "modified_by", "modified"):
            batch.alter_column(name, server_default=None)
        batch.create_unique_constraint("uq_themes_uid", ["uid"])
    with op.batch_alter_table("annotations") as batch:
        for name in ("modified_by", "version", "history", "conflict", "conflict_of"):
            batch.alter_column(name, server_default=None)
    op.create_table(
        "tombstones",
        sa.Column("annotation_id", sa.String(36), primary_key=True),
        sa.Column("cable_id", sa.String(300), nullable=False),
        sa.Column("version", sa.String(36), nullable=False),
        sa.Column("history", sa.JSON, nullable=False),
        sa.Column("deleted", sa.String(40), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("tombstones")
    with op.batch_alter_table("annotations") as batch:
        for name in ("conflict_of", "conflict", "history", "version", "modified_by"):
            batch.drop_column(name)
    with op.batch_alter_table("themes") as batch:
        batch.drop_constraint("uq_themes_uid", type_="unique")
        for name in ("modified", "modified_by", "created", "created_by", "uid"):
            batch.drop_column(name)
