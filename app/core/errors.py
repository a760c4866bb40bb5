"""Which exceptions are user errors: reported as a message, never as a traceback."""

from __future__ import annotations

from app.core.audit import AuditError
from app.core.problems import ChecklistError
from app.core.profile import ProfileError
from app.core.store import AuditFileError

USER_ERRORS: tuple[type[Exception], ...] = (AuditError, AuditFileError, ChecklistError, ProfileError)


def is_user_error(error: BaseException) -> bool:
    return isinstance(error, USER_ERRORS)
