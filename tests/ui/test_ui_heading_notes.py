"""A footnote on a section's heading: added from the tree, numbered in reading order, shown
above the page, deleted from the panel, and brought back by undo — never lost."""

from __future__ import annotations

from hgreport.storage import ReportStore


def _numbers(win):
    return win.session.report.footnote_numbers()


def test_add_a_footnote_to_a_heading_and_undo_it(window, seed_db, qtbot):
    s = window.session
    sid = s.report.ordered_sections()[1].id  # "1. Công tác chính trị …", first reference is here
    window.tree.select(sid)
    assert window.act_title_note in window.tree.menu_actions
    window.act_title_note.trigger()
    (fid,) = s.section(sid).title_notes
    # the heading's note comes before the body's references: it is number 1 now
    assert _numbers(window)[fid] == 1
    assert len(_numbers(window)) == 58
    assert "<sup>1</sup>" in window.heading.text()
    window.footnotes.editor.setPlainText("Chú thích ở tiêu đề.")
    qtbot.waitUntil(lambda: s.footnote(fid) is not None
                    and s.footnote(fid).plain_text == "Chú thích ở tiêu đề.")
    assert s.save_all()
    with ReportStore.open(seed_db) as store:
        saved = store.load_report()
    assert saved.section(sid).title_notes == [fid]
    assert saved.footnotes[fid].plain_text == "Chú thích ở tiêu đề."
    s.undo_stack.undo()
    assert s.section(sid).title_notes == []
    assert sorted(_numbers(window).values()) == list(range(1, 58))
    assert s.save_all()
    with ReportStore.open(seed_db) as store:
        again = store.load_report()
    assert again.section(sid).title_notes == [] and fid not in again.footnotes


def test_delete_a_heading_footnote_from_the_panel_and_bring_it_back(window, seed_db):
    s = window.session
    sid = s.report.ordered_sections()[3].id
    window.tree.select(sid)
    fid = s.add_title_note(sid)
    s.set_footnote_body(fid, s.footnote(fid).body)
    assert s.save_all()
    window.delete_footnote(fid)
    assert s.section(sid).title_notes == []
    assert s.save_all()
    with ReportStore.open(seed_db) as store:
        assert fid not in store.load_report().footnotes
    s.undo_stack.undo()
    assert s.section(sid).title_notes == [fid]
    assert s.save_all()
    with ReportStore.open(seed_db) as store:
        back = store.load_report()
    assert back.section(sid).title_notes == [fid] and fid in back.footnotes
    assert not [p for p in window.session.footnote_problems().values() if p]
