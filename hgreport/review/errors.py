"""Errors of review rounds a user can cause (drafts, compare, reviewed files)."""

from __future__ import annotations

from ..errors import ReportError

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "draft_name_empty": ("Hãy đặt tên cho dự thảo (ví dụ “Dự thảo lần 1”).",
                         "Give the draft a name (for example “Dự thảo lần 1”)."),
    "draft_name_taken": (
        "Báo cáo đã có một dự thảo tên “{name}”. Hãy chọn tên khác (ví dụ “{other}”).",
        "The report already has a draft called “{name}”. Choose another name (for example "
        "“{other}”).",
    ),
    "no_such_draft": (
        "Báo cáo không có dự thảo nào tên “{name}”. Các dự thảo đã đánh dấu: {known}.",
        "The report has no draft called “{name}”. Drafts marked so far: {known}.",
    ),
    "no_drafts": ("(chưa có)", "(none yet)"),
}


class ReviewError(ReportError):
    """Base of review-round errors (exit code 2: a usage a person can correct)."""

    exit_code = 2
    messages = MESSAGES


class DraftNameEmpty(ReviewError):
    key = "draft_name_empty"


class DraftNameTaken(ReviewError):
    key = "draft_name_taken"


class NoSuchDraft(ReviewError):
    key = "no_such_draft"


MESSAGES.update({
    "comment_empty": ("Góp ý chưa có nội dung.", "The comment has no text."),
    "comment_place_gone": (
        "Không tìm thấy đoạn văn để góp ý (có thể vừa bị xóa). Hãy chọn lại đoạn văn.",
        "The paragraph to comment on is not there any more (it may have just been deleted). "
        "Select the text again.",
    ),
    "no_such_comment": ("Không tìm thấy góp ý này (có thể đã bị xóa).",
                        "This comment is not there any more (it may have been deleted)."),
})


class CommentEmpty(ReviewError):
    key = "comment_empty"


class CommentPlaceGone(ReviewError):
    key = "comment_place_gone"


class NoSuchComment(ReviewError):
    key = "no_such_comment"


MESSAGES.update({
    "other_report": (
        "Tệp “{path}” được xuất từ một báo cáo khác, không phải báo cáo này, nên không nhập "
        "góp ý vào đây. Hãy mở đúng báo cáo đã gửi đi lấy ý kiến.",
        "“{path}” was exported from another report, not this one, so its review is not brought "
        "in here. Open the report that was sent out for review.",
    ),
    "suggestion_outdated": (
        "Đoạn văn của đề xuất này đã được sửa sau khi góp ý; hãy sửa trực tiếp theo đề xuất "
        "(đề xuất: “{text}”).",
        "The paragraph of this suggestion was changed after the review; edit it by hand "
        "(the suggestion: “{text}”).",
    ),
    "no_such_suggestion": ("Không tìm thấy đề xuất này (có thể đã được xử lý).",
                           "This suggestion is not there any more (it may have been decided)."),
})


class ReviewedFromOtherReport(ReviewError):
    key = "other_report"
    exit_code = 3


class SuggestionOutdated(ReviewError):
    key = "suggestion_outdated"
    exit_code = 9


class NoSuchSuggestion(ReviewError):
    key = "no_such_suggestion"
