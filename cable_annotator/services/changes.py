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

    def usage_delta(self) -> dict[int, int] | None:
        """How each theme's annotation count moved, when this change says it exactly: one
        annotation added, changed or removed, with its state before and after (None
        before: it did not exist). None otherwise — the caller counts again.

        The codebook's usage column is kept this way on each digit key instead of a
        count over the whole project (GROUP BY over 5,000 annotations, on every edit).
        """
        if self.kind not in _ONE_ANNOTATION_KINDS or len(self.annotation_ids) != 1:
            return None
        after = self.annotation if self.kind != "annotation-removed" else None
        if self.kind != "annotation-added" and self.before is None:
            return None
        if self.kind != "annotation-removed" and after is None:
            return None
        delta: dict[int, int] = {}
        for state, sign in ((self.before, -1), (after, 1)):
            for theme_id in dict.fromkeys(state.theme_ids if state is not None else ()):
                delta[theme_id] = delta.get(theme_id, 0) + sign
        return {theme_id: moved for theme_id, moved in delta.items() if moved}


_ONE_ANNOTATION_KINDS = ("annotation-added", "annotation-changed", "annotation-removed")
