"""The command line as a historian uses it, run as a real process on real files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME


def run(*args: str, project: Path | None = None, check: bool = True):
    command = [sys.executable, "-m", "cable_annotator"]
    if project is not None:
        command += ["--project", str(project)]
    result = subprocess.run(command + list(args), capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def imported(project_path: Path) -> Path:
    result = run("import", "--volume", SAMPLE_VOLUME, str(SAMPLE_TEXT), project=project_path)
    assert result.stdout.startswith(f"{SAMPLE_ID}\t293. Telegram 16696 From the Department")
    return project_path


def test_show_json_gives_the_parsed_cable(imported: Path) -> None:
    cable = json.loads(run("show", SAMPLE_ID, "--json", project=imported).stdout)
    assert cable["id"] == SAMPLE_ID and cable["volume"] == SAMPLE_VOLUME
    assert cable["number"] == "293"
    assert cable["title"] == "Telegram 16696 From the Department of State to the Embassy in Peru"
    assert "[Page" not in cable["text"]
    labels = [p["label"] for p in cable["paragraphs"] if p["label"]]
    assert labels == [str(n) for n in range(1, 11)]
    pages = {p["label"]: p["start"] for p in cable["pages"]}
    assert cable["text"][pages["781"]:].startswith("ensue.")
    assert cable["text"][pages["782"]:].startswith("that the Chileans")
    (note,) = cable["footnotes"]
    assert note["marker"] == "1" and note["kind"] == "source"
    assert note["text"].startswith("Summary: The Department instructed Belcher")
    assert "Source: National Archives" in note["text"]
    title_end = cable["text"].index("Embassy in Peru") + len("Embassy in Peru")
    assert note["offset"] == title_end
    targets = " ".join(r["target"] for r in note["references"])
    assert "193548" in targets and "8043" in targets and "d299" in targets
    assert cable["classification"] == "Secret; Exdis"
    assert cable["signature"] == "Kissinger"


def test_a_quote_found_several_times_says_which_one_it_annotated(imported: Path) -> None:
    """Tagging by a quote that occurs many times: the first is taken, and stderr says so
    and how to pick another (a walkthrough's script tagged "Laos" in a heading unawares)."""
    text = json.loads(run("show", SAMPLE_ID, "--json", project=imported).stdout)["text"]
    times = text.count("Soviet")
    assert times > 1
    first = run("annotate", SAMPLE_ID, "--quote", "Soviet", "--theme", "Arms race",
                project=imported)
    assert first.stdout.split("\t")[3].startswith(f"{text.index('Soviet')}–")
    assert f"'Soviet' occurs {times} times in {SAMPLE_ID}" in first.stderr
    assert "--occurrence N" in first.stderr
    once = run("annotate", SAMPLE_ID, "--quote", "an arms race could ensue",
               "--theme", "Arms race", project=imported)
    assert once.stderr == ""


def test_annotate_then_export_csv(imported: Path, tmp_path: Path) -> None:
    out = run("annotate", SAMPLE_ID, "--quote", "an arms race could ensue",
              "--theme", "Arms race", "--note", "escalation", project=imported)
    assert out.stdout.split("\t")[1] == SAMPLE_ID
    run("annotate", SAMPLE_ID, "--quote", "Summary", "--theme", "Soviet influence",
        "--part", "footnote:1", project=imported)
    listing = json.loads(run("list", "--json", project=imported).stdout)
    assert listing == [{"id": SAMPLE_ID, "volume": SAMPLE_VOLUME, "number": "293",
                        "title": "Telegram 16696 From the Department of State to the "
                                 "Embassy in Peru",
                        "date": listing[0]["date"], "kind": "telegram", "annotations": 2}]
    stdout_csv = run("export", "csv", project=imported).stdout
    rows = list(csv.DictReader(io.StringIO(stdout_csv)))
    by_quote = {row["quote"]: row for row in rows}
    assert by_quote["an arms race could ensue"]["page"] == "780–781"
    assert by_quote["an arms race could ensue"]["paragraph"] == "4"
    assert by_quote["Summary"]["part"] == "footnote 1"
    target = tmp_path / "annotations.csv"
    run("export", "csv", "-o", str(target), "--excel", project=imported)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_themes_list_and_add(project_path: Path) -> None:
    run("themes", "add", "Tanks", "--parent", "Arms sales", "--color", "#336699",
        project=project_path)
    themes = json.loads(run("themes", "--json", project=project_path).stdout)
    assert themes[0]["name"] == "Arms race" and themes[0]["shortcut"] == "1"
    names = [theme["name"] for theme in themes]
    assert names.index("Tanks") == names.index("Arms sales") + 1, "listed under its parent"
    tanks = themes[names.index("Tanks")]
    assert tanks["path"] == "Arms sales/Tanks" and tanks["color"] == "#336699"
    assert tanks["shortcut"] == "9", "the 9th theme of the codebook"
    listing = run("themes", project=project_path).stdout.splitlines()
    assert listing[2].split()[-2:] == ["Tanks", "0"] and "    Tanks" in listing[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("show", "frus1/d999"), "no cable"),
        (("annotate", SAMPLE_ID, "--quote", "not in the text", "--theme", "Arms race"),
         "does not occur"),
        (("annotate", SAMPLE_ID, "--quote", "arms race", "--theme", "Gardening"),
         "no theme 'Gardening'"),
        (("annotate", SAMPLE_ID, "--quote", "arms race", "--theme", "Arms race",
          "--part", "appendix"), "--part must be"),
    ],
)
def test_bad_requests_give_one_line_and_change_nothing(imported: Path, args, words) -> None:
    before = digest(imported)
    result = run(*args, project=imported, check=False)
    assert result.returncode == 1
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert digest(imported) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50),
        ("empty.txt", b" \n\n"),
        ("truncated.xml", b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
                          b"<text><body><div type=\"document\""),
    ],
)
def test_bad_files_give_one_line_naming_the_file(imported: Path, tmp_path: Path, name: str,
                                                 content: bytes) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    before = digest(imported)
    result = run("import", str(bad), project=imported, check=False)
    assert result.returncode == 1
    assert str(bad) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert digest(imported) == before


