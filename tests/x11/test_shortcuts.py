"""Every shortcut the README lists, pressed for real on an X server.

Each test runs twice: with QTest key events (through Qt's xcb platform and shortcut map)
and with xdotool, which types through the X server's XTEST extension exactly as a
keyboard does — the path on which Qt computes a key's possible sequences from the X
keymap, where "Ambiguous shortcut overload" showed up. A test fails when its key does
not do its thing within a few seconds, and whenever Qt reports an ambiguous shortcut.
"""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from cable_annotator.services import codebook, queries

from . import reading_geometry as geo
from .corpus_project import ANNOTATED_VOLUME, phrase_at
from .window import window

pytestmark = [pytest.mark.x11, pytest.mark.shared]

CABLE = f"{ANNOTATED_VOLUME}/d387"
NEXT_CABLE = f"{ANNOTATED_VOLUME}/d388"
SEARCH_WORD = "fishing"


@pytest.fixture(scope="module")
def project(annotated_project):
    """The module's project with a 9th theme, so every digit 1–9 has one."""
    themes = queries.list_themes(annotated_project)
    for n in range(len(themes), 9):
        codebook.add_theme(annotated_project, f"Shortcut theme {n + 1}")
    return annotated_project


@pytest.fixture(params=["qtest", "xdotool"])
def keys(request, qtbot, qtlog):
    driver = request.param
    tool = request.getfixturevalue("xdotool") if driver == "xdotool" else None
    return Keys(driver, tool, qtbot, qtlog)


@pytest.fixture
def main(qtbot, project, tmp_path, keys):
    with window(qtbot, project, tmp_path, (1600, 1000)) as shown:
        geo.click_in_corpus(shown, CABLE)
        qtbot.waitUntil(lambda: shown.reading.cable() is not None
                        and shown.reading.cable().id == CABLE)
        geo.settle(qtbot, shown)
        geo.views_of(shown).text.setFocus()
        qtbot.waitUntil(lambda: geo.views_of(shown).text.hasFocus())
        yield shown
    keys.assert_unambiguous()


class Keys:
    """Press a key sequence with the test's driver; wait for its effect."""

    def __init__(self, driver: str, xdotool: str | None, qtbot, qtlog) -> None:
        self.driver, self.xdotool, self.qtbot, self.qtlog = driver, xdotool, qtbot, qtlog

    def press(self, sequence: str) -> None:
        """``sequence`` as Qt writes it: ``Ctrl+Shift+Z``, ``F3``, ``Esc``, ``5``."""
        if self.driver == "xdotool":
            subprocess.run([self.xdotool, "key", "--clearmodifiers", _xdotool_name(sequence)],
                           check=True, timeout=10)
            return
        combination = QKeySequence(sequence)[0]
        target = QApplication.focusWidget()
        assert target is not None, "no widget has the keyboard focus"
        QTest.keyClick(target, combination.key(), combination.keyboardModifiers())

    def expect(self, condition, what: str, timeout: int = 4000) -> None:
        try:
            self.qtbot.waitUntil(condition, timeout=timeout)
        except Exception:  # pytest-qt's TimeoutError
            said = "; ".join(r.message for r in self.qtlog.records) or "nothing"
            pytest.fail(f"{what} did not happen within {timeout} ms ({self.driver}); "
                        f"Qt said: {said}", pytrace=False)
        self.assert_unambiguous()

    def assert_unambiguous(self) -> None:
        ambiguous = [r.message for r in self.qtlog.records if "mbiguous" in r.message]
        assert not ambiguous, f"Qt reported ambiguous shortcuts ({self.driver}): {ambiguous}"


def _xdotool_name(sequence: str) -> str:
    names = {"Ctrl": "ctrl", "Shift": "shift", "Alt": "alt", "PgDown": "Next",
             "PgUp": "Prior", "Esc": "Escape", "Del": "Delete", "=": "equal", "-": "minus"}
    parts = sequence.split("+")
    return "+".join(names.get(p, p.lower() if len(p) == 1 else p) for p in parts)


