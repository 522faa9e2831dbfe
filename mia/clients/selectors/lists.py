"""A clerk's work lists (my deadlines, residence titles expiring soon), the invitation letter,
and the team's own cases, deadlines and clients looked up for a write.

The lists and the letter show people's data: each writes ONE access-log row. The `work_*`
lookups only find the object a write is about (the write's audit entry records it)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from mia.clients import policy
from mia.clients.access import Action, Basis, log_read, not_found
from mia.clients.models import Case, Category, Client, Deadline, Invitation
from mia.clients.services.invitations import invitation_context
from mia.organisation import selectors as organisation
from mia.organisation.selectors import ServiceView

EXPIRING_AHEAD = dt.timedelta(weeks=8)
EXPIRED_SHOWN = dt.timedelta(weeks=2)
LIST_LIMIT = 300


@dataclass
class ExpiringRow:
    client: Client
    expired: bool
    services: list[ServiceView]


@dataclass
class Letter:
    invitation: Invitation
    client: Client
    service_de: ServiceView | None
    service: ServiceView | None
    link: str
    location: Any


def _require_work(user: Any) -> None:
    if not policy.may_work(user):
        raise PermissionDenied


def _log_list(user: Any, what: str, client_ids: list[int], channel: str) -> None:
    ids = ",".join(str(i) for i in dict.fromkeys(client_ids))
    log_read(
        user=user,
        action=Action.LIST,
        channel=channel,
        basis=Basis.TEAM,
        reason=f"{what} ({len(set(client_ids))}): {ids}",
    )


def deadlines_mine(*, user: Any, channel: str = "web") -> list[Deadline]:
    """Open deadlines assigned to `user` in the teams they work for, the most urgent first
    (so overdue ones lead)."""
    _require_work(user)
    deadlines = list(
        Deadline.objects.filter(
            assignee=user,
            done_at__isnull=True,
            case__team_id__in=list(policy.team_ids(user)),
            case__client__anonymised_at__isnull=True,
        )
        .select_related("case__client", "case__team", "service")
        .order_by("due", "pk")[:LIST_LIMIT]
    )
    _log_list(user, "my deadlines", [d.case.client_id for d in deadlines], channel)
    return deadlines


def _bookable_by_team(user: Any, language: str) -> dict[int, list[ServiceView]]:
    teams = policy.team_ids(user)
    found: dict[int, list[ServiceView]] = {}
    for service in organisation.services_list(language=language):
        if service.bookable and service.team_id in teams:
            found.setdefault(service.team_id, []).append(service)
    return found


def expiring(
    *, user: Any, language: str = "de", today: dt.date | None = None, channel: str = "web"
) -> list[ExpiringRow]:
    """Clients with a case of the user's teams whose residence title expires within 8 weeks
    (or expired in the last 2), soonest first, each with the services to invite them to."""
    _require_work(user)
    today = today or timezone.localdate()
    teams = list(policy.team_ids(user))
    cases = Case.objects.filter(team_id__in=teams)
    clients = list(
        Client.objects.filter(
            anonymised_at__isnull=True,
            residence_expires__gte=today - EXPIRED_SHOWN,
            residence_expires__lte=today + EXPIRING_AHEAD,
            pk__in=cases.values("client_id"),
        ).order_by("residence_expires", "last_name", "first_name", "pk")[:LIST_LIMIT]
    )
    their_teams: dict[int, set[int]] = {}
    for client_id, team_id in cases.filter(client__in=clients).values_list("client_id", "team_id"):
        their_teams.setdefault(client_id, set()).add(team_id)
    services = _bookable_by_team(user, language)
    rows = [
        ExpiringRow(
            client=client,
            expired=bool(client.residence_expires and client.residence_expires < today),
            services=[
                s for t in sorted(their_teams.get(client.pk, ())) for s in services.get(t, [])
            ],
        )
        for client in clients
    ]
    _log_list(user, "residence titles expiring", [c.pk for c in clients], channel)
    return rows


def invitation_letter(*, user: Any, invitation_id: int, channel: str = "web") -> Letter:
    """The printable letter of an invitation, for members of the inviting team."""
    invitation = (
        Invitation.objects.select_related("client", "team", "service")
        .filter(pk=invitation_id, client__anonymised_at__isnull=True)
        .first()
    )
    if invitation is None or not policy.may_work_for(user, invitation.team_id):
        raise not_found()
    context = invitation_context(invitation)
    german = organisation.services_by_id(language="de", ids=[invitation.service_id])
    log_read(
        user=user,
        action=Action.LETTER,
        channel=channel,
        client_id=invitation.client_id,
        object_id=invitation.pk,
        basis=Basis.TEAM,
    )
    return Letter(
        invitation=invitation,
        client=invitation.client,
        service_de=german.get(invitation.service_id),
        service=context["service"],
        link=context["link"],
        location=context["location"],
    )


def work_client(*, user: Any, client_id: int) -> Client:
    """The client an invitation is written for (the shared record: any working clerk)."""
    _require_work(user)
    client = Client.objects.filter(pk=client_id, anonymised_at__isnull=True).first()
    if client is None:
        raise not_found()
    return client


def _writable(user: Any, case: Case | None, category: str) -> Case:
    if case is None:
        raise not_found()
    if not policy.may_work_for(user, case.team_id):
        # Who may read it learns they may not change it; everyone else learns nothing.
        if policy.access_to(user, case.client_id, case.team_id, category):
            raise PermissionDenied
        raise not_found()
    return case


def work_case(*, user: Any, case_id: int, category: str = Category.CASES) -> Case:
    """A case of the user's own team, for a write (404 for other teams' ids)."""
    case = (
        Case.objects.select_related("client", "team")
        .filter(pk=case_id, client__anonymised_at__isnull=True)
        .first()
    )
    return _writable(user, case, category)


def work_deadline(*, user: Any, deadline_id: int) -> Deadline:
    deadline = (
        Deadline.objects.select_related("case__client", "case__team", "service")
        .filter(pk=deadline_id, case__client__anonymised_at__isnull=True)
        .first()
    )
    _writable(user, deadline.case if deadline else None, Category.DEADLINES)
    assert deadline is not None
    return deadline
