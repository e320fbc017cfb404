"""Colours of the reading surface, for the light and the dark scheme, and highlight blending.

The reading surface is a page, not a form: warm paper, soft ink, quiet greys for the
apparatus. Highlights are painted as translucent layers of the theme colours composited
onto the paper, so that overlapping annotations read as a deeper mix of their colours and
the colour a reader sees is exactly the one this module computes (tests compare pixels).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

DEFAULT_HIGHLIGHT = "#f2c94c"
"""Colour of an annotation without themes (a marker-pen yellow)."""


@dataclass(frozen=True)
class ReadingPalette:
    """The named colours of one scheme.

    ``highlight_alpha`` is the opacity of one annotation layer: lower on a dark page, where
    saturated colours glare, and enough on paper that a single highlight is unmistakable.
    """

    dark: bool
    paper: QColor
    ink: QColor
    muted: QColor
    margin: QColor
    rule: QColor
    link: QColor
    marker: QColor
    flash: QColor
    apparatus: QColor
    selection: QColor
    highlight_alpha: float

    def layer(self, colors: Iterable[str | QColor]) -> QColor:
        """The opaque colour of the paper under translucent layers of ``colors``, in order."""
        return blend_layers(self.paper, colors, self.highlight_alpha)

    def qpalette(self, base: QPalette) -> QPalette:
        """``base`` with the page colours set, for the text views."""
        palette = QPalette(base)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base, self.paper)
            palette.setColor(group, QPalette.ColorRole.Window, self.paper)
            palette.setColor(group, QPalette.ColorRole.Text, self.ink)
            palette.setColor(group, QPalette.ColorRole.WindowText, self.ink)
            palette.setColor(group, QPalette.ColorRole.Link, self.link)
            palette.setColor(group, QPalette.ColorRole.Highlight, self.selection)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, self.ink)
        return palette


LIGHT = ReadingPalette(
    dark=False,
    paper=QColor("#fbf9f4"),
    ink=QColor("#22211f"),
    muted=QColor("#7b776f"),
    margin=QColor("#a29d93"),
    rule=QColor("#d9d4c9"),
    link=QColor("#2f5d8a"),
    marker=QColor("#8a4b2f"),
    flash=QColor("#ffe8a3"),
    apparatus=QColor("#f4f1ea"),
    selection=QColor("#b9d3ee"),
    highlight_alpha=0.42,
)

DARK = ReadingPalette(
    dark=True,
    paper=QColor("#1f1f1d"),
    ink=QColor("#e4e0d8"),
    muted=QColor("#9a958c"),
    margin=QColor("#7d786f"),
    rule=QColor("#3a3935"),
    link=QColor("#8fb8e0"),
    marker=QColor("#d9a27f"),
    flash=QColor("#5a4a1c"),
    apparatus=QColor("#252523"),
    selection=QColor("#2f4a66"),
    highlight_alpha=0.38,
)


def blend_layers(base: QColor, colors: Iterable[str | QColor], alpha: float) -> QColor:
    """Composite each colour at ``alpha`` over ``base`` (source-over); the result is opaque."""
    red, green, blue = base.redF(), base.greenF(), base.blueF()
    for color in colors:
        layer_red, layer_green, layer_blue = _rgb_of(color)
        red += (layer_red - red) * alpha
        green += (layer_green - green) * alpha
        blue += (layer_blue - blue) * alpha
    return QColor.fromRgbF(red, green, blue)


_RGB: dict[str, tuple[float, float, float]] = {}


def _rgb_of(color: str | QColor) -> tuple[float, float, float]:
    """A colour's components as floats; theme colours are parsed once (a first paint of a
    cable with thousands of overlapping passages blends hundreds of stacks)."""
    if isinstance(color, QColor):
        return (color.redF(), color.greenF(), color.blueF()) if color.isValid() else (
            _rgb_of(DEFAULT_HIGHLIGHT))
    rgb = _RGB.get(color)
    if rgb is None:
        parsed = QColor(color)
        if not parsed.isValid():
            parsed = QColor(DEFAULT_HIGHLIGHT)
        rgb = _RGB[color] = (parsed.redF(), parsed.greenF(), parsed.blueF())
    return rgb


def mix(colors: Sequence[str | QColor]) -> QColor:
    """The average of ``colors``: the one colour of an annotation tagged with several themes."""
    valid = [QColor(c) for c in colors if QColor(c).isValid()]
    if not valid:
        return QColor(DEFAULT_HIGHLIGHT)
    n = len(valid)
    return QColor.fromRgbF(
        sum(c.redF() for c in valid) / n,
        sum(c.greenF() for c in valid) / n,
        sum(c.blueF() for c in valid) / n,
    )


def system_is_dark() -> bool:
    """Whether the system asks for a dark scheme (Qt 6.5+ style hints, else the palette)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightnessF() < 0.5


def reading_palette(dark: bool | None = None) -> ReadingPalette:
    """The palette for ``dark`` (None: follow the system)."""
    if dark is None:
        dark = system_is_dark()
    return DARK if dark else LIGHT
