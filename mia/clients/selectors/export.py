"""Everything stored about one person, for the person (DSGVO Art. 15 and 20).

The export walks each model's concrete fields instead of naming them, so a field added later
is exported without anyone remembering to; only storage paths and the back link to the client
itself are left out. It is produced for the person, so it holds the cases of every team.
"""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from mia.appointments import selectors as appointments
from mia.clients import policy
from mia.clients.access import Action, Basis, log_read, not_found
from mia.clients.models import AccessLog, Case, Client
from mia.reception import selectors as reception

FORMAT = "mia-client-export/1"
# Not exported: where a file lies in private storage, and links back to the exported client
# or the case a row is nested under.
INTERNAL = frozenset({"client", "case", "file", "form"})
# The access log's columns under the names the audit API uses.
ACCESS_LOG_NAMES = {"object_id": "object", "owner_team_id": "team"}
NAMED = frozenset({"organisation.Team", "organisation.Service", "organisation.Location"})


def iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Labels:
    """Staff by user name, teams, services and locations by name; anything else by id."""

    def __init__(self) -> None:
        self._seen: dict[tuple[type, int], Any] = {}

    def __call__(self, model: Any, pk: Any) -> Any:
        if pk is None:
            return None
        if model is get_user_model():
            field = "username"
        elif model._meta.label in NAMED:
            field = "name"
        else:
            return pk
        if (model, pk) not in self._seen:
            found = model._default_manager.filter(pk=pk).values_list(field, flat=True).first()
            self._seen[model, pk] = found if found is not None else pk
        return self._seen[model, pk]


def fields(obj: models.Model, labels: _Labels, names: dict[str, str] | None = None) -> dict:
    """Every concrete field of `obj` but the internal ones, JSON-ready."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in INTERNAL:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation:
            value = labels(field.related_model, value)
        out[(names or {}).get(field.name, field.name)] = iso(value)
    return out


def _visits(client: Client, labels: _Labels) -> list[dict]:
    links = {link.visit_id: link for link in client.visit_links.all()}
    visits = reception.visits_with_concerns(visit_ids=list(links)) if links else []
    return [
        fields(links[visit.pk], labels)
        | {
            "day": iso(visit.day),
            "ticket": visit.ticket,
            "language": visit.language,
            "interpreter": visit.interpreter,
            "household_size": visit.household_size,
            "priority_reasons": visit.flags,
            "booking_code": visit.booking_code,
            "status": visit.status,
            "arrived_at": iso(visit.created_at),
            "concerns": [
                {
                    "service": concern.service.name,
                    "team": concern.team.name,
                    "status": concern.status,
                    "queued_at": iso(concern.queued_at),
                    "called_at": iso(concern.called_at),
                    "started_at": iso(concern.started_at),
                    "ended_at": iso(concern.ended_at),
                    "outcome": concern.outcome,
                    "note": concern.note,
                }
                for concern in visit.concerns.all()
            ],
        }
        for visit in visits
    ]


def _bookings(codes: list[str]) -> list[dict]:
    return [
        {
            "code": booking.code,
            "location": booking.location.name,
            "start": iso(booking.start),
            "end": iso(booking.end),
            "name": booking.name,
            "email": booking.email,
            "phone": booking.phone,
            "language": booking.language,
            "interpreter": booking.interpreter,
            "status": booking.status,
            "booked_at": iso(booking.created_at),
            "cancelled_at": iso(booking.cancelled_at),
            "services": [item.service.name for item in booking.items.all()],
        }
        for booking in appointments.bookings_by_codes(codes)
    ]


def _cases(client: Client, labels: _Labels) -> list[dict]:
    cases = client.cases.prefetch_related("notes", "documents", "deadlines").order_by("opened_at")
    return [
        fields(case, labels)
        | {
            "notes": [fields(note, labels) for note in case.notes.all()],
            "documents": [fields(document, labels) for document in case.documents.all()],
            "deadlines": [fields(deadline, labels) for deadline in case.deadlines.all()],
        }
        for case in cases
    ]


def _household(client: Client, labels: _Labels) -> dict | None:
    if client.household_id is None or client.household is None:
        return None
    members = (
        Client.objects.filter(household_id=client.household_id, anonymised_at__isnull=True)
        .exclude(pk=client.pk)
        .order_by("pk")
    )
    return fields(client.household, labels) | {
        "members": [
            {"id": m.pk, "first_name": m.first_name, "last_name": m.last_name} for m in members
        ]
    }


def _consents(client: Client, labels: _Labels) -> list[dict]:
    return [
        fields(consent, labels)
        | {
            "owners": sorted(team.name for team in consent.owners.all()),
            "recipients": sorted(team.name for team in consent.recipients.all()),
        }
        for consent in client.consents.prefetch_related("owners", "recipients")
    ]


def _collect(client: Client, user: Any) -> dict[str, Any]:
    labels = _Labels()
    visits = _visits(client, labels)
    return {
        "format": FORMAT,
        "exported_at": iso(timezone.now()),
        "exported_by": user.get_username(),
        "client": fields(client, labels),
        "name_search_words": sorted(client.name_keys.values_list("word", flat=True)),
        "household": _household(client, labels),
        "visits": visits,
        "bookings": _bookings([visit["booking_code"] for visit in visits]),
        "cases": _cases(client, labels),
        "invitations": [fields(i, labels) for i in client.invitations.all()],
        "consents": _consents(client, labels),
        "grants": [fields(grant, labels) for grant in client.grants.all()],
        "access_log": [
            fields(row, labels, ACCESS_LOG_NAMES)
            for row in AccessLog.objects.filter(client_id=client.pk)
        ],
    }


def client_export(*, user: Any, client_id: int, channel: str = "web") -> dict[str, Any]:
    """Everything stored about the person. The read is logged first, so the export's own access
    log shows this export too."""
    if not policy.may_export(user):
        raise PermissionDenied
    client = (
        Client.objects.select_related("household")
        .filter(pk=client_id, anonymised_at__isnull=True)
        .first()
    )
    if client is None:
        raise not_found()
    others = Case.objects.filter(client=client).exclude(team_id__in=policy.team_ids(user))
    log_read(
        user=user,
        action=Action.EXPORT,
        channel=channel,
        client_id=client.pk,
        basis=Basis.AUDIT if policy.may_audit(user) else Basis.RECORD,
        outside_team=others.exists(),
        reason="Art. 15 DSGVO",
    )
    return _collect(client, user)
