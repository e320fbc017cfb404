"""Corpus rows that keep what tells documents apart when the column is too narrow.

A row reads ``173  Sept 27, 1961 · Telegram From the Department of State to the Embassy in
Argentina``. Cut at the right, as Qt's views do, every telegram of one post read
"Telegram From the Departmen…" alike. Here the head — the number, and the date where the
title repeats in the volume — stays whole, and the title loses its middle: its start says
what kind of document it is, its end whom it went to ("…Embassy in Argentina") — unless
the recipient is what the volume's titles share ("…to the Secretary of State", on the pages
of the 1940s): then the recipient goes first and the sender loses its start, the office
that repeats ("…in France (Bruce) to …", the model's ``SHARED_RECIPIENT_ROLE``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .corpus_model import LABEL_HEAD_ROLE, SHARED_RECIPIENT_ROLE


class TitleDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        head = index.data(LABEL_HEAD_ROLE)
        text = option.text
        if not head or not text.startswith(head):
            return
        style = option.widget.style() if option.widget is not None else None
        if style is None:
            return
        room = text_room(option)
        metrics = option.fontMetrics
        if metrics.horizontalAdvance(text) <= room:
            return
        rest = room - metrics.horizontalAdvance(head)
        if rest <= metrics.horizontalAdvance("……"):
            return  # no room for a title at all: Qt cuts at the right
        ends = index.data(SHARED_RECIPIENT_ROLE)
        if ends is not None and rest - metrics.horizontalAdvance(" to …") > (
                metrics.horizontalAdvance("……")):
            # The sender's end names the post or the person ("…Embassy in Argentina",
            # "…France (Caffery)"); its start, the office, repeats.
            def shown(width: int) -> str:
                return head + metrics.elidedText(ends[0], Qt.TextElideMode.ElideLeft,
                                                 width - metrics.horizontalAdvance(" to …")
                                                 ) + " to …"
        else:
            def shown(width: int) -> str:
                return head + metrics.elidedText(text[len(head):],
                                                 Qt.TextElideMode.ElideMiddle, width)
        # Widths of pieces do not quite add up (kerning, rounding): shrink until it fits,
        # or Qt cuts it once more at the right.
        for slack in range(0, 12, 2):
            option.text = shown(rest - slack)
            if metrics.horizontalAdvance(option.text) <= room:
                break

def text_room(option: QStyleOptionViewItem) -> int:
    """The width the style draws a row's text in: the text rectangle less the margin Qt
    leaves on each side (``PM_FocusFrameHMargin`` + 1). A text only as narrow as the
    rectangle was cut again at the right by Qt ("The Secr…Natio…")."""
    widget = option.widget
    style = widget.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    return rect.width() - 2 * margin
