"""The questions of review rounds (one function each, which tests answer): the text of a new
comment or a reply, the name of a draft, the reviewed Word file to bring back."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

# key → the English source; the Vietnamese is in resources/translations (context ReviewDialogs)
TEXT = {
    "new_comment": QT_TRANSLATE_NOOP("ReviewDialogs", "New comment"),
    "reply": QT_TRANSLATE_NOOP("ReviewDialogs", "Reply to the comment"),
    "on_text": QT_TRANSLATE_NOOP("ReviewDialogs", "Comment on: “{quote}”"),
    "draft_title": QT_TRANSLATE_NOOP("ReviewDialogs", "Mark a draft"),
    "reviewed_title": QT_TRANSLATE_NOOP("ReviewDialogs", "Choose the reviewed Word file"),
    "word_files": QT_TRANSLATE_NOOP("ReviewDialogs", "Word files (*.docx)"),
    "draft_prompt": QT_TRANSLATE_NOOP("ReviewDialogs", "Name of the draft (records the whole report as it is now):"),
}


def t(key: str, **args) -> str:
    """A text of the review dialogs in the window's language (Qt translation)."""
    return QCoreApplication.translate("ReviewDialogs", TEXT[key]).format(**args)


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def ask_comment_text(parent: QWidget | None, quote: str = "", reply: bool = False) -> str | None:
    """The text of a new comment (or reply); None when cancelled or left empty."""
    dlg = QDialog(parent)
    dlg.setWindowTitle(t("reply" if reply else "new_comment"))
    layout = QVBoxLayout(dlg)
    if quote:
        label = QLabel(t("on_text", quote=_short(quote)), dlg)
        label.setWordWrap(True)
        layout.addWidget(label)
    edit = QPlainTextEdit(dlg)
    edit.setObjectName("commentText")
    layout.addWidget(edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dlg)
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    layout.addWidget(buttons)
    edit.setFocus()
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.toPlainText().strip() or None


def ask_draft_name(parent: QWidget | None, suggested: str) -> str | None:
    """The name of a new draft; None when cancelled."""
    dlg = QDialog(parent)
    dlg.setWindowTitle(t("draft_title"))
    layout = QVBoxLayout(dlg)
    layout.addWidget(QLabel(t("draft_prompt"), dlg))
    edit = QLineEdit(suggested, dlg)
    edit.selectAll()
    layout.addWidget(edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dlg)
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    layout.addWidget(buttons)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.text().strip() or None


def ask_reviewed_path(parent: QWidget | None, folder: str = "") -> str | None:
    """The reviewed Word file to bring back; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, t("reviewed_title"), folder, t("word_files"))
    return path or None
