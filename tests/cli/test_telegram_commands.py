"""The command line on raw telegrams, run as a real process: import (guessed and --as
telegram), list, show, search, annotate, and the CSV with MRN, DTG and the AAD citation."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME
from tests.importers.telegram_expected import FIXTURES

from .test_command_line import run


def imported(project: Path) -> Path:
    run("import", "--volume", SAMPLE_VOLUME, str(SAMPLE_TEXT), project=project)
    result = run("import", *map(str, sorted(FIXTURES.glob("*.txt"))), project=project)
    lines = result.stdout.splitlines()
    assert len(lines) == 19
    assert "1974STATE016696\t1974STATE016696. Telegram 16696 From the Department of State " \
           "to Embassy Lima\t1974-01-26" in lines
    return project


def test_import_list_show_search(project_path: Path) -> None:
    project = imported(project_path)
    listed = json.loads(run("list", "--json", project=project).stdout)
    telegrams = [c for c in listed if c["kind"] == "telegram" and c["id"] != SAMPLE_ID]
    assert len(telegrams) == 19
    assert {c["volume"] for c in telegrams} == {f"telegrams-{y}" for y in range(1973, 1980)}
    # Each year's telegrams are listed in the order they were sent, not by post.
    dates = [c["date"] for c in telegrams]
    assert dates == sorted(dates)
    assert [c["id"] for c in telegrams][:3] == [
        "1973TRIPOL01101", "1973TRIPOL01117", "1973STATE194228"]

    shown = json.loads(run("show", "1974STATE193548", "--json", project=project).stdout)
    assert shown["telegram"]["dtg"] == "041830Z SEP 74"
    assert shown["telegram"]["addressees"][0] == {
        "address": "AMEMBASSY LIMA", "name": "Embassy Lima", "role": "action",
        "precedence": "IMMEDIATE", "serial": ""}
    assert [t["meaning"] for t in shown["telegram"]["tags"]][:2] == [
        "Foreign policy and relations", "Military assistance and sales"]
    assert shown["references"] == [{"target": "1974STATE016696", "text": "STATE 016696",
                                    "start": shown["text"].index("STATE 016696"),
                                    "end": shown["text"].index("STATE 016696") + 12}]
    links = {(link["relation"], link["target"]) for link in shown["links"]}
    assert links == {("cites", "1974STATE016696"), ("cited by", SAMPLE_ID),
                     ("cited by", "1974LIMA08043")}

    plain = run("show", SAMPLE_ID, project=project).stdout
    assert "Raw telegram: 1974STATE016696" in plain
    assert "Cites: 1974STATE193548 (telegram 193548 to Lima)" in plain

    hits = run("search", "AYACUCHO", project=project).stdout.splitlines()
    assert {line.split("\t")[0] for line in hits} == {
        "1976STATE295719", "1975STATE081122", "1979LAPAZ01234"}


def test_annotate_and_export_with_mrn_dtg_and_citation(project_path: Path) -> None:
    project = imported(project_path)
    run("annotate", "1974STATE016696", "--quote", "AN ARMS RACE COULD ENSUE",
        "--theme", "Arms race", "--note", "the raw wording", project=project)
    run("annotate", "1976STATE295719", "--quote", "HAS PERU RECEIVED ADDITIONAL SOVIET TANKS",
        "--theme", "Arms sales", project=project)
    out = run("export", "csv", project=project).stdout
    rows = {row["cable_id"]: row for row in csv.DictReader(io.StringIO(out))}
    raw = rows["1974STATE016696"]
    assert (raw["mrn"], raw["dtg"], raw["paragraph"], raw["page"]) == (
        "1974STATE016696", "260043Z JAN 74", "4", "1")
    assert raw["citation"] == (
        "Telegram 16696, Department of State to Embassy Lima, \u201cPeruvian Purchase of "
        "Soviet Tanks,\u201d January 26, 1974, 0043Z, 1974STATE016696, Central Foreign Policy "
        "Files, 1973\u20131979, Record Group 59, National Archives, Access to Archival "
        "Databases (AAD), para. 4.")
    quoted = rows["1976STATE295719"]
    assert quoted["paragraph"] == "2"  # quoted traffic is cited by the paragraph quoting it
    assert "Embassy Lima, Embassy Santiago and others" in quoted["citation"]


def test_import_as_telegram_and_its_errors(project_path: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "cable.dat"
    renamed.write_text((FIXTURES / "1977STATE017977.txt").read_text(encoding="utf-8"),
                       encoding="utf-8")
    result = run("import", "--as", "telegram", str(renamed), project=project_path)
    assert result.stdout.startswith("1977STATE017977\t")
    wrong = run("import", "--as", "telegram", str(SAMPLE_TEXT), project=project_path,
                check=False)
    assert wrong.returncode == 1
    assert wrong.stderr.startswith(f"cable-annotator: {SAMPLE_TEXT}: this is not a raw "
                                   "telegram")
    assert "Traceback" not in wrong.stderr
    listed = json.loads(run("list", "--json", project=project_path).stdout)
    assert [c["id"] for c in listed] == ["1977STATE017977"]  # nothing half-imported
