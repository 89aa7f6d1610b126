"""The working copy of an open report, without a window: edits saved, a colleague's earlier save
combined or asked about (keep mine / take theirs / keep both), colleagues' saves taken in, the
section tree's operations and their inverses, and footnotes kept one reference each."""

from __future__ import annotations

import sqlite3

import pytest

from hgreport import errors
from hgreport.model import Footnote, Paragraph, Run, Section
from hgreport.storage import ReportStore
from hgreport.workspace import BOTH, MINE, THEIRS, Workspace

COLLEAGUE = "Đồng nghiệp"


@pytest.fixture
def work(seed_db):
    store = ReportStore.open(seed_db, author="An")
    yield Workspace(store)
    store.close()


def colleague_saves(path, sid, change) -> None:
    """Another person, through another connection, changes one section and saves it."""
    with ReportStore.open(path, author=COLLEAGUE) as other:
        sec = other.load_section(sid)
        change(sec, other)
        other.save_section(sec)


def stored(path, sid):
    with ReportStore.open(path) as store:
        return store.load_section(sid)


def texts(body) -> list[str]:
    return [p.text for p in body]


def with_body(work, at_least: int = 2) -> str:
    return next(s.id for s in work.report.ordered_sections() if len(s.body) >= at_least)


def edited(body, index: int, text: str) -> list:
    """``body`` with paragraph ``index`` reading ``text`` (same paragraph id, references kept)."""
    out = list(body)
    old = out[index]
    refs = [r for r in old.runs if r.footnote]
    out[index] = Paragraph([Run(text), *refs], old.align, old.page_break_before, old.id)
    return out


# -- saving ------------------------------------------------------------------------------------
def test_a_changed_body_is_unsaved_until_saved_and_then_in_the_file(work, seed_db):
    sid = with_body(work)
    body = edited(work.section(sid).body, 0, "Đoạn đầu đã sửa.")
    work.set_body(sid, body)
    assert work.unsaved_sections == {sid} and work.has_unsaved()
    assert stored(seed_db, sid).body[0].text != "Đoạn đầu đã sửa."
    changes = work.save()
    assert changes.ok and changes.sections == []  # nothing to show: the text is the person's
    assert not work.has_unsaved()
    assert stored(seed_db, sid).body[0].text == "Đoạn đầu đã sửa."
    assert work.word_counts()[sid] == work.section(sid).word_count()


def test_typing_is_read_once_when_saving(work, seed_db):
    sid = with_body(work)
    reads = []
    body = edited(work.section(sid).body, 0, "Đang gõ.")

    def read():
        reads.append(1)
        return body

    for _ in range(50):  # fifty keystrokes
        work.typing(sid, read)
    assert reads == [] and sid in work.unsaved_sections
    assert work.save().ok
    assert reads == [1]
    assert stored(seed_db, sid).body[0].text == "Đang gõ."


