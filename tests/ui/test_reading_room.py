"""What the reading pane gives the text: all the width for a document without notes, and
a verbatim text shown exactly as stored."""

from __future__ import annotations

from cable_annotator.importers.plaintext.verbatim import TEXT_KIND
from cable_annotator.services import queries
from cable_annotator.services.importing import import_files
from cable_annotator.ui.reading.document_builder import VERBATIM_KIND
from tests.conftest import SAMPLE_ID
from tests.importers.telegram_expected import FIXTURES

from .window_helpers import cable_text, open_window

VERBATIM = ("Oral history interview\n\n\n"
            "Q:  You were in Lima in 1974?\n"
            "A:\tYes — from January.\n"
            "\n"
            "    [indented aside, kept as typed]   \n"
            "\n\n\n"
            "Q: And the tanks?\n\n")


def test_a_telegram_without_notes_gets_the_notes_column_too(qtbot, project, tmp_path):
    import_files(project, [FIXTURES / "1974STATE016696.txt"])
    window = open_window(qtbot, project, tmp_path, 1024, 700)
    pane = window.reading
    window.show_cable(SAMPLE_ID)
    qtbot.waitUntil(lambda: pane.notes_beside() and pane.footnote_pane().isVisible())
    with_notes = cable_text(window).width()
    window.show_cable("1974STATE016696")  # a raw telegram: no notes
    qtbot.waitUntil(lambda: not pane.footnote_pane().isVisible())
    qtbot.waitUntil(lambda: cable_text(window).width() > with_notes + 150)
    # Its end is still reachable with the pane's scroll bar.
    bar = pane.findChild(type(cable_text(window).verticalScrollBar()), "readingScrollBar")
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    text = cable_text(window)
    last = text.document().lastBlock().previous()
    assert text.cursorRect(text.textCursor()).isValid()
    bottom = text.document().documentLayout().blockBoundingRect(last).bottom()
    assert bottom - text.verticalScrollBar().value() <= text.viewport().height() + 1
    window.show_cable(SAMPLE_ID)  # and back: the notes beside again
    qtbot.waitUntil(lambda: pane.footnote_pane().isVisible())
    qtbot.waitUntil(lambda: abs(cable_text(window).width() - with_notes) <= 8)


def test_a_verbatim_text_shows_every_blank_line_and_character(qtbot, project, tmp_path):
    assert VERBATIM_KIND == TEXT_KIND
    source = tmp_path / "interview.txt"
    source.write_text(VERBATIM, encoding="utf-8")
    [summary] = import_files(project, [source], as_format="text").cables
    stored = queries.load_cable(project, summary.id)
    assert stored.text == VERBATIM and stored.kind == TEXT_KIND
    window = open_window(qtbot, project, tmp_path)
    window.show_cable(stored.id)
    shown = cable_text(window).document().toRawText()
    # Qt separates blocks with U+2029 and ends with the pane's spacer block.
    assert shown.replace("\u2029", "\n") == VERBATIM + "\n"


def test_short_notes_below_the_text_take_only_their_height(qtbot, project, tmp_path,
                                                          shared_corpus):
    """At 800×600 the notes are below the text: a document with two short notes gives
    the text the rest, one with long notes keeps them to a third of the pane."""
    from cable_annotator.ui.reading.footnote_pane import notes_height
    from cable_annotator.ui.reading.reading_pane import NOTES_BELOW_SHARE

    import_files(project, [shared_corpus / "frus" / "frus1964-68v28.xml"])
    window = open_window(qtbot, project, tmp_path, 800, 600)
    pane = window.reading
    notes = pane.footnote_pane()
    window.show_cable("frus1964-68v28/d39")  # two notes, four lines in all
    qtbot.waitUntil(lambda: not pane.notes_beside() and notes.isVisible())
    share = pane.height() * NOTES_BELOW_SHARE
    qtbot.waitUntil(lambda: notes.height() < share - 10)
    assert notes.height() >= notes_height(notes) - 1  # every line of them in view
    long_notes = max(queries.list_cables(project)[:60],
                     key=lambda s: sum(len(n.text) for n in queries.load_cable(
                         project, s.id).footnotes))
    window.show_cable(long_notes.id)
    qtbot.waitUntil(lambda: abs(notes.height() - share) <= 8)
    assert notes_height(notes) > notes.height()  # they scroll
