"""The text rules of a profile: the document number, the date line, recipient lines, capitals,
and the printed width of a line (for rules as long as the text above them).

Pure functions of the report's fields and the typed profile."""

from __future__ import annotations

import unicodedata

from ..model import Closing, Header
from .profile import Profile


def upper(text: str) -> str:
    """Vietnamese capitals (``str.upper`` keeps the tone marks: "Tỉnh ủy" → "TỈNH ỦY")."""
    return unicodedata.normalize("NFC", text.upper())


def document_number(header: Header, profile: Profile) -> str:
    """The ``{number}`` of the number line: the profile's blank while a draft has no number
    yet (``Số     -BC/TU``); numbers below ``zero_pad_below`` get a leading zero ("05")."""
    rule = profile.number
    number = header.number.strip()
    if not number:
        return rule.blank
    if number.isdecimal() and int(number) < rule.zero_pad_below:
        return f"{int(number):02d}"
    return number


def _padded(value: int | None, pad_below: int, blank: str) -> str:
    if value is None:
        return blank
    return f"{value:02d}" if value < pad_below else str(value)


def date_line(header: Header, profile: Profile) -> str:
    """``Hậu Giang, ngày 03 tháng 4 năm 2024``: days 1–9 and months 1–2 take a leading zero;
    a draft may leave day and month blank (``ngày      tháng      năm 2023``)."""
    rule = profile.date
    day = _padded(header.day, rule.zero_pad_day_below, rule.blank_day)
    month = _padded(header.month, rule.zero_pad_month_below, rule.blank_month)
    year = str(header.year) if header.year else rule.blank_year
    text = rule.pattern.format(place=header.place, day=day, month=month, year=year)
    if not header.place:
        text = text.lstrip(", ")
        text = text[:1].upper() + text[1:]
    return text


def recipient_lines(closing: Closing, profile: Profile) -> list[str]:
    """Each recipient as printed: ``- Văn phòng Trung ương Đảng,`` … the last one (the
    archive line) ending with the profile's final punctuation: ``- Lưu VPTU.``"""
    spec = profile.closing.recipients
    items = [r.strip() for r in closing.recipients if r.strip()]
    lines = []
    for i, item in enumerate(items):
        item = item.lstrip("-–+• ").rstrip(",;. ")
        end = spec.last_line_end if i == len(items) - 1 else spec.line_end
        lines.append(f"{spec.prefix}{item}{end}")
    return lines


# Advance widths of Times New Roman (per 1000 em, as in the Times-Bold and Times-Roman
# metrics); tone marks do not change the width of a letter.
_TIMES_BOLD = {
    " ": 250, "A": 722, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 778,
    "I": 389, "J": 500, "K": 778, "L": 667, "M": 944, "N": 722, "O": 778, "P": 611, "Q": 778,
    "R": 722, "S": 556, "T": 667, "U": 722, "V": 722, "W": 1000, "X": 722, "Y": 722, "Z": 667,
    "-": 333, ".": 250, ",": 250,
    "a": 500, "b": 556, "c": 444, "d": 556, "e": 444, "f": 333, "g": 500, "h": 556, "i": 278,
    "j": 333, "k": 556, "l": 278, "m": 833, "n": 556, "o": 500, "p": 556, "q": 556, "r": 444,
    "s": 389, "t": 333, "u": 556, "v": 500, "w": 722, "x": 500, "y": 500, "z": 444,
    ":": 333, "/": 278,
}
_TIMES_ROMAN = {
    " ": 250, "A": 722, "B": 667, "C": 667, "D": 722, "E": 611, "F": 556, "G": 722, "H": 722,
    "I": 333, "J": 389, "K": 722, "L": 611, "M": 889, "N": 722, "O": 722, "P": 556, "Q": 722,
    "R": 667, "S": 556, "T": 611, "U": 722, "V": 722, "W": 944, "X": 722, "Y": 722, "Z": 611,
    "-": 333, ".": 250, ",": 250,
    "a": 444, "b": 500, "c": 444, "d": 500, "e": 444, "f": 333, "g": 500, "h": 500, "i": 278,
    "j": 278, "k": 500, "l": 278, "m": 778, "n": 500, "o": 500, "p": 500, "q": 500, "r": 333,
    "s": 389, "t": 278, "u": 500, "v": 500, "w": 722, "x": 500, "y": 500, "z": 444,
    ":": 278, "/": 278,
}
_HORN = "\u031b"  # Ư, Ơ (and ư, ơ) are a little wider than U and O


def text_width_pt(text: str, size_pt: float, bold: bool = True) -> float:
    """The printed width of ``text`` in Times New Roman (bold or regular) at ``size_pt``."""
    table = _TIMES_BOLD if bold else _TIMES_ROMAN
    total = 0
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = {"Đ": "D", "đ": "d"}.get(ch) or parts[:1]
        width = table.get(base)
        if width is None:
            width = 500 if base.isdigit() or base.islower() else 722
        total += width + (55 if _HORN in parts else 0)
    return total * size_pt / 1000
