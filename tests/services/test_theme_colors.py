"""Theme colours stay apart as highlights — from each other and from the selection — on
the light and the dark page, for the default codebook and for every theme added later."""

from __future__ import annotations

import itertools
import json

from cable_annotator.resources_access import default_codebook
from cable_annotator.services import queries
from cable_annotator.services.codebook import add_theme, update_theme
from cable_annotator.services.theme_colors import (
    MIN_FROM_SELECTION,
    PALETTE,
    highlight_distance,
    next_color,
    selection_distance,
    usable,
)

OLD_FISHERIES = "#2d9cdb"


def test_the_old_fisheries_blue_looked_like_a_selection():
    assert selection_distance(OLD_FISHERIES) < 10
    assert not usable(OLD_FISHERIES)


def test_default_codebook_colours_are_distinct_and_unlike_the_selection():
    colors = {theme["name"]: theme["color"] for theme in default_codebook()}
    assert selection_distance(colors["Fisheries"]) >= MIN_FROM_SELECTION
    assert all(usable(color) for color in colors.values())
    closest = min(highlight_distance(a, b) for a, b in itertools.combinations(colors.values(), 2))
    assert closest >= 15, f"two default themes are only ΔE {closest:.1f} apart"
    assert list(colors.values()) == list(PALETTE[:len(colors)])


def test_every_palette_colour_is_usable_and_the_first_goes_first():
    assert all(usable(color) for color in PALETTE)
    assert next_color([]) == PALETTE[0]


def test_new_themes_take_colours_unlike_those_in_use(empty_project):
    used = [theme.color for theme in queries.list_themes(empty_project)]
    assert len(used) == 8
    for number in range(9, 17):
        color = add_theme(empty_project, f"Theme {number}").theme.color
        nearest = min(highlight_distance(color, other) for other in used)
        assert usable(color)
        assert color not in used
        assert nearest >= (14 if number <= 11 else 8), f"theme {number}: ΔE {nearest:.1f}"
        used.append(color)


def test_a_project_with_the_old_colours_gets_a_tenth_theme_unlike_them(empty_project):
    old = json.loads('["#e8743b", "#f2c94c", "#eb5757", "#2d9cdb", "#27ae60", "#9b51e0", '
                     '"#56ccf2", "#bb6bd9"]')
    for theme, color in zip(queries.list_themes(empty_project), old, strict=True):
        update_theme(empty_project, theme.id, color=color)
    ninth = add_theme(empty_project, "Oil").theme.color
    tenth = add_theme(empty_project, "Nuclear issues").theme.color
    for color in (ninth, tenth):
        assert min(highlight_distance(color, o) for o in old) >= 15
    assert highlight_distance(ninth, tenth) >= 15


def test_a_chosen_colour_is_kept(empty_project):
    assert add_theme(empty_project, "Oil", color="#2D9CDB").theme.color == OLD_FISHERIES
