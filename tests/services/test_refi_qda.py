"""REFI-QDA: an exported .qdpx validates against the 1.5 project schema and survives the
round trip export → import → export exactly; another program's .qdpx (braced GUIDs, CRLF
text, a byte-order mark, a PDF and a case) imports at the right characters; .qdc carries
the codebook."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cable_annotator.cli import main
from cable_annotator.domain.annotation import theme_path
from cable_annotator.importers.errors import ImportFailed
from cable_annotator.services.annotating import annotate_quote
from cable_annotator.services.codebook import add_theme
from cable_annotator.services.exporting import ExportFailed
from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import (
    all_annotations,
    find_theme,
    list_cables,
    list_themes,
    load_cable,
)
from cable_annotator.services.refi_qda import export_qdc, export_qdpx, import_refi
from cable_annotator.storage.project import Project
from tests.conftest import SAMPLE_ID, SHARED

XSD = SHARED / "standards" / "refi-qda" / "Project-mrt2019.xsd"
NS = "urn:QDA-XML:project:1.0"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not XSD.is_file():
        pytest.fail(f"The REFI-QDA schema is missing: expected {XSD} (see README, 'Tests').",
                    pytrace=False)
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture
def annotated(empty_project, sample_copy):
    """The sample with a character outside the BMP before the passages, three themes (one
    a sub-theme), a note, and an annotation in footnote 1."""
    text = sample_copy.read_text("utf-8").replace("1. You should seek",
                                                  "1. 𝔉𝔯𝔲𝔰 You should seek")
    sample_copy.write_text(text, encoding="utf-8")
    import_files(empty_project, [sample_copy], volume="frus1969-76ve11p2")
    project = empty_project
    arms = find_theme(project, "Arms race")
    chile = add_theme(project, "Chile", parent_id=arms.id, color="#aa3366").theme
    annotate_quote(project, SAMPLE_ID, "an arms race could ensue",
                   [arms.id, find_theme(project, "Regional stability").id],
                   note="The key fear — 🜂 noted")
    annotate_quote(project, SAMPLE_ID, "Chile", [chile.id])
    annotate_quote(project, SAMPLE_ID, "Belcher", [find_theme(project, "Bilateral relations").id],
                   part="footnote 1")
    return project


def qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def snapshot(project: Project) -> list[tuple]:
    themes = {t.id: t for t in list_themes(project)}
    return sorted((a.id, a.cable_id, a.part, a.start, a.end, a.quote, a.prefix, a.suffix,
                   a.note, a.author, a.modified_by, a.created, a.modified,
                   tuple(theme_path(themes[t], themes) for t in a.theme_ids))
                  for a in all_annotations(project))


def test_export_validates_and_counts_code_points(annotated, tmp_path, schema) -> None:
    path = tmp_path / "peru.qdpx"
    report = export_qdpx(annotated, path)
    assert (report.cables, report.annotations) == (1, 3)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names[0] == "project.qde" and all(
            re.fullmatch(r"sources/[0-9a-f-]{36}\.txt", n) for n in names[1:])
        source_text = archive.read(names[1]).decode("utf-8")
    root = qde(path)
    assert schema.validate(root), schema.error_log
    selections = root.findall(f".//{{{NS}}}PlainTextSelection")
    by_name = {s.get("name"): s for s in selections}
    race = by_name["an arms race could ensue"]
    start, end = int(race.get("startPosition")), int(race.get("endPosition"))
    assert source_text[start:end] == "an arms race could ensue"  # code points, end exclusive
    utf16 = len(source_text[:start].encode("utf-16-le")) // 2
    assert utf16 > start  # the 𝔉𝔯𝔲𝔰 before it: counting UTF-16 units would be wrong
    belcher = by_name["Belcher"]
    b0, b1 = int(belcher.get("startPosition")), int(belcher.get("endPosition"))
    assert source_text[b0:b1] == "Belcher" and b0 > len(load_cable(annotated, SAMPLE_ID).text)
    codes = {c.get("guid"): c for c in root.iter(f"{{{NS}}}Code")}
    [chile] = [c for c in codes.values() if c.get("name") == "Chile"]
    assert chile.getparent().get("name") == "Arms race" and chile.get("color") == "#aa3366"
    notes = root.findall(f".//{{{NS}}}Note/{{{NS}}}PlainTextContent")
    assert [n.text for n in notes] == ["The key fear — 🜂 noted"]
    assert race.get("creatingUser") == root.find(f".//{{{NS}}}User").get("guid")


def test_round_trip_export_import_export_is_exact(annotated, tmp_path) -> None:
    first, second = tmp_path / "first.qdpx", tmp_path / "second.qdpx"
    export_qdpx(annotated, first)
    with Project.open(tmp_path / "colleague.cableproj") as other:
        report = import_refi(other, first)
        assert (report.cables, report.annotations, report.not_carried) == (1, 3, [])
        assert snapshot(other) == snapshot(annotated)
        ours, theirs = load_cable(annotated, SAMPLE_ID), load_cable(other, SAMPLE_ID)
        assert theirs == ours  # text, footnotes, paragraphs, pages: the whole cable
        assert [c.title for c in list_cables(other)] == [c.title for c in list_cables(annotated)]
        export_qdpx(other, second)
    one, two = qde(first), qde(second)
    for root in (one, two):
        del root.attrib["name"], root.attrib["creationDateTime"]
    assert etree.tostring(one) == etree.tostring(two)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert [(n, a.read(n)) for n in a.namelist()[1:]] == [
            (n, b.read(n)) for n in b.namelist()[1:]]


def test_importing_our_own_export_again_doubles_nothing(annotated, tmp_path) -> None:
    path = tmp_path / "again.qdpx"
    export_qdpx(annotated, path)
    before = snapshot(annotated)
    report = import_refi(annotated, path)
    assert (report.cables, report.annotations, report.skipped) == (0, 0, 3)
    assert snapshot(annotated) == before


OTHER_PROGRAM = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Andean arms" origin="Another QDA program">
  <Users><User guid="{A0000000-0000-4000-8000-000000000001}" name="maria"/></Users>
  <CodeBook><Codes>
    <Code guid="{B0000000-0000-4000-8000-00000000000A}" name="Military" isCodable="true"
          color="#3366CC">
      <Code guid="b0000000-0000-4000-8000-00000000000b" name="Tanks/armour"
            isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Variables><Variable guid="a1000000-0000-4000-8000-000000000001" name="gender"
                       typeOfVariable="Text"/></Variables>
  <Cases><Case guid="c0000000-0000-4000-8000-000000000001" name="Peru"/></Cases>
  <Sources>
    <TextSource guid="{D0000000-0000-4000-8000-000000000001}" name="interview.txt"
                plainTextPath="internal://{D0000000-0000-4000-8000-000000000001}.txt">
      <PlainTextSelection guid="{E0000000-0000-4000-8000-000000000001}" name="Soviet tanks"
          startPosition="19" endPosition="31" creatingUser="{A0000000-0000-4000-8000-000000000001}"
          creationDateTime="2024-03-05T10:00:00Z">
        <Coding guid="f0000000-0000-4000-8000-000000000001">
          <CodeRef targetGUID="{B0000000-0000-4000-8000-00000000000B}"/></Coding>
        <NoteRef targetGUID="{90000000-0000-4000-8000-000000000001}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="e0000000-0000-4000-8000-000000000002"
          startPosition="35" endPosition="45">
        <Description>A coding memo, as QualCoder writes it</Description>
        <Coding guid="f0000000-0000-4000-8000-000000000002">
          <CodeRef targetGUID="b0000000-0000-4000-8000-00000000000a"/></Coding>
      </PlainTextSelection>
      <Coding guid="f0000000-0000-4000-8000-000000000003">
        <CodeRef targetGUID="b0000000-0000-4000-8000-00000000000a"/></Coding>
      <VariableValue><VariableRef targetGUID="a1000000-0000-4000-8000-000000000001"/>
        <TextValue>female</TextValue></VariableValue>
    </TextSource>
    <PDFSource guid="d0000000-0000-4000-8000-000000000002" name="scan.pdf"
               path="internal://d0000000-0000-4000-8000-000000000002.pdf"/>
  </Sources>
  <Notes><Note guid="90000000-0000-4000-8000-000000000001" name="memo">
    <PlainTextContent>Check the numbers</PlainTextContent></Note></Notes>
</Project>
"""
# Lines end in CRLF. "Soviet tanks" is named, and its 19–31 count CRLF as one character
# (counted as two, 19–31 would be "Soviet tank"): the name decides. The unnamed selection's
# 35–45 count CRLF as two, as the text is stored (the spec's reading): "In Lima, a"; read
# with CRLF as one they would be "Lima, any ".
OTHER_TEXT = "\ufeffThe cable mentions\r\nSoviet tanks.\r\nIn Lima, any deal"


