"""Importing whole TEI volumes into a project: one transaction, re-import in place,
cancellation and bad files leave the project exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from cable_annotator.importers.errors import ImportCancelled, ImportFailed
from cable_annotator.importers.tei import read_tei_volume
from cable_annotator.services.annotating import annotate_quote
from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import (
    annotations_of,
    find_theme,
    list_cables,
    load_cable,
    load_volume,
)

pytestmark = pytest.mark.shared
VOLUME = "frus1969-76ve09p1"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def volume_file(shared_corpus: Path, tmp_path: Path) -> Path:
    copy = tmp_path / f"{VOLUME}.xml"
    shutil.copyfile(shared_corpus / "frus" / f"{VOLUME}.xml", copy)
    return copy


def test_volume_is_stored_whole_and_loads_back_identical(empty_project, volume_file) -> None:
    volume, cables = read_tei_volume(volume_file)
    seen = []
    report = import_files(empty_project, [volume_file], progress=lambda d, t: seen.append((d, t)))
    assert report.added == len(cables) == 128
    assert seen[-1] == (128, 128)
    assert [c.id for c in list_cables(empty_project)] == [c.id for c in cables]
    for cable in cables:
        assert load_cable(empty_project, cable.id) == cable
    stored_volume = load_volume(empty_project, volume.id)
    assert stored_volume == volume
    assert stored_volume.persons, "the persons list is kept with the volume"


def test_reimporting_a_volume_keeps_annotations(empty_project, volume_file) -> None:
    import_files(empty_project, [volume_file])
    cable = next(c for c in list_cables(empty_project) if "Telegram" in c.title)
    text = load_cable(empty_project, cable.id).text
    quote = text[len(text) // 2: len(text) // 2 + 40]
    theme = find_theme(empty_project, "Bilateral relations")
    made = annotate_quote(empty_project, cable.id, quote, [theme.id]).annotation
    report = import_files(empty_project, [volume_file])
    assert report.added == 0 and report.updated == 128 and report.orphaned_annotations == 0
    (kept,) = annotations_of(empty_project, cable.id)
    assert (kept.id, kept.start, kept.end, kept.orphaned) == (made.id, made.start, made.end,
                                                              False)


def test_cancelled_import_stores_nothing(empty_project, volume_file) -> None:
    before = digest(empty_project.path)
    calls = []

    def cancel_after_ten() -> bool:
        calls.append(1)
        return len(calls) > 10

    with pytest.raises(ImportCancelled):
        import_files(empty_project, [volume_file], cancelled=cancel_after_ten)
    assert list_cables(empty_project) == []
    assert digest(empty_project.path) == before


def test_truncated_volume_leaves_project_unchanged(project, volume_file) -> None:
    data = volume_file.read_bytes()
    volume_file.write_bytes(data[: len(data) // 2])
    before = digest(project.path)
    with pytest.raises(ImportFailed) as raised:
        import_files(project, [volume_file])
    assert str(volume_file) in str(raised.value) and "line" in str(raised.value)
    assert digest(project.path) == before
    assert len(list_cables(project)) == 1
