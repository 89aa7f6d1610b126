"""Every question the window asks and waits for, in one place (tests answer them by patching
these functions)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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


def ask_conflict(parent: QWidget | None, what: str) -> str:
    """Someone else saved the same part first: "mine" or "theirs"."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Changed by someone else"))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(
        QCoreApplication.translate(
            "Dialogs", "“%1” was changed by someone else while you were editing it."
        ).replace("%1", what)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs",
            "Keep your version (theirs stays in the history) or take theirs "
            "(yours stays in the history)?",
        )
    )
    mine = box.addButton(
        QCoreApplication.translate("Dialogs", "Keep mine"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QCoreApplication.translate("Dialogs", "Take theirs"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    return "mine" if box.clickedButton() is mine else "theirs"


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


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("Dialogs", "hgreport"), text)


def show_info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("Dialogs", "hgreport"), text)
