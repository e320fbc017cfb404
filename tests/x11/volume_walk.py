"""Walk a whole volume in the real window and check what a reader sees on every document.

For each document, opened by Ctrl+PgDown from the one before or by a click in the corpus:

- **end**: dragging the handle of the scroll bar the reader sees (the pane's, or the text's
  when the notes are below) to the bottom shows the document's last
  character inside the text view;
- **notes**: at every scroll position (page by page, from the top), each note whose marker
  line is on screen has its top within one line of that line, or sits just below the
  note before it — never above its marker, never far below; and every note is seen in the
  notes view at some position. Past the end of the text (notes longer than the text: the
  text rests with its last lines in view while the notes read on) levels are not checked;
  reaching every note is;
- **gutter**: the page marks on screen (``CableView.visible_page_marks()``) are exactly the
  cable's page turns whose lines are on screen, at those lines;
- **measure**: no laid-out line of the text or the notes runs past its view's visible
  width, the text column holds at least 30 average characters, the notes at least 15.

Violations are collected per check (one line per document, with the numbers), so one walk
feeds four tests.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextEdit

from . import reading_geometry as geo

CHECKS = ("end", "notes", "gutter", "measure")
MIN_TEXT_CHARACTERS = 30
MIN_NOTE_CHARACTERS = 15
TOLERANCE = 2  # px, rounding of rectangles


@dataclass
class WalkResult:
    size: tuple[int, int]
    mode: str
    documents: int = 0
    violations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def report(self, check: str, limit: int = 25) -> str:
        found = self.violations[check]
        head = (f"{check}: {len(found)} of {self.documents} documents fail at "
                f"{self.size[0]}x{self.size[1]} ({self.mode}):")
        more = [f"  … and {len(found) - limit} more"] if len(found) > limit else []
        return "\n".join([head, *("  " + line for line in found[:limit]), *more])


class VolumeWalk:
    """Checks each document the window shows; ``result`` collects what failed."""

    def __init__(self, qtbot, main, size: tuple[int, int], mode: str) -> None:
        self.qtbot, self.main = qtbot, main
        self.views = geo.views_of(main)
        self.result = WalkResult(size, mode)

    # -- driving --------------------------------------------------------------------

    def open_next(self, expected: str) -> None:
        """Ctrl+PgDown in the text, as a reader goes on to the next document."""
        text = self.views.text
        text.setFocus()
        QTest.keyClick(text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        self._wait_for(expected)

    def open_by_click(self, cable_id: str) -> None:
        geo.click_in_corpus(self.main, cable_id)
        self._wait_for(cable_id)

    def _wait_for(self, cable_id: str) -> None:
        reading = self.main.reading
        self.qtbot.waitUntil(lambda: reading.cable() is not None
                             and reading.cable().id == cable_id, timeout=5000)
        geo.settle(self.qtbot, self.main)

    # -- checking ---------------------------------------------------------------------

    def check_document(self) -> None:
        cable = self.main.reading.cable()
        self.result.documents += 1
        problems: dict[str, list[str]] = defaultdict(list)
        self._check_end(problems)
        self._scroll_through(cable, problems)
        self._check_measure(problems)
        for check, lines in problems.items():
            if lines:
                extra = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
                self.result.violations[check].append(f"{cable.id}: {lines[0]}{extra}")

    def _check_end(self, problems) -> None:
        bar, text = geo.readers_scroll_bar(self.main), self.views.text
        assert bar.isVisible() or bar.maximum() == bar.minimum(), "no scroll bar to drag"
        if bar.maximum() > bar.minimum():
            geo.drag_scroll_bar_to_bottom(bar)
            geo.settle(self.qtbot, self.main)
        rect = geo.last_character_rect(text)
        height = text.viewport().height()
        if rect.top() < -TOLERANCE or rect.bottom() > height + TOLERANCE:
            problems["end"].append(
                f"last character at y={rect.top()}..{rect.bottom()} px, viewport 0..{height} "
                f"px, scroll bar {bar.value()}/{bar.maximum()} (page {bar.pageStep()})")

    def _scroll_through(self, cable, problems) -> None:
        bar = geo.readers_scroll_bar(self.main)
        QTest.keyClick(bar, Qt.Key.Key_Home)
        geo.settle(self.qtbot, self.main)
        seen: set[str] = set()
        last_value = None
        for _ in range(500):
            self._check_notes_here(problems, seen)
            self._check_gutter_here(cable, problems)
            if bar.value() >= bar.maximum() or bar.value() == last_value:
                break
            last_value = bar.value()
            QTest.keyClick(bar, Qt.Key.Key_PageDown)
            geo.settle(self.qtbot, self.main)
        notes = self.views.notes
        notes_bar = notes.verticalScrollBar()
        unseen = []
        for key, position in geo.note_anchors(notes.document()):
            rect = geo.line_rect(notes.document(), position)
            reachable = rect is not None and not self._beside() and (
                rect.top() < notes_bar.maximum() + notes.viewport().height() - rect.height())
            if key not in seen and not reachable:
                unseen.append(key)
        if unseen and self.views.notes.isVisible():
            problems["notes"].append(f"notes {', '.join(unseen)} never come into view "
                                     f"(scrolled 0..{bar.maximum()} px)")

    def _shoot(self, what: str) -> None:
        """With ``X11_WALK_SHOTS=FOLDER``, keep a picture of the window at a failure."""
        folder = os.environ.get("X11_WALK_SHOTS")
        cable = self.main.reading.cable()
        if not folder or cable is None:
            return
        size = f"{self.result.size[0]}x{self.result.size[1]}"
        name = f"{size}-{self.result.mode}-{cable.id.replace('/', '-')}-{what}.png"
        path = Path(folder) / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            self.main.grab().save(str(path))

    def _beside(self) -> bool:
        """Are the notes a column beside the text (so level with their markers)?"""
        text, notes = self.views.text.viewport(), self.views.notes.viewport()
        text_left = text.mapToGlobal(QPoint(0, 0))
        notes_left = notes.mapToGlobal(QPoint(0, 0))
        text_right = text_left.x() + text.width()
        overlap = (min(text_left.y() + text.height(), notes_left.y() + notes.height())
                   - max(text_left.y(), notes_left.y()))
        return notes_left.x() >= text_right - TOLERANCE and overlap > 0

    def _check_notes_here(self, problems, seen: set[str]) -> None:
        """Notes beside the text are level with their markers; notes set below the text
        (a narrow window) scroll on their own and need only be reachable."""
        text, notes = self.views.text, self.views.notes
        if not notes.isVisible():
            return
        beside = self._beside()
        text_doc, notes_doc = text.document(), notes.document()
        markers = dict(geo.note_anchors(text_doc))
        text_height = text.viewport().height()
        notes_height = notes.viewport().height()
        note_metrics = QFontMetricsF(notes.font())
        for key, position in geo.note_anchors(notes_doc):
            note_rect = geo.line_rect(notes_doc, position)
            if note_rect is None:
                continue
            note_top = geo.global_y(notes, note_rect.top())
            in_notes = 0 <= note_rect.top() - notes.verticalScrollBar().value() < notes_height
            if in_notes:
                seen.add(key)
            bottom = geo.block_bottom_before(notes_doc, position)  # the note before
            previous_bottom = geo.global_y(notes, bottom) if bottom is not None else None
            marker = markers.get(key)
            if not beside:
                continue
            if text.verticalScrollBar().value() < self.views.bar.value():
                continue  # past the end of the text, which rests there: notes read on alone
            marker_rect = geo.line_rect(text_doc, marker) if marker is not None else None
            if marker_rect is None:
                continue
            marker_in_view = marker_rect.top() - text.verticalScrollBar().value()
            if not 0 <= marker_in_view <= text_height - marker_rect.height():
                continue  # the marker's line is not (wholly) on screen
            marker_top = geo.global_y(text, marker_rect.top())
            line = geo.line_pitch(text_doc, marker)
            level = abs(note_top - marker_top) <= line + TOLERANCE
            pushed = (previous_bottom is not None and note_top > marker_top
                      and previous_bottom - TOLERANCE <= note_top
                      <= previous_bottom + 2.5 * note_metrics.height())
            if not (level or pushed):
                self._shoot(f"notes-{key}")
                where = "above" if note_top < marker_top else "below"
                problems["notes"].append(
                    f"note {key} top at y={note_top:.0f}, its marker's line at "
                    f"y={marker_top:.0f} ({abs(note_top - marker_top):.0f} px {where}; "
                    f"line {line:.0f} px; note before ends at "
                    f"{'-' if previous_bottom is None else f'{previous_bottom:.0f}'}), "
                    f"scroll {self.views.bar.value()}")

    def _check_gutter_here(self, cable, problems) -> None:
        text = self.views.text
        built = getattr(text, "built", None)
        turns = list(built.pages) if built is not None else []
        labels = [page.label for page in cable.pages]
        if [label for _, label in turns] != labels:
            problems["gutter"].append(f"the shown document's page turns are labelled "
                                      f"{[label for _, label in turns]}, the cable's {labels}")
            return
        scroll = text.verticalScrollBar().value()
        height = text.viewport().height()
        expected_any, expected_whole = [], []
        for position, label in turns:
            rect = geo.line_rect(text.document(), position)
            if rect is None:
                continue
            top = rect.top() - scroll
            if top + rect.height() > 0 and top < height:
                expected_any.append((label, top))
                if top >= 0 and top + rect.height() <= height:
                    expected_whole.append((label, top))
        # Marks the gutter would paint outside its own height are not seen: leave them out.
        marks = [(label, rect.top()) for rect, label, _inside in text.visible_page_marks()
                 if rect.bottom() >= 0 and rect.top() < height]
        for label, top in marks:
            if not any(label == want and abs(top - y) <= TOLERANCE for want, y in expected_any):
                problems["gutter"].append(
                    f"margin shows p. {label} at y={top} px, the page turns on screen are "
                    f"{_pages(expected_any)} (document pages {_first_last(labels)}, "
                    f"scroll {scroll})")
                return
        for label, y in expected_whole:
            if not any(label == got and abs(top - y) <= TOLERANCE for got, top in marks):
                problems["gutter"].append(
                    f"p. {label} turns at y={y:.0f} px but the margin shows "
                    f"{_pages(marks)} (scroll {scroll})")
                return

    def _check_measure(self, problems) -> None:
        text, notes = self.views.text, self.views.notes
        window_right = self.main.mapToGlobal(QPoint(self.main.width(), 0)).x()
        for view, name, least in ((text, "text", MIN_TEXT_CHARACTERS),
                                  (notes, "notes", MIN_NOTE_CHARACTERS)):
            if not view.isVisible():
                continue
            metrics = geo.body_font_metrics(view)
            visible = view.viewport().width()
            right_edge = view.viewport().mapToGlobal(QPoint(visible, 0)).x()
            if right_edge > window_right + TOLERANCE:
                problems["measure"].append(f"the {name} view ends {right_edge - window_right}"
                                           " px beyond the window's right edge")
            column = min(visible, view.document().textWidth() if view.document().textWidth()
                         > 0 else visible)
            if column < least * metrics.averageCharWidth():
                problems["measure"].append(
                    f"the {name} column is {column:.0f} px, "
                    f"{column / metrics.averageCharWidth():.1f} average characters "
                    f"(at least {least} wanted)")
            clipped = _clipped_lines(view)
            if clipped:
                problems["measure"].append(f"{len(clipped)} {name} lines clipped; first: "
                                           f"{clipped[0]} (viewport {visible} px wide)")


def _clipped_lines(view: QTextEdit) -> list[str]:
    document = view.document()
    layout = document.documentLayout()
    scroll_x = view.horizontalScrollBar().value()
    width = view.viewport().width()
    out = []
    block = document.begin()
    while block.isValid():
        text_layout = block.layout()
        if text_layout.lineCount():
            origin = layout.blockBoundingRect(block).left() - scroll_x
            for number in range(text_layout.lineCount()):
                line = text_layout.lineAt(number)
                left = origin + line.x()
                right = left + line.naturalTextWidth()
                if left < -TOLERANCE or right > width + TOLERANCE:
                    words = block.text()[line.textStart():line.textStart() + line.textLength()]
                    out.append(f"{words.strip()[:40]!r} spans x={left:.0f}..{right:.0f}")
        block = block.next()
    return out


def _pages(pairs) -> str:
    return "[" + ", ".join(f"p. {label} at {y:.0f}" for label, y in pairs) + "]"


def _first_last(labels: list[str]) -> str:
    return f"{labels[0]}–{labels[-1]}" if labels else "none"
