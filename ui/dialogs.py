"""Every question the window asks and waits for, in one place (tests answer them by patching
these functions)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTextEdit, QWidget

from .identity_dialog import IdentityDialog
from .restore_dialog import RestoreDialog


def _filter() -> str:
    return (
        QCoreApplication.translate("Dialogs", "hgreport reports (*.db)")
        + ";;"
        + QCoreApplication.translate("Dialogs", "All files (*)")
    )


def ask_open_path(parent: QWidget | None, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Dialogs", "Open report"), folder, _filter()
    )
    return path or None


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Save the new report as"),
        suggested,
        _filter(),
    )
    if path and not path.lower().endswith(".db"):
        path += ".db"
    return path or None


def first_run_choice(parent: QWidget | None) -> str | None:
    """ "new" (from the template), "sample", "open" or None (closed)."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Welcome to hgreport"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(QCoreApplication.translate("Dialogs", "What would you like to do?"))
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs",
            "A report is kept in one .db file that holds its sections, "
            "text and footnotes. Word files are made from it with Export.",
        )
    )
    new = box.addButton(
        QCoreApplication.translate("Dialogs", "New report from template"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    sample = box.addButton(
        QCoreApplication.translate("Dialogs", "Open the sample report"),
        QMessageBox.ButtonRole.ActionRole,
    )
    open_ = box.addButton(
        QCoreApplication.translate("Dialogs", "Open…"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return {new: "new", sample: "sample", open_: "open"}.get(clicked)


def ask_conflict(parent: QWidget | None, what: str, both: bool = False,
                 details: str = "") -> str:
    """Someone else saved the same part first: "mine" or "theirs" (and "both" when ``both``:
    both versions of the paragraph kept, one after the other). ``details`` (HTML, from
    :func:`ui.diff_view.conflicts_html`) is what "Show Details…" opens: the difference word by
    word, footnote numbers in place."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Changed by someone else"))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(
        QCoreApplication.translate(
            "Dialogs", "“%1” was changed by someone else while you were editing it."
        ).replace("%1", what)
    )
    if both:
        box.setInformativeText(QCoreApplication.translate(
            "Dialogs",
            "Their changes to other paragraphs are already combined with yours. You both "
            "changed the same paragraph: keep your version, take theirs, or keep both one "
            "after the other? (The other version stays in the history.)"))
    else:
        box.setInformativeText(
            QCoreApplication.translate(
                "Dialogs",
                "Keep your version (theirs stays in the history) or take theirs "
                "(yours stays in the history)?",
            )
        )
    box.addButton(
        QCoreApplication.translate("Dialogs", "Keep mine"), QMessageBox.ButtonRole.AcceptRole
    )
    theirs = box.addButton(
        QCoreApplication.translate("Dialogs", "Take theirs"), QMessageBox.ButtonRole.RejectRole
    )
    if details:
        _set_details_html(box, details)
    keep_both = None
    if both:
        keep_both = box.addButton(QCoreApplication.translate("Dialogs", "Keep both"),
                                  QMessageBox.ButtonRole.ActionRole)
    box.exec()
    clicked = box.clickedButton()
    if keep_both is not None and clicked is keep_both:
        return "both"
    return "theirs" if clicked is theirs else "mine"


def _set_details_html(box: QMessageBox, details: str) -> None:
    """Qt's "Show Details…" area shows plain text only: give it the HTML, and room to read."""
    doc = QTextDocument()
    doc.setHtml(details)
    box.setDetailedText(doc.toPlainText())
    view = box.findChild(QTextEdit)
    if view is not None:
        view.setObjectName("conflictDetails")
        view.setHtml(details)
        view.setFixedHeight(220)
        view.setMinimumWidth(560)


def warn_in_use(parent: QWidget | None, what: str, who: str) -> bool:
    """Someone else is editing the section about to open: True to edit it anyway, False to
    only read it."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Section in use"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(QCoreApplication.translate(
        "Dialogs", "%1 is editing “%2” right now.").replace("%1", who).replace("%2", what))
    box.setInformativeText(QCoreApplication.translate(
        "Dialogs",
        "You can edit it too: nothing is lost, and if you both change the same paragraph you "
        "will be asked which version to keep."))
    edit = box.addButton(QCoreApplication.translate("Dialogs", "Edit anyway"),
                         QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("Dialogs", "Only read"),
                  QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is edit


def ask_copy_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write a copy of the report (to send on USB or by e-mail)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Dialogs", "Send a copy: save the copy as"),
        suggested, _filter())
    if path and not path.lower().endswith(".db"):
        path += ".db"
    return path or None


def ask_merge_path(parent: QWidget | None, folder: str = "") -> str | None:
    """The copy that came back, to merge into this report."""
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Dialogs", "Merge another copy of this report"),
        folder, _filter())
    return path or None


def ask_identity(parent: QWidget | None, name: str = "", unit: str = "") -> tuple[str, str] | None:
    """Who is writing (asked once): (name, unit), or None when closed."""
    dlg = IdentityDialog(name, unit, parent)
    if dlg.exec() != dlg.DialogCode.Accepted:
        return None
    return dlg.values()


def ask_after_export(parent: QWidget | None, path: str) -> str | None:
    """After a successful export: "open", "folder" or None."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Export finished"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(QCoreApplication.translate("Dialogs", "The Word file was written:") + "\n" + path)
    open_ = box.addButton(
        QCoreApplication.translate("Dialogs", "Open"), QMessageBox.ButtonRole.AcceptRole
    )
    folder = box.addButton(
        QCoreApplication.translate("Dialogs", "Show in folder"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return {open_: "open", folder: "folder"}.get(box.clickedButton())


def ask_replace_export(parent: QWidget | None, path: str, free: str) -> str | None:
    """The Word file is already there: "replace" it, keep "both" (the new one as ``free``)
    or None (cancel)."""
    from pathlib import Path

    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "The Word file exists"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(QCoreApplication.translate(
        "Dialogs", "“%1” is already in this folder.").replace("%1", Path(path).name))
    box.setInformativeText(QCoreApplication.translate(
        "Dialogs", "Replace it with the new export, or keep both (the new one as “%1”)?")
        .replace("%1", Path(free).name))
    replace = box.addButton(QCoreApplication.translate("Dialogs", "Replace"),
                            QMessageBox.ButtonRole.DestructiveRole)
    both = box.addButton(QCoreApplication.translate("Dialogs", "Keep both"),
                         QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(both)
    box.exec()
    return {replace: "replace", both: "both"}.get(box.clickedButton())


def choose_deleted_section(parent: QWidget | None, sections) -> str | None:
    """Which deleted section to bring back (its id), or None. ``sections``:
    :class:`ui.restore_dialog.DeletedSection` entries, newest first."""
    dlg = RestoreDialog(sections, parent)
    if dlg.exec() != dlg.DialogCode.Accepted:
        return None
    return dlg.chosen()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("Dialogs", "hgreport"), text)


def show_info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("Dialogs", "hgreport"), text)
