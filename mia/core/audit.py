"""Staff changes are written to the history (Django's admin LogEntry) of the object they
touched, so the admin's "history" shows who changed what and when."""

from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models import Model

__all__ = ["ADDITION", "CHANGE", "DELETION", "log_change"]


def log_change(*, user: Any, obj: Model, flag: int, message: str) -> None:
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[obj], action_flag=flag, change_message=message
    )
