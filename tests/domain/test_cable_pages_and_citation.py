"""Pages and paragraphs of passages, and the Chicago citation, on a hand-built cable."""

from __future__ import annotations

from cable_annotator.domain.cable import Block, Cable, Footnote, PageBreak
from cable_annotator.domain.citation import cite, human_date
from cable_annotator.domain.volume import describe_frus_id

TEXT = "Heading\n\n1. First paragraph on page one.\n\n2. Second paragraph turns here to two."
TURN = TEXT.index("to two")


def make_cable() -> Cable:
    first = TEXT.index("1.")
    second = TEXT.index("2.")
    return Cable(
        id="frus1969-76ve11p2/d293", volume="frus1969-76ve11p2", number="293",
        title="Telegram 16696 From the Department of State to the Embassy in Peru",
        text=TEXT, date="1974-01-29",
        blocks=[Block("heading", 0, 7), Block("paragraph", first, second - 2, "1"),
                Block("paragraph", second, len(TEXT), "2")],
        pages=[PageBreak("780", 0), PageBreak("781", TURN)],
        footnotes=[Footnote("1", "1", "source", "Summary: x.", offset=7)],
    )


def test_page_range_crosses_a_turn() -> None:
    cable = make_cable()
    assert cable.page_range("body", TEXT.index("turns"), TURN + 3) == "780–781"
    assert cable.page_range("body", TURN, TURN + 6) == "781"
    assert cable.page_range("body", 0, 7) == "780"
    assert cable.page_range("footnote 1", 0, 4) == "780"


def test_paragraph_numbers() -> None:
    cable = make_cable()
    assert cable.paragraph_range("body", TEXT.index("First"), TEXT.index("First") + 5) == "1"
    assert cable.paragraph_range("body", TEXT.index("page one"), TEXT.index("Second")) == "1–2"


def test_citation_names_document_and_page() -> None:
    citation = cite(make_cable(), None, "780–781")
    assert citation == (
        "\u201cTelegram 16696 From the Department of State to the Embassy in Peru,\u201d "
        "January 29, 1974, in Foreign Relations of the United States, 1969–1976, "
        "vol. E–11, pt. 2, doc. 293, pp. 780–781."
    )


def test_a_volume_titled_by_its_tei_is_cited_as_one_named_by_its_id() -> None:
    """The TEI of frus1969-76ve09p1 titles it "…, 1969-1976, Volume E-9, Part 1, …" (with
    hyphens); the citation abbreviates as the id-derived ones do, and names the subtitle
    once, not again because its dashes differ."""
    from cable_annotator.domain.volume import Volume

    volume = Volume("frus1969-76ve09p1", title=(
        "Foreign Relations of the United States, 1969-1976, Volume E-9, Part 1, "
        "Documents on North Africa, 1973-1976"),
        subtitle="Documents on North Africa, 1973–1976")
    cable = make_cable()
    cable.volume = "frus1969-76ve09p1"
    assert cite(cable, volume, "12") == (
        "\u201cTelegram 16696 From the Department of State to the Embassy in Peru,\u201d "
        "January 29, 1974, in Foreign Relations of the United States, 1969–1976, vol. E–9, "
        "pt. 1, Documents on North Africa, 1973–1976, doc. 293, p. 12.")
    twelve = Volume("frus1961-63v12", title=(
        "Foreign Relations of the United States, 1961–1963, Volume XII, American Republics"),
        subtitle="American Republics")
    assert ("in Foreign Relations of the United States, 1961–1963, vol. XII, American "
            "Republics, doc. 293") in cite(cable, twelve)


def test_volume_ids_become_readable_titles() -> None:
    assert describe_frus_id("frus1961-63v12").title == (
        "Foreign Relations of the United States, 1961–1963, vol. XII")
    assert describe_frus_id("frus1969-76ve09p1").volume_label == "vol. E–9, pt. 1"
    assert human_date("1974-09") == "September 1974"


def test_codebook_tree_order_puts_sub_themes_under_their_parent() -> None:
    from cable_annotator.domain.annotation import Theme, tree_order

    themes = [Theme(1, "Arms race"), Theme(2, "Arms sales"), Theme(3, "Tanks", parent_id=2),
              Theme(4, "Fisheries"), Theme(5, "Orphan", parent_id=99)]
    assert [(t.name, depth) for t, depth in tree_order(themes)] == [
        ("Arms race", 0), ("Arms sales", 0), ("Tanks", 1), ("Fisheries", 0), ("Orphan", 0)]


def test_ids_of_the_older_volumes_are_named_as_printed() -> None:
    assert describe_frus_id("frus1918Russiav01").title == (
        "Foreign Relations of the United States, 1918, Russia, vol. I")
    assert describe_frus_id("frus1917Supp02v01").title == (
        "Foreign Relations of the United States, 1917, Supplement 2, vol. I")
    assert describe_frus_id("frus1861").title == "Foreign Relations of the United States, 1861"
    assert describe_frus_id("frus1863p1").title == (
        "Foreign Relations of the United States, 1863, pt. 1")
    assert describe_frus_id("frus1952-54v07p1").title == (
        "Foreign Relations of the United States, 1952–1954, vol. VII, pt. 1")


def test_a_text_of_no_volume_is_cited_without_one() -> None:
    from cable_annotator.domain.cable import Cable
    from cable_annotator.domain.citation import cite

    cable = Cable(id="text/oral-history", volume="", number="", title="Oral history",
                  text="Q: When?", kind="text")
    assert cite(cable) == "“Oral history.”"


def test_a_passage_of_a_footnote_is_cited_by_its_page_and_note() -> None:
    """Chicago's "p. 780n1": the page of the note's marker and the note's printed number."""
    cable = make_cable()
    pages = cable.page_range("footnote 1", 0, 5)
    assert pages == "780"
    assert cite(cable, None, pages, part="footnote 1").endswith("doc. 293, p. 780n1.")
    assert cite(cable, None, "", part="footnote 1").endswith("doc. 293, n. 1.")
    assert cite(cable, None, "780").endswith("doc. 293, p. 780.")  # the body: no note


def test_a_document_of_a_volume_that_printed_no_numbers_is_cited_by_its_page() -> None:
    """FRUS numbered documents from 1952–1954 on: a 1949 page is cited by its page (the
    website's "d1" is no printed number); without a page, the address's number still
    finds it."""
    cable = make_cable()
    cable.volume, cable.number = "frus1949v07p1", "1"
    assert cite(cable, None, "4").endswith("vol. VII, pt. 1, p. 4.")
    assert cite(cable, None, "4", part="footnote 1").endswith("vol. VII, pt. 1, p. 4n1.")
    assert cite(cable, None, "").endswith("vol. VII, pt. 1, doc. 1.")
    cable.volume = "frus1952-54v07p1"
    assert cite(cable, None, "4").endswith("pt. 1, doc. 1, p. 4.")
