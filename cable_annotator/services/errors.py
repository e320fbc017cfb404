"""The errors the services raise for a request they refuse, apart from the services.

The window catches them around every action; kept in a module of their own, which needs
neither SQLAlchemy nor the services' code, so that the window can name them from the
start while the services themselves are imported later (after the first screen).
"""

from __future__ import annotations


class AnnotationError(ValueError):
    """A request to annotate that cannot be carried out (bad passage, unknown part…)."""


class ChangedElsewhere(AnnotationError):
    """The stored annotation is no longer what the caller last saw: another window or
    program changed it. Raised instead of overwriting that change (undo in a second window
    once deleted a note just written in the first)."""


class NoteChangedElsewhere(ChangedElsewhere):
    """The note was changed elsewhere since the reader began writing over it; ``stored``
    is the note as it is now, so the reader can choose between the two or keep both."""

    def __init__(self, annotation_id: str, stored: str) -> None:
        super().__init__(f"The note of annotation {annotation_id} was changed elsewhere.")
        self.stored = stored


class CodebookError(ValueError):
    """A codebook change that would make it inconsistent (duplicate name, cycle…)."""
