"""The error of the pages: no complete font to measure and draw them with."""

from __future__ import annotations

from ..errors import ReportError

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "fonts_missing": (
        "Không dùng được phông chữ “{path}” để dàn trang ({detail}). Hãy cài lại chương trình "
        "hoặc cài phông Times New Roman.",
        "Cannot use the font “{path}” to lay out the pages ({detail}). Reinstall the program or "
        "install the Times New Roman font.",
    ),
}


class FontsMissing(ReportError):
    """No complete font family to measure and draw the pages with: the program's own files
    are damaged or missing (exit code 8, as for a damaged format profile)."""

    key = "fonts_missing"
    exit_code = 8
    messages = MESSAGES
