"""The window reading raw telegrams: the text without archive marks, the References panel
both ways, and clicks that open the cited cable (a REF in the text, a FRUS note's
"telegram 193548", an entry of the panel)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cable_annotator.services.importing import import_files
from cable_annotator.ui.links.links_panel import CITED_BY, CITES, PRINTED_IN_FRUS, RAW_TELEGRAM
from tests.conftest import SAMPLE_ID
from tests.importers.telegram_expected import FIXTURES

from .test_main_window_mouse import first_link, point_of
from .window_helpers import (
    cable_text,
    export_rows,
    open_window,
    select_in_text,
    wait_for_links,
)


@pytest.fixture
def window(qtbot, project, tmp_path):
    import_files(project, sorted(FIXTURES.glob("*.txt")))
    return open_window(qtbot, project, tmp_path)


def click_link(qtbot, view, href: str) -> None:
    position = first_link(view, href)
    assert position is not None, f"no link {href} in the text"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=point_of(view, position + 2))


def test_a_telegram_reads_without_archive_marks(window):
    window.show_cable("1974STATE016696")
    shown = cable_text(window).toPlainText()
    assert shown.startswith("Telegram 16696 From the Department of State to Embassy Lima")
    assert "FM SECSTATE WASHDC" in shown and "TAGS: PFOR, MASS, PE, UR" in shown
    for mark in ("PAGE 01", "PAGE 02", "NNNN", "ORIGIN ARA", "DRAFTED BY", "-----"):
        assert mark not in shown
    assert "AN ARMS RACE COULD ENSUE" in shown


def test_the_references_panel_lists_both_ways_and_opens_a_click(window, qtbot):
    window.show_cable("1974STATE193548")
    wait_for_links(qtbot, window)
    panel = window.links
    assert window.side_tabs.references_shown()
    assert window.side_tabs.tabText(window.side_tabs.references_index) == "References (3)"
    window.side_tabs.show_references()
    assert panel.isVisible()
    assert panel.targets() == [("1974STATE016696", True), (SAMPLE_ID, True),
                               ("1974LIMA08043", True)]
    assert panel.sections() == ["Telegram", "Cites (1)", "Cited by (2)"]
    cited_by = panel.tree.topLevelItem(2)
    item = cited_by.child(0)
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    with qtbot.waitSignal(window.cableShown, timeout=3000) as shown:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args == [SAMPLE_ID]
    assert window.current_cable().id == SAMPLE_ID
    wait_for_links(qtbot, window)
    # The FRUS document lists its raw telegram first, in a section of its own.
    assert panel.targets()[0] == ("1974STATE016696", True)
    assert panel.sections()[0] == "Raw telegram (1)"
    assert panel.section_targets(RAW_TELEGRAM) == ["1974STATE016696"]
    assert "1974STATE016696" not in panel.section_targets(CITES)


def test_the_frus_document_printing_a_telegram_has_its_own_section(window, qtbot):
    """Printing is not citing: the FRUS document that prints the raw telegram is listed
    under "Printed in FRUS", not among the telegrams that cite it."""
    window.show_cable("1974STATE016696")
    wait_for_links(qtbot, window)
    panel = window.links
    assert panel.section_targets(PRINTED_IN_FRUS) == [SAMPLE_ID]
    assert SAMPLE_ID not in panel.section_targets(CITED_BY)
    assert panel.section_targets(CITED_BY) == ["1974STATE193548", "1974LIMA08043"]
    assert panel.sections() == ["Telegram", "Printed in FRUS (1)", "Cited by (2)"]


def test_a_missing_telegram_is_listed_greyed_and_does_not_open(window, qtbot):
    window.show_cable("1978TELAV04021")
    wait_for_links(qtbot, window)
    assert window.links.targets() == [("1978STATE064312", False), ("1978JERUSA00611", False),
                                      ("1977TELAV09120", False)]
    item = window.links.tree.topLevelItem(1).child(0)  # after the Telegram section
    assert "not in this project" in item.text(0)
    window.links._activated(item)
    assert window.current_cable().id == "1978TELAV04021"


def test_clicking_a_ref_across_the_year_boundary_opens_last_years_telegram(window, qtbot):
    window.show_cable("1977STATE017976")
    with qtbot.waitSignal(window.cableShown, timeout=3000) as shown:
        click_link(qtbot, cable_text(window), "ref:1977STATE295719")
    assert shown.args == ["1976STATE295719"]


def test_clicking_telegram_193548_in_the_sample_note_opens_the_raw_cable(window, qtbot):
    window.show_cable(SAMPLE_ID)
    notes = window.reading.footnote_pane().view
    with qtbot.waitSignal(window.cableShown, timeout=3000) as shown:
        click_link(qtbot, notes, "ref:telegram 193548")
    assert shown.args == ["1974STATE193548"]


def test_a_telegram_without_links_shows_its_facts_only(window, qtbot):
    window.show_cable("1975ZAGREB01569")
    wait_for_links(qtbot, window)
    tabs = window.side_tabs
    assert tabs.references_shown()
    assert tabs.tabText(tabs.references_index) == "Telegram"
    assert window.links.sections() == ["Telegram"]
    assert window.links.fact_lines() == [
        "MRN 1975ZAGREB01569", "Sent 1975-11-07 15:15 UTC, routine",
        "TAGS: PINT Internal political affairs", "TAGS: SCUL Cultural affairs",
        "TAGS: YO Yugoslavia"]
    window.show_cable(SAMPLE_ID)  # a FRUS document: links, no telegram facts
    wait_for_links(qtbot, window)
    assert tabs.references_shown() and window.links.fact_lines() == []
    assert "Telegram" not in window.links.sections()


def test_tagging_a_telegram_passage_exports_its_mrn_and_paragraph(window, qtbot, tmp_path):
    window.show_cable("1977LIMA07518")
    text = select_in_text(window, "THE IMF TEAM NOW IN LIMA")
    qtbot.keyClick(text, Qt.Key.Key_1)
    [row] = export_rows(qtbot, window, tmp_path / "out.csv")
    assert (row["mrn"], row["dtg"], row["paragraph"], row["page"]) == (
        "1977LIMA07518", "181520Z AUG 77", "4", "2")
    assert row["citation"].endswith("Access to Archival Databases (AAD), para. 4.")


@pytest.fixture
def asked(monkeypatch) -> list[int]:
    """Records every volume question (a raw telegram should raise none)."""
    questions: list[int] = []
    monkeypatch.setattr("cable_annotator.ui.jobs.import_export.ask_volume",
                        lambda _parent, count, *_: questions.append(count) or "")
    return questions


def test_ctrl_v_of_a_copied_telegram_imports_it_without_a_volume_question(
        qtbot, project, tmp_path, asked):
    from PySide6.QtGui import QGuiApplication

    main = open_window(qtbot, project, tmp_path)
    QGuiApplication.clipboard().setText(
        (FIXTURES / "1977STATE017977.txt").read_text(encoding="utf-8"))
    text = main.reading.cable_text()
    text.setFocus()
    with qtbot.waitSignal(main.importFinished, timeout=60000) as blocker:
        qtbot.keyClick(text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [c.id for c in blocker.args[0].cables] == ["1977STATE017977"]
    assert asked == []
    assert main.current_cable().id == "1977STATE017977"


def test_importing_telegram_files_asks_no_volume(qtbot, project, tmp_path, asked):
    main = open_window(qtbot, project, tmp_path)
    files = [FIXTURES / "1974STATE193548.txt", FIXTURES / "1974LIMA08043.txt"]
    with qtbot.waitSignal(main.importFinished, timeout=60000) as blocker:
        assert main.import_asking_volume(files)
    assert [c.id for c in blocker.args[0].cables] == ["1974STATE193548", "1974LIMA08043"]
    assert asked == []


def test_no_references_panel_in_a_project_without_telegrams(qtbot, project, tmp_path):
    main = open_window(qtbot, project, tmp_path)
    assert main.current_cable().id == SAMPLE_ID
    assert not main.side_tabs.references_shown()
    assert not main.links.isVisible()
    assert main.links.targets() == []


def test_copy_with_citation_cites_the_telegram_by_mrn_and_paragraph(window, qtbot):
    from PySide6.QtGui import QGuiApplication

    window.show_cable("1974STATE016696")
    select_in_text(window, "AN ARMS RACE COULD ENSUE")
    window.copy_with_citation()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("\u201cAN ARMS RACE COULD ENSUE\u201d\nTelegram 16696, Department "
                             "of State to Embassy Lima")
    assert copied.endswith("1974STATE016696, Central Foreign Policy Files, 1973\u20131979, "
                           "Record Group 59, National Archives, Access to Archival Databases "
                           "(AAD), para. 4.")
