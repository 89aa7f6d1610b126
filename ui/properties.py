"""Document properties: every header and closing field, with a live preview of the printed header."""

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

from hgreport.export.layout import date_line, number_line
from hgreport.model import Closing, Header
from hgreport.text import clean_line

DOCUMENT_TYPES = [  # (name as printed, code)
    ("BÁO CÁO", "BC"), ("NGHỊ QUYẾT", "NQ"), ("CHỈ THỊ", "CT"), ("KẾT LUẬN", "KL"),
    ("QUYẾT ĐỊNH", "QĐ"), ("KẾ HOẠCH", "KH"), ("TỜ TRÌNH", "TTr"), ("THÔNG BÁO", "TB"),
    ("HƯỚNG DẪN", "HD"), ("CHƯƠNG TRÌNH", "CTr"), ("QUY ĐỊNH", "QĐi"),
]
URGENCIES = ["", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]
DRAFT_MARKS = ["", "Dự thảo", "Dự thảo lần 1", "Dự thảo lần 2", "Dự thảo lần 3"]


def header_preview_html(header: Header, profile: dict) -> str:
    """The first-page header as it will print, as rich text for a label."""
    e = html.escape
    nbsp = lambda s: e(s).replace("  ", "&nbsp;&nbsp;")  # noqa: E731
    party = profile.get("header_table", {}).get("party_title", {}).get(
        "text", "ĐẢNG CỘNG SẢN VIỆT NAM")
    left = []
    if header.superior:
        left.append(e(header.superior.upper()))
    left.append(f"<b>{e(header.issuer.upper()) or '&nbsp;'}</b>")
    left.append("*")
    left.append(nbsp(number_line(header, profile)))
    if header.urgency:
        left.append(f"<b>{e(header.urgency.upper())}</b>")
    right = [f"<b><u>{e(party)}</u></b>",
             "<i style='white-space:nowrap'>"
             f"{nbsp(date_line(header, profile))}"
             "</i>"]
    if header.draft_mark:
        right.append(f"<b><i>{e(header.draft_mark)}</i></b>")
    return (
        "<table width='100%' style='font-family:\"Times New Roman\",serif; font-size:10pt'>"
        "<tr><td align='center' width='40%' valign='top'>" + "<br>".join(left) + "</td>"
        "<td align='center' width='60%' valign='top'>" + "<br>".join(right) + "</td></tr></table>"
        "<p align='center' style='font-family:\"Times New Roman\",serif; font-size:13pt'>"
        f"<b>{e(header.type_name.upper())}</b><br>"
        f"<span style='font-size:11pt'><b>{e(header.summary)}</b></span><br>-----</p>"
    )


class PropertiesDialog(QDialog):
    """Edits a copy of the header and closing; :meth:`values` returns them."""

    def __init__(self, header: Header, closing: Closing, profile: dict, parent=None):
        super().__init__(parent)
        self.setObjectName("propertiesDialog")
        self.setWindowTitle(self.tr("Document properties"))
        self.profile = profile
        h = header
        self.issuer = QLineEdit(h.issuer)
        self.superior = QLineEdit(h.superior)
        self.superior.setPlaceholderText(self.tr("e.g. ĐẢNG BỘ TỈNH … (may be empty)"))
        self.number = QLineEdit(h.number)
        self.number.setPlaceholderText(self.tr("empty while a draft"))
        self.type_name = QComboBox()
        self.type_name.setEditable(True)
        self.type_name.addItems([n for n, _ in DOCUMENT_TYPES])
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

    def _type_chosen(self, name: str) -> None:
        for n, code in DOCUMENT_TYPES:
            if n == name:
                self.type_code.setText(code)
        self.update_preview()

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
