"""The Qt-free colour chooser (services.theme_colors) reasons about the pages the reading
pane really paints: same paper, layer opacity and selection, same blended highlight."""

from __future__ import annotations

from cable_annotator.services.theme_colors import PALETTE, SCHEMES, delta_e, lab, seen
from cable_annotator.ui.reading.palette import DARK, LIGHT


def test_schemes_mirror_the_reading_palettes(qapp):
    for scheme, palette in zip(SCHEMES, (LIGHT, DARK), strict=True):
        assert scheme.paper == palette.paper.name()
        assert scheme.selection == palette.selection.name()
        assert scheme.alpha == palette.highlight_alpha


def test_blended_highlights_are_the_colours_the_pane_paints(qapp):
    for scheme, palette in zip(SCHEMES, (LIGHT, DARK), strict=True):
        for color in PALETTE:
            painted = palette.layer([color])
            as_painted = lab((painted.red(), painted.green(), painted.blue()))
            assert delta_e(seen(color, scheme), as_painted) < 1.0, color


def test_a_codebook_past_the_palette_keeps_getting_distinct_readable_colours():
    """Past the palette's eighteen colours a new theme once repeated the first (ΔE 0 from
    Arms race at the nineteenth); now each of thirty themes keeps clear of the rest, of
    the selection, and keeps the text under it readable."""
    from cable_annotator.services.theme_colors import (
        highlight_distance,
        next_color,
        readable,
        usable,
    )

    used = list(PALETTE[:8])  # the default codebook
    for _ in range(22):
        color = next_color(used)
        assert usable(color) and readable(color), color
        assert min(highlight_distance(color, other) for other in used) >= 11.0, color
        used.append(color)
    assert len(set(used)) == len(used)
