"""Errors of the format profiles: a profile file that does not validate, an unknown profile id.

Each names the file and the key path (``header.left[2].size_pt``) so that whoever edits a
profile finds the line to fix; like every :class:`hgreport.errors.ReportError` they carry a
Vietnamese and an English message and an exit code."""

from __future__ import annotations

from ..errors import ReportError, UnknownProfile

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "profile_unreadable": (
        "Không đọc được mẫu trình bày “{path}”: {detail}",
        "Cannot read the format profile “{path}”: {detail}",
    ),
    "profile_missing_key": (
        "Mẫu trình bày “{path}” thiếu mục “{entry}”.",
        "The format profile “{path}” lacks the key “{entry}”.",
    ),
    "profile_unknown_key": (
        "Mẫu trình bày “{path}” có mục lạ “{entry}” (viết sai tên?). Các mục được phép ở đây: "
        "{allowed}.",
        "The format profile “{path}” has an unknown key “{entry}” (a misspelt name?). Keys "
        "allowed here: {allowed}.",
    ),
    "profile_bad_value": (
        "Mẫu trình bày “{path}”: “{entry}” phải là {expected_vi}, không phải {found}.",
        "The format profile “{path}”: “{entry}” must be {expected_en}, not {found}.",
    ),
    "profile_no_such_id": (
        "Không có mẫu trình bày “{profile}”. Các mẫu có sẵn: {ids}.",
        "There is no format profile “{profile}”. The profiles available: {ids}.",
    ),
}


class ProfileError(ReportError):
    """A format profile that cannot be used; the program's data is damaged (exit code 8)."""

    key = "profile_unreadable"
    exit_code = 8
    messages = MESSAGES


class ProfileUnreadable(ProfileError):
    key = "profile_unreadable"


class ProfileMissingKey(ProfileError):
    key = "profile_missing_key"


class ProfileUnknownKey(ProfileError):
    key = "profile_unknown_key"


class ProfileBadValue(ProfileError):
    """``expected`` is a (Vietnamese, English) pair describing what the key must hold."""

    key = "profile_bad_value"

    def __init__(self, *, expected: tuple[str, str], **args):
        super().__init__(expected_vi=expected[0], expected_en=expected[1], **args)


class NoSuchProfile(UnknownProfile):
    """An id that names no shipped profile; the message lists the ids there are."""

    key = "profile_no_such_id"
    messages = MESSAGES
