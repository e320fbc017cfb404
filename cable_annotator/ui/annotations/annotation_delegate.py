"""Paints an annotation row as a small card: theme colour bar, quote, location, note.

A plain one-line list truncates the quote that the historian needs to recognise; a card
with the quote on up to two lines and the citation details underneath reads at a glance.
Colours come from the palette so the card follows the light or dark scheme.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .annotation_model import (
    AUTHOR_ROLE,
    LOCATION_ROLE,
    NOTE_ROLE,
    ORPHANED_ROLE,
    QUOTE_ROLE,
    THEME_COLORS_ROLE,
    THEME_NAMES_ROLE,
)

PADDING = 6
BAR_WIDTH = 4
QUOTE_LINES = 2
DETAIL_LINES = 2
"""Lines for page, paragraph, themes and author: in a narrow column they wrap between
their pieces rather than losing the author at the end."""
DETAIL_SEPARATOR = "  ·  "


def _elided_lines(text: str, font: QFont, width: int, lines: int) -> list[str]:
    """Wrap ``text`` into at most ``lines`` lines of ``width`` px, eliding the last."""
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    out: list[str] = []
    while len(out) < lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(out) == lines - 1:
            rest = text[start:]
            out.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        else:
            out.append(text[start:start + length].rstrip())
    layout.endLayout()
    return out or [""]


_BOUND = re.compile(r"\b(pp?\.|doc\.|fn\.|para|vol\.|pt\.) (?=\S)")
"""A label and its number ("p. 702", "doc. 359", "para 4"): never broken between lines."""
NO_BREAK = "\u00a0"


def _atoms(location: str) -> list[str]:
    """The pieces of a card's location (``FRUS 1964–68 XXVIII, doc. 359 · p. 702 · para
    1``), each label bound to its number: lines break between pieces, never in "p. 702"."""
    return [_BOUND.sub(lambda match: match.group(1) + NO_BREAK, piece.strip())
            for piece in location.split(" · ") if piece.strip()]


def detail_lines(pieces: list[str], font: QFont, width: int,
                 lines: int = DETAIL_LINES) -> list[str]:
    """``pieces`` (location, themes, author) joined by a middle dot into at most ``lines``
    lines of ``width`` px, breaking only between pieces (the location's own pieces too:
    document, page, paragraph), never inside a page label such as "p. 702". When they
    need more lines, the themes are shortened (the colour bar shows them too): the page
    and the author, which a historian looks for on a colleague's card, stay whole."""
    location, themes, author = (list(pieces) + ["", "", ""])[:3]
    head = _atoms(location)
    tail = [piece for piece in (themes, author) if piece]
    wrapped = _pieces_in_lines(head + tail, font, width)
    if len(wrapped) > lines and themes and author:
        wrapped = _shortened_themes(head, themes, author, font, width, lines) or wrapped
    if len(wrapped) > lines:
        metrics = QFontMetrics(font)
        last = DETAIL_SEPARATOR.join(wrapped[lines - 1:])
        wrapped = [*wrapped[:lines - 1],
                   metrics.elidedText(last, Qt.TextElideMode.ElideRight, width)]
    return [line.replace(NO_BREAK, " ") for line in wrapped] or [""]


def _shortened_themes(head: list[str], themes: str, author: str, font: QFont, width: int,
                      lines: int) -> list[str] | None:
    """The location whole, then the themes elided to the room left before the author:
    after the location's last line, or on a line of their own when one is free (the one
    that shows more of them). When the location leaves no room for even "…" beside the
    author, the themes are left at "…", and then the paragraph goes too (the page is
    what a citation needs). None when nothing fits."""
    metrics = QFontMetrics(font)
    located = _pieces_in_lines(head, font, width) if head else []
    after = metrics.horizontalAdvance(DETAIL_SEPARATOR + author)
    least = metrics.horizontalAdvance("…")
    choices = []
    if located and len(located) <= lines:
        room = width - after - metrics.horizontalAdvance(located[-1] + DETAIL_SEPARATOR)
        if room >= least:
            choices.append((room, [*located[:-1], located[-1] + DETAIL_SEPARATOR
                                   + metrics.elidedText(themes, Qt.TextElideMode.ElideRight,
                                                        room) + DETAIL_SEPARATOR + author]))
    if len(located) + 1 <= lines and width - after >= least:
        room = width - after
        choices.append((room, [*located, metrics.elidedText(
            themes, Qt.TextElideMode.ElideRight, room) + DETAIL_SEPARATOR + author]))
    fitting = [choice for choice in choices
               if all(metrics.horizontalAdvance(line) <= width for line in choice[1])]
    if fitting:
        return max(fitting, key=lambda choice: choice[0])[1]
    for kept in (head, [atom for atom in head if not atom.startswith(("para", "fn."))]):
        shortest = _pieces_in_lines([*kept, "…", author], font, width)
        if len(shortest) <= lines:
            return shortest
    return None


