"""A status bar whose messages end in "…" when the room beside the reading position is
too short, with the whole message in the tooltip.

Qt's QStatusBar paints a temporary message clipped at the first permanent widget: at
800 px a message such as "Skipped: … so that change is kept" was cut mid-word ("is ke")
with no sign that more was there. The permanent reading position keeps its whole width.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget

MESSAGE_LEFT = 6
"""Where Qt starts a status message (QStatusBarPrivate::messageRect)."""


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.messageChanged.connect(self._message_changed)

    def message_rect(self) -> QRect:
        """The room a message has: from the left to the first visible permanent widget."""
        right = self.width() - 12
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and not child.isWindow() and child.geometry().left() > 0:
                right = min(right, child.geometry().left() - 1)
        return QRect(MESSAGE_LEFT, 0, max(right - MESSAGE_LEFT, 0), self.height())

    def shown_message(self) -> str:
        """The message as painted: whole, or cut at a character and ended with "…"."""
        return self.fontMetrics().elidedText(self.currentMessage(), Qt.TextElideMode.ElideRight,
                                             self.message_rect().width())

    def _message_changed(self, message: str) -> None:
        self.setToolTip(message if message and self.shown_message() != message else "")
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._message_changed(self.currentMessage())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self.currentMessage():
            super().paintEvent(event)
            return
        with QPainter(self) as painter:
            option = QStyleOption()
            option.initFrom(self)
            children = self.findChildren(QWidget,
                                         options=Qt.FindChildOption.FindDirectChildrenOnly)
            for child in children:
                if child.isVisible() and not child.isWindow():
                    option.rect = child.geometry().adjusted(-1, -1, 1, 1)
                    self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem,
                                               option, painter, child)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(self.message_rect(), Qt.AlignmentFlag.AlignLeading
                             | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                             self.shown_message())
