"""Starting hgreport: open a given file, the last file, or the first-run choice."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from hgreport.storage import ReportStore
from ui import app, windows
from ui.settings import recent_files, settings


def _no_loop(monkeypatch):
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)


def _close_all():
    from ui import i18n

    i18n.install_translators(QApplication.instance(), "en")
    i18n._current = i18n.DEFAULT_LANGUAGE
    for win in list(windows._windows):
        win.close()
        win.deleteLater()
    windows._windows.clear()


@pytest.fixture(autouse=True)
def _cleanup():
    yield
    _close_all()


def test_run_opens_the_given_file_and_remembers_it(qtbot, monkeypatch, seed_db):
    _no_loop(monkeypatch)
    assert app.run(str(seed_db)) == 0
    win = windows._windows[-1]
    assert win.isVisible() and win.store.path.resolve() == seed_db.resolve()
    assert win.tree.items[win.session.report.ordered_sections()[0].id].label().startswith("I. ")
    assert recent_files()[0] == str(seed_db.resolve())
    _close_all()


def test_run_without_a_path_opens_the_last_file(qtbot, monkeypatch, seed_db, dialog_log):
    _no_loop(monkeypatch)
    settings().setValue("last_file", str(seed_db))
    assert app.run() == 0
    assert windows._windows[-1].store.path.resolve() == seed_db.resolve()
    assert dialog_log.errors == []
    _close_all()


def test_first_run_new_report_from_template(qtbot, monkeypatch, tmp_path, dialog_log):
    _no_loop(monkeypatch)
    dialog_log.first_run = "new"
    dialog_log.save_path = str(tmp_path / "bao-cao-2025.db")
    assert app.run() == 0
    win = windows._windows[-1]
    assert win.store.path.name == "bao-cao-2025.db"
    from hgreport.interchange import load_report_json
    from hgreport.resources import template_path

    template = load_report_json(template_path("annual"))
    assert [s.title for s in win.session.report.ordered_sections()] == \
        [s.title for s in template.ordered_sections()]
    _close_all()
    with ReportStore.open(tmp_path / "bao-cao-2025.db") as store:
        assert store.load_report().header.type_name == template.header.type_name


def test_first_run_open_the_sample(qtbot, monkeypatch, dialog_log):
    _no_loop(monkeypatch)
    dialog_log.first_run = "sample"
    assert app.run() == 0
    win = windows._windows[-1]
    assert win.session.report.footnotes  # the sample shows footnotes
    assert win.footnotes.count() == len(win.session.report.footnotes_in_order())
    _close_all()


def test_first_run_open_a_file_or_give_up(qtbot, monkeypatch, seed_db, dialog_log):
    _no_loop(monkeypatch)
    dialog_log.first_run = "open"
    dialog_log.open_path = str(seed_db)
    assert app.run() == 0
    assert windows._windows[-1].store.path.resolve() == seed_db.resolve()
    _close_all()
    dialog_log.first_run = None
    settings().remove("last_file")
    assert app.run() == 0 and not windows._windows


def test_a_file_that_is_not_a_report_gives_a_message(qtbot, monkeypatch, tmp_path,
                                                     dialog_log):
    _no_loop(monkeypatch)
    bad = tmp_path / "word.db"
    bad.write_bytes(b"PK\x03\x04 not a database")
    assert app.run(str(bad)) == 1
    assert dialog_log.errors and "word.db" in dialog_log.errors[0]


def test_window_layout_is_remembered(open_window, seed_db):
    win = open_window(seed_db)
    win.resize(700, 500)
    win.splitter.setSizes([200, 600, 200])
    win.act_footnotes.setChecked(False)
    win._toggle_footnotes()
    win.close()
    again = open_window(seed_db)
    assert (again.width(), again.height()) == (700, 500)
    assert not again.footnotes.isVisible() and not again.act_footnotes.isChecked()


def test_a_read_only_report_can_be_read_but_not_changed(qtbot, seed_db, type_text):
    from ui.main_window import MainWindow

    store = ReportStore.open(seed_db, read_only=True)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    sid = [s.id for s in win.session.report.ordered_sections() if s.body][0]
    win.tree.select(sid)
    before = win.editor.document().toPlainText()
    assert before and win.editor.isReadOnly()
    type_text(win.editor, "không được")
    assert win.editor.document().toPlainText() == before
    assert not win.act_footnote.isEnabled() and not win.act_add.isEnabled()
    assert "[" in win.windowTitle()  # "[read-only]"
    win.close()


def test_recent_files_menu_opens_a_report(open_window, seed_db, tmp_path, qtbot):
    import shutil

    other = tmp_path / "khac.db"
    shutil.copy(seed_db, other)
    first = open_window(other)
    first.close()
    win = windows.open_path(seed_db)  # as the application opens a report
    win._fill_recent()
    titles = [a.text() for a in win.recent_menu.actions()]
    assert titles[:2] == [str(seed_db.resolve()), str(other.resolve())]
    win.recent_menu.actions()[1].trigger()
    opened = windows._windows[-1]
    assert opened.store.path.resolve() == other.resolve() and opened.isVisible()
    win.recent_menu.actions()[0].trigger()  # its own report: no second window on the file
    assert [w for w in windows._windows if w.isVisible()] == [win, opened]


def test_a_new_report_opens_beside_the_window_it_was_made_from(qtbot, seed_db, tmp_path,
                                                               dialog_log):
    win = windows.open_path(seed_db)
    dialog_log.save_path = str(tmp_path / "moi.db")
    win.act_new.trigger()
    new = windows._windows[-1]
    assert new is not win and new.isVisible() and new.store.path.name == "moi.db"
    dialog_log.open_path = str(seed_db)
    new.act_open.trigger()  # File → Open… in the new window, of the report already open
    assert [w for w in windows._windows if w.isVisible()] == [win, new]
    assert dialog_log.errors == []


def test_a_report_opens_where_reading_starts(open_window, seed_db, tmp_path):
    """The seed's introduction has text: the window opens on it, not on the empty "I." heading."""
    win = open_window(seed_db)
    assert win.tree.current_id() == win.session.report.intro.id
    assert win.editor.section_id == win.session.report.intro.id
    assert "Năm 2023" in win.editor.toPlainText()


def test_a_report_without_text_opens_on_its_first_section(open_window, tmp_path):
    from hgreport.model import Report, Section
    from hgreport.storage import ReportStore

    path = tmp_path / "trong.db"
    first = Section(title="MỤC ĐẦU", position=1)
    ReportStore.create(path, Report(sections=[first, Section(title="MỤC HAI", position=2)])).close()
    win = open_window(path)
    assert win.tree.current_id() == first.id
