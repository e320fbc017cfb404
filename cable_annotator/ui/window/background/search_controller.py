"""The toolbar search: typing narrows the corpus, marks hits in the open cable, and
Enter / F3 walks from hit to hit across documents.

The search itself is the ``services.search`` use case; this class only schedules it
(debounced, so typing a word runs one query, not one per letter), keeps the hits of the
open cable and decides where "next" goes: the next hit here, else the first hit of the
next matching document in corpus order, wrapping at the end.

What the reader types is searched in a worker thread (30–150 ms over a 300,000-character
cable: three full-text queries), so the text keeps scrolling and the box keeps taking
letters meanwhile; each search carries a generation number and only the latest one is
shown. Enter and F3 search at once on the GUI thread when the result is not in yet: they
need it to move.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit

from ...common.deferred_import import deferred
from .latest_result import LatestResult

search_service = deferred("cable_annotator.services.search")

DEBOUNCE_MS = 250
TOTAL_LIMIT = 1000
"""Hits counted for the status bar; beyond it the count reads "1000+"."""


class SearchController(QObject):
    """Drives the find box of ``window`` (a MainWindow)."""

    searched = Signal(str)  # the query just run ("" when cleared)

    def __init__(self, window, find_box: QLineEdit) -> None:
        super().__init__(window)
        self.window = window
        self.find_box = find_box
        self.query = ""
        self._matching: list[str] = []
        self._summary = ""
        self._hits: list[search_service.SearchHit] = []
        self._current = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_in_background)
        self._worker = LatestResult(self)  # typed queries: only the latest is shown
        find_box.textChanged.connect(lambda _text: self._timer.start())
        find_box.returnPressed.connect(self.next_hit)
        window.cableShown.connect(self._cable_shown)

    def is_active(self) -> bool:
        return bool(self.query)

    def run(self) -> None:
        """Search for the find box's text now, on this thread (Enter, F3, a refresh)."""
        self._timer.stop()
        query = self.find_box.text().strip()
        if query == self.query:
            return
        self._worker.cancel()  # whatever the worker is still finding is out of date
        cable = self.window.current_cable()
        cable_id = cable.id if cable else None
        outcome = (search_service.find_outcome(self.window.project, query, cable_id,
                                               total_limit=TOTAL_LIMIT) if query else None)
        self._show(query, outcome, cable_id)

    def finish_background_search(self) -> None:
        """Drop the typed search still in the worker and wait for its read to end."""
        self._worker.cancel()
        self._worker.wait()

    def is_searching(self) -> bool:
        """Whether a typed query waits for its debounce or its worker."""
        return self._timer.isActive() or self._worker.is_busy()

    def _run_in_background(self) -> None:
        """The debounce timer: search the typed query in the worker thread."""
        query = self.find_box.text().strip()
        if query == self.query and not self._worker.is_busy():
            return  # (a search still in the worker may be for another query: search again)
        if not query:
            self.run()  # clearing the search needs no query
            return
        cable = self.window.current_cable()
        cable_id = cable.id if cable else None
        project = self.window.project
        self._worker.request(
            lambda: search_service.find_outcome(project, query, cable_id,
                                                total_limit=TOTAL_LIMIT),
            self._background_finished)

    def _background_finished(self, result: object) -> None:
        if isinstance(result, Exception):
            self.window.statusBar().showMessage(f"Could not search: {result}", 8000)
            return
        if result.query != self.find_box.text().strip():
            return  # typed on since: the debounce timer has the next one
        cable = self.window.current_cable()
        self._show(result.query, result, cable.id if cable else None)

    def _show(self, query: str, outcome: search_service.FindOutcome | None,
              cable_id: str | None) -> None:
        """Put a search's outcome on screen: corpus filter, marks, status line."""
        self.query = query
        corpus = self.window.corpus
        if outcome is None:
            self._matching, self._summary = [], ""
            corpus.set_search(None, [], set())
        else:
            self._matching = outcome.matching
            total = outcome.total
            shown = f"{TOTAL_LIMIT}+" if total >= TOTAL_LIMIT else str(total)
            documents = len(self._matching)
            label = query if '"' in query else f"“{query}”"
            self._summary = (f"{label}: {shown} hit{'s' * (total != 1)} in {documents} "
                             f"document{'s' * (documents != 1)}")
            corpus.set_search(label, _plain_words(query), set(self._matching))
        cable = self.window.current_cable()
        if outcome is not None and cable is not None and cable.id == cable_id:
            self._set_hits(outcome.hits_here)
        else:  # another cable opened while the worker searched
            self._load_hits(cable.id if cable else None)
        self.searched.emit(query)

    def refresh(self) -> None:
        """Run the search again (the corpus changed: an import, another project)."""
        self.query = ""
        self.run()

    def clear(self) -> None:
        """End the search: empty box, whole corpus, no marks."""
        self.find_box.clear()
        self.run()

    def next_hit(self) -> None:
        self._step(+1)

    def previous_hit(self) -> None:
        self._step(-1)

    def hits(self) -> list[search_service.SearchHit]:
        """Hits in the open cable, in reading order."""
        return list(self._hits)

    def current_index(self) -> int:
        return self._current

    # -- internals -----------------------------------------------------------------------

    def _step(self, direction: int) -> None:
        if self.is_searching():
            self.run()
        if not self.query:
            return
        target = self._current + direction
        if 0 <= target < len(self._hits):
            self._select(target)
            return
        cable_id = self._neighbour(direction)
        if cable_id is None:
            self._render("no hits")
            return
        self.window.show_cable(cable_id)  # → cableShown → _cable_shown loads its hits
        if self._hits:
            self._select(0 if direction > 0 else len(self._hits) - 1)

    def _neighbour(self, direction: int) -> str | None:
        """The next (or previous) matching cable in corpus order, wrapping around."""
        matching = set(self._matching)
        order = [c for c in self.window.corpus.model.cable_ids() if c in matching]
        if not order:
            return None
        current = self.window.current_cable()
        if current is None or current.id not in order:
            everything = self.window.corpus.model.cable_ids()
            position = everything.index(current.id) if current and current.id in everything \
                else -1
            later = [c for c in order if everything.index(c) > position]
            if direction > 0:
                return later[0] if later else order[0]
            earlier = [c for c in order if c not in later]
            return earlier[-1] if earlier else order[-1]
        index = order.index(current.id) + direction
        return order[index % len(order)]

    def _cable_shown(self, cable_id: str) -> None:
        self._load_hits(cable_id)

    def _load_hits(self, cable_id: str | None) -> None:
        if not self.query or cable_id is None:
            self._set_hits([])
        else:
            self._set_hits(search_service.search(self.window.project, self.query,
                                                 limit=100_000, cable_id=cable_id))

    def _set_hits(self, found: list[search_service.SearchHit]) -> None:
        """Mark ``found`` (hits in the open cable) in reading order."""
        self._current = -1
        cable = self.window.current_cable()
        order = {part: index for index, part in enumerate(cable.parts() if cable else [])}
        self._hits = sorted((h for h in found if h.part in order),
                            key=lambda h: (order[h.part], h.start))
        self.window.reading.set_search_hits([(h.part, h.start, h.end) for h in self._hits])
        self._render()

    def _select(self, index: int) -> None:
        self._current = index
        self.window.reading.show_hit(index)
        if self.find_box.hasFocus():
            # Reaching a hit hands the keyboard to the text, so a digit tags the hit
            # instead of being typed into the query; F3 goes on to the next one.
            self.window.reading.focus_selection()
        self._render()

    def _render(self, note: str = "") -> None:
        if not self.query:
            self.window.status_line.set_search("")
            return
        here = len(self._hits)
        if self._current >= 0:
            where = f"{self._current + 1} of {here} here"
        else:
            where = f"{here} here" if here else "none here"
        self.window.status_line.set_search(f"{self._summary} ({note or where})")


def _plain_words(query: str) -> list[str]:
    """The words of a query as the corpus's title filter reads them (no quotes or stars)."""
    return [word.strip('"*') for word in query.split() if word.strip('"*')]