def _other_qdpx(tmp_path: Path) -> Path:
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", OTHER_PROGRAM.encode("utf-8"))
        archive.writestr("Sources/{D0000000-0000-4000-8000-000000000001}.txt",
                         OTHER_TEXT.encode("utf-8"))
    return path


def test_another_programs_project_imports_at_the_right_characters(empty_project,
                                                                  tmp_path) -> None:
    report = import_refi(empty_project, _other_qdpx(tmp_path))
    assert (report.cables, report.themes, report.annotations) == (1, 2, 2)
    assert sorted(report.not_carried) == ["1 PDF source", "1 case",
                                          "1 coding of a whole source",
                                          "1 variable value of another program"]
    [cable] = list_cables(empty_project)
    assert cable.id == "refi-andean-arms/d0000000-0000-4000-8000-000000000001"
    text = load_cable(empty_project, cable.id).text
    assert text == "The cable mentions\nSoviet tanks.\nIn Lima, any deal"  # LF, no BOM
    themes = {t.id: t for t in list_themes(empty_project)}
    found = {a.id: a for a in all_annotations(empty_project)}
    named = found["e0000000-0000-4000-8000-000000000001"]
    assert text[named.start:named.end] == "Soviet tanks" == named.quote
    assert [theme_path(themes[t], themes) for t in named.theme_ids] == ["Military/Tanks-armour"]
    assert named.note == "Check the numbers" and named.author == "maria"
    assert named.created == "2024-03-05T10:00:00Z"
    unnamed = found["e0000000-0000-4000-8000-000000000002"]
    # 35–45 counted in the CRLF text as stored (the spec's reading): "In Lima, a"
    assert text[unnamed.start:unnamed.end] == "In Lima, a"
    assert unnamed.note == "A coding memo, as QualCoder writes it"
    military = next(t for t in themes.values() if t.name == "Military")
    assert military.color == "#3366cc" and military.uid == "b0000000-0000-4000-8000-00000000000a"


