"""The shared prose readers, on real titles, source notes and opening lines of the volumes.

Every example below is copied from one of the five shared TEI volumes (the document is
named beside it). The last tests import documents both ways, from the TEI and from the
site's plain-text rendering of it, and check that the two importers state the same facts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from cable_annotator.domain.cable import Cable
from cable_annotator.importers.frus_prose import (
    classification_in,
    document_references,
    kind_of,
    paragraph_label,
    parties_of,
    references_in,
    subject_in,
    telegram_line,
    telegram_line_number,
    telegram_number_of,
    telegram_references,
    without_full_stop,
)
from cable_annotator.importers.plaintext import parse_frus_text
from cable_annotator.importers.tei import read_tei_volume
from tests.importers.web_text_renderer import load_volume, render_document


@pytest.mark.parametrize(("title", "kind"), [
    ("Telegram 16696 From the Department of State to the Embassy in Peru", "telegram"),
    ("Editorial Note", "editorial note"),  # 1961-63v12 d1
    ("Memorandum for the Record", "memorandum for the record"),  # 1961-63v12 d105
    ("Memorandum of Telephone Conversation Between the Under Secretary of State for Political "
     "Affairs (Harriman) and …", "memorandum of conversation"),  # 1964-68v28 d32
    ("Transcript of a Teletype Conference Between the Ambassador to Laos (Unger) and "
     "Secretary of State Rusk", "telephone conversation"),  # 1964-68v28 d27
    ("Summary Record of the 509th Meeting of the National Security Council",
     "minutes"),  # 1961-63v12 d56
    ("Memorandum of Conference With President Johnson", "minutes"),  # 1964-68v28 d83
    ("Summary of Conclusions of a Policy Review Committee Meeting", "minutes"),  # 1977-80v21 d6
    ("Backchannel Message 176 From the Ambassador to Egypt (Eilts) to Secretary of State "
     "Kissinger", "backchannel message"),  # 1969-76ve09p1 d39
    ("Central Intelligence Agency Information Report", "intelligence report"),  # 1964-68v28 d247
    ("Intelligence Memorandum, OCI No. 1487/74", "intelligence report"),  # 1969-76ve09p1 d32
    ("Intelligence Assessment Prepared in the Central Intelligence Agency",
     "intelligence report"),  # 1977-80v21 d30
    ("National Security Study Memorandum 9", "memorandum"),  # 1969-76v12 d4
    ("Report From the Representative to the United Nations (Stevenson) to President Kennedy",
     "report"),  # 1961-63v12 d14
    ("Study Prepared by the Ad Hoc Interdepartmental Group for Africa", "study"),  # ve09p1 d21
    ("Notes From Lunch Between the Assistant to the President (Ellsworth) and the Soviet "
     "Chargé (Tcherniakov)", "notes"),  # 1969-76v12 d8
    ("Paper Prepared in the Department of State", "paper"),
    ("Letter From President Carter to Prime Minister Ecevit", "letter"),
    ("Note From the Soviet Government to the Government of the United States", "note"),
    ("Department of State Policy Directive", "document"),  # 1961-63v12 d344
])
def test_kind_of(title: str, kind: str) -> None:
    assert kind_of(title) == kind


@pytest.mark.parametrize(("title", "parties"), [
    ("Telegram 16696 From the Department of State to the Embassy in Peru",
     ("Department of State", "Embassy in Peru")),
    # 1961-63v12 d5: "Consultant" is no office word, the name in brackets ends the sender.
    ("Draft Memorandum From the Consultant to the Task Force on Latin America (Gordon) to the "
     "President's Assistant Special Counsel (Goodwin)",
     ("Consultant to the Task Force on Latin America (Gordon)",
      "President's Assistant Special Counsel (Goodwin)")),
    ("Memorandum From the Deputy Assistant to the President (Scowcroft) to President Nixon",
     ("Deputy Assistant to the President (Scowcroft)", "President Nixon")),
    ("Telegram From the Mission to the United Nations to the Department of State",
     ("Mission to the United Nations", "Department of State")),
    ("Editorial Note", ("", "")),
])
def test_parties_of(title: str, parties: tuple[str, str]) -> None:
    assert parties_of(title) == parties


@pytest.mark.parametrize(("title", "number"), [
    ("Telegram 16696 From the Department of State to the Embassy in Peru", "16696"),
    ("Telegram 828/Secto 574 From the Interests Section in Syria to the Interests Section in "
     "Algeria", "828/Secto 574"),  # 1969-76ve09p1 d2
    ("Telegram From the Embassy in Uruguay to the Department of State", ""),  # 1961-63v12 d20
    ("Airgram A-123 From the Embassy in Laos to the Department of State", "A-123"),
])
def test_telegram_number_of(title: str, number: str) -> None:
    assert telegram_number_of(title) == number


@pytest.mark.parametrize(("paragraph", "kind", "number"), [
    ("16696. Subject: Peruvian Purchase of Soviet Tanks. For Ambassador.", "telegram", "16696"),
    ("100. IA-ECOSOC.", "telegram", "100"),  # 1961-63v12 d20: no subject line in the 1960s
    ("1812. From General Haig SACEUR SHAPE Be. Subject: Greek Reintegration.", "message",
     "1812"),  # 1977-80v21 d191
    ("1. You should seek an appointment with President Velasco", "telegram", ""),
    ("100. IA-ECOSOC.", "memorandum", ""),  # outside a telegram, a number may be a paragraph's
])
def test_telegram_line_number(paragraph: str, kind: str, number: str) -> None:
    assert telegram_line_number(paragraph, kind) == number


def test_telegram_line_after_a_routing_line() -> None:
    # 1969-76v12 d203: the number line follows an instruction to pass the telegram on.
    opening = ["White House please pass San Clemente for Secretary Rogers and Kissinger from "
               "Sisco.", "146306. Subj: Soviet Démarche on Middle East and U.S. reply."]
    assert telegram_line(opening, "telegram") == (1, "146306")
    assert telegram_line(["1. In general, enemy military activity.", "2. More."], "telegram") \
        is None


@pytest.mark.parametrize(("paragraph", "subject"), [
    ("16696. Subject: Peruvian Purchase of Soviet Tanks. For Ambassador.",
     "Peruvian Purchase of Soviet Tanks"),
    # 1969-76ve09p1 d124 and d45: abbreviations do not end the subject.
    ("156311. Subject: Mr. Habib’s Meeting with Ambassador Hedda, June 23.",
     "Mr. Habib’s Meeting with Ambassador Hedda, June 23"),
    ("Tosec 80271. Subject: Action Memorandum—Sadat’s Views on Northrop-Page Air Defense "
     "System for Libya (S/S No. 7515602). Ref: Tosec 80182 State 179817.",
     "Action Memorandum—Sadat’s Views on Northrop-Page Air Defense System for Libya "
     "(S/S No. 7515602)"),
    # 1977-80v21 d80: after a portion marking.
    ("Secto 8013. (U) Subject: Secretary’s Bilateral With Cyprus Foreign Minister Rolandis.",
     "Secretary’s Bilateral With Cyprus Foreign Minister Rolandis"),
    # 1977-80v21 d69: no closing full stop.
    ("1705. For Counselor Nimetz and Assistant Secretary Vest, EUR. Subj: Meeting With Perez "
     "de Cuellar June 18", "Meeting With Perez de Cuellar June 18"),
    # 1961-63v12 d344: mid-sentence, it is the subject of the memorandum referred to.
    ("National Security Action Memorandum No. 153 of May 15, 1962, Subject: Policy Statement "
     "on Dominican Republic.", ""),
])
def test_subject_in(paragraph: str, subject: str) -> None:
    assert subject_in(paragraph) == subject


def test_without_full_stop_keeps_abbreviations() -> None:
    # 1961-63v12 d362, a SUBJECT header's next line.
    assert without_full_stop("Presidential Meeting on Honduras and DR—November 1—5:00 p.m.") \
        == "Presidential Meeting on Honduras and DR—November 1—5:00 p.m."
    assert without_full_stop("Peruvian Fisheries Dispute.") == "Peruvian Fisheries Dispute"


@pytest.mark.parametrize(("note", "classification"), [
    ("Source: National Archives, RG 59, Central Foreign Policy Files. Secret; Priority; "
     "Exdis. Drafted by …", "Secret; Priority; Exdis"),
    # 1964-68v28 d180 and d196: file names that contain a marking are passed over.
    ("Source: Johnson Library, White House Central File, Confidential File, FO. Secret. The "
     "first page of this memorandum is on White House stationery", "Secret"),
    ("Source: Department of State, S/P Files: Lot 72 D 139, Top Secret Material. Top Secret; "
     "Sensitive. Prepared by the Central Intelligence Agency", "Top Secret; Sensitive"),
    # 1977-80v21 d140.
    ("Source: Central Intelligence Agency, Directorate of Intelligence, Job 80T00942A, Box 10, "
     "Turkey: Ecevit Government in Crisis, Secret/Copies 263, 24. Secret; [handling "
     "restriction not declassified]. A note on the title page reads:",
     "Secret; [handling restriction not declassified]"),
    # 1969-76v12 d147: after a comma.
    ("Source: Central Intelligence Agency, DCI Helms Chronological File, Job 80–B01285A, "
     "Box 11, Folder 9, Secret. Drafted by Helms.", "Secret"),
    # Markings only one importer knew: 1961-63v12 d310, 1964-68v28 d86, 1969-76v12 d194,
    # 1977-80v21 d25 and d207.
    ("Source: Yale University Library, Bowles Papers, Box 392, Folder 154. Personal. The "
     "editors have not been able", "Personal"),
    ("Source: Johnson Library, National Security File, Country File, Laos, Vol. VI, Memos "
     "6/1/64–6/14/64. Personal and Confidential.", "Personal and Confidential"),
    ("Source: National Archives, Nixon Presidential Materials, NSC Files, Box 783, Country "
     "Files, Latin America, Cuba. Confidential with Nodis Attachment. Sent for information.",
     "Confidential with Nodis Attachment"),
    ("Source: National Archives, RG 59, Records of Counselor Nimetz, 1977–1980, Lot 83D256, "
     "Box 1, POL 2 Cyprus 1977 and 1978. Eyes Only. A notation", "Eyes Only"),
    ("Source: Carter Library, National Security Affairs, Brzezinski Material, Country File, "
     "Box 26, Greece: 5/80–1/81. Administratively Confidential. In the",
     "Administratively Confidential"),
    # 1961-63v12 d186: none stated.
    ("Source: Kennedy Library, President's Office Files, Countries Series, Argentina, "
     "General, 1962.", ""),
    # An e-volume note: the summary's prose is not read.
    ("Summary: Kissinger described the Secret talks.\nSource: National Archives. "
     "Confidential; Immediate.", "Confidential; Immediate"),
])
def test_classification_in(note: str, classification: str) -> None:
    assert classification_in(note) == classification


@pytest.mark.parametrize(("paragraph", "label"), [
    ("4. The USG has every confidence", "4"),
    ("(a) The Prime Minister spoke first.", "(a)"),
    ("B. Threat to Neutralist Forces in Muong Soui.", "B"),  # 1964-68v28 d105
    ("II. Call the IA-ECOSOC meeting to organize", "II"),  # 1961-63v12 d10
    ("(III) Economic. Economic cooperation with Algeria", "(III)"),  # 1969-76ve09p1 d114
    ("I.", "I"),  # 1964-68v28 d57: a numeral on a line of its own
    ("700. Subject: Draft Report", ""),
    ("S. J. Papich, Federal Bureau of Investigation", ""),  # 1961-63v12 d90
    ("U. S. Contribution to the Laos Inflation Stabilization Fund", ""),  # 1964-68v28 d271
    ("T. asked when President Nixon might be selecting a man", ""),  # 1969-76v12 d8
    ("(S) Release of the CHAPARRAL and SIDEWINDER would", ""),  # 1969-76ve09p1 d66
    ("(U) The purpose of this paper is to establish", ""),  # 1969-76ve09p1 d85
    ("(TS) Cross Border Patrols in Southern Laos", ""),  # 1964-68v28 d21
    ("C. A vocal section of the U.S. public", "C"),  # 1961-63v12 d272
])
def test_paragraph_label(paragraph: str, label: str) -> None:
    assert paragraph_label(paragraph) == label


def test_references() -> None:
    # 1961-63v12 d198 and d411 footnotes; two-digit telegram numbers are real.
    text = ("According to telegram 47 from Buenos Aires, July 8. Telegram 58 to Panama. "
            "See Document 181. Printed in Foreign Relations, vol. X, Document 12.")
    assert [r.target for r in telegram_references(text)] == ["telegram 47", "telegram 58"]
    assert [r.target for r in document_references(text, "frus1964-68v28")] == [
        "frus1964-68v28/d181", "Document 12"]
    assert [r.target for r in references_in(text, None)] == [
        "telegram 47", "telegram 58", "Document 181", "Document 12"]
    assert [r.target for r in references_in(text, None, start=text.index("Telegram 58"))] == [
        "telegram 58", "Document 181", "Document 12"]
    for reference in references_in(text, "frus1964-68v28"):
        assert text[reference.start:reference.end] == reference.text
    assert telegram_references("Deptelegram 12 and telegram 5") == []


# -- the two importers agree -------------------------------------------------------------

FRUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus"
STRIDE = 5
# Where the documents differ in structure, not in how their prose is read: a signature
# block the TEI marks ("C. Edward Wells …") and table rows the plain text sees as lines.
LABELS_DIFFER = {"frus1961-63v12/d228", "frus1961-63v12/d381"}


@cache
def _tei(file_name: str) -> dict[str, Cable]:
    _, cables = read_tei_volume(FRUS / file_name)
    return {cable.id: cable for cable in cables}


def _pairs() -> list:
    if not FRUS.is_dir():
        return [pytest.param(None, id="corpus-missing")]
    return [pytest.param(path.name, id=path.stem) for path in sorted(FRUS.glob("*.xml"))]


@pytest.mark.shared
@pytest.mark.parametrize("file_name", _pairs())
def test_tei_and_web_text_state_the_same_facts(file_name: str | None) -> None:
    if file_name is None:
        pytest.fail(f"shared FRUS corpus missing: expected TEI volumes in {FRUS}")
    volume, documents = load_volume((FRUS / file_name).resolve())
    tei = _tei(file_name)
    checked = 0
    for div in documents[::STRIDE]:
        rendered = render_document(div, volume)
        text = parse_frus_text(rendered.web_text, volume=volume, source=rendered.xml_id)
        cable = tei[text.id]
        where = text.id
        assert text.kind == cable.kind == kind_of(cable.title), where
        assert text.telegram_number == cable.telegram_number, where
        assert text.classification == cable.classification, where
        # The TEI may mark sender and recipient; the plain text has only the title.
        assert (text.sender, text.recipient) == parties_of(cable.title), where
        # The TEI may mark several subjects ("A; B"); the plain text names the first.
        assert text.subject == cable.subject or text.subject in cable.subject.split("; "), where
        if where not in LABELS_DIFFER:
            assert [b.label for b in text.blocks if b.label] == [
                b.label for b in cable.blocks if b.label], where
        # The plain-text importer also links the heading's own number; the TEI does not.
        heading_end = text.blocks[0].end
        assert [r.target for r in text.references
                if r.target.startswith("telegram ") and r.start >= heading_end] == [
            r.target for r in cable.references if r.target.startswith("telegram ")], where
        checked += 1
    assert checked >= len(documents) // STRIDE


def test_a_foreign_envoy_s_address_names_both_parties():
    """"The Russian Ambassador to the Secretary of State": the office's own " to " is the
    split when no other is found (these notes fill the volumes of 1900–1945)."""
    from cable_annotator.importers.frus_prose import parties_of_address

    assert parties_of_address("The Russian Ambassador to the Secretary of State.") == (
        "Russian Ambassador", "Secretary of State")
    assert parties_of_address("The Chinese Minister to the Secretary of State") == (
        "Chinese Minister", "Secretary of State")
    assert parties_of_address("The Secretary of State to the British Ambassador") == (
        "Secretary of State", "British Ambassador")
    # An office that goes on with " to …" still keeps it when a second " to " follows.
    assert parties_of_address("The Ambassador to Peru (Belcher) to the Secretary of State") \
        == ("Ambassador to Peru (Belcher)", "Secretary of State")
