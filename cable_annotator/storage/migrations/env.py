"""Alembic environment: runs on the connection the project store hands over."""

from alembic import context

from cable_annotator.storage.migrate import include_object
from cable_annotator.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
