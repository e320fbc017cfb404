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
