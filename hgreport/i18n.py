"""Messages of the engine in Vietnamese (default) and English.

The engine has no Qt, so it carries its own small catalogue; the window shows these messages
as they are and translates its own strings with Qt's ``tr()``."""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "not_sqlite": (
        "Tệp “{path}” không phải là tệp báo cáo của hgreport (không phải cơ sở dữ liệu SQLite). "
        "Hãy chọn đúng tệp .db của báo cáo.",
        "“{path}” is not an hgreport report file (not an SQLite database). "
        "Choose the report's .db file.",
    ),
    "not_report": (
        "Tệp “{path}” là cơ sở dữ liệu SQLite nhưng không chứa báo cáo của hgreport.",
        "“{path}” is an SQLite database but holds no hgreport report.",
    ),
    "newer_version": (
        "Tệp “{path}” được tạo bằng phiên bản hgreport mới hơn (định dạng {found}, phiên bản này "
        "đọc đến {supported}). Hãy cập nhật hgreport; tệp không bị thay đổi.",
        "“{path}” was made by a newer hgreport (format {found}; this version reads up to "
        "{supported}). Update hgreport; the file was not changed.",
    ),
    "read_only": (
        "Không ghi được vào “{path}”: tệp hoặc thư mục chỉ cho phép đọc. Hãy lưu một bản sao vào "
        "thư mục khác hoặc nhờ quản trị cấp quyền ghi.",
        "Cannot write to “{path}”: the file or its folder is read-only. Save a copy elsewhere or "
        "ask for write permission.",
    ),
    "locked": (
        "Tệp “{path}” đang được người khác ghi (bị khóa quá {seconds} giây). Thay đổi của bạn vẫn "
        "còn; chương trình sẽ thử lại.",
        "“{path}” is being written by someone else (locked for more than {seconds} s). Your "
        "change is kept; it will be tried again.",
    ),
    "disk_full": (
        "Ổ đĩa chứa “{path}” đã đầy. Hãy giải phóng dung lượng; thay đổi của bạn vẫn còn trong "
        "chương trình.",
        "The disk holding “{path}” is full. Free some space; your change is kept in the program.",
    ),
    "corrupt": (
        "Tệp “{path}” bị hỏng ({detail}). Hãy mở bản sao lưu gần nhất.",
        "“{path}” is damaged ({detail}). Open the latest backup.",
    ),
    "not_found": (
        "Không tìm thấy tệp “{path}”.",
        "File “{path}” not found.",
    ),
    "exists": (
        "Tệp “{path}” đã có. Hãy chọn tên khác.",
        "“{path}” already exists. Choose another name.",
    ),
    "conflict": (
        "“{what}” vừa được {who} lưu trước bạn. Hãy chọn giữ bản của bạn, lấy bản của họ, "
        "hoặc giữ cả hai.",
        "“{what}” was saved by {who} before you. Choose to keep yours, take theirs, or keep both.",
    ),
    "no_such_section": (
        "Không có mục này trong báo cáo (có thể đã bị xóa).",
        "This section is not in the report (it may have been deleted).",
    ),
    "no_such_footnote": (
        "Không có chú thích này trong báo cáo (có thể đã bị xóa).",
        "This footnote is not in the report (it may have been deleted).",
    ),
    "unknown_profile": (
        "Không có mẫu trình bày “{profile}”.",
        "There is no format profile “{profile}”.",
    ),
    "unknown_template": (
        "Không có mẫu báo cáo “{template}”.",
        "There is no report template “{template}”.",
    ),
    "bad_json": (
        "Tệp “{path}” không đọc được: {detail}",
        "Cannot read “{path}”: {detail}",
    ),
    "io_error": (
        "Không ghi hoặc đọc được “{path}”: {detail}",
        "Cannot read or write “{path}”: {detail}",
    ),
    "move_into_self": (
        "Không thể chuyển một mục vào bên trong chính nó.",
        "A section cannot be moved inside itself.",
    ),
    # problems found by the checks
    "problem_missing_footnote": (
        "Mục “{section}”: chú thích số {number} không có nội dung (thiếu chú thích).",
        "Section “{section}”: footnote {number} has no text (the footnote is missing).",
    ),
    "problem_orphan_footnote": (
        "Chú thích “{text}” không gắn với vị trí nào trong văn bản.",
        "Footnote “{text}” has no reference in the text.",
    ),
    "problem_duplicate_reference": (
        "Chú thích số {number} được tham chiếu {count} lần (mỗi chú thích chỉ một lần).",
        "Footnote {number} is referenced {count} times (once is allowed).",
    ),
    "problem_empty_footnote": (
        "Chú thích số {number} chưa có nội dung.",
        "Footnote {number} has no text yet.",
    ),
    "problem_empty_section": (
        "Mục {number} “{section}” chưa có nội dung.",
        "Section {number} “{section}” has no text.",
    ),
    "problem_untitled_section": (
        "Mục {number} chưa có tiêu đề.",
        "Section {number} has no title.",
    ),
    "problem_no_number": (
        "Văn bản không phải dự thảo nhưng chưa có số.",
        "The document is not a draft but has no number.",
    ),
    "problem_no_issuer": (
        "Chưa có tên cơ quan ban hành.",
        "The issuing body is not filled in.",
    ),
    "problem_integrity": (
        "Kiểm tra tính toàn vẹn của tệp thất bại: {detail}",
        "The file's integrity check failed: {detail}",
    ),
    "problem_bad_date": (
        "Ngày tháng không hợp lệ: ngày {day} tháng {month} năm {year}.",
        "Invalid date: day {day}, month {month}, year {year}.",
    ),
}


def current_language() -> str:
    """The language asked for by HGREPORT_LANG (``vi`` when unset or unknown)."""
    lang = os.environ.get("HGREPORT_LANG", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def pick(table: Mapping[str, tuple[str, str]], key: str, lang: str | None = None,
         **args) -> str:
    """The entry ``key`` of a (Vietnamese, English) table in ``lang`` (default: the current
    language), formatted with ``args``. Every module's own message table goes through here."""
    vi, en = table[key]
    return (en if (lang or current_language()) == "en" else vi).format(**args)


def message(key: str, lang: str | None = None, **args) -> str:
    """A message of the engine's own table."""
    return pick(MESSAGES, key, lang, **args)
