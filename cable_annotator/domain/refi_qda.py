"""What our REFI-QDA export and import agree on: the namespace, how GUIDs are derived,
and the variables that carry a cable's catalogue data and structure.

GUIDs are derived (UUID 5) from what they stand for — an author's name, a cable's id, an
annotation's id and a theme — so exporting a project twice gives the same GUIDs, and a
round trip through another program can be matched back. Annotation and theme GUIDs are
their own UUIDs.
"""

from __future__ import annotations

import re
import uuid

NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
_GUIDS = uuid.UUID("3c1f0b8e-9a57-4c1e-8f0d-6a2b7e4d9c11")

# Text variables on each source (the cable's catalogue data), by name.
CABLE_VARIABLES = ("cable_id", "volume", "number", "title", "kind", "date", "subject",
                   "sender", "recipient", "place", "classification", "chapter",
                   "compilation", "telegram_number", "signature")
STRUCTURE_VARIABLE = "cable_annotator_structure"
"""JSON: the cable's paragraphs, pages, footnotes and references, and the range of each
part in the source text — what our own import needs to rebuild the cable exactly."""
VOLUME_VARIABLE = "cable_annotator_volume"
"""JSON: the volume's title, series and editors."""

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12})\}?$")


def derived_guid(kind: str, *keys: str) -> str:
    return str(uuid.uuid5(_GUIDS, ":".join((kind, *keys))))


def user_guid(name: str) -> str:
    return derived_guid("user", name)


def source_guid(cable_id: str) -> str:
    return derived_guid("source", cable_id)


def coding_guid(annotation_id: str, theme_uid: str) -> str:
    return derived_guid("coding", annotation_id, theme_uid)


def note_guid(annotation_id: str) -> str:
    return derived_guid("note", annotation_id)


def variable_guid(name: str) -> str:
    return derived_guid("variable", name)


def normalise_guid(value: str | None) -> str | None:
    """A GUID as we store it: lower case, no braces (programs write both forms); None
    when ``value`` is not a GUID."""
    match = _GUID.match((value or "").strip())
    return match.group(1).lower() if match else None
