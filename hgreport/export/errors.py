"""Errors a clerk can meet when writing the Word file, each proposing a way out.

They subclass :class:`hgreport.errors.ReportError` (so the CLI and the window catch them with
everything else) and carry their own Vietnamese/English messages, as the engine's catalogue in
:mod:`hgreport.i18n` does."""

from __future__ import annotations

from ..errors import ReportError

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "export_failed": (
        "Không ghi được tệp Word “{path}”: {detail}. Hãy thử lưu với tên khác, ví dụ “{alt}”.",
        "Cannot write the Word file “{path}”: {detail}. Try saving under another name, "
        "for example “{alt}”.",
    ),
    "export_in_use": (
        "Tệp “{path}” đang được mở (có thể trong Word) nên không ghi đè được. Hãy đóng tệp đó "
        "rồi xuất lại, hoặc lưu với tên khác, ví dụ “{alt}”.",
        "“{path}” is open (probably in Word) and cannot be replaced. Close it and export "
        "again, or save under another name, for example “{alt}”.",
    ),
    "export_read_only": (
        "Không ghi được vào thư mục “{folder}”: thư mục hoặc tệp chỉ cho phép đọc. Hãy lưu vào "
        "thư mục khác, ví dụ “{alt}”.",
        "Cannot write into the folder “{folder}”: the folder or the file is read-only. Save into "
        "another folder, for example “{alt}”.",
    ),
    "export_disk_full": (
        "Ổ đĩa chứa “{folder}” đã đầy nên chưa ghi được tệp Word (tệp cũ, nếu có, vẫn nguyên "
        "vẹn). Hãy giải phóng dung lượng hoặc lưu sang ổ khác, ví dụ “{alt}”.",
        "The disk holding “{folder}” is full, so the Word file was not written (an older file, "
        "if any, is untouched). Free some space or save to another drive, for example “{alt}”.",
    ),
    "export_is_folder": (
        "“{path}” là một thư mục, không phải tên tệp. Hãy chọn tên tệp, ví dụ “{alt}”.",
        "“{path}” is a folder, not a file name. Choose a file name, for example “{alt}”.",
    ),
    "export_not_word": (
        "Không xuất vào “{path}”: tệp Word phải có đuôi .docx. Hãy chọn tên khác, ví dụ “{alt}”.",
        "Not exporting to “{path}”: a Word file must end in .docx. Choose another name, for "
        "example “{alt}”.",
    ),
    "export_over_report": (
        "Không xuất vào “{path}”: đó là một tệp báo cáo hgreport, ghi đè sẽ làm mất báo cáo. "
        "Tệp vẫn nguyên vẹn. Hãy chọn tên tệp Word khác, ví dụ “{alt}”.",
        "Not exporting to “{path}”: it is an hgreport report file and would be destroyed. The "
        "file is untouched. Choose another Word file name, for example “{alt}”.",
    ),
    "export_over_other": (
        "Không xuất vào “{path}”: tệp này đã có và không phải tệp Word nên không ghi đè. Tệp vẫn "
        "nguyên vẹn. Hãy chọn tên khác, ví dụ “{alt}”.",
        "Not exporting to “{path}”: that file exists and is not a Word file, so it is not "
        "replaced. The file is untouched. Choose another name, for example “{alt}”.",
    ),
    "export_no_folder": (
        "Không có thư mục “{folder}”. Hãy chọn thư mục khác, ví dụ “{alt}”.",
        "The folder “{folder}” does not exist. Choose another folder, for example “{alt}”.",
    ),
}


class ExportError(ReportError):
    """The Word file could not be written; nothing half-written was left behind."""

    key = "export_failed"
    exit_code = 1
    messages = MESSAGES

    @property
    def suggestion(self) -> str:
        """The other file name (or folder) the message proposes."""
        return str(self.args_.get("alt", ""))


class TargetInUse(ExportError):
    """The target file is open in another program (Word keeps it locked)."""

    key = "export_in_use"
    exit_code = 5


class FolderReadOnly(ExportError):
    key = "export_read_only"
    exit_code = 5


class ExportDiskFull(ExportError):
    key = "export_disk_full"
    exit_code = 7


class TargetIsFolder(ExportError):
    key = "export_is_folder"
    exit_code = 2


class FolderMissing(ExportError):
    key = "export_no_folder"
    exit_code = 2


class TargetNotWord(ExportError):
    """The chosen name does not end in .docx: the file would not open as a Word document."""

    key = "export_not_word"
    exit_code = 2


class TargetIsReport(ExportError):
    """The target is a report database (perhaps the very report being exported)."""

    key = "export_over_report"
    exit_code = 2


class TargetNotReplaceable(ExportError):
    """The target exists and is not a Word file: replacing it would destroy someone's data."""

    key = "export_over_other"
    exit_code = 2
