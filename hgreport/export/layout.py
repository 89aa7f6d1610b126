"""The text rules of the official layout: the number line, the date line, recipients, rule length.

Pure functions of the report and the format profile; the DOCX writer only places their results."""

from __future__ import annotations

import unicodedata

from ..model import Closing, Header


def upper(text: str) -> str:
    """Vietnamese capitals (``str.upper`` keeps the tone marks: "Tỉnh ủy" → "TỈNH ỦY")."""
    return unicodedata.normalize("NFC", text.upper())


def number_line(header: Header, profile: dict) -> str:
    """``Số 123-BC/TU`` — no colon after "Số"; a document without a number yet gets the
    profile's blank (``Số     -BC/TU``)."""
    spec = profile["header_table"]["number"]
    number = header.number.strip() or spec.get("blank", "     ")
    return spec.get("pattern", "{prefix}{number}-{type_code}/{issuer_code}").format(
        prefix=spec.get("prefix", "Số "), number=number,
        type_code=header.type_code, issuer_code=header.issuer_code)


def _padded(value: int | None, pad_below: int, blank: str) -> str:
    if value is None:
        return blank
    return f"{value:02d}" if value < pad_below else str(value)


def date_line(header: Header, profile: dict) -> str:
    """``Hậu Giang, ngày 03 tháng 4 năm 2024``: days 1–9 and months 1–2 take a leading zero;
    a draft may leave day and month blank (``ngày      tháng      năm 2023``)."""
    rule = profile["date"]
    spec = profile["header_table"]["place_date"]
    day = _padded(header.day, rule.get("zero_pad_day_below", 10), spec.get("blank_day", "  "))
    month = _padded(header.month, rule.get("zero_pad_month_below", 3),
                    spec.get("blank_month", "  "))
    year = str(header.year) if header.year else spec.get("blank_year", "    ")
    text = rule["pattern"].format(place=header.place, day=day, month=month, year=year)
    if not header.place:
        text = text.lstrip(", ")
        text = text[:1].upper() + text[1:]
    return text


def recipient_lines(closing: Closing, profile: dict) -> list[str]:
    """Each recipient as printed: ``- Văn phòng Trung ương Đảng,`` … the last one (the
    archive line) ending with the profile's final punctuation: ``- Lưu VPTU.``"""
    spec = profile["closing_table"]["recipient"]
    prefix = spec.get("prefix", "- ")
    items = [r.strip() for r in closing.recipients if r.strip()]
    lines = []
    for i, item in enumerate(items):
        item = item.lstrip("-–+• ").rstrip(",;. ")
        end = spec.get("last_line_end", ".") if i == len(items) - 1 else spec.get("line_end", ",")
        lines.append(f"{prefix}{item}{end}")
    return lines


# Advance widths of Times New Roman Bold (per 1000 em, as in the Times-Bold metrics) for the
# letters of a capitalised title; tone marks do not change the width.
_TIMES_BOLD = {
    " ": 250, "A": 722, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 778,
    "I": 389, "J": 500, "K": 778, "L": 667, "M": 944, "N": 722, "O": 778, "P": 611, "Q": 778,
    "R": 722, "S": 556, "T": 667, "U": 722, "V": 722, "W": 1000, "X": 722, "Y": 722, "Z": 667,
    "-": 333, ".": 250, ",": 250,
}
_HORN = "\u031b"  # Ư and Ơ are a little wider than U and O


def bold_caps_width_pt(text: str, size_pt: float) -> float:
    """The printed width of ``text`` in Times New Roman Bold capitals at ``size_pt``."""
    total = 0
    for ch in upper(text):
        parts = unicodedata.normalize("NFD", ch)
        base = "D" if ch == "Đ" else parts[:1]
        total += _TIMES_BOLD.get(base, 722) + (55 if _HORN in parts else 0)
    return total * size_pt / 1000
