"""The pieces of the telegram format one by one, and shapes the corpus files do not have."""

from __future__ import annotations

import pytest

from cable_annotator.domain.telegram import make_mrn, parse_mrn, post_code
from cable_annotator.importers.errors import ImportFailed
from cable_annotator.importers.telegram import (
    looks_like_telegram,
    parse_telegrams,
    read_telegram_file,
)
from cable_annotator.importers.telegram.cleaning import clean_lines, repair_ocr
from cable_annotator.importers.telegram.dtg import parse_dtg_line
from cable_annotator.importers.telegram.references import references_in
from cable_annotator.importers.telegram.tags import decode_tags
from tests.conftest import SAMPLE_TEXT

from .telegram_expected import FIXTURES as FIXTURES_DIR


@pytest.mark.parametrize(("post", "code"), [
    ("STATE", "STATE"), ("SECSTATE WASHDC", "STATE"), ("LIMA", "LIMA"),
    ("TRIPOLI", "TRIPOL"), ("TEL AVIV", "TELAV"), ("SANTIAGO", "SANTIA"), ("LA PAZ", "LAPAZ"),
    ("AMEMBASSY BUENOS AIRES", "BUENOS"), ("USUN NEW YORK", "USUNN"), ("USNATO", "NATO"),
])
def test_post_codes_cut_to_six_then_spaces_dropped(post: str, code: str) -> None:
    assert post_code(post) == code


def test_mrn_padding_six_digits_for_the_department_five_for_posts() -> None:
    assert make_mrn(1974, "STATE", "16696") == "1974STATE016696"
    assert make_mrn(1977, "LIMA", 7518) == "1977LIMA07518"
    assert make_mrn(1973, "TRIPOLI", "1117") == "1973TRIPOL01117"
    assert make_mrn(1978, "TEL AVIV", "0412") == "1978TELAV00412"
    assert parse_mrn("1977LIMA07518_c") == (1977, "LIMA", "07518")
    assert parse_mrn("frus1969-76ve11p2/d293") is None


@pytest.mark.parametrize(("line", "iso", "action", "info"), [
    ("P 262340Z JAN 77", "1977-01-26T23:40Z", "PRIORITY", "PRIORITY"),
    ("O R 041830Z SEP 74", "1974-09-04T18:30Z", "IMMEDIATE", "ROUTINE"),
    ("Z 010001Z MAR 79", "1979-03-01T00:01Z", "FLASH", "FLASH"),
    ("PP 311159Z DEC 73", "1973-12-31T11:59Z", "PRIORITY", "PRIORITY"),
    ("R 15161OZ MAY 75", "1975-05-15T16:10Z", "ROUTINE", "ROUTINE"),  # OCR's O for 0
    ("P 141930Z FEB 05", "2005-02-14T19:30Z", "PRIORITY", "PRIORITY"),
    ("O 262340Z JAN 77 ZFF-4", "1977-01-26T23:40Z", "IMMEDIATE", "IMMEDIATE"),
])
def test_date_time_groups(line: str, iso: str, action: str, info: str) -> None:
    dtg = parse_dtg_line(line)
    assert (dtg.iso, dtg.action_precedence, dtg.info_precedence) == (iso, action, info)


def test_a_date_time_group_that_is_no_date_is_refused() -> None:
    assert parse_dtg_line("P 322500Z FEB 77") is None
    assert parse_dtg_line("1. P 262340Z JAN 77 WAS SENT") is None


@pytest.mark.parametrize(("line", "expected"), [
    ("REF: A. STATE 295719, B. LIMA 7518",
     [("A", "STATE", "295719", None), ("B", "LIMA", "7518", None)]),
    ("REF: STATE 216511, 216512", [("", "STATE", "216511", None), ("", "STATE", "216512", None)]),
    ("REFS: (A) LIMA 7518 (B) STATE 17976",
     [("A", "LIMA", "7518", None), ("B", "STATE", "17976", None)]),
    ("REF: 76 STATE 295719", [("", "STATE", "295719", 1976)]),
    ("REF: STATE 295719 DTG 302010Z DEC 76", [("", "STATE", "295719", 1976)]),
    ("REF: A) TEL AVIV 4021 (NOTAL) B) LA PAZ 0412",
     [("A", "TEL AVIV", "4021", None), ("B", "LA PAZ", "412", None)]),
    ("REF: DEPTEL 1234; LIMA A-123; PARA 3 OF REFTEL", [("", "STATE", "1234", None)]),
    ("REF: OURTEL 77 AND YOURTEL 88",
     [("", "LIMA", "77", None), ("", "STATE", "88", None)]),
])
def test_ref_lines(line: str, expected: list) -> None:
    found = references_in(line, 0, len(line), sender_post="LIMA", addressee_post="STATE")
    assert [(r.label, r.post, r.serial, r.year) for r in found] == expected
    for ref in found:
        assert line[ref.start:ref.end] == ref.text