def _select(main, quote: str) -> None:
    text = geo.views_of(main).text
    found = text.document().find(quote)
    assert not found.isNull(), f"{quote!r} is not shown in the text of {CABLE}"
    cursor = QTextCursor(text.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    text.ensureCursorVisible()
    text.setFocus()


def _phrases(main, count: int) -> list[str]:
    """``count`` distinct phrases of the open cable that carry no annotation yet."""
    cable = main.reading.cable()
    taken = [(a.start, a.end) for a in queries.annotations_of(main.project, cable.id)
             if a.part == "body"]
    out = []
    for step in range(200):
        span = phrase_at(cable.text, 0.05 + step * 0.0045, words=3)
        if span is None or any(s < span[1] and span[0] < e for s, e in taken):
            continue
        quote = cable.text[span[0]:span[1]]
        if quote not in out and cable.text.count(quote) == 1:
            out.append(quote)
            taken.append(span)
        if len(out) == count:
            return out
    raise AssertionError(f"{cable.id} has fewer than {count} free phrases")


def _annotations_on(main, quote: str):
    return [a for a in queries.annotations_of(main.project, CABLE) if a.quote == quote]


def _watch_for_dialog(seen: list[str]) -> QTimer:
    """Close the first modal dialog that opens (recording its title)."""
    timer = QTimer()
    timer.setInterval(30)

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            seen.append(dialog.windowTitle())
            dialog.close()
            timer.stop()

    timer.timeout.connect(close_it)
    timer.start()
    return timer


# -- tagging, undo, redo -----------------------------------------------------------------

def test_digits_1_to_9_tag_the_selection_with_their_theme(main, keys):
    """…and the page does not move under the reader: a trial's next double-click landed
    on other words after a digit scrolled the text by a few lines."""
    themes = queries.list_themes(main.project)
    bar = geo.views_of(main).text.verticalScrollBar()
    for number, quote in enumerate(_phrases(main, 9), start=1):
        _select(main, quote)
        before = bar.value()
        keys.press(str(number))
        theme = themes[number - 1]
        keys.expect(lambda q=quote, t=theme: any(t.id in a.theme_ids
                                                 for a in _annotations_on(main, q)),
                    f"digit {number} tagging {quote!r} with {theme.name!r}")
        assert bar.value() == before, f"digit {number} scrolled the text"


def _tag(main, keys, quote: str) -> None:
    _select(main, quote)
    keys.press("1")
    keys.expect(lambda: bool(_annotations_on(main, quote)), f"digit 1 tagging {quote!r}")


def test_ctrl_z_undoes_a_tag(main, keys):
    quote = _phrases(main, 1)[0]
    _tag(main, keys, quote)
    keys.press("Ctrl+Z")
    keys.expect(lambda: not _annotations_on(main, quote), "Ctrl+Z removing the new tag")


@pytest.mark.parametrize("redo", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_redo_brings_the_tag_back(main, keys, redo):
    quote = _phrases(main, 1)[0]
    _tag(main, keys, quote)
    keys.press("Ctrl+Z")
    keys.expect(lambda: not _annotations_on(main, quote), "Ctrl+Z removing the new tag")
    keys.press(redo)
    keys.expect(lambda: bool(_annotations_on(main, quote)), f"{redo} redoing the tag")


def test_delete_removes_the_annotation_under_the_selection(main, keys):
    quote = _phrases(main, 1)[0]
    _tag(main, keys, quote)
    _select(main, quote)
    keys.press("Del")
    keys.expect(lambda: not _annotations_on(main, quote), "Delete removing the annotation")


# -- clipboard ---------------------------------------------------------------------------

def test_ctrl_c_copies_the_passage(main, keys):
    quote = _phrases(main, 1)[0]
    QGuiApplication.clipboard().setText("")
    _select(main, quote)
    keys.press("Ctrl+C")
    keys.expect(lambda: QGuiApplication.clipboard().text() == quote, f"Ctrl+C copying {quote!r}")


def test_ctrl_shift_c_copies_the_passage_with_its_citation(main, keys):
    quote = _phrases(main, 1)[0]
    cable = main.reading.cable()
    QGuiApplication.clipboard().setText("")
    _select(main, quote)
    keys.press("Ctrl+Shift+C")

    def cited() -> bool:
        copied = QGuiApplication.clipboard().text()
        return quote in copied and f"doc. {cable.number}" in copied and "p." in copied

    keys.expect(cited, f"Ctrl+Shift+C copying {quote!r} with a citation (doc. "
                f"{cable.number}, p. …)")


# -- search ------------------------------------------------------------------------------

def _find_box(main) -> QLineEdit:
    box = main.findChild(QLineEdit, "findBox")
    assert box is not None, "no QLineEdit named findBox"
    return box


def _search(main, keys) -> QLineEdit:
    box = _find_box(main)
    keys.press("Ctrl+F")
    keys.expect(box.hasFocus, "Ctrl+F putting the keyboard in the search box")
    QTest.keyClicks(box, SEARCH_WORD)
    QTest.keyClick(box, Qt.Key.Key_Return)
    keys.expect(lambda: main.reading.selection() is not None, "Enter selecting the first hit")
    return box


def _selected_text(main) -> tuple[str, int, int] | None:
    return main.reading.selection()


def test_ctrl_f_f3_and_shift_f3_walk_the_hits(main, keys):
    _search(main, keys)
    first = _selected_text(main)
    keys.press("F3")
    keys.expect(lambda: _selected_text(main) not in (None, first), "F3 going to the next hit")
    second = _selected_text(main)
    keys.press("Shift+F3")
    keys.expect(lambda: _selected_text(main) == first,
                f"Shift+F3 going back from {second} to {first}")


def test_esc_clears_the_search(main, keys):
    box = _search(main, keys)
    geo.views_of(main).text.setFocus()
    keys.press("Esc")
    keys.expect(lambda: box.text() == "" and not main.search.is_active(),
                "Esc clearing the search")


# -- import, export, documents ------------------------------------------------------------

@pytest.mark.parametrize("sequence, title", [("Ctrl+I", "Import"), ("Ctrl+E", "Export")])
def test_ctrl_i_and_ctrl_e_open_their_dialogs(main, keys, sequence, title):
    seen: list[str] = []
    timer = _watch_for_dialog(seen)
    try:
        keys.press(sequence)
        keys.expect(lambda: bool(seen), f"{sequence} opening the {title} dialog")
    finally:
        timer.stop()
    assert title.lower() in seen[0].lower(), f"{sequence} opened {seen[0]!r}"


def test_ctrl_pgdown_and_ctrl_pgup_step_through_documents(main, keys):
    reading = main.reading
    keys.press("Ctrl+PgDown")
    keys.expect(lambda: reading.cable().id == NEXT_CABLE, f"Ctrl+PgDown opening {NEXT_CABLE}")
    keys.press("Ctrl+PgUp")
    keys.expect(lambda: reading.cable().id == CABLE, f"Ctrl+PgUp going back to {CABLE}")


def test_ctrl_equals_and_minus_zoom_and_ctrl_0_resets(main, keys):
    """Ctrl+= zooms in as well as Qt's Ctrl++ (a trial pressed Ctrl+= and nothing
    happened); Ctrl+- zooms out; Ctrl+0 is the normal size again."""
    reading = main.reading
    geo.views_of(main).text.setFocus()
    normal = reading.zoom()
    keys.press("Ctrl+=")
    keys.expect(lambda: reading.zoom() > normal, "Ctrl+= zooming in")
    keys.press("Ctrl+0")
    keys.expect(lambda: reading.zoom() == normal, "Ctrl+0 back to the normal size")
    keys.press("Ctrl+-")
    keys.expect(lambda: reading.zoom() < normal, "Ctrl+- zooming out")
    keys.press("Ctrl+0")
    keys.expect(lambda: reading.zoom() == normal, "Ctrl+0 back to the normal size")
