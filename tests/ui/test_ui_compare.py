"""Comparing drafts in the window: File → "So sánh với dự thảo…" lists the sections that
changed since a draft (or between two drafts), shows the words removed and added, opens a
section in the editor and writes the Word file with tracked changes."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from hgreport.model import Footnote, Paragraph, Run
from hgreport.review.drafts import mark_draft
from hgreport.storage import ReportStore
from ui import compare_dialog


@pytest.fixture
def edited_since_draft(seed_db):
    """The seed marked "Dự thảo lần 1", then: a word changed in one section, a leaf section
    deleted, and the text of a footnote of a third section edited."""
    with ReportStore.open(seed_db, author="Văn phòng") as store:
        mark_draft(store, "Dự thảo lần 1", follow_mark=False)
    with ReportStore.open(seed_db, author="Nguyễn Văn A") as store:
        report = store.load_report()
        sections = report.ordered_sections()
        refs = {}
        for sec in report.all_sections():
            for fid in sec.footnote_refs():
                refs.setdefault(fid, set()).add(sec.id)
        noted = next(s for s in sections if any(refs[f] == {s.id} for f in s.footnote_refs()))
        note_id = next(f for f in noted.footnote_refs() if refs[f] == {noted.id})
        edited = next(s for s in sections if s.id != noted.id and s.body
                      and isinstance(s.body[0], Paragraph) and not s.body[0].footnote_refs()
                      and len(s.body[0].text.split(" ")) > 4)
        first = edited.body[0]
        words = first.runs[0].text.split(" ")
        old_word, words[2] = words[2], "CHỮMỚI"
        first.runs[0] = Run(" ".join(words), list(first.runs[0].marks))
        store.save_section(edited)
        gone = next(s for s in sections if s.id not in (edited.id, noted.id) and s.parent_id
                    and not any(c.parent_id == s.id for c in report.sections)
                    and not s.footnote_refs())
        store.delete_section(gone.id)
        note = store.load_footnote(note_id)
        store.save_footnote(Footnote(note_id, [Paragraph.of(note.plain_text + " (bổ sung)")],
                                     note.version))
    return {"db": seed_db, "edited": edited.id, "old_word": old_word, "gone": gone.id,
            "noted": noted.id, "note": note_id}


def _open(win):
    dlg = win.compare_drafts()
    assert dlg is not None and dlg.isVisible()
    return dlg


def _sections(dlg) -> set[str]:
    return {eid for kind, eid in dlg.listed() if kind == "section"}


def _marked_words(dlg) -> tuple[str, str]:
    """The struck-through and the underlined text of the view (below its legend)."""
    struck, underlined = [], []
    block = dlg.view.document().begin().next()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().fontStrikeOut():
                struck.append(frag.text())
            if frag.charFormat().fontUnderline():
                underlined.append(frag.text())
            it += 1
        block = block.next()
    return " ".join(struck), " ".join(underlined)


def test_the_file_menu_offers_the_comparison(window):
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert window.act_compare.text() in titles


def test_without_a_draft_the_window_says_to_mark_one(window, dialog_log):
    assert window.compare_drafts() is None
    assert len(dialog_log.infos) == 1 and "draft" in dialog_log.infos[0].lower()


def test_the_dialog_lists_exactly_the_changed_sections_and_the_footnote(edited_since_draft,
                                                                        open_window):
    win = open_window(edited_since_draft["db"])
    dlg = _open(win)
    e = edited_since_draft
    assert _sections(dlg) == {e["edited"], e["gone"], e["noted"]}
    assert ("footnote", e["note"]) in dlg.listed()
    labels = {dlg.list.item(i).data(compare_dialog.KEY)[1]: dlg.list.item(i).text()
              for i in range(dlg.list.count())}
    number = win.session.report.footnote_numbers()[e["note"]]
    assert str(number) in labels[e["noted"]]  # the section says which footnote changed
    assert "deleted" in labels[e["gone"]] or "xóa" in labels[e["gone"]]


def test_the_diff_of_a_changed_section_shows_removed_and_added_words(edited_since_draft,
                                                                     open_window):
    dlg = _open(open_window(edited_since_draft["db"]))
    dlg.select("section", edited_since_draft["edited"])
    struck, underlined = _marked_words(dlg)
    assert struck.strip() == edited_since_draft["old_word"]
    assert underlined.strip() == "CHỮMỚI"
    dlg.select("section", edited_since_draft["noted"])  # its footnote's words
    struck, underlined = _marked_words(dlg)
    assert "(bổ sung)" in underlined and not struck.strip()


def test_a_section_picked_opens_in_the_editor(edited_since_draft, open_window, qtbot):
    win = open_window(edited_since_draft["db"])
    dlg = _open(win)
    dlg.select("section", edited_since_draft["gone"])
    assert not dlg.go_button.isEnabled()  # deleted: nothing to open
    dlg.select("section", edited_since_draft["edited"])
    assert dlg.go_button.isEnabled()
    qtbot.mouseClick(dlg.go_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert win.editor.section_id == edited_since_draft["edited"]
    assert win.tree.current_id() == edited_since_draft["edited"]


def test_two_drafts_compare_between_themselves(edited_since_draft, open_window):
    with ReportStore.open(edited_since_draft["db"], author="Văn phòng") as store:
        mark_draft(store, "Dự thảo lần 2", follow_mark=False)
    win = open_window(edited_since_draft["db"])
    later = next(s for s in win.session.report.ordered_sections()
                 if s.id not in (edited_since_draft["edited"], edited_since_draft["noted"]))
    win.tree.select(later.id)
    cursor = win.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" thêm sau lần hai")
    dlg = _open(win)  # saves what is typed first
    assert dlg.drafts() == ("Dự thảo lần 2", None)  # the newest draft against now
    assert _sections(dlg) == {later.id}
    dlg.choose("Dự thảo lần 1", "Dự thảo lần 2")
    e = edited_since_draft
    assert _sections(dlg) == {e["edited"], e["gone"], e["noted"]}
    dlg.choose("Dự thảo lần 2", "Dự thảo lần 2")
    assert dlg.listed() == [] and dlg.summary.text()


def test_the_export_button_writes_tracked_changes(edited_since_draft, open_window, tmp_path,
                                                  monkeypatch, dialog_log, qtbot):
    target = tmp_path / "so-sanh.docx"
    asked = []
    monkeypatch.setattr(compare_dialog, "ask_compare_path",
                        lambda parent, suggested: asked.append(suggested) or str(target))
    dlg = _open(open_window(edited_since_draft["db"]))
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith(".docx")
    with zipfile.ZipFile(target) as z:
        xml = z.read("word/document.xml").decode()
    assert "<w:ins " in xml and "<w:del " in xml and "CHỮMỚI" in xml
    assert edited_since_draft["old_word"] in xml
    assert dialog_log.infos and str(target) in dialog_log.infos[-1]


def test_an_export_that_cannot_be_written_says_why(edited_since_draft, open_window, tmp_path,
                                                   monkeypatch, dialog_log):
    folder = tmp_path / "a-folder.docx"
    folder.mkdir()
    monkeypatch.setattr(compare_dialog, "ask_compare_path",
                        lambda parent, suggested: str(folder))
    dlg = _open(open_window(edited_since_draft["db"]))
    assert dlg.export() is None
    assert len(dialog_log.errors) == 1 and "Traceback" not in dialog_log.errors[0]



def test_the_comparison_is_in_vietnamese(vietnamese, edited_since_draft, open_window):
    win = open_window(edited_since_draft["db"])
    assert win.act_compare.text() == "&So sánh với dự thảo…"
    dlg = _open(win)
    assert dlg.windowTitle() == "So sánh với dự thảo"
    assert dlg.export_button.text() == "Xuất Word có đánh dấu thay đổi…"
    assert dlg.newer.itemText(0) == "Báo cáo hiện tại"
    assert dlg.summary.text() == "3 mục và 1 chú thích đã thay đổi."
    labels = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert any(label.endswith("— đã xóa") for label in labels)
    assert "gạch ngang" in dlg.view.toPlainText()
