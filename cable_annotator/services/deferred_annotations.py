"""A cable's annotations for the window: where they lie at once, their words soon after.

Opening a cable paints every highlight and the first cards of the annotation list. The
highlights need only each annotation's part, range and themes; the cards need the quote and
note of the dozen annotations in view. Reading all 20,000 quotes, contexts, notes and dates
of the peer workload before the first paint took as long as everything else in the open,
and most of them are never looked at. So the window gets :class:`DeferredAnnotation`
objects holding the outline, and their words are read when first asked for — in batches
around the one asked for, so a list scrolled into view costs one small query — and by
:meth:`DeferredWords.read_some`, which the window calls in idle moments until every
annotation is complete.

A deferred annotation is an :class:`Annotation` in every other respect: it compares equal
to an annotation read whole with the same fields, and ``dataclasses.replace`` of it gives a
complete copy.
"""

from __future__ import annotations

from ..collector import collector_paused
from ..domain.annotation import Annotation
from ..domain.cable import BODY
from ..storage.project import Project
from . import queries

BATCH = 256
"""Annotations whose words one query reads: the one asked for and those after it in text
order (a list scrolls on from where it is), a few before it too."""
BEHIND = 32


class _DeferredField:
    """One of ``queries.WORD_COLUMNS``: read from the project the first time it is asked."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, annotation: DeferredAnnotation | None, owner=None):
        if annotation is None:
            return getattr(Annotation, self.name, None)
        fields = annotation.__dict__
        try:
            return fields[self.name]
        except KeyError:
            fields["_words"].read_around(annotation)
            return fields[self.name]

    def __set__(self, annotation: DeferredAnnotation, value) -> None:
        annotation.__dict__[self.name] = value


class DeferredAnnotation(Annotation):
    """An annotation whose words (quote, context, note, author, dates) may not be read yet."""

    quote = _DeferredField("quote")
    prefix = _DeferredField("prefix")
    suffix = _DeferredField("suffix")
    note = _DeferredField("note")
    author = _DeferredField("author")
    created = _DeferredField("created")
    modified = _DeferredField("modified")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Annotation):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _FIELD_NAMES)

    __hash__ = None  # as the dataclass it extends: mutable, compared by value


_FIELD_NAMES = tuple(Annotation.__dataclass_fields__)


class DeferredWords:
    """The words of one cable's deferred annotations, read on demand and in idle time."""

    def __init__(self, project: Project, annotations: list[DeferredAnnotation]) -> None:
        self._project = project
        self._annotations = annotations
        self._next = 0  # annotations before this index all have their words

    @property
    def complete(self) -> bool:
        self._skip_read()
        return self._next >= len(self._annotations)

    def read_around(self, annotation: DeferredAnnotation) -> None:
        """Read the words of ``annotation`` and of its neighbours in text order."""
        row = annotation.__dict__["_row"]
        self._read(range(max(row - BEHIND, 0), min(row + BATCH, len(self._annotations))))
        if "quote" not in annotation.__dict__:  # deleted meanwhile: read no words
            self._fill(annotation, ("", "", "", "", "", "", ""))

    def read_some(self, count: int = 4 * BATCH) -> bool:
        """Read the words of the next ``count`` annotations still without them; returns
        whether every annotation now has its words."""
        self._skip_read()
        start = self._next
        self._read(range(start, min(start + count, len(self._annotations))))
        for annotation in self._annotations[start:start + count]:
            if "quote" not in annotation.__dict__:
                self._fill(annotation, ("", "", "", "", "", "", ""))
        return self.complete

    def _skip_read(self) -> None:
        annotations = self._annotations
        while self._next < len(annotations) and "quote" in annotations[self._next].__dict__:
            self._next += 1

    def _read(self, rows: range) -> None:
        wanted = [self._annotations[n] for n in rows if "quote" not in
                  self._annotations[n].__dict__]
        if not wanted:
            return
        words = queries.annotation_words(self._project, [a.id for a in wanted])
        for annotation in wanted:
            found = words.get(annotation.id)
            if found is not None:
                self._fill(annotation, found)

    @staticmethod
    def _fill(annotation: DeferredAnnotation, words: tuple) -> None:
        fields = annotation.__dict__
        for name, value in zip(queries.WORD_COLUMNS, words, strict=True):
            fields[name] = value


def deferred_annotations_of(
    project: Project, cable_id: str,
) -> tuple[list[Annotation], DeferredWords]:
    """The annotations of one cable in text order (as ``queries.annotations_of``), their
    words still to be read; and the reader of those words."""
    with collector_paused():
        return _deferred(project, cable_id)


def _deferred(project: Project, cable_id: str) -> tuple[list[Annotation], DeferredWords]:
    rows, themes = queries.annotation_outline_rows(project, cable_id)
    annotations: list[DeferredAnnotation] = []
    words = DeferredWords(project, annotations)
    new = object.__new__
    for number, (identifier, part, start, end, orphaned) in enumerate(rows):
        annotation = new(DeferredAnnotation)
        annotation.__dict__ = {
            "id": identifier, "cable_id": cable_id, "part": part, "start": start, "end": end,
            "theme_ids": themes[identifier], "orphaned": bool(orphaned), "_row": number,
            "_words": words}
        annotations.append(annotation)
    if annotations and min(a.part for a in annotations) < BODY:
        annotations.sort(key=queries.text_order)
        for number, annotation in enumerate(annotations):
            annotation.__dict__["_row"] = number
    return annotations, words