def test_tags_decoded_with_persons_and_unknown_codes_kept() -> None:
    tags = decode_tags("TAGS: PFOR, MASS, PE, UR, UNGA, KPRP, (KISSINGER, HENRY A), ZZQX")
    assert [(t.code, t.kind) for t in tags] == [
        ("PFOR", "subject"), ("MASS", "subject"), ("PE", "country"), ("UR", "country"),
        ("UNGA", "organization"), ("KPRP", "program"), ("KISSINGER, HENRY A", "person"),
        ("ZZQX", "unknown")]
    assert tags[3].meaning == "Soviet Union"
    assert tags[-1].meaning == ""
    visit = decode_tags("TAGS: OVIP (MIKI, TAKEO)")
    assert [(t.code, t.kind) for t in visit] == [("OVIP", "subject"), ("MIKI, TAKEO", "person")]
    assert visit[1].meaning == "Miki, Takeo"


def test_ocr_repair_word_by_word() -> None:
    assert repair_ocr("PAGE O1 TRIPOL OOO6O 1516l0Z") == "PAGE 01 TRIPOL 00060 151610Z"
    assert repair_ocr("C0NFIDENTIAL PRIORlTY EMB0FF T0 S00N 0IL") == \
        "CONFIDENTIAL PRIORITY EMBOFF TO SOON OIL"
    assert repair_ocr("I MET HIM ON THE 1ST IN THE 1970S") == "I MET HIM ON THE 1ST IN THE 1970S"
    assert repair_ocr("l. ACTlON NEA-lO") == "1. ACTION NEA-10"


def test_continuation_headers_banners_and_end_marks_are_dropped() -> None:
    text = ("SECRET\n\nPAGE 01 ZAGREB 01569 01 OF 04 071629Z\nFIRST LINE\n\nSECRET\n\n"
            "SECRET\nPAGE 04 ZAGREB 01569 04 OF 04 071629Z\n\nSECOND LINE\n\n\nSECRET\n\n\n"
            "NNNN\n<< END OF DOCUMENT >>\n")
    clean = clean_lines(text)
    assert clean.lines == ["FIRST LINE", "SECOND LINE"]
    assert clean.pages == ["1", "4"]  # as printed: a page between is missing
    assert clean.banner == "SECRET"


LATER_CABLE = """VZCZCXRO4455
PP RUEHAO
DE RUEHLP #0123/01 0451930
ZNY CCCCC ZZH
P 141930Z FEB 05
FM AMEMBASSY LA PAZ
TO RUEHC/SECSTATE WASHDC PRIORITY 1234
INFO RUEHBO/AMEMBASSY BOGOTA 5678
RUEHPE/AMEMBASSY LIMA 9012
BT
C O N F I D E N T I A L SECTION 01 OF 02 LA PAZ 000123

SIPDIS

E.O. 12958: DECL: 02/14/2015
TAGS: PGOV, PREL, BL
SUBJ: Coca Growers Block Highways Again

REF: A. LA PAZ 100 B. STATE 12345

Classified By: Ambassador for reasons 1.4 (b) and (d)

1. (C) Summary: Coca growers blocked the main highway for the
third day. End Summary.

2. (C) Comment: The government is unlikely to use force.
GREENLEE
BT
#0123
NNNN
"""