def test_foreign_project_file_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.cableproj"
    foreign.write_text("not a database", encoding="utf-8")
    result = run("list", project=foreign, check=False)
    assert result.returncode == 1 and str(foreign) in result.stderr
    assert foreign.read_text(encoding="utf-8") == "not a database"


def test_default_project_holds_the_sample_on_first_run(isolated_user_dirs: Path) -> None:
    listing = json.loads(run("list", "--json").stdout)
    assert [c["id"] for c in listing] == [SAMPLE_ID]
    assert (isolated_user_dirs / "data" / "cable-annotator" / "default.cableproj").exists()


def test_console_script_and_module_are_the_same_program() -> None:
    script = Path(sys.executable).with_name("cable-annotator")
    assert script.exists(), "the console script is installed beside the interpreter"
    assert run("--version").stdout == subprocess.run(
        [str(script), "--version"], capture_output=True, text=True).stdout


def test_a_mistyped_project_path_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "peru-typo.cableproj"
    for args in (("list",), ("export", "csv"), ("show", SAMPLE_ID), ("search", "tanks")):
        result = run(*args, project=missing, check=False)
        assert result.returncode == 1 and "does not exist" in result.stderr
    assert not missing.exists()


def test_search_limit_must_be_positive(imported: Path) -> None:
    result = run("search", "Peru", "--limit", "0", project=imported, check=False)
    assert result.returncode == 2 and "must be 1 or more" in result.stderr


def test_reimport_reports_moved_and_orphaned_annotations(imported: Path, tmp_path: Path) -> None:
    run("annotate", SAMPLE_ID, "--quote", "You should seek an appointment", "--theme",
        "Bilateral relations", project=imported)
    run("annotate", SAMPLE_ID, "--quote", "follows septel", "--theme", "Arms race",
        project=imported)
    corrected = tmp_path / "frus1969-76ve11p2-d293.txt"
    corrected.write_text(SAMPLE_TEXT.read_text(encoding="utf-8")
                         .replace("1. You should seek", "1. As agreed, you should seek")
                         .replace(" Guidance prepared for that purpose follows septel.", ""),
                         encoding="utf-8")
    result = run("import", str(corrected), project=imported)
    # "You" became "you": placed on the changed wording, said as such (not "followed").
    assert "1 annotation(s) were placed on slightly changed wording" in result.stderr
    assert "1 annotation(s) could not be placed" in result.stderr


def test_other_text_imports_verbatim_and_the_guess_is_reported(tmp_path: Path) -> None:
    """A letter that is no FRUS page imports as kind text, character for character; the
    guess is said on stderr, and --as frus reads it as a page instead."""
    letter = tmp_path / "letter.txt"
    content = "Dear colleague,\n\n\nhere are my notes on the tanks.\n\n1. One.\n2. Two.\n"
    letter.write_text(content, encoding="utf-8")
    project = tmp_path / "letters.cableproj"
    result = run("import", str(letter), project=project)
    assert "letter.txt read as plain text (kept verbatim) (guessed:" in result.stderr
    assert "--as frus" in result.stderr
    letter_id = result.stdout.split("\t")[0]
    assert letter_id.startswith("text/letter-")  # its tag keeps another letter.txt apart
    shown = json.loads(run("show", letter_id, "--json", project=project).stdout)
    assert shown["kind"] == "text" and shown["text"] == content
    assert shown["footnotes"] == [] and shown["number"] == ""
    as_page = run("import", "--as", "frus", str(letter), project=tmp_path / "p.cableproj")
    assert "read as a FRUS page (as asked)" in as_page.stderr


def test_a_text_without_a_number_is_listed_and_shown_by_its_title_alone(
        project_path: Path, tmp_path: Path) -> None:
    talk = tmp_path / "oral_history.txt"
    talk.write_text("Interview with a retired ambassador, 1989.\n\nQ: When?\n",
                    encoding="utf-8")
    run("import", "--as", "text", str(talk), project=project_path)
    [line] = run("list", project=project_path).stdout.splitlines()
    cable_id, heading, *_ = line.split("\t")
    assert heading == "Interview with a retired ambassador, 1989."
    shown = run("show", cable_id, project=project_path).stdout.splitlines()
    assert shown[0] == "Interview with a retired ambassador, 1989."
