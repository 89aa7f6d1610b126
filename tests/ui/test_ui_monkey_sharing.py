"""Two people in the same report file at once, at random: each types in a few sections (often
the same ones), adds footnotes and writes in them, moves paragraphs between sections, saves
and takes in the other's saves in any order; where both
changed the same paragraph they keep both. At the end nothing either of them typed is lost, the
two windows and the file read the same, and every reference has its footnote."""

from __future__ import annotations

import random

from _ui_helpers import body_sections, settle
from PySide6.QtGui import QTextCursor

from hgreport.model import Paragraph
from hgreport.storage import ReportStore


def test_two_people_typing_saving_and_pulling_at_random_lose_nothing(
        window, colleague_window, seed_db, dialog_log, type_text):
    dialog_log.conflict_answer = "both"  # where both changed a paragraph: keep both
    other = colleague_window
    people = {"A": window, "B": other}
    rng = random.Random(4)
    sections = body_sections(window, 3)[:3]
    typed: list[str] = []
    for step in range(160):
        name = rng.choice("AB")
        win = people[name]
        what = rng.random()
        if what < 0.6:
            sid = rng.choice(sections)
            win.tree.select(sid)
            editor = win.editor
            doc = editor.document()
            block = doc.findBlockByNumber(rng.randrange(doc.blockCount()))
            cursor = editor.textCursor()
            cursor.setPosition(block.position())
            editor.setTextCursor(cursor)
            word = f"{name}{step}x"
            type_text(editor, word + " ")
            typed.append(word)
            if rng.random() < 0.15:
                editor.insert_footnote()
        elif what < 0.64:  # a footnote's text added to (the footnote panel's edit)
            sid = rng.choice(sections)
            refs = [f for p in win.session.body_now(sid) for f in p.footnote_refs()
                    if win.session.footnote(f) is not None]
            if refs:
                fid = rng.choice(refs)
                note = win.session.footnote(fid)
                word = f"{name}{step}n"
                win.session.set_footnote_body(fid, [*note.body, Paragraph.of(word)])
                typed.append(word)
        elif what < 0.68:  # a paragraph moved to another section: cut here, paste there
            win.tree.select(rng.choice(sections))
            editor = win.editor
            doc = editor.document()
            block = doc.findBlockByNumber(rng.randrange(doc.blockCount()))
            cursor = editor.textCursor()
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1,
                               QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            editor.cut()
            win.tree.select(rng.choice(sections))
            cursor = win.editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            win.editor.setTextCursor(cursor)
            win.editor.paste()
        elif what < 0.8:
            win.session.save_all()
        else:
            win.session.pull_changes()
    settle(*people.values())
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
    check = report.check_references()
    assert not check.missing and not check.duplicates and not check.orphans, check
    text = " ".join([s.plain_text for s in report.all_sections()]
                    + [f.plain_text for f in report.footnotes.values()])
    lost = [w for w in typed if w not in text]
    assert not lost
    for sid in sections:
        stored = next(s for s in report.all_sections() if s.id == sid).body
        for win in people.values():
            assert [b.to_dict() for b in win.session.body_now(sid)] == \
                [b.to_dict() for b in stored]
    assert dialog_log.errors == []