def test_a_later_cable_with_routing_envelope_and_mixed_case() -> None:
    [cable] = parse_telegrams(LATER_CABLE, "pasted")
    telegram = cable.telegram
    assert cable.id == "2005LAPAZ00123"
    assert telegram.sender == "AMEMBASSY LA PAZ"
    assert [(a.address, a.precedence, a.serial) for a in telegram.addressees] == [
        ("SECSTATE WASHDC", "PRIORITY", "1234"), ("AMEMBASSY BOGOTA", "PRIORITY", "5678"),
        ("AMEMBASSY LIMA", "PRIORITY", "9012")]
    assert telegram.eo_line == "E.O. 12958: DECL: 02/14/2015"
    assert telegram.captions == ["SIPDIS"]
    assert cable.subject == "Coca Growers Block Highways Again"
    assert [r.target for r in cable.references] == ["2005LAPAZ00100", "2005STATE012345"]
    assert [b.label for b in cable.blocks if b.label] == ["1", "2"]
    assert cable.signature == "GREENLEE"
    for mark in ("VZCZC", "RUEHLP", "ZNY", "\nBT", "#0123", "NNNN"):
        assert mark not in cable.text


def test_format_guess_tells_telegrams_from_frus_pages(tmp_path) -> None:
    assert looks_like_telegram(LATER_CABLE)
    assert not looks_like_telegram(SAMPLE_TEXT.read_text(encoding="utf-8"))
    quoting = "A memo quoting one line:\nTAGS: PFOR, PE\nand nothing else of a telegram."
    assert not looks_like_telegram(quoting)


