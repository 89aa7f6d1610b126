"""One person reorganises the section tree (adds, renames, moves, indents, deletes, undoes)
while another types in the sections, both saving and taking in the other's saves at random.
The file stays whole, every word typed survives unless its section was deleted, and both
windows end showing every section as the file holds it (a section moved by one of them while
the other had just saved text into it used to keep the older text under the newer version)."""

from __future__ import annotations

import random

from _ui_helpers import random_tree_step, settle

from hgreport.storage import ReportStore


def test_tree_work_and_typing_by_two_people_keep_the_file_whole(
        window, colleague_window, seed_db, dialog_log, type_text):
    dialog_log.conflict_answer = "both"
    other = colleague_window
    rng = random.Random(2)
    typed: list[tuple[str, str]] = []
    for step in range(150):
        what = rng.random()
        ids = [s.id for s in other.session.report.ordered_sections()]
        if what < 0.35 or not ids:
            random_tree_step(rng, window.session, step, keep=6)
        elif what < 0.75:
            sid = rng.choice(ids)
            other.tree.select(sid)
            type_text(other.editor, f" B{step}x ")
            typed.append((f"B{step}x", sid))
        else:
            win = rng.choice([window, other])
            win.session.save_all() if rng.random() < 0.5 else win.session.pull_changes()
    settle(window, other)
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
