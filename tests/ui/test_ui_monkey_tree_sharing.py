"""One person reorganises the section tree (adds, renames, moves, indents, deletes, undoes)
while another types in the sections, both saving and taking in the other's saves at random.
The file stays whole, every word typed survives unless its section was deleted, and both
windows end showing every section as the file holds it (a section moved by one of them while
the other had just saved text into it used to keep the older text under the newer version)."""

from __future__ import annotations

import random

from hgreport.storage import ReportStore
from ui.main_window import MainWindow


def _tree_step(rng: random.Random, session, step: int) -> None:
    ids = [s.id for s in session.report.ordered_sections()]
    if not ids:
        session.add_section(None, title=f"Mục {step}")
        return
    sid = rng.choice(ids)
    what = rng.random()
    if what < 0.25:
        session.add_section(sid, child=rng.random() < 0.4, title=f"Mục {step}")
    elif what < 0.45:
        session.rename_section(sid, f"Tên {step}")
    elif what < 0.6:
        session.move_up(sid)
    elif what < 0.7:
        session.demote(sid)
    elif what < 0.8 and len(ids) > 6:
        session.delete_section(sid)
    else:
        session.undo_stack.undo()


def test_tree_work_and_typing_by_two_people_keep_the_file_whole(window, seed_db, qtbot,
                                                                dialog_log, type_text):
    dialog_log.conflict_answer = "both"
    other = MainWindow(ReportStore.open(seed_db, author="Đồng nghiệp"))
    qtbot.addWidget(other)
    other.show()
    rng = random.Random(2)
    typed: list[tuple[str, str]] = []
    for step in range(150):
        what = rng.random()
        if what < 0.35:
            _tree_step(rng, window.session, step)
        elif what < 0.75:
            sid = rng.choice([s.id for s in other.session.report.ordered_sections()])
            other.tree.select(sid)
            type_text(other.editor, f" B{step}x ")
            typed.append((f"B{step}x", sid))
        else:
            win = rng.choice([window, other])
            win.session.save_all() if rng.random() < 0.5 else win.session.pull_changes()
    for _ in range(3):
        for win in (window, other):
            assert win.session.save_all()
        for win in (window, other):
            win.session.pull_changes()
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        deleted = {s.id for s in store.deleted_sections()}
    check = report.check_references()
    assert not check.missing and not check.duplicates and not check.orphans, check
    text = " ".join(s.plain_text for s in report.all_sections())
    assert [w for w, sid in typed if w not in text and sid not in deleted] == []
    for sec in report.ordered_sections():
        for win in (window, other):
            assert [b.to_dict() for b in win.session.body_now(sec.id)] == \
                [b.to_dict() for b in sec.body], sec.title
    assert dialog_log.errors == []
    other.close()
