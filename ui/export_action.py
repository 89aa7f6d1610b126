"""File → Export to Word: save, write the Word file next to the report with a progress dialog
(named after the whole summary; asked first when a file of that name is there), list the points
to check (never blocking), then offer to open the file or its folder — and say so when this
computer has no program to open it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QProgressDialog, QStatusBar, QWidget

from hgreport import errors

from . import dialogs
from .i18n import current_language, format_number
from .problems_dialog import ProblemsDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the context of the translations


class ExportAction:
    """One report's export; a second Ctrl+E while the file is being written does nothing."""

    def __init__(self, parent: QWidget, session, problems: ProblemsDialog, status: QStatusBar,
                 flush: Callable[[], object]):
        self.parent = parent
        self.session = session
        self.problems = problems
        self.status = status
        self.flush = flush  # text still being typed in a panel goes into the session first
        self.running = False

    def run(self) -> Path | None:
        """Write the Word file; returns its path, or None when it could not be written."""
        if self.running:
            return None
        self.flush()
        self.session.save_all()
        try:
            from hgreport.export import export_docx, suggested_filename
        except ImportError:
            dialogs.show_error(self.parent, _tr("Export to Word is not available in this build."))
            return None
        from hgreport.checks import find_problems
        from hgreport.export.filenames import free_name

        report = self.session.snapshot()
        problems = find_problems(report, self.session.numbering)
        folder = Path(self.session.store.path).parent
        target = folder / suggested_filename(report, folder)
        if target.exists():
            choice = dialogs.ask_replace_export(self.parent, str(target), str(free_name(target)))
            if choice is None:
                return None
            if choice == "both":
                target = free_name(target)
        progress = self._progress_dialog()

        def step(*args) -> None:
            if len(args) >= 2 and args[1]:
                progress.setValue(int(100 * args[0] / args[1]))
            elif args and isinstance(args[0], (int, float)):
                value = args[0]
                progress.setValue(int(value * 100) if value <= 1 else int(value))
            QApplication.processEvents()

        self.running = True
        try:
            from hgreport.review.drafts import export_stamp  # the file can come back reviewed

            written = export_docx(report, target, profile=None, progress=step,
                                  stamp=export_stamp(self.session.store))
        except errors.ReportError as exc:
            progress.close()
            dialogs.show_error(self.parent, str(exc))
            return None
        except OSError as exc:
            progress.close()
            dialogs.show_error(self.parent, _tr("Cannot write the Word file: %1")
                               .replace("%1", exc.strerror or str(exc)))
            return None
        finally:
            self.running = False
        progress.setValue(100)
        progress.close()
        path = Path(written) if isinstance(written, (str, Path)) else target
        self._tell(path, problems)
        return path

    def _progress_dialog(self) -> QProgressDialog:
        progress = QProgressDialog(_tr("Writing the Word file…"), "", 0, 100, self.parent)
        progress.setWindowTitle(_tr("Export"))
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        return progress

    def _tell(self, path: Path, problems) -> None:
        """The points to check, a line in the status bar, and the choice what to open."""
        if problems:
            self.problems.show_problems(problems, current_language())
            note = _tr("%1 points to check").replace("%1", format_number(len(problems)))
        else:
            self.problems.hide()
            note = _tr("no problems found")
        self.status.showMessage(_tr("Exported to %1 — %2").replace("%1", str(path))
                                .replace("%2", note), 15000)
        choice = dialogs.ask_after_export(self.parent, str(path))
        if choice == "open":
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                dialogs.show_error(self.parent, _tr(
                    "No program on this computer opens Word files (.docx). The file is "
                    "written: %1\nInstall Word or LibreOffice, or take the file to a computer "
                    "that has one.").replace("%1", str(path)))
        elif choice == "folder":
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
                dialogs.show_error(self.parent, _tr(
                    "The folder cannot be shown on this computer. The file is in: %1")
                    .replace("%1", str(path.parent)))