def test_a_source_path_with_its_folder_is_found(empty_project, tmp_path) -> None:
    path = tmp_path / "folder.qdpx"
    qde_text = OTHER_PROGRAM.replace(
        'plainTextPath="internal://{D0000000-0000-4000-8000-000000000001}.txt"',
        'plainTextPath="internal://Sources/interview.txt"')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde_text.encode("utf-8"))
        archive.writestr("Sources/interview.txt", OTHER_TEXT.encode("utf-8"))
    assert import_refi(empty_project, path).annotations == 2


def test_a_broken_file_is_refused_by_name_and_changes_nothing(annotated, tmp_path) -> None:
    before = snapshot(annotated)
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFailed, match="broken.qdpx"):
        import_refi(annotated, broken)
    missing_text = tmp_path / "missing.qdpx"
    with zipfile.ZipFile(missing_text, "w") as archive:
        archive.writestr("project.qde", OTHER_PROGRAM.encode("utf-8"))
    with pytest.raises(ImportFailed, match="missing from the archive"):
        import_refi(annotated, missing_text)
    assert snapshot(annotated) == before


def test_codebook_exports_as_qdc_and_imports_into_another_project(annotated, tmp_path,
                                                                  schema) -> None:
    path = tmp_path / "codebook.qdc"
    export_qdc(annotated, path)
    book = etree.parse(str(path)).getroot()
    assert book.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    # The codes are those of a project's codebook: check them against the project schema.
    wrapped = etree.fromstring(etree.tostring(book).replace(
        b"urn:QDA-XML:codebook:1.0", NS.encode()))
    assert wrapped.attrib.pop("origin").startswith("Cable Annotator")  # the .qdc's own
    project_root = etree.Element(f"{{{NS}}}Project", name="codebook")
    project_root.append(wrapped)
    assert schema.validate(project_root), schema.error_log
    with Project.open(tmp_path / "fresh.cableproj") as fresh:
        report = import_refi(fresh, path)
        assert report.themes == 1  # Chile; the default codebook matched by its GUIDs
        paths = {theme_path(t, {x.id: x for x in list_themes(fresh)})
                 for t in list_themes(fresh)}
        assert "Arms race/Chile" in paths


def test_export_to_a_missing_folder_fails_cleanly(annotated, tmp_path) -> None:
    target = tmp_path / "no such folder" / "peru.qdpx"
    with pytest.raises(ExportFailed, match="peru.qdpx"):
        export_qdpx(annotated, target)
    assert not target.parent.exists()


def test_command_line_exports_and_imports_qdpx(annotated, tmp_path, capsys) -> None:
    path = tmp_path / "cli.qdpx"
    assert main(["--project", str(annotated.path), "export", "qdpx", "-o", str(path)]) == 0
    assert "3 annotation(s)" in capsys.readouterr().err
    target = tmp_path / "target.cableproj"
    assert main(["--project", str(target), "import", str(path)]) == 0
    assert "1 document(s), 1 theme(s), 3 annotation(s)" in capsys.readouterr().out
    assert main(["--project", str(target), "export", "qdc", "-o", str(tmp_path / "t.qdc")]) == 0


def test_export_refuses_a_symbolic_link_and_leaves_it(annotated, tmp_path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "peru.qdpx"
    link.symlink_to(target)
    with pytest.raises(ExportFailed, match="left untouched"):
        export_qdpx(annotated, link)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"
