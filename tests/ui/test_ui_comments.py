"""Comments in the window: "Thêm góp ý" on a selection (Ctrl+Alt+M, the right-click menu), the
comments panel (reply, resolve, filters, jump to the paragraph) and "Đánh dấu dự thảo…"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from hgreport.review.comments import add_comment, list_comments
from hgreport.review.drafts import list_drafts
from hgreport.storage import ReportStore
from ui import review_dialogs
from ui.blocks import OBJECT_CHAR, block_id_of

# the panel speaks through Qt's translation: read it in Vietnamese, as a clerk does
pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def answers(monkeypatch):
    """What the comment and draft dialogs answer (and what they were shown)."""
    given = {"comment": ["Cần nêu rõ số liệu."], "draft": "Dự thảo lần 1", "quotes": []}

    def comment(parent, quote="", reply=False):
        given["quotes"].append(quote)
        return given["comment"].pop(0) if given["comment"] else None

    monkeypatch.setattr(review_dialogs, "ask_comment_text", comment)
    monkeypatch.setattr(review_dialogs, "ask_draft_name", lambda parent, suggested:
                        given["draft"] or suggested)
    return given


def _paragraph_after_a_reference(win):
    """A section, and a cursor in its text just after a footnote mark that sits inside a
    paragraph (so the positions of the editor and the model's offsets differ)."""
    for sec in win.session.report.ordered_sections():
        for block in sec.body:
            runs = getattr(block, "runs", None) or []
            later = [i for i, r in enumerate(runs) if r.footnote
                     and len("".join(x.text for x in runs[i + 1:])) > 20]
            if later:
                win.tree.select(sec.id)
                doc = win.editor.document()
                qb = doc.begin()
                while block_id_of(qb) != block.id:
                    qb = qb.next()
                at = qb.text().index(OBJECT_CHAR) + 1
                return sec, block, qb, at
    raise AssertionError("the seed has references inside paragraphs")


def test_ctrl_alt_m_comments_on_the_selection(window, qtbot, answers, seed_db):
    sec, block, qb, at = _paragraph_after_a_reference(window)
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(qb.position() + at + 1)
    cursor.setPosition(qb.position() + at + 11, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    expected = cursor.selectedText().replace(OBJECT_CHAR, "")
    qtbot.keyClick(window.editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert answers["quotes"] == [expected]
    with ReportStore.open(seed_db) as store:
        found = list_comments(store)
    assert [(c.section_id, c.block_id, c.quote, c.text, c.author) for c in found] == [
        (sec.id, block.id, expected, "Cần nêu rõ số liệu.", "Người thử")]
    assert block.text[found[0].start:found[0].end] == expected
    panel = window.comments.panel
    assert window.comments.dock.isVisible() and panel.list.topLevelItemCount() == 1
    assert "Cần nêu rõ số liệu." in panel.list.topLevelItem(0).text(0)


def test_the_editor_menu_offers_a_comment_and_the_footnote_panel_key_gave_way(window):
    texts = [a.text() for a in window.editor.context_menu(window.editor.rect().center())
             .actions()]
    assert "Thêm góp ý…" in texts
    assert window.comments.act_add.shortcut() == QKeySequence("Ctrl+Alt+M")
    assert QKeySequence("Ctrl+Alt+M") not in window.act_footnotes.shortcuts()


def test_outside_a_paragraph_the_window_says_what_to_do(window, answers, dialog_log):
    window.editor.show_section(None, None)
    assert not window.comments.add_comment()
    assert dialog_log.errors and "Hãy chọn đoạn văn" in dialog_log.errors[-1]
    assert answers["quotes"] == []


def _seeded_comments(win):
    store = win.store
    secs = [s for s in win.session.report.ordered_sections() if s.body and s.body[0].text]
    first = add_comment(store, secs[0].id, secs[0].body[0].id, 0, 9, "Góp ý một", author="An")
    second = add_comment(store, secs[3].id, secs[3].body[0].id, 4, 12, "Góp ý hai",
                         author="Bình")
    win.comments.panel.refresh()
    return secs, first, second


def test_reply_resolve_and_filter_in_the_panel(window, answers):
    _secs, first, second = _seeded_comments(window)
    panel = window.comments.panel
    assert panel.list.topLevelItemCount() == 2
    answers["comment"] = ["Đã bổ sung."]
    assert panel.reply_to(first.id)
    item = panel.list.topLevelItem(0)
    assert item.childCount() == 1 and "Đã bổ sung." in item.child(0).text(0)
    assert panel.toggle_resolved(first.id)
    assert "đã giải quyết" in panel.list.topLevelItem(0).text(0)
    panel.open_only.setChecked(True)
    assert panel.list.topLevelItemCount() == 1
    assert "Góp ý hai" in panel.list.topLevelItem(0).text(0)
    panel.open_only.setChecked(False)
    panel.author_filter.setCurrentIndex(panel.author_filter.findData("Bình"))
    assert [panel.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(panel.list.topLevelItemCount())] == [second.id]
    panel.author_filter.setCurrentIndex(0)
    panel.section_filter.setCurrentIndex(panel.section_filter.findData(first.section_id))
    assert panel.list.topLevelItemCount() == 1
    assert panel.delete(first.id)
    assert [c.id for c in list_comments(window.store)] == [second.id]


def test_activating_a_comment_shows_its_paragraph_with_the_text_selected(window, answers):
    secs, _first, second = _seeded_comments(window)
    window.tree.select(secs[0].id)
    panel = window.comments.panel
    item = next(panel.list.topLevelItem(i) for i in range(panel.list.topLevelItemCount())
                if panel.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == second.id)
    panel.list.itemActivated.emit(item, 0)
    assert window.editor.section_id == second.section_id
    cursor = window.editor.textCursor()
    assert cursor.selectedText().replace(OBJECT_CHAR, "") == second.quote
    assert block_id_of(cursor.block()) == second.block_id


def test_mark_a_draft_from_the_file_menu(window, answers, seed_db):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.comments.act_mark_draft in file_menu.actions()
    assert window.comments.act_mark_draft.text() == "Đánh dấu dự thảo…"
    assert window.comments.act_mark_draft.isEnabled()
    window.comments.act_mark_draft.trigger()
    with ReportStore.open(seed_db) as store:
        assert [d.name for d in list_drafts(store)] == ["Dự thảo lần 1"]
        assert store.load_report().header.draft_mark == "Dự thảo lần 1"
    assert window.session.report.header.draft_mark == "Dự thảo lần 1"


def test_a_report_opened_read_only_cannot_get_comments(open_window, seed_db, qtbot):
    from ui.main_window import MainWindow

    store = ReportStore.open(seed_db, read_only=True)
    win = MainWindow(store)
    qtbot.addWidget(win)
    assert not win.comments.act_add.isEnabled()
    assert not win.comments.act_mark_draft.isEnabled()
    win.close()


def test_a_reviewed_word_file_comes_back_from_the_file_menu(window, answers, dialog_log,
                                                            seed_db, tmp_path, monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1]))
    from _review_helpers import make_reviewed

    from hgreport.export import export_docx
    from hgreport.review.drafts import export_stamp

    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        sent = export_docx(report, tmp_path / "gui.docx", stamp=export_stamp(store))
    paras = [(s.id, b) for s in report.ordered_sections() for b in s.body if b.text]
    (sa, a), (sb, b), (_sc, c) = paras[0], paras[1], paras[2]
    old_a, old_b = a.text.split()[3], b.text.split()[3]
    back = make_reviewed(sent, tmp_path / "gop-y.docx", direct=[(a.text[:30], old_a, "GÓPÝ")],
                         tracked=[(b.text[:30], old_b, "ĐỀXUẤT")],
                         comments=[(c.text[:30], c.text.split()[5], "Xem lại")])
    monkeypatch.setattr(review_dialogs, "ask_reviewed_path", lambda parent, folder="": str(back))
    file_menu = window.menuBar().actions()[0].menu()
    assert window.comments.act_import_review in file_menu.actions()
    window.tree.select(sa)
    window.comments.act_import_review.trigger()
    assert dialog_log.infos and "Trưởng ban Tuyên giáo" in dialog_log.infos[-1]
    assert "GÓPÝ" in window.editor.toPlainText()  # the open section shows the new text
    panel = window.comments.panel
    assert window.comments.dock.isVisible()
    assert panel.list.topLevelItemCount() == 1 and panel.suggestion_list.topLevelItemCount() == 1
    panel.suggestion_list.setCurrentItem(panel.suggestion_list.topLevelItem(0))
    assert panel.accept_button.isEnabled()
    panel.accept_button.click()
    assert panel.suggestion_list.topLevelItemCount() == 0
    window.tree.select(sb)
    assert "ĐỀXUẤT" in window.editor.toPlainText()
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        assert "ĐỀXUẤT" in next(x.text for x in store.load_section(sb).body if x.id == b.id)


def test_the_windows_export_carries_the_stamp_a_review_needs(window, seed_db):
    from hgreport.review.wordread import read_stamp

    written = window.export()
    assert written is not None
    with ReportStore.open(seed_db) as store:
        assert read_stamp(written)["hgreport.report"] == store.report_identity()
