"""The readers of plain text by name: what the import dialog offers and ``import --as``
takes (kept apart from ``importing``, which needs SQLAlchemy, so the window names them
from the start)."""

from __future__ import annotations

FRUS_PAGE = "frus"
PLAIN_TEXT = "text"
TELEGRAMS = "telegram"
TEXT_FORMATS = {
    FRUS_PAGE: "a FRUS page",
    PLAIN_TEXT: "plain text (kept verbatim)",
    TELEGRAMS: "raw State Department telegrams",
}
"""The readers of plain text, by the name ``import --as`` takes. Another reader (a raw
telegram dump, say) is one more entry here, one more branch in :func:`read_text_as` and
one more rule in :func:`choose_text_format`."""
