"""Problems a report can have (missing footnotes, empty sections, no number, a damaged part of
the file …), never crashes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .i18n import message, pick
from .model import (
    BAD_SHAPE,
    BAD_TEXT,
    BAD_VALUE,
    KIND_ENDING,
    KIND_INTRO,
    NOT_JSON,
    PARENT_LOOP,
    Damage,
    Paragraph,
    Report,
    Run,
    Section,
    walk_tree,
)
from .numbering import Numbering
from .text import shorten

_TEXT = {
    # key: (Vietnamese, English)
    "problem_damaged_section": (
        "Mục {section} bị hỏng: {what} {why}. {shown}, dữ liệu gốc được giữ nguyên; hãy "
        "khôi phục mục từ lịch sử (Ctrl+Alt+H) hoặc từ bản sao lưu gần nhất.",
        "Section {section} is damaged: its {what} {why}. {shown}, and the raw data is kept; "
        "restore the section from its history (Ctrl+Alt+H) or from the latest backup.",
    ),
    "problem_damaged_place": (
        "Mục {section}: {what} {why}; mục được đặt sau các mục cùng cấp — hãy chuyển nó về "
        "đúng chỗ.",
        "Section {section}: its {what} {why}; it is shown after its sibling sections — move it "
        "where it belongs.",
    ),
    "problem_damaged_footnote": (
        "Chú thích số {number} (“{text}”) bị hỏng: {what} {why}. {shown}, dữ liệu gốc được "
        "giữ nguyên; hãy khôi phục từ bản sao lưu gần nhất.",
        "Footnote {number} (“{text}”) is damaged: its {what} {why}. {shown}, and the raw data "
        "is kept; restore it from the latest backup.",
    ),
    "problem_damaged_header": (
        "Thông tin chung của văn bản bị hỏng: {what} {why}; phần này đang để trống hoặc mặc "
        "định — hãy nhập lại trong Thuộc tính văn bản (Ctrl+Alt+P).",
        "The document details are damaged: the {what} {why}; it is left blank or at its "
        "default — enter it again in Document properties (Ctrl+Alt+P).",
    ),
    "problem_parent_missing": (
        "Mục {section}: mục cha của nó không có trong báo cáo (tệp bị hỏng), nên nó "
        "được đặt ở cấp cao nhất; hãy chuyển nó về đúng chỗ.",
        "Section {section}: its parent section is not in the report (a damaged file), "
        "so it is shown at the top level; move it where it belongs.",
    ),
    "problem_parent_loop": (
        "Mục {section}: các mục cha của nó vòng trở lại chính nó (tệp bị hỏng), nên "
        "nó được đặt ở cấp cao nhất; hãy chuyển nó về đúng chỗ.",
        "Section {section}: its parent sections lead back to itself (a damaged "
        "file), so it is shown at the top level; move it where it belongs.",
    ),
    # what part, why
    "shown_history": ("Đang hiển thị lần lưu gần nhất, lấy từ lịch sử của tệp (chỉ đọc)",
                      "Its last save, from the file's history, is shown (read-only)"),
    "shown_salvage": ("Phần đọc được vẫn hiển thị (chỉ đọc)",
                      "What could be read is shown (read-only)"),
    "part_body": ("nội dung", "text"),
    "part_title": ("tiêu đề", "title"),
    "part_title_notes": ("chú thích ở tiêu đề", "footnotes at the title"),
    "part_position": ("vị trí trong cây mục", "place in the section tree"),
    "part_header": ("phần đầu văn bản", "document header"),
    "part_closing": ("phần nơi nhận và chữ ký", "recipients and signature"),
    "part_profile": ("mẫu trình bày", "format profile"),
    "part_field": ("trường “{name}”", "field “{name}”"),
    "part_intro": ("Phần mở đầu", "Introduction"),
    "part_ending": ("Phần kết thúc", "Ending"),
    NOT_JSON: ("không phải dữ liệu hợp lệ ({detail})", "is not valid data ({detail})"),
    BAD_TEXT: ("chứa byte không phải văn bản UTF-8 ({detail})",
               "holds bytes that are not UTF-8 text ({detail})"),
    BAD_SHAPE: ("không đúng cấu trúc ({detail})", "does not have the right structure ({detail})"),
    BAD_VALUE: ("có giá trị không hợp lệ: {raw}", "has an invalid value: {raw}"),
}
_FIELD_NAMES = {"year": ("năm", "year"), "month": ("tháng", "month"), "day": ("ngày", "day")}


@dataclass(frozen=True)
class Problem:
    key: str
    args: tuple[tuple[str, object], ...] = ()
    section_id: str | None = None
    footnote_id: str | None = None

    def message(self, lang: str | None = None) -> str:
        args = dict(self.args)
        if isinstance(args.get("damage"), Damage):  # said in the message's language
            damage = args.pop("damage")
            args["what"], args["why"] = describe_damage(damage, lang)
            args["shown"] = pick(_TEXT, "shown_history" if damage.from_history
                                 else "shown_salvage", lang)
        if self.key in _TEXT:
            return pick(_TEXT, self.key, lang, **args)
        return message(self.key, lang, **args)

    @property
    def damage(self) -> bool:
        """A part of the file that could not be read (or a tree that could not be followed)."""
        return self.key in DAMAGE_KEYS


DAMAGE_KEYS = ("problem_damaged_section", "problem_damaged_place", "problem_damaged_footnote",
               "problem_damaged_header", "problem_parent_missing", "problem_parent_loop")


def _short(text: str, n: int = 40) -> str:
    return shorten(text, n)


def describe_damage(damage: Damage, lang: str | None = None) -> tuple[str, str]:
    """(what part, why it could not be read) of a damaged part, in words."""
    what = damage.what
    if what.startswith("header."):
        name = what.split(".", 1)[1]
        label = pick(_FIELD_NAMES, name, lang) if name in _FIELD_NAMES else name
        part = pick(_TEXT, "part_field", lang, name=label)
    elif f"part_{what}" in _TEXT:
        part = pick(_TEXT, f"part_{what}", lang)
    else:
        part = what
    reason = damage.reason if damage.reason in _TEXT else BAD_SHAPE
    why = pick(_TEXT, reason, lang, detail=_short(damage.detail, 80),
               raw=_short(damage.raw_text(), 40))
    return part, why


def find_damage(report: Report, numbering: Numbering) -> list[Problem]:
    """The parts of the file that could not be read — the header row, sections, footnotes —
    and sections shown at the top level because their parent is missing or loops."""
    problems = [Problem("problem_damaged_header", (("damage", d),)) for d in report.damage]
    misplaced = report.misplaced()
    if not misplaced and not any(s.damage for s in report.all_sections()) and \
            not any(f.damage for f in report.footnotes.values()):
        return problems
    numbers = {n.section.id: n.number for n in walk_tree(report.tree(numbering))}
    for sec in report.all_sections():
        if not sec.damage and sec.id not in misplaced:
            continue
        if sec.kind in (KIND_INTRO, KIND_ENDING):
            label = f"“{pick(_TEXT, f'part_{sec.kind}', None)}”"
        else:
            label = f"{numbers.get(sec.id, '')} “{_short(sec.title)}”".strip()
        for d in sec.damage:
            key = "problem_damaged_section" if d.blocks_editing else "problem_damaged_place"
            problems.append(Problem(key, (("section", label), ("damage", d)), sec.id))
        if sec.id in misplaced:
            key = "problem_parent_loop" if misplaced[sec.id] == PARENT_LOOP \
                else "problem_parent_missing"
            problems.append(Problem(key, (("section", label),), sec.id))
    fn_numbers = report.footnote_numbers()
    for fn in report.footnotes.values():
        for d in fn.damage:
            problems.append(Problem("problem_damaged_footnote",
                                    (("number", fn_numbers.get(fn.id, "–")),
                                     ("text", _short(fn.plain_text, 30)), ("damage", d)),
                                    None, fn.id))
    return problems


# what a written document says where the file was damaged (in the document's language)
SECTION_NOTICE = ("[Mục bị hỏng: nội dung lưu trong tệp không đọc được hết, dưới đây là phần đọc "
                  "được. Hãy khôi phục mục từ lịch sử hoặc bản sao lưu rồi xuất lại.]")
SECTION_NOTICE_HISTORY = ("[Mục bị hỏng trong tệp: dưới đây là nội dung lần lưu gần nhất, lấy từ "
                          "lịch sử của tệp. Hãy khôi phục mục từ lịch sử rồi xuất lại.]")
FOOTNOTE_NOTICE = "[Chú thích bị hỏng, phần đọc được:] "


def with_damage_notices(report: Report) -> Report:
    """A copy of the report for writing a document: a section whose content could not be read
    starts with a visible :data:`SECTION_NOTICE` line, then what could be recovered (its text
    and footnote references, so its footnotes keep their numbers); a damaged footnote's text
    starts with :data:`FOOTNOTE_NOTICE`. The report itself is unchanged."""
    if not any(s.damaged for s in report.all_sections()) and \
            not any(f.damaged for f in report.footnotes.values()):
        return report

    def marked(sec: Section) -> Section:
        if not sec.damaged:
            return sec
        history = all(d.from_history for d in sec.damage if d.blocks_editing)
        notice = SECTION_NOTICE_HISTORY if history else SECTION_NOTICE
        return replace(sec, body=[Paragraph([Run.of(notice, "i")]), *sec.body])

    out = replace(report, intro=marked(report.intro), ending=marked(report.ending),
                  sections=[marked(s) for s in report.sections], footnotes=dict(report.footnotes))
    for fid, fn in report.footnotes.items():
        if fn.damaged:
            first = fn.body[0] if fn.body and isinstance(fn.body[0], Paragraph) else Paragraph()
            rest = fn.body[1:] if fn.body and isinstance(fn.body[0], Paragraph) else fn.body
            note = replace(first, runs=[Run.of(FOOTNOTE_NOTICE, "i"), *first.runs])
            out.footnotes[fid] = replace(fn, body=[note, *rest])
    return out


def find_problems(report: Report, numbering: Numbering, *, content: bool = True) -> list[Problem]:
    """Every problem of the report, in document order. ``content=False`` checks only what
    ``hgreport check`` fails on: the footnote invariants and the parts of the file that could
    not be read."""
    problems: list[Problem] = find_damage(report, numbering)
    numbers = report.footnote_numbers()
    titles = {n.section.id: (n.number, n.section.title)
              for n in walk_tree(report.tree(numbering))}
    refs = report.check_references()
    for fid, sid in refs.missing:
        title = titles.get(sid, ("", ""))[1] or sid
        problems.append(Problem("problem_missing_footnote",
                                (("section", title), ("number", numbers[fid])), sid, fid))
    for fid, count in refs.duplicates:
        problems.append(Problem("problem_duplicate_reference",
                                (("number", numbers[fid]), ("count", count)), None, fid))
    orphans = set(refs.orphans)
    for fid, fn in report.footnotes.items():
        if fid in orphans:
            problems.append(Problem("problem_orphan_footnote",
                                    (("text", _short(fn.plain_text)),), None, fid))
        elif content and not fn.damage and not fn.plain_text.strip():
            problems.append(Problem("problem_empty_footnote", (("number", numbers[fid]),),
                                    None, fid))
    if not content:
        return problems
    h = report.header
    if not h.draft_mark.strip() and not h.number.strip():
        problems.append(Problem("problem_no_number"))
    if not h.issuer.strip():
        problems.append(Problem("problem_no_issuer"))
    if not _valid_date(h.day, h.month, h.year):
        problems.append(Problem("problem_bad_date", (("day", h.day), ("month", h.month),
                                                     ("year", h.year))))
    for node in walk_tree(report.tree(numbering)):
        sec = node.section
        if not sec.title.strip() and not sec.damage:
            problems.append(Problem("problem_untitled_section", (("number", node.number),),
                                    sec.id))
        if not node.children and not sec.damage and not sec.plain_text.strip():
            problems.append(Problem("problem_empty_section",
                                    (("number", node.number), ("section", _short(sec.title))),
                                    sec.id))
    return problems


def _valid_date(day: int | None, month: int | None, year: int | None) -> bool:
    import calendar

    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        limit = calendar.monthrange(year or 2000, month)[1] if month else 31
        if not 1 <= day <= limit:
            return False
    return year is None or 1900 <= year <= 2999
