"""File → Import from Word… turns a .docx into a new report and opens it."""

from __future__ import annotations

import shutil
import sys

import pytest
from _import_helpers import ole_file, soffice_convert

from hgreport.export import export_docx
from hgreport.storage import ReportStore
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


def test_the_file_question_offers_doc_odt_and_rtf(window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args: asked.append(args) or ("", ""))
    assert import_word.ask_docx_path(window) is None
    assert "*.docx *.doc *.odt *.rtf" in asked[0][3]


def test_a_doc_is_converted_while_the_window_stays_alive(window, dialog_log, seed_report,
                                                         tmp_path, monkeypatch, qtbot):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    doc = soffice_convert(export_docx(seed_report, tmp_path / "cu.docx"), "doc", tmp_path / "d")
    monkeypatch.setattr(import_word, "ask_docx_path", lambda parent, folder="": str(doc))
    dialog_log.save_path = str(tmp_path / "tu-doc.db")
    new = import_word.import_word_report(window)
    qtbot.addWidget(new)
    assert new is not None
    assert "LibreOffice" in dialog_log.infos[-1]
    with ReportStore.open(tmp_path / "tu-doc.db") as store:
        again = store.load_report()
    assert len(again.sections) == 17 and len(again.footnotes) == 57
    new.close()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows looks in its install folders too")
def test_a_doc_without_libreoffice_says_what_to_do(window, dialog_log, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "")
    doc = ole_file(tmp_path / "cu.doc", ["WordDocument", "1Table"])
    monkeypatch.setattr(import_word, "ask_docx_path", lambda parent, folder="": str(doc))
    dialog_log.save_path = str(tmp_path / "x.db")
    assert import_word.import_word_report(window) is None
    assert "lưu thành .docx" in dialog_log.errors[-1]
    assert not (tmp_path / "x.db").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="the fake LibreOffice is sh")
def test_a_conversion_that_hangs_can_be_stopped_from_the_progress_box(window, dialog_log,
                                                                      tmp_path, monkeypatch):
    import os

    from _import_helpers import fake_soffice
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    bin_dir = fake_soffice(tmp_path / "bin", "sleep 300 & wait\n").parent
    monkeypatch.setenv("PATH", str(bin_dir) + os.pathsep + os.environ["PATH"])  # found first
    doc = ole_file(tmp_path / "treo.doc", ["WordDocument"])
    monkeypatch.setattr(import_word, "ask_docx_path", lambda parent, folder="": str(doc))
    seen = []

    def press_cancel():  # runs while the import waits: the window's event loop is alive
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                 and w.isVisible()]
        seen.append(len(boxes))
        if boxes:
            boxes[0].findChild(QPushButton).click()
        else:
            QTimer.singleShot(200, press_cancel)

    QTimer.singleShot(600, press_cancel)
    assert import_word.import_word_report(window) is None
    assert seen and seen[-1] == 1
    assert dialog_log.errors == [] and dialog_log.infos == []