def test_a_failed_save_keeps_the_edit_and_the_next_save_writes_it(work, seed_db):
    sid = with_body(work)
    work.set_body(sid, edited(work.section(sid).body, 0, "Không mất chữ."))
    work.store.conn.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(seed_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        changes = work.save()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(changes.error, errors.Locked) and not changes.ok
    assert sid in work.unsaved_sections
    assert work.save().ok
    assert stored(seed_db, sid).body[0].text == "Không mất chữ."


# -- a colleague saved the same section first ----------------------------------------------------
def test_different_paragraphs_combine_without_a_question(work, seed_db):
    sid = with_body(work)
    work.set_body(sid, edited(work.section(sid).body, 0, "Câu của An."))

    def theirs(sec, _other):
        sec.body = edited(sec.body, len(sec.body) - 1, "Đoạn cuối của Bình.")

    colleague_saves(seed_db, sid, theirs)
    changes = work.save()
    assert changes.ok and changes.sections == [sid]  # the window shows the combined text
    for body in (work.section(sid).body, stored(seed_db, sid).body):
        assert body[0].text == "Câu của An." and body[-1].text == "Đoạn cuối của Bình."
    assert not work.has_unsaved()


def _clash(work, seed_db, index: int = 0):
    """An and a colleague both rewrite paragraph ``index``; the colleague also the last one.
    Returns (section id, the body before, An's question)."""
    sid = with_body(work, 3)
    before = work.section(sid).body
    work.set_body(sid, edited(before, index, "Bản của An."))

    def theirs(sec, _other):
        sec.body = edited(sec.body, index, "Bản của Bình.")
        sec.body = edited(sec.body, len(sec.body) - 1, "Đoạn cuối của Bình.")

    colleague_saves(seed_db, sid, theirs)
    changes = work.save()
    assert changes.error is None
    (question,) = changes.questions
    assert question.kind == "section" and question.entity_id == sid
    assert question.choices == (MINE, THEIRS, BOTH)
    assert question.versions() == [("Bản của An.", "Bản của Bình.")]  # only what differs
    assert sid in work.unsaved_sections  # until answered
    return sid, before, question


@pytest.mark.parametrize(("choice", "first"), [(MINE, ["Bản của An."]),
                                               (THEIRS, ["Bản của Bình."]),
                                               (BOTH, ["Bản của An.", "Bản của Bình."])])
def test_the_same_paragraph_asks_and_each_answer_is_saved(work, seed_db, choice, first):
    sid, before, question = _clash(work, seed_db, index=0)
    changes = work.resolve(question, choice)
    assert changes.ok and changes.sections == [sid]
    body = stored(seed_db, sid).body
    assert texts(body[:len(first)]) == first
    assert body[-1].text == "Đoạn cuối của Bình."  # their other paragraph lands in any case
    assert len(body) == len(before) + (choice == BOTH)
    assert texts(work.section(sid).body) == texts(body)
    assert not work.has_unsaved()


def test_keep_both_gives_the_copied_paragraph_its_own_footnote(work, seed_db):
    sid = with_body(work, 3)
    index = next(i for i, p in enumerate(work.section(sid).body) if p.footnote_refs())
    fid = work.section(sid).body[index].footnote_refs()[0]
    fn_text = work.footnote(fid).plain_text
    work.set_body(sid, edited(work.section(sid).body, index, "Bản của An."))
    colleague_saves(seed_db, sid,
                    lambda sec, _o: setattr(sec, "body", edited(sec.body, index, "Bản của Bình.")))
    (question,) = work.save().questions
    changes = work.resolve(question, BOTH)
    assert changes.ok
    body = stored(seed_db, sid).body
    mine, theirs = body[index], body[index + 1]
    assert (mine.text, theirs.text) == ("Bản của An.", "Bản của Bình.")
    assert fid in mine.footnote_refs() and fid not in theirs.footnote_refs()
    copy = theirs.footnote_refs()[0]
    assert copy != fid and work.footnote(copy).plain_text == fn_text
    with ReportStore.open(seed_db) as store:
        assert store.load_footnote(copy).plain_text == fn_text
        problems = store.load_report().check_references()
    assert not problems  # every footnote referenced exactly once
    assert work.footnote_problems() == {"missing": [], "orphan": [], "duplicate": []}
    work.renumber()
    assert work.numbers[copy] == work.numbers[fid] + len(mine.footnote_refs())
    assert len(work.numbers) == 57 + len(theirs.footnote_refs())


@pytest.mark.parametrize("choice", [MINE, BOTH])
def test_a_reference_that_two_versions_put_in_different_paragraphs_gets_its_own_copy(
        work, seed_db, choice):
    """A colleague rewrote An's paragraph without its footnote reference and kept An's old
    text, reference and all, in a paragraph of its own (their "keep both" of an earlier
    round); An rewrote the paragraph too, keeping the reference. Whatever An answers, the
    combined text must not reference the footnote twice: the later reference gets a copy."""
    sid = with_body(work, 3)
    index = next(i for i, p in enumerate(work.section(sid).body) if p.footnote_refs())
    para = work.section(sid).body[index]
    fid = para.footnote_refs()[0]
    fn_text = work.footnote(fid).plain_text
    work.set_body(sid, edited(work.section(sid).body, index, "Bản của An."))  # keeps the ref

    def theirs(sec, _other):
        sec.body = [*sec.body[:index], Paragraph.of("Bản của Bình."), Paragraph(list(para.runs)),
                    *sec.body[index + 1:]]

    colleague_saves(seed_db, sid, theirs)
    (question,) = work.save().questions
    assert work.resolve(question, choice).ok
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
    assert not report.check_references()  # every footnote referenced exactly once
    body = next(s for s in report.all_sections() if s.id == sid).body
    refs = [f for p in body for f in p.footnote_refs()]
    copies = [f for f in refs if f not in work.section(sid).body[0].footnote_refs()
              and report.footnotes[f].plain_text == fn_text and f != fid]
    assert fid in refs and len(copies) == 1
    assert work.footnote(copies[0]).plain_text == fn_text


def test_a_paragraph_moved_to_another_section_and_kept_here_by_a_colleague(work, seed_db):
    """An moves a paragraph with a footnote reference to another section; a colleague edits
    it where it was. Taking their version keeps it there too: the footnote is not referenced
    twice, the copy left behind gets its own footnote."""
    sid = with_body(work, 3)
    index = next(i for i, p in enumerate(work.section(sid).body) if p.footnote_refs())
    para = work.section(sid).body[index]
    fid = para.footnote_refs()[0]
    other = next(s.id for s in work.report.ordered_sections() if s.id != sid and s.body)
    work.set_body(sid, [p for i, p in enumerate(work.section(sid).body) if i != index])
    work.set_body(other, [*work.section(other).body, para])  # cut here, pasted there
    colleague_saves(seed_db, sid,
                    lambda sec, _o: setattr(sec, "body", edited(sec.body, index, "Bình sửa.")))
    changes = work.save()
    (question,) = changes.questions
    assert work.resolve(question, THEIRS).ok and not work.has_unsaved()
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
    assert not report.check_references()
    moved = next(s for s in report.all_sections() if s.id == other).body[-1]
    kept = next(p for p in next(s for s in report.all_sections() if s.id == sid).body
                if p.text.startswith("Bình sửa."))
    assert fid in moved.footnote_refs() + kept.footnote_refs()
    assert set(moved.footnote_refs()).isdisjoint(kept.footnote_refs())


def test_a_section_the_colleague_deleted_asks_and_keep_mine_brings_it_back(work, seed_db):
    sid = with_body(work)
    work.set_body(sid, edited(work.section(sid).body, 0, "Vẫn viết tiếp."))
    with ReportStore.open(seed_db, author=COLLEAGUE) as other:
        other.delete_section(sid)
    (question,) = work.save().questions
    assert question.deleted and question.choices == (MINE, THEIRS)
    assert work.resolve(question, MINE).ok
    assert stored(seed_db, sid).body[0].text == "Vẫn viết tiếp."


def test_a_section_the_colleague_deleted_goes_when_theirs_is_taken(work, seed_db):
    sid = with_body(work)
    work.set_body(sid, edited(work.section(sid).body, 0, "Bỏ đi."))
    with ReportStore.open(seed_db, author=COLLEAGUE) as other:
        other.delete_section(sid)
    (question,) = work.save().questions
    changes = work.resolve(question, THEIRS)
    assert changes.ok and sid in changes.gone and changes.outline
    assert not work.has_section(sid) and not work.has_unsaved()


def test_an_edit_after_the_question_was_asked_is_combined_afresh(work, seed_db):
    sid, _before, question = _clash(work, seed_db)
    body = edited(work.section(sid).body, 0, "An sửa lại lần nữa.")
    work.set_body(sid, body)
    again = work.resolve(question, THEIRS)  # the answer was about text that is gone
    (fresh,) = again.questions
    assert fresh.versions() == [("An sửa lại lần nữa.", "Bản của Bình.")]


def _footnote_clash(work, seed_db):
    """An and a colleague both rewrite the first footnote; returns its id and An's question."""
    fid = next(iter(work.numbers))
    work.set_footnote_body(fid, [Paragraph.of("Chú thích của An.")])
    with ReportStore.open(seed_db, author=COLLEAGUE) as other:
        fn = other.load_footnote(fid)
        fn.body = [Paragraph.of("Chú thích của Bình.")]
        other.save_footnote(fn)
    (question,) = work.save().questions
    return fid, question


def test_footnote_text_from_two_people(work, seed_db):
    fid, question = _footnote_clash(work, seed_db)
    assert question.kind == "footnote" and question.choices == (MINE, THEIRS, BOTH)
    changes = work.resolve(question, THEIRS)
    assert changes.ok and changes.footnotes == [fid]
    assert work.footnote(fid).plain_text == "Chú thích của Bình."
    work.set_footnote_body(fid, [Paragraph.of("An viết sau.")])
    assert work.save().ok  # against their version now: no question
    with ReportStore.open(seed_db) as store:
        assert store.load_footnote(fid).plain_text == "An viết sau."


def test_keep_both_for_a_footnote_keeps_both_texts_mine_first(work, seed_db):
    fid, question = _footnote_clash(work, seed_db)
    changes = work.resolve(question, BOTH)
    assert changes.ok and changes.footnotes == [fid] and not work.has_unsaved()
    both = ["Chú thích của An.", "Chú thích của Bình."]
    assert [p.text for p in work.footnote(fid).body] == both
    with ReportStore.open(seed_db) as store:
        assert [p.text for p in store.load_footnote(fid).body] == both


def test_header_fields_combine_and_the_same_field_asks(work, seed_db):
    with ReportStore.open(seed_db, author=COLLEAGUE) as other:
        theirs = other.load_report()
        theirs.header.place, theirs.header.summary = "Vị Thanh", "bản của Bình"
        other.save_header(theirs)
    header = work.report.header
    header.number, header.summary = "125", "bản của An"
    changes = work.save_header(header, work.report.closing)
    (question,) = changes.questions
    assert question.kind == "header" and question.versions() == [("bản của An",
                                                                   "bản của Bình")]
    assert work.resolve(question, MINE).ok
    with ReportStore.open(seed_db) as store:
        final = store.load_report().header
    assert (final.number, final.place, final.summary) == ("125", "Vị Thanh", "bản của An")


# -- colleagues' saves taken in ---------------------------------------------------------------------
def test_pull_takes_a_colleagues_save_of_another_section_and_keeps_mine(work, seed_db):
    mine, other_sid = [s.id for s in work.report.ordered_sections() if s.body][:2]
    my_body = edited(work.section(mine).body, 0, "Tôi đang gõ.")
    work.typing(mine, lambda: my_body)
    colleague_saves(seed_db, other_sid,
                    lambda sec, _o: setattr(sec, "body", edited(sec.body, 0, "Bình viết.")))
    colleague_saves(seed_db, mine,
                    lambda sec, _o: setattr(sec, "title", "Tiêu đề do Bình sửa"))
    changes = work.pull()
    assert changes.sections == [other_sid]  # only that text needs showing again
    assert work.section(other_sid).body[0].text == "Bình viết."
    assert work.body_now(mine)[0].text == "Tôi đang gõ." and mine in work.unsaved_sections
    assert work.save().ok  # my text combined with their title
    final = stored(seed_db, mine)
    assert final.body[0].text == "Tôi đang gõ." and final.title == "Tiêu đề do Bình sửa"


def test_pull_sees_sections_added_and_deleted_by_others(work, seed_db):
    victim = work.report.ordered_sections()[-1].id
    with ReportStore.open(seed_db, author=COLLEAGUE) as other:
        other.add_section(Section(title="Mục mới của Bình", position=99))
        other.delete_section(victim)
    changes = work.pull()
    assert changes.outline and changes.gone == [victim]
    assert "Mục mới của Bình" in [s.title for s in work.report.ordered_sections()]
    assert not work.has_section(victim)
    assert work.pull().sections == [] and not work.pull().gone  # nothing new: nothing changes


# -- the section tree ---------------------------------------------------------------------------------
def test_add_then_delete_then_restore(work, seed_db):
    first = work.report.ordered_sections()[0].id
    place = work.place_for_new(first)
    changes = work.add_section(*place, "Mục thêm")
    sid = changes.added
    assert changes.outline and work.place_of(sid) == place
    assert stored(seed_db, sid).title == "Mục thêm"
    assert sid in work.delete_section(sid).gone  # the inverse
    assert not work.has_section(sid)
    work.restore_section(sid)  # and again
    assert work.has_section(sid) and work.place_of(sid) == place


def test_moves_and_their_inverses(work, seed_db):
    parent = work.report.ordered_sections()[0].id
    sid = work.children_ids(parent)[1]
    before = work.place_of(sid)
    for how, expected in [("up", (parent, 0)), ("down", (parent, 2)),
                          ("promote", (None, work.children_ids(None).index(parent) + 1)),
                          ("demote", (work.children_ids(parent)[0], None))]:
        changes = work.move(sid, how)
        assert changes.outline
        place = work.place_of(sid)
        assert place[0] == expected[0] and (expected[1] is None or place[1] == expected[1])
        assert stored(seed_db, sid).parent_id == place[0]
        work.move_section(sid, *before)  # the inverse: back where it was
        assert work.place_of(sid) == before
    assert work.place_after(work.children_ids(None)[0], "up") is None
    assert not work.can_move(parent, sid, 0)  # never into itself


def test_moving_a_section_a_colleague_just_wrote_in_takes_their_text(work, seed_db):
    """The move is made on the file's text: the working copy takes the colleague's save that
    came with it (shown in the editor), and typing after it is combined with their words."""
    parent = work.report.ordered_sections()[0].id
    sid = work.children_ids(parent)[1]
    colleague_saves(seed_db, sid,
                    lambda sec, _o: setattr(sec, "body", edited(sec.body, 0, "Bình viết.")))
    changes = work.move(sid, "up")
    assert changes.sections == [sid] and work.section(sid).body[0].text == "Bình viết."
    work.set_body(sid, edited(work.section(sid).body, 1, "An viết sau."))
    assert work.save().ok
    body = stored(seed_db, sid).body
    assert (body[0].text, body[1].text) == ("Bình viết.", "An viết sau.")


def test_rename_and_back(work, seed_db):
    sid = work.report.ordered_sections()[1].id
    old = work.section(sid).title
    assert work.rename_section(sid, "  Tên   mới ").ok
    assert stored(seed_db, sid).title == "Tên mới"
    assert work.section_name(sid).endswith("Tên mới")
    work.rename_section(sid, old)
    assert stored(seed_db, sid).title == old


def test_a_heading_note_lives_with_its_heading_and_goes_with_the_inverse(work, seed_db):
    sid = work.report.ordered_sections()[1].id
    fn, problem = work.new_footnote([Paragraph.of("Chú thích ở tiêu đề.")])
    assert problem is None
    work.set_title_notes(sid, [fn.id])
    work.renumber()
    assert work.numbers[fn.id] == 1 and len(work.numbers) == 58
    work.set_title_notes(sid, [])  # the inverse: the note waits to be deleted
    assert work.save().ok
    assert work.footnote_problems()["orphan"] == []
    with ReportStore.open(seed_db) as store:
        assert fn.id not in store.load_report().footnotes


# -- footnotes ------------------------------------------------------------------------------------------
def test_deleting_a_section_takes_its_footnotes_and_leaves_no_problem(work, seed_db):
    sid = next(s.id for s in work.report.ordered_sections() if s.footnote_refs())
    refs = work.section(sid).footnote_refs()
    work.delete_section(sid)
    assert work.footnote_problems() == {"missing": [], "orphan": [], "duplicate": []}
    assert not set(refs) & set(work.report.footnotes)
    work.renumber()
    assert len(work.numbers) == 57 - len(set(refs))
    work.restore_section(sid)
    work.renumber()
    assert len(work.numbers) == 57 and not work.report.check_references()


def test_a_removed_reference_waits_and_comes_back_with_its_text(work, seed_db):
    sid = next(s.id for s in work.report.ordered_sections() if s.footnote_refs())
    before = work.section(sid).body
    fid = before[next(i for i, p in enumerate(before) if p.footnote_refs())].footnote_refs()[0]
    without = [Paragraph([r for r in p.runs if r.footnote != fid], p.align,
                         p.page_break_before, p.id) for p in before]
    assert work.set_body(sid, without)  # references changed
    assert work.footnote_problems()["orphan"] == [] and work.footnote(fid) is not None
    assert work.set_body(sid, before)  # undo: the same footnote, its text kept
    assert fid in work.report.footnotes
    work.set_body(sid, without)
    assert work.save().ok
    with ReportStore.open(seed_db) as store:
        assert fid not in store.load_report().footnotes  # deleted with the save (tombstone)


def test_copied_reference_gets_a_new_footnote_and_a_cut_one_keeps_its_own(work):
    fid = next(iter(work.numbers))
    copy, problem = work.copy_footnote(fid)
    assert problem is None and copy != fid
    assert work.footnote(copy).plain_text == work.footnote(fid).plain_text


def test_missing_and_orphan_footnotes_are_fixed(work, seed_db):
    sid = with_body(work)
    body = list(work.section(sid).body)
    body.append(Paragraph([Run("Tham chiếu lạc."), Run.ref("fn-missing")]))
    work.set_body(sid, body)
    assert work.footnote_problems()["missing"] == [("fn-missing", sid)]
    assert work.give_text_to_missing("fn-missing")
    assert work.footnote_problems()["missing"] == []
    with ReportStore.open(seed_db, author=COLLEAGUE) as other:  # a text nobody references
        other.add_footnote(Footnote("fn-orphan", [Paragraph.of("Không ai tham chiếu.")]))
    assert "fn-orphan" in work.pull().footnotes
    assert work.footnote_problems()["orphan"] == ["fn-orphan"]
    assert work.delete_orphan("fn-orphan")
    assert work.footnote_problems() == {"missing": [], "orphan": [], "duplicate": []}
    assert work.save().ok
    with ReportStore.open(seed_db) as store:
        footnotes = store.load_report().footnotes
    assert "fn-missing" in footnotes and "fn-orphan" not in footnotes


def test_a_footnote_colleagues_keep_saving_stays_unsaved_instead_of_recursing(work, monkeypatch):
    """Every save of the footnote loses the race and combines cleanly: after a few tries the
    save gives up for now (the text stays unsaved, tried again next time), as sections do."""
    from types import SimpleNamespace

    import hgreport.workspace.saving as saving

    fid = next(iter(work.report.footnotes))
    assert work.set_footnote_body(fid, [Paragraph.of("Chú thích sửa ở đây.")])
    tries = []

    def always_newer(footnote):
        tries.append(footnote.id)
        raise errors.Conflict(what="chú thích", who="Bình")

    def clean_combine(store, footnote):
        return SimpleNamespace(theirs=footnote, conflicts=[],
                               footnote=Footnote(id=footnote.id, body=list(footnote.body),
                                                 version=footnote.version + 1))

    monkeypatch.setattr(work.store, "save_footnote", always_newer)
    monkeypatch.setattr(saving, "rebase_footnote", clean_combine)
    out = work.save()
    assert out.error is None and not out.questions
    assert len(tries) == saving.ATTEMPTS + 1
    assert work.has_unsaved()