def _pieces_in_lines(pieces: list[str], font: QFont, width: int) -> list[str]:
    """Greedy lines of whole pieces; a piece wider than a line on lines of its own."""
    metrics = QFontMetrics(font)
    out: list[str] = []
    current = ""
    for piece in pieces:
        joined = f"{current}{DETAIL_SEPARATOR}{piece}" if current else piece
        if metrics.horizontalAdvance(joined) <= width or not current:
            current = joined
            continue
        out.append(current)
        current = piece
    if current:
        out.append(current)
    wrapped: list[str] = []
    for line in out:
        wrapped.extend(_elided_lines(line, font, width, 99)
                       if metrics.horizontalAdvance(line) > width else [line])
    return wrapped


class AnnotationDelegate(QStyledItemDelegate):
    """Cards of one height. Fonts and the wrapped quote and detail lines are kept between
    paints: a list repaints all its visible cards after every edit, and wrapping each
    quote again was most of that repaint."""

    _CACHE_LIMIT = 4000

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._font_cache: dict[str, tuple[QFont, QFont, QFontMetrics, QFontMetrics]] = {}
        self._line_cache: dict[tuple[str, int, str], list[str]] = {}
        self._detail_cache: dict[tuple[str, int, str], list[str]] = {}

    def _font_set(self, option: QStyleOptionViewItem):
        key = option.font.key()
        found = self._font_cache.get(key)
        if found is None:
            quote = QFont(option.font)
            quote.setItalic(False)
            small = QFont(option.font)
            small.setPointSizeF(max(option.font.pointSizeF() * 0.88, 7.0))
            found = (quote, small, QFontMetrics(quote), QFontMetrics(small))
            self._font_cache[key] = found
        return found

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        quote, small, _, _ = self._font_set(option)
        return quote, small

    def _quote_lines(self, quote: str, font: QFont, width: int) -> list[str]:
        key = (quote, width, font.key())
        lines = self._line_cache.get(key)
        if lines is None:
            if len(self._line_cache) > self._CACHE_LIMIT:
                self._line_cache.clear()
            lines = self._line_cache[key] = _elided_lines(quote, font, width, QUOTE_LINES)
        return lines

    def _detail_lines(self, details: list[str], font: QFont, width: int) -> list[str]:
        key = ("\x00".join(details), width, font.key())
        lines = self._detail_cache.get(key)
        if lines is None:
            if len(self._detail_cache) > self._CACHE_LIMIT:
                self._detail_cache.clear()
            lines = self._detail_cache[key] = detail_lines(details, font, width)
        return lines

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        """Every card has room for two quote lines, the details and a note line.

        One height for all rows lets the view use uniform item sizes, so a list of
        thousands of annotations lays out at once instead of measuring every card.
        """
        _, _, quote_metrics, small_metrics = self._font_set(option)
        width = max(option.rect.width(), 200) - 2 * PADDING - BAR_WIDTH - PADDING
        height = PADDING * 2 + QUOTE_LINES * quote_metrics.lineSpacing()
        height += (DETAIL_LINES + 1) * small_metrics.lineSpacing() + 2
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        self.initStyleOption(option, index)
        painter.save()
        style = option.widget.style() if option.widget else None
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if style is not None:
            text_backup = option.text
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
            option.text = text_backup
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        colors = index.data(THEME_COLORS_ROLE) or ["#9e9e9e"]
        bar_height = rect.height() / max(len(colors), 1)
        for n, color in enumerate(colors):
            top = rect.top() + round(n * bar_height)
            bottom = rect.top() + round((n + 1) * bar_height)
            painter.fillRect(QRect(rect.left(), top, BAR_WIDTH, bottom - top), QColor(color))
        text_rect = rect.adjusted(BAR_WIDTH + PADDING, 0, 0, 0)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = palette.color(role)
        muted = QColor(text_color)
        muted.setAlphaF(0.85 if selected else 0.62)
        quote_font, small_font, quote_metrics, small_metrics = self._font_set(option)
        quote = "“" + " ".join((index.data(QUOTE_ROLE) or "").split()) + "”"
        y = text_rect.top()
        painter.setFont(quote_font)
        painter.setPen(text_color)
        for line in self._quote_lines(quote, quote_font, text_rect.width()):
            painter.drawText(QRect(text_rect.left(), y, text_rect.width(),
                                   quote_metrics.lineSpacing()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += quote_metrics.lineSpacing()
        y += 2
        painter.setFont(small_font)
        details = [index.data(LOCATION_ROLE) or "", ", ".join(index.data(THEME_NAMES_ROLE) or []),
                   index.data(AUTHOR_ROLE) or ""]
        if index.data(ORPHANED_ROLE):
            painter.setPen(palette.color(QPalette.ColorRole.BrightText))
        else:
            painter.setPen(muted)
        lines = self._detail_lines(details, small_font, text_rect.width())
        for n, line in enumerate(lines):
            if n:
                y += small_metrics.lineSpacing()
            painter.drawText(QRect(text_rect.left(), y, text_rect.width(),
                                   small_metrics.lineSpacing()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
        note = " ".join((index.data(NOTE_ROLE) or "").split())
        if note:
            y += small_metrics.lineSpacing()
            note_font = QFont(small_font)
            note_font.setItalic(True)
            painter.setFont(note_font)
            painter.setPen(muted)
            painter.drawText(
                QRect(text_rect.left(), y, text_rect.width(), small_metrics.lineSpacing()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                QFontMetrics(note_font).elidedText("✎ " + note, Qt.TextElideMode.ElideRight,
                                                   text_rect.width()))
        painter.restore()
