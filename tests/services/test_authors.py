"""The author is set once (Preferences, or the command line) and recorded on annotations,
their edits and theme edits; it shows in the CSV."""

from __future__ import annotations

import csv
import io

from cable_annotator.cli import main
from cable_annotator.services import preferences
from cable_annotator.services.annotating import annotate_quote, update_annotation
from cable_annotator.services.codebook import add_theme, update_theme
from cable_annotator.services.exporting import export_csv
from cable_annotator.services.queries import annotations_of, find_theme, list_themes
from tests.conftest import SAMPLE_ID


def test_author_defaults_to_the_login_name_and_is_set_once(project) -> None:
    assert preferences.author() == preferences.login_name()
    preferences.set_author("  Ana   Ruiz ")
    assert preferences.author() == "Ana Ruiz"
    theme = find_theme(project, "Arms race")
    made = annotate_quote(project, SAMPLE_ID, "Soviet Tanks", [theme.id]).annotation
    assert made.author == made.modified_by == "Ana Ruiz"
    preferences.set_author("Ben Okafor")
    edited = update_annotation(project, made.id, note="checked").annotation
    assert (edited.author, edited.modified_by) == ("Ana Ruiz", "Ben Okafor")
    assert edited.version != made.version
    [stored] = annotations_of(project, SAMPLE_ID)
    assert stored.modified_by == "Ben Okafor"
    out = io.StringIO()
    export_csv(project, out)
    [row] = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["author"] == "Ana Ruiz"

    added = add_theme(project, "Chile", parent_id=theme.id).theme
    assert added.created_by == added.modified_by == "Ben Okafor" and added.created
    preferences.set_author("")
    update_theme(project, added.id, color="#336699")
    [chile] = [t for t in list_themes(project) if t.id == added.id]
    assert (chile.created_by, chile.modified_by) == ("Ben Okafor", preferences.login_name())


def test_command_line_sets_and_shows_the_author(capsys) -> None:
    assert main(["preferences", "--author", "Ana Ruiz"]) == 0
    assert capsys.readouterr().out == "author\tAna Ruiz\n"
    assert main(["preferences"]) == 0
    assert capsys.readouterr().out == "author\tAna Ruiz\n"
