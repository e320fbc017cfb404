"""Replaying a workload's log into what the project must hold after a kill."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

ABSENT = object()
"""An annotation that is not (or no longer) in the file."""


@dataclass
class CommittedState:
    """The last committed state of every annotation a workload touched: its note, or
    ABSENT; plus the one action that may have been cut off by the kill."""

    notes: dict[str, object] = field(default_factory=dict)
    changes_checked: int = 0

    def replay(self, log: Path) -> tuple[str, set[object]] | None:
        """Apply a run's log; returns ``(id, allowed states)`` of the action begun but not
        logged as done (its commit may or may not have happened), or None."""
        pending: tuple[str, set[object]] | None = None
        for line in log.read_text(encoding="utf-8").splitlines():
            words = line.split(" ")
            if len(words) < 3 or words[0] not in ("BEGIN", "DONE"):
                continue
            stage, action, annotation_id = words[0], words[1], words[2]
            if action not in ("add", "edit", "del"):
                continue
            before = self.notes.get(annotation_id, ABSENT)
            if stage == "BEGIN":
                after = ABSENT if action == "del" else words[3]
                pending = (annotation_id, {before, after})
                self._pending_after = after
            else:
                self.notes[annotation_id] = self._pending_after
                self.changes_checked += 1
                pending = None
        return pending

    def check(self, path: Path, pending: tuple[str, set[object]] | None) -> list[str]:
        """Problems: logged changes missing from the file or in another state."""
        connection = sqlite3.connect(path)
        try:
            stored = dict(connection.execute("SELECT id, note FROM annotations"))
        finally:
            connection.close()
        problems = []
        if pending is not None:
            annotation_id, allowed = pending
            actual = stored.get(annotation_id, ABSENT)
            if actual not in allowed:
                problems.append(f"{annotation_id}: {actual!r} is neither state of the "
                                "interrupted action")
            self.notes[annotation_id] = actual
        for annotation_id, note in self.notes.items():
            actual = stored.get(annotation_id, ABSENT)
            if actual != note and not (actual is ABSENT and note is ABSENT):
                problems.append(f"{annotation_id}: stored {actual!r}, committed {note!r}")
        return problems
