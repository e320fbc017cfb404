"""Unnumbered pages that share a title are different documents (a new user's trial: the
second Francis telegram replaced the first), and a page imported again keeps its id."""

from __future__ import annotations

from cable_annotator.domain.citation import cite
from cable_annotator.importers.plaintext import parse_frus_text
from cable_annotator.services import queries
from cable_annotator.services.importing import import_files

TITLE = "The Ambassador in Russia (Francis) to the Secretary of State"


def _page(file_number: str, day: str, number: str, words: str) -> str:
    return (f"File No. {file_number}\n\n{TITLE}\n\n[Telegram]\n\nPetrograd, {day}, 1918.\n\n"
            f"{number}. {words}1\n\nFrancis\n\n1. Received two days later.\n")


def test_same_title_pages_get_distinct_stable_ids(project, tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(_page("861.00/1234", "January 5", "2145", "Situation unchanged."),
                     encoding="utf-8")
    second.write_text(_page("861.00/1301", "February 2", "2300", "Situation worse."),
                      encoding="utf-8")
    import_files(project, [first, second], volume="frus1918Russiav01")
    listed = [s for s in queries.list_cables(project) if s.volume == "frus1918Russiav01"]
    assert len(listed) == 2
    assert len({s.id for s in listed}) == 2
    texts = {queries.load_cable(project, s.id).text for s in listed}
    assert any("Situation unchanged." in t for t in texts)
    assert any("Situation worse." in t for t in texts)
    import_files(project, [first], volume="frus1918Russiav01")  # again: an update
    again = [s for s in queries.list_cables(project) if s.volume == "frus1918Russiav01"]
    assert sorted(s.id for s in again) == sorted(s.id for s in listed)


def test_numbered_documents_keep_their_number_ids():
    cable = parse_frus_text("293. Telegram 16696 From the Department of State to the Embassy "
                            "in Peru\n\nWashington, January 26, 1974.\n\n1. Text.\n",
                            volume="frus1969-76ve11p2")
    assert cable.id == "frus1969-76ve11p2/d293"


def test_a_citation_without_number_or_pages_ends_cleanly_and_names_the_file():
    cable = parse_frus_text(_page("861.00/1234", "January 5", "2145", "Situation unchanged."),
                            volume="frus1918Russiav01")
    citation = cite(cable)
    assert citation.endswith(", file 861.00/1234."), citation
    assert not citation.rstrip(".").endswith(",")
    assert "1918, Russia, vol. I" in citation
