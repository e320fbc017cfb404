"""Corpus rows of documents with the same title read differently in a narrow column (the
trial's filter "Embassy in Argentina" listed ten rows of "Telegram From the Departmen…" /
"Telegram From the Embassy in…", told apart by their numbers only)."""

from __future__ import annotations

from PySide6.QtWidgets import QStyleOptionViewItem

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files
from cable_annotator.ui.corpus.title_delegate import text_room

from .window_helpers import open_window


def test_documents_of_one_title_are_told_apart_by_date(qtbot, project, tmp_path,
                                                       shared_corpus):
    import_files(project, [shared_corpus / "frus" / "frus1961-63v12.xml"])
    summaries = {s.id: s for s in queries.list_cables(project)}
    window = open_window(qtbot, project, tmp_path, 1024, 700)
    window.adaptive_layout.toggle_corpus.setChecked(True)  # the trial's corpus column
    panel = window.corpus
    qtbot.waitUntil(panel.isVisible)
    panel.filter_box.setText("Embassy in Argentina")
    qtbot.wait(300)
    tree = panel.tree
    tree.expandAll()
    qtbot.wait(50)
    volume = panel.proxy.index(0, 0)
    rows = [panel.proxy.index(row, 0, volume) for row in range(panel.proxy.rowCount(volume))]
    from cable_annotator.domain.citation import short_date
    from cable_annotator.ui.corpus.corpus_model import CABLE_ID_ROLE

    documents = [summaries[index.data(CABLE_ID_ROLE)] for index in rows]
    assert len(documents) >= 6
    repeated = [d for d in documents if sum(o.title == d.title for o in documents) > 1]
    assert len(repeated) >= 4, "no shared titles here: this proves nothing"
    metrics = tree.fontMetrics()
    delegate = tree.itemDelegateForColumn(0)
    painted: dict[str, set[tuple[str, str | None]]] = {}
    cut = 0
    for index, document in zip(rows, documents, strict=True):
        option = QStyleOptionViewItem()
        tree.initViewItemOption(option)
        option.rect = tree.visualRect(index)
        delegate.initStyleOption(option, index)
        shown = option.text  # what the row paints
        cut += shown != index.data()
        assert metrics.horizontalAdvance(shown) <= text_room(option), shown  # not cut again
        if shown.endswith(" to …"):  # the recipient is the volume's common one: dropped
            assert document.title.rpartition(" to ")[0][-5:] in shown, shown  # the post
        else:
            assert shown.endswith(document.title[-3:]), shown  # where it went, at the end
        assert shown.startswith(document.number + "  "), shown  # the number stays whole
        if document in repeated and document.date:
            assert short_date(document.date) in shown, (shown, document.date)
        painted.setdefault(shown[len(document.number):], set()).add(
            (document.title, document.date))
    assert cut, "every title fits: this proves nothing"
    told_apart = [len(kinds) == 1 for kinds in painted.values()]
    assert all(told_apart), {text: kinds for text, kinds in painted.items() if len(kinds) > 1}


def test_titles_of_the_1940s_keep_their_sender_when_cut(qtbot, project, tmp_path,
                                                        shared_corpus):
    """Pages of the 1940s are headed "The Ambassador in France (Bruce) to the Secretary
    of State", hundreds to one recipient: cut in the middle they all read "The Amb…f
    State". Cut, each row drops the recipient and keeps who sent it."""
    import_files(project, [shared_corpus / "frus-early" / "frus1949v07p1.xml"])
    summaries = {s.id: s for s in queries.list_cables(project)}
    window = open_window(qtbot, project, tmp_path, 1600, 1000)
    panel = window.corpus
    qtbot.waitUntil(panel.isVisible)
    tree = panel.tree
    tree.expandAll()
    qtbot.wait(50)
    from cable_annotator.ui.corpus.corpus_model import CABLE_ID_ROLE

    volume = panel.proxy.index(0, 0)
    delegate = tree.itemDelegateForColumn(0)
    to_the_secretary = cut = 0
    metrics = tree.fontMetrics()
    for row in range(panel.proxy.rowCount(volume)):
        index = panel.proxy.index(row, 0, volume)
        document = summaries[index.data(CABLE_ID_ROLE)]
        option = QStyleOptionViewItem()
        tree.initViewItemOption(option)
        option.rect = tree.visualRect(index)
        delegate.initStyleOption(option, index)
        shown = option.text
        if shown == index.data() or not document.title.endswith(" to the Secretary of State"):
            continue
        cut += 1
        sender = document.title.rpartition(" to ")[0]
        to_the_secretary += 1
        assert metrics.horizontalAdvance(shown) <= text_room(option), shown  # not cut again
        assert shown.endswith(" to …"), shown
        assert sender[-6:] in shown, (shown, sender)  # the post or the name, at least
    assert cut >= 50, "too few titles were cut to prove anything"
    assert to_the_secretary >= 50
