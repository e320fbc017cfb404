"""Small colour swatches for themes, with the theme's digit shortcut drawn inside.

One icon says both "this is the colour you will see in the text" and "press 3 for it",
which keeps the narrow codebook column free of extra text.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap


def readable_text_color(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (WCAG luminance)."""
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    luminance = (0.2126 * channel(background.red()) + 0.7152 * channel(background.green())
                 + 0.0722 * channel(background.blue()))
    return QColor("#000000") if luminance > 0.22 else QColor("#ffffff")


def swatch_icon(color: str, digit: str = "", size: int = 18) -> QIcon:
    """A rounded square of ``color``, with ``digit`` centred in it when given."""
    ratio = 2  # drawn at twice the size so it stays crisp on high-DPI screens
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    fill = QColor(color)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(fill.darker(130))
    painter.setBrush(fill)
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3)
    if digit:
        font = QFont()
        font.setPixelSize(int(size * 0.62))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(readable_text_color(fill))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, digit)
    painter.end()
    return QIcon(pixmap)
