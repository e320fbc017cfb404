"""A project that cannot be opened at start is named on stderr and in a dialog."""

from __future__ import annotations


def test_a_foreign_file_given_as_project_is_named_on_stderr_and_in_a_dialog(
        qtbot, tmp_path, monkeypatch, capsys):
    from cable_annotator.ui.window import app

    shown = []
    monkeypatch.setattr(app.QMessageBox, "critical",
                        lambda _parent, _title, message: shown.append(message))
    notes = tmp_path / "notes.cableproj"
    notes.write_text("my notes, not a project", encoding="utf-8")
    assert app.start_app(notes) is None
    err = capsys.readouterr().err
    assert str(notes) in err and err.startswith("cable-annotator: ")
    assert shown and str(notes) in shown[0]
    assert notes.read_text(encoding="utf-8") == "my notes, not a project"


def test_a_project_path_with_nothing_there_is_asked_about_not_made_silently(
        qtbot, tmp_path, monkeypatch, capsys):
    """A mistyped --project once opened a new, empty project (and made its folder): the
    reader took her work for lost. Now a missing folder is refused, and a missing file is
    made only when the reader says yes."""
    from PySide6.QtWidgets import QMessageBox

    from cable_annotator.ui.window import app

    shown, asked = [], []
    monkeypatch.setattr(app.QMessageBox, "critical",
                        lambda _parent, _title, message: shown.append(message))
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(app.QMessageBox, "question",
                        lambda _parent, _title, message, *_: asked.append(message)
                        or answers.pop(0))
    in_missing_folder = tmp_path / "nonexistent" / "x.cableproj"
    assert app.start_app(in_missing_folder) is None
    assert not (tmp_path / "nonexistent").exists(), "no folder is made"
    assert shown and "does not exist" in shown[0] and str(in_missing_folder) in shown[0]
    assert asked == []

    new = tmp_path / "missing.cableproj"
    assert app.start_app(new) is None  # Cancel
    assert asked and str(new) in asked[0] and not new.exists()
    assert "nothing was created" in capsys.readouterr().err
    window = app.start_app(new)  # Yes
    qtbot.addWidget(window)
    assert window is not None and new.is_file()
    assert window.project.path == new
