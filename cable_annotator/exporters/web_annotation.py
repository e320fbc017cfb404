"""Annotations as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD).

Each annotation targets its cable's page on history.state.gov (the cable id is that URL's
path) with two selectors, as Hypothesis writes them: a ``TextQuoteSelector`` (the exact
quote with ~32 characters of context) and a ``TextPositionSelector``. Positions count code
points into the cable's text as this program shows it — the body, then the footnotes
(``domain.combined_text``, as in the REFI-QDA export) — so an annotation in a footnote has
positions too; the quote is what finds the passage in any other rendering. Themes are
``tagging`` bodies (``Parent/Child`` paths), the note a ``commenting`` body; the creator,
the created and modified times come with each. Orphaned annotations keep their quote and
bodies but have no position (their passage is gone).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..domain.annotation import Theme, theme_path
from ..domain.combined_text import combine, to_combined
from .csv_export import AnnotatedCable

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SITE = "https://history.state.gov/historicaldocuments/"


def cable_url(cable_id: str) -> str:
    return SITE + cable_id


def annotation_item(item: AnnotatedCable, annotation, themes_by_id: dict[int, Theme],
                    ranges: dict[str, tuple[int, int]] | None = None) -> dict:
    """One annotation; ``ranges`` are its cable's part ranges (``combine``), if known."""
    cable = item.cable
    bodies = [{"type": "TextualBody", "purpose": "tagging",
               "value": theme_path(themes_by_id[t], themes_by_id)}
              for t in annotation.theme_ids if t in themes_by_id]
    if annotation.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting",
                       "value": annotation.note, "format": "text/plain"})
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": annotation.quote,
                              "prefix": annotation.prefix, "suffix": annotation.suffix}]
    if not annotation.orphaned:
        if ranges is None:
            ranges = combine(cable)[1]
        try:
            start, end = to_combined(ranges, annotation.part, annotation.start, annotation.end)
        except KeyError:
            pass
        else:
            selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    entry = {
        "id": f"urn:uuid:{annotation.id}",
        "type": "Annotation",
        "motivation": "tagging" if annotation.theme_ids else "commenting",
        "created": annotation.created,
        "modified": annotation.modified,
        "target": {"source": cable_url(cable.id), "selector": selectors},
    }
    if annotation.author:
        entry["creator"] = {"type": "Person", "name": annotation.author}
    if bodies:
        entry["body"] = bodies
    return entry


def collection(label: str, items: Iterable[AnnotatedCable], themes: list[Theme],
               generated: str) -> dict:
    themes_by_id = {theme.id: theme for theme in themes if theme.id is not None}
    annotations = []
    for item in items:
        ranges = combine(item.cable)[1]
        annotations.extend(annotation_item(item, annotation, themes_by_id, ranges)
                           for annotation in item.annotations)
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "generated": generated,
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }


def write_jsonld(destination: TextIO, document: dict) -> int:
    json.dump(document, destination, ensure_ascii=False, indent=2)
    destination.write("\n")
    return document["total"]
