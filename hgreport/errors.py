"""Errors a user can cause, each with a message a clerk can act on."""

from __future__ import annotations

from .i18n import MESSAGES, pick

STORAGE_MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "locked_reading": (
        "Tệp “{path}” đang được người khác ghi (bị khóa quá {seconds} giây). Hãy thử lại sau "
        "giây lát.",
        "“{path}” is being written by someone else (locked for more than {seconds} s). Try "
        "again in a moment.",
    ),
    "recovery_needed": (
        "Tệp “{path}” có một lần lưu bị gián đoạn cần được hoàn tác, nhưng tệp hoặc thư mục chỉ "
        "cho phép đọc. Hãy mở tệp ở nơi có quyền ghi (hoặc nhờ quản trị cấp quyền ghi) một lần.",
        "“{path}” holds a save that was interrupted and must be rolled back, but the file or its "
        "folder is read-only. Open it once where it can be written (or ask for write "
        "permission).",
    ),
    "upgrade_failed": (
        "Không nâng cấp được tệp “{path}” lên định dạng mới ({detail}). Tệp được giữ nguyên như "
        "trước; hãy báo cho bộ phận hỗ trợ.",
        "Could not upgrade “{path}” to the new format ({detail}). The file was left as it was; "
        "tell your support staff.",
    ),
}


class ReportError(Exception):
    """Base of every error the user can meet; ``str()`` is the message in the current language."""

    key = "io_error"
    exit_code = 1
    messages = MESSAGES  # the (vi, en) table ``key`` is looked up in

    def __init__(self, **args):
        self.args_ = {k: v for k, v in args.items()}
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        return pick(self.messages, self.key, lang, **self.args_)


class NotSQLiteFile(ReportError):
    key = "not_sqlite"
    exit_code = 3


class NotAReport(ReportError):
    key = "not_report"
    exit_code = 3


class NewerVersion(ReportError):
    key = "newer_version"
    exit_code = 4


class UpgradeFailed(ReportError):
    """Upgrading an older file stopped half-way; it was rolled back and left as it was."""

    key = "upgrade_failed"
    exit_code = 8
    messages = STORAGE_MESSAGES


class ReadOnly(ReportError):
    key = "read_only"
    exit_code = 5


class RecoveryNeeded(ReadOnly):
    """A save was interrupted (a hot journal) in a file this program may not write, so SQLite
    cannot roll it back."""

    key = "recovery_needed"
    messages = STORAGE_MESSAGES


class Locked(ReportError):
    """The database stayed locked longer than the busy timeout while saving: retryable."""

    key = "locked"
    exit_code = 6


class LockedReading(Locked):
    """The same while reading or opening: nothing of the user's is pending, try again."""

    key = "locked_reading"
    messages = STORAGE_MESSAGES


class DiskFull(ReportError):
    key = "disk_full"
    exit_code = 7


class Corrupt(ReportError):
    key = "corrupt"
    exit_code = 8


class FileMissing(ReportError):
    key = "not_found"
    exit_code = 2


class AlreadyExists(ReportError):
    key = "exists"
    exit_code = 2


class Conflict(ReportError):
    """Someone else saved the same row first. ``theirs`` holds their current version."""

    key = "conflict"
    exit_code = 9

    def __init__(self, theirs=None, **args):
        self.theirs = theirs
        super().__init__(**args)


class NoSuchSection(ReportError):
    key = "no_such_section"


class NoSuchFootnote(ReportError):
    key = "no_such_footnote"


class UnknownProfile(ReportError):
    key = "unknown_profile"
    exit_code = 2


class UnknownTemplate(ReportError):
    key = "unknown_template"
    exit_code = 2


class BadJSON(ReportError):
    key = "bad_json"
    exit_code = 3


class IOProblem(ReportError):
    key = "io_error"


class MoveIntoSelf(ReportError):
    key = "move_into_self"


DAMAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "damaged_entity": (
        "“{what}” bị hỏng trong tệp (nội dung lưu không đọc được) nên không thể sửa, lưu hay "
        "di chuyển; dữ liệu gốc vẫn được giữ nguyên. Hãy khôi phục từ lịch sử của mục "
        "(Ctrl+Alt+H) hoặc từ bản sao lưu gần nhất.",
        "“{what}” is damaged in the file (its stored content cannot be read), so it cannot be "
        "edited, saved or moved; the raw data is kept as it is. Restore it from the section's "
        "history (Ctrl+Alt+H) or from the latest backup.",
    ),
}


class DamagedEntity(ReportError):
    """A section or footnote whose stored content cannot be read: writing it would replace
    the raw data with what could be recovered, so it is refused until it is restored."""

    key = "damaged_entity"
    exit_code = 8
    messages = DAMAGE_MESSAGES
