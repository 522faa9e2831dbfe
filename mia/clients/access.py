"""Writing the read-access log: exactly one row per read of client data."""

from typing import Any

from django.http import Http404

from mia.clients import policy
from mia.clients.models import AccessLog

Action = AccessLog.Action
Basis = AccessLog.Basis


def log_read(
    *,
    user: Any,
    action: str,
    channel: str,
    client_id: int | None = None,
    object_id: int | None = None,
    access: policy.Access | None = None,
    basis: str = Basis.RECORD,
    outside_team: bool = False,
    reason: str = "",
) -> AccessLog:
    return AccessLog.objects.create(
        user=user,
        action=action,
        channel=channel,
        client_id=client_id,
        object_id=object_id,
        owner_team_id=access.team_id if access else None,
        basis=access.basis if access else basis,
        outside_team=access.outside_team if access else outside_team,
        reason=(access.reason if access else reason)[:300],
    )


def not_found() -> Http404:
    """Forbidden and missing look the same, so ids guessed across teams reveal nothing."""
    return Http404("No such client file.")
