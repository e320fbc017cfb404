"""Change records: what a use case altered, so each view refreshes only what it must.

Modelled on Anki's OpChanges: the service says what it touched; the window decides.
``before``/``snapshot`` carry what an undo needs to put things back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.annotation import Annotation, Theme


@dataclass
class Change:
    kind: str
    cable_ids: set[str] = field(default_factory=set)
    annotation_ids: set[str] = field(default_factory=set)
    theme_ids: set[int] = field(default_factory=set)
    annotation: Annotation | None = None
    before: Annotation | None = None
    theme: Theme | None = None
    snapshot: object | None = None
