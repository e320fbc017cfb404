"""W3C Web Annotation export: an AnnotationCollection that a JSON-LD processor (pyld)
expands without dropping anything, with quote and position selectors on the cable's
history.state.gov page; and import of such a collection by its selectors."""

from __future__ import annotations

import io
import json

import pytest
from pyld import jsonld

from cable_annotator.cli import main
from cable_annotator.services import preferences
from cable_annotator.services.annotating import annotate_quote
from cable_annotator.services.queries import all_annotations, find_theme, list_themes
from cable_annotator.services.web_annotation import export_jsonld, import_jsonld
from cable_annotator.storage.project import Project
from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME

from .web_annotation_context import AS, DCTERMS, OA, TERMS

URL = "https://history.state.gov/historicaldocuments/" + SAMPLE_ID


def _loader(url, options=None):
    if url != "http://www.w3.org/ns/anno.jsonld":
        raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": TERMS}}


@pytest.fixture
def annotated(project):
    preferences.set_author("Ana Ruiz")
    arms = find_theme(project, "Arms race")
    annotate_quote(project, SAMPLE_ID, "an arms race could ensue", [arms.id],
                   note="The key fear")
    annotate_quote(project, SAMPLE_ID, "Belcher", [find_theme(project, "Bilateral relations").id],
                   part="footnote 1")
    return project


def _leaves(value) -> int:
    if isinstance(value, dict):
        return sum(_leaves(v) for k, v in value.items() if k != "@context")
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 1


def test_collection_expands_with_pyld_without_loss(annotated) -> None:
    out = io.StringIO()
    assert export_jsonld(annotated, out) == 2
    document = json.loads(out.getvalue())
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection" and document["total"] == 2
    expanded = jsonld.expand(document, {"documentLoader": _loader})
    assert _leaves(expanded) == _leaves(document), "a term was dropped in expansion"
    [root] = expanded
    assert root["@type"] == [AS + "OrderedCollection"]
    items = root[AS + "first"][0][AS + "items"][0]["@list"]
    race = next(a for a in items if "arms race" in json.dumps(a))
    assert race["@type"] == [OA + "Annotation"]
    [target] = race[OA + "hasTarget"]
    assert target[OA + "hasSource"] == [{"@id": URL}]
    selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
    quote = selectors[OA + "TextQuoteSelector"]
    assert quote[OA + "exact"] == [{"@value": "an arms race could ensue"}]
    assert quote[OA + "prefix"][0]["@value"].endswith("armaments, and ")
    position = selectors[OA + "TextPositionSelector"]
    assert position[OA + "start"] == [{"@value": 1795}]
    bodies = {b[OA + "hasPurpose"][0]["@id"]: b for b in race[OA + "hasBody"]}
    assert bodies[OA + "tagging"]["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"] == [
        {"@value": "Arms race"}]
    assert OA + "commenting" in bodies
    creator = race[DCTERMS + "creator"][0]
    assert creator["http://xmlns.com/foaf/0.1/name"] == [{"@value": "Ana Ruiz"}]
    assert race[DCTERMS + "created"][0]["@value"].endswith("+00:00")


def test_collection_imports_by_its_selectors_into_another_project(annotated, tmp_path,
                                                                  capsys) -> None:
    path = tmp_path / "peru.jsonld"
    assert main(["--project", str(annotated.path), "export", "jsonld", "-o", str(path)]) == 0
    document = json.loads(path.read_text("utf-8"))
    # A corrected text in the other project: positions no longer fit; the quote does.
    corrected = tmp_path / SAMPLE_TEXT.name
    corrected.write_text(SAMPLE_TEXT.read_text("utf-8").replace(
        "You should seek", "You should, as soon as possible, seek"), encoding="utf-8")
    other = tmp_path / "other.cableproj"
    assert main(["--project", str(other), "import", "--volume", SAMPLE_VOLUME,
                 str(corrected)]) == 0
    # and one more annotation, for a cable the other project does not have
    document["first"]["items"].append({
        "type": "Annotation", "target": {
            "source": "https://history.state.gov/historicaldocuments/frus1969-76ve11p2/d1",
            "selector": {"type": "TextQuoteSelector", "exact": "anything"}}})
    path.write_text(json.dumps(document), encoding="utf-8")
    with Project.open(other) as project:
        report = import_jsonld(project, path)
        assert report.annotations == 2 and len(report.not_placed) == 1
        assert "frus1969-76ve11p2/d1 is not in the project" in report.not_placed[0]
        themes = {t.id: t.name for t in list_themes(project)}
        from cable_annotator.services.queries import load_cable

        text = load_cable(project, SAMPLE_ID)
        placed = {a.quote: a for a in all_annotations(project)}
        race = placed["an arms race could ensue"]
        assert text.text[race.start:race.end] == "an arms race could ensue"
        assert race.start == 1795 + len(", as soon as possible,")
        assert [themes[t] for t in race.theme_ids] == ["Arms race"]
        assert race.note == "The key fear" and race.author == "Ana Ruiz"
        belcher = placed["Belcher"]
        assert belcher.part == "footnote 1"
        assert text.part_text("footnote 1")[belcher.start:belcher.end] == "Belcher"
        again = import_jsonld(project, path)
        assert again.annotations == 0 and again.skipped == 2
