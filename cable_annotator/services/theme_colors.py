"""Choosing theme colours a reader can tell apart — from each other and from a selection.

A highlight is painted as a translucent layer over the page (``ui.reading.palette``), so
what the reader compares is the *blended* colour, on the light page and on the dark one.
The old default Fisheries blue blended into almost exactly the light selection blue, and
new themes took the next palette entry even when it nearly repeated a theme's colour. Here
colours are compared as seen, by CIE76 ΔE in CIELAB (ΔE ≈ 2.3 is a just-noticeable
difference; under ~10 two small highlights are easily confused), in the worse scheme.

Pure Python: services stay free of Qt. The page colours below mirror
``ui/reading/palette.py`` (a test checks that they still agree).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Lab = tuple[float, float, float]


@dataclass(frozen=True)
class Scheme:
    """The page a highlight is painted on: paper, layer opacity, and the selection."""

    paper: str
    alpha: float
    selection: str


SCHEMES = (
    Scheme(paper="#fbf9f4", alpha=0.42, selection="#b9d3ee"),  # light page
    Scheme(paper="#1f1f1d", alpha=0.38, selection="#2f4a66"),  # dark page
)

# The default codebook's eight colours first (resources/default_codebook.json), then more
# from Kelly's and Tableau's well-separated sets. Blues are left out: both schemes select in
# blue, and a blue highlight looks like a selection.
PALETTE = (
    "#e8743b", "#f2c94c", "#be0032", "#00a199", "#8db600", "#9b51e0", "#9c755f", "#e377c2",
    "#f38400", "#dcd300", "#882d17", "#008856", "#ff9da7", "#b3446c", "#e25822",
    "#cc79a7", "#59a14f", "#f99379",
)

MIN_FROM_SELECTION = 20.0
"""ΔE a highlight keeps from the selection colour, as seen in either scheme."""
MIN_FROM_PAPER = 15.0
"""ΔE a highlight keeps from the bare page, so a single highlight is unmistakable."""


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.strip().lstrip("#")
    if len(color) == 3:
        color = "".join(c * 2 for c in color)
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _linear(channel: float) -> float:
    channel /= 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def lab(rgb: Sequence[float]) -> Lab:
    """sRGB (0–255 per channel) to CIELAB under D65."""
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: Lab, second: Lab) -> float:
    """CIE76 colour difference."""
    return math.dist(first, second)


def seen(color: str, scheme: Scheme) -> Lab:
    """The colour a one-layer highlight of ``color`` shows on ``scheme``'s page."""
    paper, layer = _rgb(scheme.paper), _rgb(color)
    return lab([p + (c - p) * scheme.alpha for p, c in zip(paper, layer, strict=True)])


def highlight_distance(first: str, second: str) -> float:
    """How far apart two theme colours look as highlights, in the scheme where closer."""
    return min(delta_e(seen(first, s), seen(second, s)) for s in SCHEMES)


def selection_distance(color: str) -> float:
    """How far a highlight of ``color`` looks from a selection, in the worse scheme."""
    return min(delta_e(seen(color, s), lab(_rgb(s.selection))) for s in SCHEMES)


def paper_distance(color: str) -> float:
    """How far a highlight of ``color`` stands out from the page, in the worse scheme."""
    return min(delta_e(seen(color, s), lab(_rgb(s.paper))) for s in SCHEMES)


def usable(color: str) -> bool:
    """Whether ``color`` reads as a highlight and not as a selection in both schemes."""
    return (selection_distance(color) >= MIN_FROM_SELECTION
            and paper_distance(color) >= MIN_FROM_PAPER)


MIN_BETWEEN = 15.0
"""ΔE between two themes' highlights (in the scheme where closer) that the palette's own
colours are trusted to keep; under it a colour off the palette's grid may serve better."""

_GRID_LEVELS = (0, 32, 64, 96, 128, 160, 192, 224, 255)
CHROMA = (20.0, 85.0)
"""CIELAB chroma of a theme colour: enough to read as a colour and not as a grey, and no
more than the palette's most vivid (Kelly's yellow-green, 84): a neon magenta glares."""
LIGHT_PAGE_LIGHTNESS = 68.0
DARK_PAGE_LIGHTNESS = (18.0, 42.0)
"""L* a highlight keeps under the ink: light enough on paper for the dark ink (the
palette's darkest, Soviet influence's red, shows at 68.6), dark enough on the dark page
for its light ink (at most 41), and not black there."""


def readable(color: str) -> bool:
    """Whether text stays easy to read under a highlight of ``color`` in both schemes, and
    the colour is a colour at all (a grey highlight looks like a shadow)."""
    light, dark = (seen(color, scheme)[0] for scheme in SCHEMES)
    _, a, b = lab(_rgb(color))
    return (light >= LIGHT_PAGE_LIGHTNESS and DARK_PAGE_LIGHTNESS[0] <= dark
            <= DARK_PAGE_LIGHTNESS[1] and CHROMA[0] <= math.hypot(a, b) <= CHROMA[1])


def _grid() -> tuple[str, ...]:
    """Colours off the palette, for a codebook that has used up the palette: an even grid
    of sRGB, keeping only those that read as highlights, under which the text stays
    readable, and that do not look like a selection."""
    if not _GRID:
        colors = (f"#{r:02x}{g:02x}{b:02x}" for r in _GRID_LEVELS for g in _GRID_LEVELS
                  for b in _GRID_LEVELS)
        _GRID.extend(color for color in colors if usable(color) and readable(color))
    return tuple(_GRID)


_GRID: list[str] = []


def next_color(existing: Iterable[str], palette: Sequence[str] = PALETTE) -> str:
    """The colour that looks least like any of ``existing`` (and no selection).

    With no themes yet this is the palette's first colour; as the codebook grows, each new
    theme takes the palette colour farthest from every colour in use (earlier entries first
    on a tie), so a tenth theme does not nearly repeat the third. When no palette colour
    keeps ``MIN_BETWEEN`` from those in use (a codebook of twenty themes), the farthest of
    an even grid of colours is taken instead of repeating a palette colour.
    """
    used = [color.lower() for color in existing]
    candidates = [c for c in palette if usable(c)] or list(palette)
    fresh = [c for c in candidates if c not in used] or candidates
    if not used:
        return fresh[0]
    seen_used = [[seen(other, scheme) for scheme in SCHEMES] for other in used]

    def nearest(color: str) -> float:
        mine = [seen(color, scheme) for scheme in SCHEMES]
        return min(min(delta_e(a, b) for a, b in zip(mine, theirs, strict=True))
                   for theirs in seen_used)

    best = max(fresh, key=nearest)  # max() keeps the first of equals: palette order
    if nearest(best) >= MIN_BETWEEN:
        return best
    return max((best, *_grid()), key=nearest)