def test_bad_input_names_the_file_and_the_problem(tmp_path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("SUBJECT: A NOTE WITHOUT ANY HEADER\n\n1. TEXT.\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_telegram_file(broken)
    message = str(caught.value)
    assert "broken.txt" in message and "date-time group" in message
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="empty.txt"):
        read_telegram_file(empty)


def test_an_aad_record_without_number_or_date_names_its_line(tmp_path) -> None:
    records = tmp_path / "records.txt"
    records.write_text(
        "Document Number: 1975STATE000001\nDate: 01 JAN 1975\nSubject: A\n"
        "Message Text:\n1. FIRST.\n\n"
        "Document Number: NOT A NUMBER\nSubject: B\nMessage Text:\n1. SECOND.\n",
        encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_telegram_file(records)
    assert caught.value.line == 7
    assert "records.txt, line 7" in str(caught.value)


def test_the_same_telegram_twice_in_one_file_is_refused(tmp_path) -> None:
    record = "Document Number: 1975STATE000001\nDate: 01 JAN 1975\nMessage Text:\n1. X.\n"
    twice = tmp_path / "twice.txt"
    twice.write_text(record + "\n" + record, encoding="utf-8")
    with pytest.raises(ImportFailed, match="1975STATE000001 twice"):
        read_telegram_file(twice)


TYPED_WITH_COMMAS = """UNCLASSIFIED
PAGE 01 STATE 216513
ORIGIN EB-08
INFO OCT-01 ARA-10 ISO-00 /019 R

DRAFTED BY EB/ORF:JSMITH
APPROVED BY EB:JKATZ
R 301500Z SEP 76
FM SECSTATE WASHDC
TO AMEMBASSY LIMA, AMEMBASSY QUITO
INFO AMEMBASSY BOGOTA PRIORITY, USMISSION OECD PARIS
UNCLAS STATE 216513
E.O. 11652: N/A
TAGS:EFIS,PLOS,PE,EC
Subject: TUNA BOAT SEIZURES: REPORT OF
       CONGRESSIONAL HEARINGS
REFS: A. STATE 216511 B. LIMA 7518 C. 75 QUITO 0899
1. HOUSE SUBCOMMITTEE HELD HEARINGS SEPTEMBER 29 ON SEIZURES OF
U.S. TUNA BOATS.
2. FULL TEXT FOLLOWS BY AIRGRAM.
ROBINSON
NNNN
"""


def test_a_compact_copy_with_several_posts_on_a_line() -> None:
    [cable] = parse_telegrams(TYPED_WITH_COMMAS)
    telegram = cable.telegram
    assert [(a.address, a.role, a.precedence) for a in telegram.addressees] == [
        ("AMEMBASSY LIMA", "action", "ROUTINE"), ("AMEMBASSY QUITO", "action", "ROUTINE"),
        ("AMEMBASSY BOGOTA", "info", "PRIORITY"), ("USMISSION OECD PARIS", "info", "ROUTINE")]
    assert cable.subject == "TUNA BOAT SEIZURES: REPORT OF CONGRESSIONAL HEARINGS"
    assert [t.code for t in telegram.tags] == ["EFIS", "PLOS", "PE", "EC"]
    assert [r.target for r in cable.references] == [
        "1976STATE216511", "1976LIMA07518", "1975QUITO00899"]
    assert [b.label for b in cable.blocks if b.label] == ["1", "2"]
    assert telegram.drafted_by == "EB/ORF:JSMITH"


def test_records_whose_text_heading_has_no_colon() -> None:
    aad = ("Document Number: 1977STATE017976\nDate: 26 JAN 1977\nFrom: SECSTATE WASHDC\n"
           "To: AMEMBASSY LIMA PRIORITY; AMEMBASSY MOSCOW\nTAGS: PFOR, MASS, PE, UR\n"
           "Subject: SOVIET AIRCRAFT SALE TO PERU\n"
           "Reference: A. 76 STATE 295719, B. LIMA 0412\nMessage Text\n"
           "1. WE HAVE RELIABLE REPORTS.\n2. SECOND PARA.\nVANCE\n")
    [cable] = parse_telegrams(aad)
    assert cable.date == "1977-01-26"
    assert [(a.address, a.precedence) for a in cable.telegram.action] == [
        ("AMEMBASSY LIMA", "PRIORITY"), ("AMEMBASSY MOSCOW", "")]
    assert [(r.post, r.serial, r.year) for r in cable.telegram.references] == [
        ("STATE", "295719", 1976), ("LIMA", "412", None)]
    assert [b.label for b in cable.blocks if b.label] == ["1", "2"]
    plusd = ("Canonical ID: 1976LIMA01234_b\nOriginal Classification: SECRET\n"
             "Handling Restrictions: EXDIS\nDate: 1976 February 10, 15:05 (Tuesday)\n"
             "From: Peru Lima\nTo: Secretary of State\nSubject: VELASCO SUCCESSION\n"
             "Content\nS E C R E T LIMA 1234\nEXDIS\nE.O. 11652: GDS\nTAGS: PINT, PE\n"
             "SUBJECT: VELASCO SUCCESSION\n1. MORALES BERMUDEZ IS FIRMLY IN CONTROL.\nDEAN\n")
    [cable] = parse_telegrams(plusd)
    assert cable.id == "1976LIMA01234"
    assert cable.telegram.sent == "1976-02-10T15:05Z"
    assert cable.telegram.sender == "LIMA"
    assert [a.address for a in cable.telegram.action] == ["SECSTATE WASHDC"]
    assert cable.classification == "SECRET; EXDIS"
    assert cable.subject == "VELASCO SUCCESSION"


def test_a_typed_copy_with_the_dtg_after_the_addresses() -> None:
    typed = ("CONFIDENTIAL\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 3456 IMMEDIATE\n"
             "INFO AMEMBASSY QUITO\nDTG: 262340Z JAN 77\nC O N F I D E N T I A L LIMA 0412\n"
             "E.O. 11652: GDS\nTAGS: PFOR, PE\nSUBJECT: TEST\n"
             "REF: STATE 295719 DTG 302010Z DEC 76\n1. TEXT.\nDEAN\n")
    [cable] = parse_telegrams(typed)
    assert (cable.id, cable.telegram.sent) == ("1977LIMA00412", "1977-01-26T23:40Z")
    assert [(a.address, a.precedence, a.serial) for a in cable.telegram.addressees] == [
        ("SECSTATE WASHDC", "IMMEDIATE", "3456"), ("AMEMBASSY QUITO", "", "")]
    # The REF's own DTG names its year; it is not the telegram's date.
    assert [r.target for r in cable.references] == ["1976STATE295719"]


def test_a_line_the_copier_put_above_the_header_is_kept_and_does_not_hide_it() -> None:
    text = (FIXTURES_DIR / "1974STATE193548.txt").read_text(encoding="utf-8")
    [cable] = parse_telegrams("COPY FROM RG 59 BOX 2345, FOLDER POL PERU-US\n" + text)
    assert cable.id == "1974STATE193548"
    assert cable.telegram.sent == "1974-09-04T18:30Z"
    assert cable.text.splitlines()[1] == "COPY FROM RG 59 BOX 2345, FOLDER POL PERU-US"
    assert cable.telegram.offices[0] == "ORIGIN ARA-10"


def test_aad_records_copied_as_a_table_tabs_or_labels_on_their_own_lines() -> None:
    text = (FIXTURES_DIR / "1977STATE017977.txt").read_text(encoding="utf-8")
    tabs = ("Document Number\t1977STATE017977\nDraft Date\t27 JAN 1977\n"
            "Film Number\tD770030-0456\nMessage Text\n" + text)
    lines = ("Document Number\n1977STATE017977\nFilm Number\nD770030-0456\n"
             "Original Classification\nSECRET\nMessage Text\n" + text)
    for copied in (tabs, lines):
        assert looks_like_telegram(copied)
        [cable] = parse_telegrams(copied)
        assert cable.id == "1977STATE017977"
        assert cable.telegram.film == "D770030-0456"
        assert cable.telegram.source_format == "aad"
        assert [b.label for b in cable.blocks if b.label] == ["1", "2"]
        assert "Film Number" not in cable.text


def test_without_a_number_line_the_page_header_gives_the_number() -> None:
    copy = ("PAGE 01 TEL AV 04021 131012Z\nO 130945Z MAR 78\nFM AMEMBASSY TEL AVIV\n"
            "TO SECSTATE WASHDC IMMEDIATE 8833\nE.O. 12065: RDS-1\nTAGS: PFOR, IS\n"
            "SUBJECT: BEGIN ON SETTLEMENTS\n1. TEXT.\nLEWIS\n")
    [cable] = parse_telegrams(copy)
    assert cable.id == "1978TELAV04021"
    assert cable.title == "Telegram 4021 From Embassy Tel Aviv to the Department of State"


def test_a_copy_typed_in_mixed_case_reads_the_same() -> None:
    typed = ("Secret\nP 260043Z Jan 74\nFM SecState WashDC\nTO AmEmbassy Lima Priority\n"
             "INFO AmEmbassy Moscow Priority\nSecret State 016696\nExdis\nE.O. 11652: GDS\n"
             "Tags: PFOR, MASS, PE, UR\nSubject: Peruvian Purchase of Soviet Tanks\n\n"
             "Ref: A. Lima 123, B. State 4567\n\n"
             "1. You should seek an appointment with President Velasco.\n\n"
             "2. Now that the news is public, make the points.\nKissinger\n")
    [cable] = parse_telegrams(typed)
    telegram = cable.telegram
    assert (cable.id, telegram.sent) == ("1974STATE016696", "1974-01-26T00:43Z")
    assert [(a.address, a.precedence, a.role) for a in telegram.addressees] == [
        ("AMEMBASSY LIMA", "PRIORITY", "action"), ("AMEMBASSY MOSCOW", "PRIORITY", "info")]
    assert cable.classification == "SECRET; EXDIS"
    assert [r.target for r in cable.references] == ["1974LIMA00123", "1974STATE004567"]
    assert cable.signature == "Kissinger"
    assert "TO AmEmbassy Lima Priority" in cable.text  # header lines as typed


def test_several_raw_telegrams_in_one_file_each_ended_by_nnnn(tmp_path) -> None:
    names = ["1974STATE016696.txt", "1974STATE193548.txt", "1974LIMA08043.txt"]
    joined = tmp_path / "three.txt"
    joined.write_text("\n".join((FIXTURES_DIR / name).read_text(encoding="utf-8")
                                for name in names) + "\n<< END OF DOCUMENT >>\n",
                      encoding="utf-8")
    cables = read_telegram_file(joined)
    assert [c.id for c in cables] == ["1974STATE016696", "1974STATE193548", "1974LIMA08043"]
    assert [len(c.pages) for c in cables] == [3, 1, 2]
    assert all("NNNN" not in c.text and "END OF DOCUMENT" not in c.text for c in cables)
    broken = tmp_path / "broken.txt"
    second = (FIXTURES_DIR / names[1]).read_text(encoding="utf-8")
    broken.write_text((FIXTURES_DIR / names[0]).read_text(encoding="utf-8")
                      + second.replace("O R 041830Z SEP 74", "O R"), encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_telegram_file(broken)
    assert caught.value.line == 112 and "date-time group" in str(caught.value)
