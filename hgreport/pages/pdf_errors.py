"""Errors of the PDF export: a PDF file that cannot be written.

They are the Word export's own (:mod:`hgreport.export.errors`: the same checks, the same safe
write, the same exit codes), each with a message that speaks of a PDF file instead of a Word
file; ``except TargetInUse`` catches both."""

from __future__ import annotations

from ..export import errors as export_errors

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "pdf_failed": (
        "Không ghi được tệp PDF “{path}”: {detail}. Hãy thử lưu với tên khác, ví dụ “{alt}”.",
        "Cannot write the PDF file “{path}”: {detail}. Try saving under another name, for "
        "example “{alt}”.",
    ),
    "pdf_in_use": (
        "Tệp “{path}” đang được mở (có thể trong trình xem PDF) nên không ghi đè được. Hãy đóng "
        "tệp đó rồi xuất lại, hoặc lưu với tên khác, ví dụ “{alt}”.",
        "“{path}” is open (probably in a PDF viewer) and cannot be replaced. Close it and "
        "export again, or save under another name, for example “{alt}”.",
    ),
    "pdf_read_only": (
        "Không ghi được tệp PDF vào thư mục “{folder}”: thư mục hoặc tệp chỉ cho phép đọc. Hãy "
        "lưu vào thư mục khác, ví dụ “{alt}”.",
        "Cannot write the PDF file into the folder “{folder}”: the folder or the file is "
        "read-only. Save into another folder, for example “{alt}”.",
    ),
    "pdf_file_read_only": (
        "Tệp “{path}” chỉ cho phép đọc nên không ghi đè được (tệp vẫn nguyên vẹn). Hãy bỏ thuộc "
        "tính chỉ đọc của tệp, hoặc lưu với tên khác, ví dụ “{alt}”.",
        "“{path}” is read-only and cannot be replaced (it is untouched). Clear its read-only "
        "attribute, or save under another name, for example “{alt}”.",
    ),
    "pdf_disk_full": (
        "Ổ đĩa chứa “{folder}” đã đầy nên chưa ghi được tệp PDF (tệp cũ, nếu có, vẫn nguyên "
        "vẹn). Hãy giải phóng dung lượng hoặc lưu sang ổ khác, ví dụ “{alt}”.",
        "The disk holding “{folder}” is full, so the PDF file was not written (an older file, "
        "if any, is untouched). Free some space or save to another drive, for example “{alt}”.",
    ),
    "pdf_is_folder": (
        "“{path}” là một thư mục, không phải tên tệp. Hãy chọn tên tệp, ví dụ “{alt}”.",
        "“{path}” is a folder, not a file name. Choose a file name, for example “{alt}”.",
    ),
    "pdf_not_pdf": (
        "Không xuất vào “{path}”: tệp PDF phải có đuôi .pdf. Hãy chọn tên khác, ví dụ “{alt}”.",
        "Not exporting to “{path}”: a PDF file must end in .pdf. Choose another name, for "
        "example “{alt}”.",
    ),
    "pdf_over_report": (
        "Không xuất vào “{path}”: đó là một tệp báo cáo hgreport, ghi đè sẽ làm mất báo cáo. "
        "Tệp vẫn nguyên vẹn. Hãy chọn tên tệp PDF khác, ví dụ “{alt}”.",
        "Not exporting to “{path}”: it is an hgreport report file and would be destroyed. The "
        "file is untouched. Choose another PDF file name, for example “{alt}”.",
    ),
    "pdf_over_other": (
        "Không xuất vào “{path}”: tệp này đã có và không phải tệp PDF nên không ghi đè. Tệp vẫn "
        "nguyên vẹn. Hãy chọn tên khác, ví dụ “{alt}”.",
        "Not exporting to “{path}”: that file exists and is not a PDF file, so it is not "
        "replaced. The file is untouched. Choose another name, for example “{alt}”.",
    ),
    "pdf_no_folder": (
        "Không có thư mục “{folder}”. Hãy chọn thư mục khác, ví dụ “{alt}”.",
        "The folder “{folder}” does not exist. Choose another folder, for example “{alt}”.",
    ),
}


class PdfError(export_errors.ExportError):
    key = "pdf_failed"
    messages = MESSAGES


class PdfTargetInUse(PdfError, export_errors.TargetInUse):
    key = "pdf_in_use"


class PdfFolderReadOnly(PdfError, export_errors.FolderReadOnly):
    key = "pdf_read_only"


class PdfTargetReadOnly(PdfError, export_errors.FolderReadOnly):
    """The PDF to replace is marked read-only: it is left as it is, whoever runs the export."""

    key = "pdf_file_read_only"


class PdfDiskFull(PdfError, export_errors.ExportDiskFull):
    key = "pdf_disk_full"


class PdfTargetIsFolder(PdfError, export_errors.TargetIsFolder):
    key = "pdf_is_folder"


class PdfFolderMissing(PdfError, export_errors.FolderMissing):
    key = "pdf_no_folder"


class TargetNotPdf(PdfError, export_errors.TargetNotWord):
    key = "pdf_not_pdf"


class PdfTargetIsReport(PdfError, export_errors.TargetIsReport):
    key = "pdf_over_report"


class PdfTargetNotReplaceable(PdfError, export_errors.TargetNotReplaceable):
    key = "pdf_over_other"


_AS_PDF: dict[type, type[PdfError]] = {
    export_errors.TargetInUse: PdfTargetInUse,
    export_errors.FolderReadOnly: PdfFolderReadOnly,
    export_errors.ExportDiskFull: PdfDiskFull,
    export_errors.TargetIsFolder: PdfTargetIsFolder,
    export_errors.FolderMissing: PdfFolderMissing,
    export_errors.TargetNotWord: TargetNotPdf,
    export_errors.TargetIsReport: PdfTargetIsReport,
    export_errors.TargetNotReplaceable: PdfTargetNotReplaceable,
    export_errors.ExportError: PdfError,
}


def as_pdf_error(exc: export_errors.ExportError) -> PdfError:
    """The same error told about a PDF file (same arguments, same exit code); an export
    error of a kind added later is told as the kind it derives from."""
    cls = next((_AS_PDF[k] for k in type(exc).__mro__ if k in _AS_PDF), PdfError)
    return cls(**exc.args_)
