"""Export of a report to a Word document in its format profile's layout, with real footnotes.

``export_docx(report, path)`` is the one call the command line and the window use."""

from .docx_writer import (
    build_document,
    check_target,
    export_docx,
    save_document,
    write_atomically,
)
from .errors import (
    ExportDiskFull,
    ExportError,
    FolderMissing,
    FolderReadOnly,
    TargetInUse,
    TargetIsFolder,
    TargetIsReport,
    TargetNotReplaceable,
    TargetNotWord,
)
from .filenames import suggested_filename

__all__ = [
    "ExportDiskFull",
    "ExportError",
    "FolderMissing",
    "FolderReadOnly",
    "TargetInUse",
    "TargetIsFolder",
    "TargetIsReport",
    "TargetNotReplaceable",
    "TargetNotWord",
    "build_document",
    "check_target",
    "export_docx",
    "suggested_filename",
    "save_document",
    "write_atomically",
]
