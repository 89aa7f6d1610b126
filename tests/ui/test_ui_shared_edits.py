"""Edits that meet a colleague's or a busy file: nothing is lost and nothing is overwritten.

Each test reproduces a way an edit used to disappear: a properties dialog open while a
colleague saved the header, a header save that failed, a footnote reference brought back after
a colleague rewrote its text, and a footnote deleted here while a save was being combined."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialog

from hgreport.model import Paragraph
from hgreport.storage import ReportStore
from ui import main_window


def test_properties_dialog_keeps_a_colleagues_header_change(window, seed_db, monkeypatch,
                                                           dialog_log):
    def exec_while_colleague_saves(dlg):
        with ReportStore.open(seed_db, author="Bình") as colleague:
            theirs = colleague.load_report()
            theirs.header.number = "123"
            colleague.save_header(theirs)
        window.sharing.poll()  # the window takes in the colleague's save meanwhile
        dlg.summary.setText("tóm tắt mới")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(main_window.PropertiesDialog, "exec", exec_while_colleague_saves)
    assert window.edit_properties()
    with ReportStore.open(seed_db) as store:
        header = store.load_report().header
    assert (header.number, header.summary) == ("123", "tóm tắt mới")
    assert dialog_log.conflicts == []


def test_a_header_save_that_fails_is_kept_and_retried(window, seed_db):
    s = window.session
    s.store.conn.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(seed_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    s.report.header.number = "999"
    assert not s.save_header(s.report.header, s.report.closing)
    assert s.state == "failed"
    holder.execute("ROLLBACK")
    holder.close()
    assert s.save_all()
    with ReportStore.open(seed_db) as store:
        assert store.load_report().header.number == "999"


def test_a_reference_brought_back_keeps_a_colleagues_footnote_text(window, seed_db):
    s = window.session
    sid = s.report.ordered_sections()[1].id
    window.tree.select(sid)
    doc = s.document(sid)
    fid = next(f for f in s.section(sid).footnote_refs())
    with ReportStore.open(seed_db, author="Bình") as colleague:
        theirs = colleague.load_footnote(fid)
        theirs.body = [Paragraph.of("Bình viết lại chú thích.")]
        colleague.save_footnote(theirs)
    window.delete_footnote(fid)  # the reference goes …
    doc.undo()  # … and comes back before anything was saved
    assert s.save_all()
    with ReportStore.open(seed_db) as store:
        assert store.load_footnote(fid).plain_text == "Bình viết lại chú thích."
    assert s.footnote(fid).plain_text == "Bình viết lại chú thích."


def test_restore_from_the_menu_and_undo_keep_unsaved_footnote_text(window, dialog_log):
    s = window.session
    victim = s.report.ordered_sections()[2].id
    window.tree.select(victim)
    window.delete_section()
    assert victim not in [x.id for x in s.report.ordered_sections()]
    fid = next(iter(s.report.footnote_numbers()))
    s.set_footnote_body(fid, [Paragraph.of("Sửa chưa lưu.")])
    window.restore_section()  # Sections → Restore…: asks which one (answered by the test)
    assert dialog_log.restore_offered and victim in dialog_log.restore_offered[-1]
    assert victim in [x.id for x in s.report.ordered_sections()]
    assert s.footnote(fid).plain_text == "Sửa chưa lưu."
    s.undo_stack.undo()  # undo the restore: the section goes again, the footnote edit stays
    assert s.footnote(fid).plain_text == "Sửa chưa lưu."
    assert s.save_all()
    with ReportStore.open(s.store.path) as store:
        assert store.load_footnote(fid).plain_text == "Sửa chưa lưu."


def test_an_undo_that_fails_on_a_busy_file_says_so(window, seed_db, dialog_log):
    s = window.session
    victim = s.report.ordered_sections()[2].id
    window.tree.select(victim)
    window.delete_section()
    s.store.conn.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(seed_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    s.undo_stack.undo()
    holder.execute("ROLLBACK")
    holder.close()
    assert dialog_log.errors, "the failed undo must be shown"
    assert "khóa" in dialog_log.errors[-1]
    window.restore_section()  # the section is still there to bring back
    assert victim in [x.id for x in s.report.ordered_sections()]


def test_undo_after_a_combined_save_cannot_take_out_a_colleagues_paragraph(window, seed_db,
                                                                           type_text):
    s = window.session
    sid = s.report.ordered_sections()[1].id
    window.tree.select(sid)
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.Start)
    type_text(window.editor, "An gõ thêm. ")
    with ReportStore.open(seed_db, author="Bình") as colleague:
        theirs = colleague.load_section(sid)
        theirs.body[-1] = Paragraph.of("Đoạn cuối do Bình viết.")
        colleague.save_section(theirs)
    assert s.save_all()  # different paragraphs: combined without a question
    doc = s.document(sid)
    doc.undo()
    doc.undo()
    assert s.save_all()
    with ReportStore.open(seed_db) as store:
        stored = store.load_section(sid)
    assert stored.body[-1].text == "Đoạn cuối do Bình viết."
    assert stored.body[0].text.startswith("An gõ thêm. ")
