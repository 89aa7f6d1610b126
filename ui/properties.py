"""Document properties: every header and closing field and the format profile, with a live
preview of the printed header."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hgreport.layout import (
    BlankLine,
    ColumnsPlan,
    Item,
    Profile,
    RuleLine,
    header_plan,
    title_plan,
)
from hgreport.model import Closing, Header
from hgreport.resources import profiles
from hgreport.text import clean_line

URGENCIES = ["", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]
DRAFT_MARKS = ["", "Dự thảo", "Dự thảo lần 1", "Dự thảo lần 2", "Dự thảo lần 3"]
PREVIEW_SCALE = 10 / 14  # the preview's text is smaller than print: 14 pt shows as 10 pt


def _item_html(item: Item, column_mm: float) -> str:
    """One line of the layout plan as rich text for a QLabel."""
    if isinstance(item, RuleLine):
        share = max(1, min(100, round(100 * item.length_mm / column_mm)))
        return f"<hr width='{share}%' style='margin:0'>"
    if isinstance(item, BlankLine):
        return "<p style='margin:0'>&nbsp;</p>"
    text = html.escape(item.text).replace("  ", "&nbsp;&nbsp;")
    if item.bold:
        text = f"<b>{text}</b>"
    if item.italic:
        text = f"<i>{text}</i>"
    if item.underline:
        text = f"<u>{text}</u>"
    before = (item.space_before_pt or 0) * PREVIEW_SCALE
    return (f"<p align='{item.align}' style='margin:0; margin-top:{before:.1f}pt; "
            f"font-size:{item.size_pt * PREVIEW_SCALE:.1f}pt'>{text}</p>")


def _column_html(items: tuple[Item, ...], column_mm: float) -> str:
    return "".join(_item_html(i, column_mm) for i in items) or "&nbsp;"


def header_preview_html(header: Header, profile: Profile) -> str:
    """The first-page header and title block as they will print (the same layout plan the
    Word file is written from), as rich text for a label."""
    plan: ColumnsPlan = header_plan(header, profile)
    total = plan.left_mm + plan.right_mm
    left_share = round(100 * plan.left_mm / total)
    font = html.escape(profile.font.name)
    return (
        f"<div style='font-family:\"{font}\",serif'>"
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='{left_share}%' valign='top'>{_column_html(plan.left, plan.left_mm)}</td>"
        f"<td width='{100 - left_share}%' valign='top'>"
        f"{_column_html(plan.right, plan.right_mm)}</td></tr></table>"
        f"{_column_html(title_plan(header, profile), profile.page.text_width_mm)}</div>"
    )


class PropertiesDialog(QDialog):
    """Edits a copy of the header and closing and the choice of format profile;
    :meth:`values` and :meth:`profile_id` return them."""

    def __init__(self, header: Header, closing: Closing, profile: Profile, parent=None):
        super().__init__(parent)
        self.setObjectName("propertiesDialog")
        self.setWindowTitle(self.tr("Document properties"))
        self.profile = profile
        self._profiles = {p.id: p for p in profiles()}
        self._profiles.setdefault(profile.id, profile)
        self.profile_choice = QComboBox()
        self.profile_choice.setObjectName("profileChoice")
        for p in self._profiles.values():
            self.profile_choice.addItem(p.name, p.id)
            self.profile_choice.setItemData(self.profile_choice.count() - 1, p.based_on,
                                            Qt.ItemDataRole.ToolTipRole)
        self.profile_choice.setCurrentIndex(self.profile_choice.findData(profile.id))
        h = header
        self.issuer = QLineEdit(h.issuer)
        self.superior = QLineEdit(h.superior)
        self.superior.setPlaceholderText(self.tr("e.g. ĐẢNG BỘ TỈNH … (may be empty)"))
        self.number = QLineEdit(h.number)
        self.number.setPlaceholderText(self.tr("empty while a draft"))
        self.type_name = QComboBox()
        self.type_name.setEditable(True)
        self._fill_types()
        self.type_name.setCurrentText(h.type_name)
        self.type_code = QLineEdit(h.type_code)
        self.issuer_code = QLineEdit(h.issuer_code)
        self.place = QLineEdit(h.place)
        self.day = self._spin(0, 31, h.day)
        self.month = self._spin(0, 12, h.month)
        self.year = self._spin(1900, 2999, h.year or 2024, blank=False)
        self.summary = QLineEdit(h.summary)
        self.draft_mark = QComboBox()
        self.draft_mark.setEditable(True)
        self.draft_mark.addItems(DRAFT_MARKS)
        self.draft_mark.setCurrentText(h.draft_mark)
        self.urgency = QComboBox()
        self.urgency.setEditable(True)
        self.urgency.addItems(URGENCIES)
        self.urgency.setCurrentText(h.urgency)
        self.recipients = QPlainTextEdit("\n".join(closing.recipients))
        self.recipients.setPlaceholderText(self.tr("One recipient per line, e.g. - Ban Bí thư,"))
        self.recipients.setMinimumHeight(90)
        self.authority = QLineEdit(closing.authority)
        self.authority.setPlaceholderText("T/M BAN THƯỜNG VỤ")
        self.position = QLineEdit(closing.position)
        self.position.setPlaceholderText("BÍ THƯ")
        self.signer = QLineEdit(closing.signer)

        head = QGroupBox(self.tr("Header"))
        form = QFormLayout(head)
        form.addRow(self.tr("Format profile:"), self.profile_choice)
        form.addRow(self.tr("Superior body:"), self.superior)
        form.addRow(self.tr("Issuing body:"), self.issuer)
        row = QHBoxLayout()
        row.addWidget(self.number, 2)
        row.addWidget(QLabel(self.tr("Type code:")))
        row.addWidget(self.type_code, 1)
        row.addWidget(QLabel(self.tr("Issuer code:")))
        row.addWidget(self.issuer_code, 1)
        form.addRow(self.tr("Number:"), row)
        form.addRow(self.tr("Document type:"), self.type_name)
        form.addRow(self.tr("Place:"), self.place)
        date_row = QHBoxLayout()
        for label, w in ((self.tr("day"), self.day), (self.tr("month"), self.month),
                         (self.tr("year"), self.year)):
            date_row.addWidget(QLabel(label))
            date_row.addWidget(w)
        date_row.addStretch(1)
        form.addRow(self.tr("Date:"), date_row)
        form.addRow(self.tr("Summary:"), self.summary)
        form.addRow(self.tr("Draft mark:"), self.draft_mark)
        form.addRow(self.tr("Urgency:"), self.urgency)

        close = QGroupBox(self.tr("Recipients and signature"))
        form2 = QFormLayout(close)
        form2.addRow(self.tr("Recipients:"), self.recipients)
        form2.addRow(self.tr("Signing on behalf of:"), self.authority)
        form2.addRow(self.tr("Position:"), self.position)
        form2.addRow(self.tr("Signer:"), self.signer)

        self.preview = QLabel()
        self.preview.setObjectName("headerPreview")
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: white; border: 1px solid #b8bcc4; padding: 8px;"
                                   " color: black;")
        self.preview.setMinimumWidth(420)
        preview_box = QGroupBox(self.tr("Preview of the header as printed"))
        QVBoxLayout(preview_box).addWidget(self.preview)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        left = QWidget()
        lay_left = QVBoxLayout(left)
        lay_left.setContentsMargins(0, 0, 0, 0)
        lay_left.addWidget(head)
        lay_left.addWidget(close)
        right = QWidget()
        lay_right = QVBoxLayout(right)
        lay_right.setContentsMargins(0, 0, 0, 0)
        lay_right.addWidget(preview_box)
        lay_right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(left, 3)
        body.addWidget(right, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(body)
        lay.addWidget(buttons)

        self.type_name.currentTextChanged.connect(self._type_chosen)
        self.profile_choice.currentIndexChanged.connect(self._profile_chosen)
        for w in (self.issuer, self.superior, self.number, self.type_code, self.issuer_code,
                  self.place, self.summary):
            w.textChanged.connect(self.update_preview)
        for w in (self.day, self.month, self.year):
            w.valueChanged.connect(self.update_preview)
        for w in (self.draft_mark, self.urgency):
            w.currentTextChanged.connect(self.update_preview)
        self.update_preview()

    def _spin(self, low: int, high: int, value: int | None, blank: bool = True) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        if blank:
            box.setSpecialValueText(self.tr("(blank)"))
        box.setValue(value or low)
        return box

    def _fill_types(self) -> None:
        """The document types of the chosen profile, keeping what is typed in the box."""
        current = self.type_name.currentText()
        self.type_name.blockSignals(True)
        self.type_name.clear()
        self.type_name.addItems([t.name for t in self.profile.document_types])
        self.type_name.setCurrentText(current)
        self.type_name.blockSignals(False)

    def _type_chosen(self, name: str) -> None:
        code = self.profile.code_of(name)
        if code is not None:
            self.type_code.setText(code)
        self.update_preview()

    def _profile_chosen(self, _index: int) -> None:
        self.profile = self._profiles[self.profile_choice.currentData()]
        self._fill_types()
        self._type_chosen(self.type_name.currentText())  # the code as this profile writes it

    def profile_id(self) -> str:
        """The id of the chosen format profile."""
        return self.profile.id

    def values(self) -> tuple[Header, Closing]:
        header = Header.from_dict({
            "issuer": self.issuer.text(), "superior": self.superior.text(),
            "number": self.number.text(), "type_name": self.type_name.currentText(),
            "type_code": self.type_code.text(), "issuer_code": self.issuer_code.text(),
            "place": self.place.text(), "day": self.day.value() or None,
            "month": self.month.value() or None, "year": self.year.value(),
            "summary": self.summary.text(), "draft_mark": self.draft_mark.currentText(),
            "urgency": self.urgency.currentText(),
        })
        recipients = [clean_line(x) for x in self.recipients.toPlainText().split("\n")
                      if x.strip()]
        closing = Closing.from_dict({"recipients": recipients,
                                     "authority": self.authority.text(),
                                     "position": self.position.text(),
                                     "signer": self.signer.text()})
        return header, closing

    def update_preview(self) -> None:
        header, _ = self.values()
        self.preview.setText(header_preview_html(header, self.profile))
