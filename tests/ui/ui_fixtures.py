"""Helpers for the window tests: a real project with a few annotations, isolated settings."""

from __future__ import annotations

from pathlib import Path

from cable_annotator.services import annotating, queries

SAMPLE_ID = "frus1969-76ve11p2/d293"
ARMS_RACE_QUOTE = "an arms race could ensue"


def body_span(project, quote: str, cable_id: str = SAMPLE_ID) -> tuple[int, int]:
    """Code-point offsets of ``quote`` in the body of ``cable_id``."""
    text = queries.load_cable(project, cable_id).text
    start = text.index(quote)
    return start, start + len(quote)


def annotate(project, quote: str, theme_names: list[str], note: str = "",
             cable_id: str = SAMPLE_ID):
    """Store an annotation through the service, as an earlier session would have."""
    start, end = body_span(project, quote, cable_id)
    ids = [queries.find_theme(project, name).id for name in theme_names]
    return annotating.create_annotation(project, cable_id, "body", start, end, ids,
                                        note=note).annotation


def settings_file(tmp_path: Path):
    from cable_annotator.ui.window.settings import AppSettings

    return AppSettings.in_file(tmp_path / "settings.ini")
