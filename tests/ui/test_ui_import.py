"""File → Import from Word… turns a .docx into a new report and opens it."""

from __future__ import annotations

from hgreport.export import export_docx
from hgreport.store import ReportStore
from ui import import_word


def test_import_a_word_report_from_the_window(window, dialog_log, seed_report, tmp_path,
                                              monkeypatch, qtbot):
    docx = export_docx(seed_report, tmp_path / "bao-cao-cu.docx")
    monkeypatch.setattr(import_word, "ask_docx_path", lambda parent, folder="": str(docx))
    dialog_log.save_path = str(tmp_path / "nhap.db")
    assert window.act_import.text()
    new = import_word.import_word_report(window, str(tmp_path))
    qtbot.addWidget(new)
    assert new is not None and new is not window
    assert dialog_log.infos and "bao-cao-cu.docx" in dialog_log.infos[-1]
    assert any("57" in line for line in dialog_log.infos[-1].splitlines())
    with ReportStore.open(tmp_path / "nhap.db") as store:
        again = store.load_report()
    assert len(again.sections) == 17 and len(again.footnotes) == 57
    assert [f.plain_text for _, f, _ in again.footnotes_in_order()] == \
        [f.plain_text for _, f, _ in seed_report.footnotes_in_order()]
    new.close()


def test_a_refused_file_is_explained_and_nothing_is_created(window, dialog_log, tmp_path,
                                                            monkeypatch):
    doc = tmp_path / "cu.doc"
    doc.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 2048)
    monkeypatch.setattr(import_word, "ask_docx_path", lambda parent, folder="": str(doc))
    dialog_log.save_path = str(tmp_path / "x.db")
    assert import_word.import_word_report(window) is None
    assert dialog_log.errors and ".docx" in dialog_log.errors[-1]
    assert not (tmp_path / "x.db").exists()


def test_stopping_at_the_file_question_does_nothing(window, dialog_log, monkeypatch):
    monkeypatch.setattr(import_word, "ask_docx_path", lambda parent, folder="": None)
    assert import_word.import_word_report(window) is None
    assert dialog_log.errors == [] and dialog_log.infos == []
