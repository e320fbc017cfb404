"""The status bar line: where the reader is, how much is annotated, and that it is saved.

``p. 781 · para 4 · 3 annotations · saved`` — the page is what a citation needs, and
"saved" reassures readers used to Save buttons that every edit is already on disk.
The line sits at the right of the status bar without stretching, so the bar's own
messages ("Imported 3 documents.") show on the left at the same time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from .settings import APPLICATION


def window_title(project_path: Path) -> str:
    """``peru-1974.cableproj — Cable Annotator``: the document first, then the program.

    Qt appends the application display name to a title on X11 and Windows unless the
    title already ends with it, so leading with the program's name showed it twice."""
    return f"{project_path.name} — {APPLICATION}"


class StatusLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.setAccessibleName("Reading position")
        self._page = ""
        self._paragraph = ""
        self._count = 0
        self._state = "saved"
        self._search = ""
        self._render()

    def set_position(self, page: str, paragraph: str) -> None:
        self._page, self._paragraph = page, paragraph
        self._render()

    def set_count(self, count: int) -> None:
        self._count = count
        self._render()

    def set_search(self, summary: str) -> None:
        """What the toolbar search found (empty: no search)."""
        self._search = summary
        self._render()

    def set_state(self, state: str) -> None:
        self._state = state
        self._render()

    def _render(self) -> None:
        pieces = [self._search] if self._search else []
        if self._page:
            pieces.append(f"p. {self._page}")
        if self._paragraph:
            pieces.append(f"para {self._paragraph}")
        pieces.append(f"{self._count} annotation{'s' * (self._count != 1)}")
        pieces.append(self._state)
        self.setText("  ·  ".join(pieces))
