"""The TEI importer on small synthetic volumes: one markup variation per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from cable_annotator.domain.cable import BODY, Cable
from cable_annotator.importers.errors import ImportCancelled
from cable_annotator.importers.tei import looks_like_tei, read_tei_volume

from .tei_fixtures import FRUS_2015, FRUS_NEW, tei, write

SOURCE = ('<note n="1" xml:id="d1fn1" type="source">Source: National Archives, RG 59. '
          'Secret; Exdis. See <ref target="#d2">Document 2</ref>.</note>')


def _doc(body: str, n: str = "1", head: str | None = None, attrs: str = "") -> str:
    head = head if head is not None else (
        f"{n}. Telegram 16696 From the Department of State to the Embassy in Peru{SOURCE}")
    return f'<div type="document" n="{n}" xml:id="d{n}"{attrs}><head>{head}</head>{body}</div>'


def _one(tmp_path: Path, body: str, **kwargs) -> Cable:
    _, cables = read_tei_volume(write(tmp_path, tei(body, **kwargs)))
    return cables[0]


def test_heading_dateline_paragraphs_and_metadata(tmp_path: Path) -> None:
    body = _doc("""
        <dateline><placeName>Washington</placeName>, <date when="1974-01-29T22:24:00">January
            29, 1974, 2224Z</date>.</dateline>
        <p>16696. Subject: Peruvian Purchase of Soviet Tanks. For Ambassador.</p>
        <p>4. Peru’s neighbors might react, and an arms race could
            <pb n="781" xml:id="pg_781"/> ensue.</p>
        <closer><signed><persName corresp="#p_KHA_1">Kissinger</persName></signed></closer>""")
    cable = _one(tmp_path, f'<pb n="780" xml:id="pg_780"/>{body}')
    assert cable.id == "frustest/d1"
    assert cable.text == (
        "1. Telegram 16696 From the Department of State to the Embassy in Peru\n\n"
        "Washington, January 29, 1974, 2224Z.\n\n"
        "16696. Subject: Peruvian Purchase of Soviet Tanks. For Ambassador.\n\n"
        "4. Peru’s neighbors might react, and an arms race could ensue.\n\n"
        "Kissinger")
    assert cable.title == "Telegram 16696 From the Department of State to the Embassy in Peru"
    assert (cable.kind, cable.telegram_number, cable.number) == ("telegram", "16696", "1")
    assert (cable.date, cable.place) == ("1974-01-29T22:24:00", "Washington")
    assert cable.subject == "Peruvian Purchase of Soviet Tanks"
    assert (cable.sender, cable.recipient) == ("Department of State", "Embassy in Peru")
    assert cable.classification == "Secret; Exdis"
    assert cable.signature == "Kissinger"
    assert cable.persons == ["p_KHA_1"]
    assert [b.kind for b in cable.blocks] == [
        "heading", "dateline", "paragraph", "paragraph", "signature"]
    assert cable.blocks[3].label == "4"
    assert cable.blocks[2].label == ""  # a telegram number is not a paragraph number
    ensue = cable.text.index("ensue")
    assert [(p.label, p.offset) for p in cable.pages] == [("780", 0), ("781", ensue)]
    assert cable.page_range(BODY, cable.text.index("arms race"), ensue + 5) == "780–781"
    note = cable.footnotes[0]
    assert (note.key, note.marker, note.kind) == ("1", "1", "source")
    assert note.offset == cable.text.index("\n")
    assert note.references[0].target == "frustest/d2"
    assert note.text[note.references[0].start:note.references[0].end] == "Document 2"


def test_page_break_inside_a_word_adds_no_space(tmp_path: Path) -> None:
    cable = _one(tmp_path, _doc('<p>expressed consider<pb n="69"/>able pessimism</p>'))
    assert "considerable pessimism" in cable.text
    assert cable.pages[-1].offset == cable.text.index("able pessimism")


def test_start_page_from_a_break_between_documents(tmp_path: Path) -> None:
    body = (_doc('<p>one</p><pb n="6"/><p>two</p>', n="1") + '<pb n="7"/>'
            + _doc("<p>three</p>", n="2")
            + '<div type="document" n="3" xml:id="d3"><pb n="8"/><head>3. Note</head></div>')
    _, cables = read_tei_volume(write(tmp_path, tei(f'<pb n="5"/>{body}')))
    assert [[(p.label, p.offset) for p in c.pages] for c in cables] == [
        [("5", 0), ("6", cables[0].text.index("two"))], [("7", 0)], [("8", 0)]]


def test_repeated_and_duplicate_markers(tmp_path: Path) -> None:
    cable = _one(tmp_path, _doc(
        '<p>Tab A<note n="2" xml:id="d1fn2">Not printed.</note> and Tab B'
        '<note n="2" target="d1fn2">Not printed.</note>.</p>'
        '<p>x<note n="3">first</note> y<note n="3">second</note></p>'))
    assert [n.key for n in cable.footnotes] == ["1", "2", "2 (2)", "3", "3 (2)"]
    assert cable.footnote("2 (2)").marker == "2"
    assert cable.text[:cable.footnote("2").offset].endswith("Tab A")
    assert cable.text[:cable.footnote("2 (2)").offset].endswith("Tab B")
    assert all(n.kind == "editorial" for n in cable.footnotes[1:])


def test_notes_in_lists_cells_signatures_and_emphasis(tmp_path: Path) -> None:
    cable = _one(tmp_path, _doc("""
        <list type="subject"><head>SUBJECT</head>
            <item>Tanks<note n="2">In item.</note></item></list>
        <table><row role="label"><cell>Date</cell><cell cols="2">Laos</cell><cell>SVN</cell></row>
        <row><cell>Dec 11–31</cell><cell/><cell>1<note n="3">In cell.</note></cell><cell/></row>
        </table>
        <p><hi rend="italic">Begin<note n="4">In hi.</note></hi> text</p>
        <closer><signed>Eagleton<note n="5">In signature.</note></signed></closer>"""))
    assert [n.text for n in cable.footnotes[1:]] == [
        "In item.", "In cell.", "In hi.", "In signature."]
    assert [cable.text[n.offset - 1] for n in cable.footnotes[1:]] == ["s", "1", "n", "n"]
    rows = [cable.text[b.start:b.end] for b in cable.blocks if b.kind == "row"]
    assert rows == ["Date\tLaos\t\tSVN", "Dec 11–31\t\t1"]
    assert cable.subject == "Tanks"
    assert cable.signature == "Eagleton"
    italic = [cable.text[s.start:s.end] for s in cable.spans if s.style == "italic"]
    assert italic == ["Begin"]


def test_list_labels_and_paragraph_numbers(tmp_path: Path) -> None:
    cable = _one(tmp_path, _doc(
        "<list><label>A.</label><item>First.</item><label>B.</label><item>Second.</item></list>"
        "<p>(a) The problem.</p><p>12. Twelve.</p><p>Plain.</p>"))
    items = [(cable.text[b.start:b.end], b.label) for b in cable.blocks if b.kind == "item"]
    assert items == [("A. First.", "A"), ("B. Second.", "B")]
    labels = [b.label for b in cable.blocks if b.kind == "paragraph"]
    assert labels == ["(a)", "12", ""]
    assert cable.paragraph_range(BODY, cable.text.index("problem"),
                                 cable.text.index("Twelve") + 3) == "(a)–12"


def test_renditions_and_editorial_brackets(tmp_path: Path) -> None:
    cable = _one(tmp_path, _doc(
        '<p>[<hi rend="italic">less than 1 line not declassified</hi>] and '
        '<hi rend="strong">bold</hi> <hi rend="underline">under</hi> '
        '<hi rend="smallcaps">secret</hi> x<hi rend="superscript">2</hi> [sic] [for] '
        'and [<hi rend="italic">for</hi>]</p>'
        '<p>[Omitted here is discussion of Korea.]</p>'))
    styles = {(s.style, cable.text[s.start:s.end]) for s in cable.spans}
    assert {("bold", "bold"), ("underline", "under"), ("smallcaps", "secret"),
            ("superscript", "2"), ("italic", "less than 1 line not declassified"),
            ("editorial", "[less than 1 line not declassified]"), ("editorial", "[sic]"),
            ("editorial", "[for]"),
            ("editorial", "[Omitted here is discussion of Korea.]")} <= styles
    plain_for = cable.text.index("[for]")
    assert not any(s.style == "editorial" and s.start == plain_for for s in cable.spans)


def test_cross_reference_targets(tmp_path: Path) -> None:
    body = _doc(
        '<p>See <ref target="#d2">Document 2</ref>, <ref target="#d2fn2">footnote 2, '
        'Document 2</ref>, <ref target="frus1964-68v14#d335"><hi rend="italic">Foreign '
        'Relations</hi>, vol. XIV, Document 335</ref>, <ref target="frus1961-63v04">vol. '
        'IV</ref>, <ref target="#pg_750">750</ref> and telegram 193548.</p>', n="1"
    ) + _doc('<p>x<note n="2" xml:id="d2fn2">Two.</note></p>', n="2")
    _, cables = read_tei_volume(write(tmp_path, tei(body)))
    refs = [(r.target, r.text) for r in cables[0].references]
    assert refs == [
        ("frustest/d2", "Document 2"),
        ("frustest/d2#footnote 2", "footnote 2, Document 2"),
        ("frus1964-68v14/d335", "Foreign Relations, vol. XIV, Document 335"),
        ("frus1961-63v04", "vol. IV"),
        ("frustest/pg_750", "750"),
        ("telegram 193548", "telegram 193548"),
    ]


@pytest.mark.parametrize("uri", [FRUS_2015, FRUS_NEW])
def test_both_frus_namespaces(tmp_path: Path, uri: str) -> None:
    body = _doc(
        "<p>Main text.</p><frus:attachment><opener><seg>[Annex]</seg></opener>"
        "<head>Text of Draft Proclamation</head><p>Annex text.</p></frus:attachment>",
        attrs=' subtype="historical-document" frus:doc-dateTime-min="1974-06-29T05:50:00-05:00"'
              ' frus:doc-dateTime-max="1974-06-29T05:50:00-05:00"')
    cable = _one(tmp_path, body, frus_ns=uri)
    assert cable.date == "1974-06-29T05:50:00-05:00"
    assert cable.text.endswith("Main text.\n\n[Annex]\n\nText of Draft Proclamation\n\n"
                               "Annex text.")


def test_newer_note_shapes_and_inline_1948_note(tmp_path: Path) -> None:
    head = ('4. Telegram 1410 From the Interests Section in Algeria to the Department of State'
            '<note n="1" xml:id="d4fn1"><p><seg type="summary">Summary: Eagleton reported.</seg>'
            '</p><p><seg type="source">Source: Library of Congress. Secret; Immediate; '
            '<gloss target="#t_Nodis_1">Nodis</gloss>.</seg></p></note>')
    body = ('<div type="document" n="4" xml:id="d4">'
            '<note rend="inline" type="source">890.50/1–248: Airgram</note>'
            f'<head>{head}</head><p>1410. Subj: Meeting.</p>'
            '<p>More.<note n="2" type="summary">[<hi rend="italic">3 pages not '
            'declassified</hi>]</note></p></div>')
    cable = _one(tmp_path, body)
    assert cable.text.startswith("890.50/1–248: Airgram\n\n4. Telegram 1410")
    assert cable.title.startswith("Telegram 1410 From the Interests Section")
    source, summary = cable.footnotes
    assert (source.kind, summary.kind) == ("source", "summary")
    assert [b.kind for b in source.blocks] == ["summary", "source"]
    assert source.text == ("Summary: Eagleton reported.\n\n"
                           "Source: Library of Congress. Secret; Immediate; Nodis.")
    assert cable.classification == "Secret; Immediate; Nodis"
    assert cable.terms == ["t_Nodis_1"]
    assert cable.subject == "Meeting"
    assert any(s.style == "editorial" for s in summary.spans)


def test_untyped_source_note_and_kinds(tmp_path: Path) -> None:
    heads = {
        "5": "5. Minutes of a Policy Review Committee Meeting",
        "6": "6. Editorial Note",
        "7": "7. Memorandum of Conversation",
        "8": "8. Letter From President Carter to Prime Minister Ecevit",
        "9": "9. Paper Prepared in the Department of State",
        "10": "10. Memorandum From the Deputy Assistant to the President (Scowcroft) to "
              "President Nixon",
        "11": "11.Note From the Soviet Government to the Government of the United States",
    }
    body = "".join(
        _doc(f'<p>Text {n}.</p>', n=n, head=head + f'<note n="1" xml:id="d{n}fn1">Source: '
             'Carter Library. Top Secret; Sensitive; Eyes Only.</note>')
        for n, head in heads.items())
    _, cables = read_tei_volume(write(tmp_path, tei(body)))
    assert [c.kind for c in cables] == [
        "minutes", "editorial note", "memorandum of conversation", "letter", "paper",
        "memorandum", "note"]
    assert cables[-1].title.startswith("Note From the Soviet Government")
    assert all(c.footnotes[0].kind == "source" for c in cables)
    assert cables[0].classification == "Top Secret; Sensitive; Eyes Only"
    assert (cables[5].sender, cables[5].recipient) == (
        "Deputy Assistant to the President (Scowcroft)", "President Nixon")


def test_figures_lists_and_persons(tmp_path: Path) -> None:
    front = """<div type="section" xml:id="persons"><head>Persons</head><list type="names">
        <item><hi rend="strong"><persName xml:id="p_AR_1">Anderson, Robert</persName>,</hi>
        U.S. Ambassador to Morocco</item></list></div>
        <div type="section" xml:id="terms"><head>Abbreviations and Terms</head><list>
        <item><hi rend="strong"><term xml:id="t_AFB_1">AFB</term>, </hi>Air Force Base</item>
        </list></div>"""
    body = _doc('<p><persName corresp="#p_AR_1">Anderson</persName> at the '
                '<gloss target="#t_AFB_1">AFB</gloss>.</p><figure><graphic url="x.jpg"/>'
                '<p>General Assembly Building</p></figure>')
    volume, cables = read_tei_volume(write(tmp_path, tei(body, front=front)))
    assert [(p.id, p.name, p.description) for p in volume.persons] == [
        ("p_AR_1", "Anderson, Robert", "U.S. Ambassador to Morocco")]
    assert [(t.id, t.term, t.description) for t in volume.terms] == [
        ("t_AFB_1", "AFB", "Air Force Base")]
    assert volume.title.startswith("Foreign Relations of the United States")
    assert volume.subtitle == "Test Documents" and volume.editors == "Ann Editor"
    cable = cables[0]
    assert (cable.persons, cable.terms) == (["p_AR_1"], ["t_AFB_1"])
    assert cable.blocks[-1].kind == "caption"
    assert cable.text.endswith("General Assembly Building")


def test_volume_id_falls_back_to_file_stem(tmp_path: Path) -> None:
    volume, cables = read_tei_volume(
        write(tmp_path, tei(_doc("<p>x</p>"), idno=""), name="frus1948v09.xml"))
    assert volume.id == "frus1948v09"
    assert cables[0].id == "frus1948v09/d1"


def test_utf8_bom_and_characters_outside_the_bmp(tmp_path: Path) -> None:
    content = "\ufeff" + tei(_doc("<p>Emoji 𝄞 then <pb n=\"2\"/>page two</p>"))
    path = write(tmp_path, content)
    assert looks_like_tei(path)
    cable = read_tei_volume(path)[1][0]
    assert cable.pages[-1].offset == cable.text.index("page two")
    assert cable.text[cable.text.index("𝄞") + 1] == " "


def test_progress_and_cancel(tmp_path: Path) -> None:
    body = "".join(_doc(f"<p>Text {n}.</p>", n=str(n)) for n in range(1, 4))
    path = write(tmp_path, tei(body))
    seen: list[tuple[int, int]] = []
    read_tei_volume(path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    calls: list[int] = []

    def cancel_after_one() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ImportCancelled):
        read_tei_volume(path, cancelled=cancel_after_one)


def test_looks_like_tei(tmp_path: Path) -> None:
    assert looks_like_tei(write(tmp_path, tei(_doc("<p>x</p>"))))
    assert not looks_like_tei(write(tmp_path, "<html><body/></html>", name="page.html"))
    assert not looks_like_tei(write(tmp_path, "293. Telegram 16696", name="cable.txt"))
    assert not looks_like_tei(tmp_path / "missing.xml")
