"""Retention: closed cases are deleted when their team's period has passed, and a client with
nothing left is anonymised after `MIA_CLIENT_KEEP_DAYS` without contact.

Nothing is removed without a dry-run report first, and applying a report removes only its items
that are still due at that moment: a case reopened in between stays. The access log stays too;
it holds ids only.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.clients import policy
from mia.clients.models import (
    Case,
    Client,
    ClientName,
    ClientVisit,
    Consent,
    Deadline,
    Document,
    Grant,
    Household,
    Invitation,
    Note,
    ResidenceStatus,
    RetentionRule,
    RetentionRun,
)
from mia.clients.selectors.export import iso
from mia.core.audit import CHANGE, DELETION, log_change
from mia.core.errors import ApplicationError

MIN_DAYS = 30
ANONYMISED = "Anonymisiert"


def _due_cases_q(now: dt.datetime) -> Q:
    """Closed cases past their team's period; teams without a rule keep everything."""
    due = Q(pk__in=[])
    for team_id, keep_days in RetentionRule.objects.values_list("team_id", "keep_days"):
        due |= Q(team_id=team_id, closed_at__lt=now - dt.timedelta(days=keep_days))
    return Q(status=Case.Status.CLOSED) & due


def _due_clients(now: dt.datetime, due_cases: Q) -> QuerySet[Client]:
    """Clients with no case left once the due ones are gone, and no contact for long enough:
    no change to the record, linked visit, case activity or invitation since the cutoff."""
    cutoff = now - dt.timedelta(days=settings.MIA_CLIENT_KEEP_DAYS)
    cases = Case.objects.filter(client=OuterRef("pk"))
    return (
        Client.objects.filter(anonymised_at__isnull=True, updated_at__lt=cutoff)
        .exclude(Exists(cases.exclude(due_cases)))
        .exclude(Exists(cases.filter(Q(opened_at__gte=cutoff) | Q(closed_at__gte=cutoff))))
        .exclude(Exists(ClientVisit.objects.filter(client=OuterRef("pk"), linked_at__gte=cutoff)))
        .exclude(Exists(Invitation.objects.filter(client=OuterRef("pk"), sent_at__gte=cutoff)))
    )


def retention_due(now: dt.datetime | None = None) -> dict[str, Any]:
    """What is due now: case ids with team, client and closing time; client ids to anonymise."""
    now = now or timezone.now()
    due = _due_cases_q(now)
    cases = [
        {"id": pk, "team": team, "client": client, "closed_at": iso(closed)}
        for pk, team, client, closed in Case.objects.filter(due)
        .order_by("team_id", "pk")
        .values_list("pk", "team_id", "client_id", "closed_at")
    ]
    per_team: dict[str, int] = {}
    for case in cases:
        per_team[str(case["team"])] = per_team.get(str(case["team"]), 0) + 1
    clients = list(_due_clients(now, due).order_by("pk").values_list("pk", flat=True))
    return {"at": iso(now), "cases": cases, "per_team": per_team, "clients": clients}


def _require_runner(user: Any) -> None:
    if user is not None and not policy.may_run_retention(user):
        raise PermissionDenied


def retention_report(*, user: Any = None) -> RetentionRun:
    """A dry run: store what is due now, remove nothing. `user` None is the scheduled task."""
    if user is not None and not may_view(user):
        raise PermissionDenied
    return RetentionRun.objects.create(dry_run=True, report=retention_due(), started_by=user)


def _delete_cases(ids: list[int]) -> dict[str, int]:
    documents = Document.objects.filter(case_id__in=ids)
    files = [name for name in documents.values_list("file", flat=True) if name]
    counts = {
        "notes": Note.objects.filter(case_id__in=ids).count(),
        "documents": len(files),
        "deadlines": Deadline.objects.filter(case_id__in=ids).count(),
    }
    _carry_activity(ids)
    Case.objects.filter(pk__in=ids).delete()
    _delete_files_after_commit(Document, "file", files)
    return counts


def _carry_activity(case_ids: list[int]) -> None:
    """A deleted case's last activity stays on the client record (as its `updated_at`), so the
    client is anonymised only `MIA_CLIENT_KEEP_DAYS` after it, not right after the deletion."""
    last = (
        Case.objects.filter(pk__in=case_ids)
        .values("client_id")
        .annotate(at=Max("closed_at"))
        .values_list("client_id", "at")
    )
    for client_id, at in last:
        Client.objects.filter(pk=client_id, updated_at__lt=at).update(updated_at=at)


def _delete_files_after_commit(model: Any, field: str, names: list[str]) -> None:
    storage = model._meta.get_field(field).storage

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def _anonymise(ids: list[int], now: dt.datetime) -> None:
    households = set(
        Client.objects.filter(pk__in=ids, household__isnull=False).values_list(
            "household_id", flat=True
        )
    )
    forms = list(Consent.objects.filter(client_id__in=ids).values_list("form", flat=True))
    Consent.objects.filter(client_id__in=ids).delete()
    _delete_files_after_commit(Consent, "form", [f for f in forms if f])
    for model in (ClientName, Invitation, ClientVisit):
        model.objects.filter(client_id__in=ids).delete()
    Grant.objects.filter(client_id__in=ids).delete()
    Client.objects.filter(pk__in=ids).update(
        first_name=ANONYMISED,
        last_name=ANONYMISED,
        birth_name="",
        other_names="",
        birth_date=None,
        nationalities=[],
        languages=[],
        language="de",
        phone="",
        email="",
        street="",
        postcode="",
        town="",
        residence_status=ResidenceStatus.UNKNOWN,
        residence_expires=None,
        file_number="",
        benefit_number="",
        household=None,
        anonymised_at=now,
    )
    Household.objects.filter(pk__in=households, members__isnull=True).delete()


def retention_apply(*, user: Any = None, report_id: int) -> RetentionRun:
    """Apply the items of dry-run report `report_id` that are still due now."""
    _require_runner(user)
    report = RetentionRun.objects.filter(pk=report_id, dry_run=True).first()
    if report is None:
        raise ApplicationError(
            _("Make a dry-run report first; only its items can be removed."),
            code="report_missing",
            status=404,
        )
    listed_cases = [int(case["id"]) for case in report.report.get("cases", [])]
    listed_clients = [int(pk) for pk in report.report.get("clients", [])]
    now = timezone.now()
    with transaction.atomic():
        due = _due_cases_q(now)
        # Lock and re-check in one statement: a case reopened since the report stays.
        cases = list(
            Case.objects.select_for_update()
            .filter(due, pk__in=listed_cases)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        counts = _delete_cases(cases)
        clients = list(
            _due_clients(now, due)
            .filter(pk__in=listed_clients)
            .exclude(Exists(Case.objects.filter(client=OuterRef("pk"))))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        _anonymise(clients, now)
        run = RetentionRun.objects.create(
            dry_run=False,
            started_by=user,
            report={
                "report": report.pk,
                "at": iso(now),
                "cases": cases,
                "clients": clients,
                "counts": {"cases": len(cases), "clients": len(clients)} | counts,
                "skipped": {
                    "cases": sorted(set(listed_cases) - set(cases)),
                    "clients": sorted(set(listed_clients) - set(clients)),
                },
            },
        )
    return run


def may_view(user: Any) -> bool:
    """Administrators and team leads see the reports and may make a new one."""
    return settable_team_ids(user) != frozenset()


def settable_team_ids(user: Any) -> frozenset[int] | None:
    """The teams whose period `user` may set; None means every team (administrators)."""
    if policy.may_run_retention(user):
        return None
    return frozenset(t for t in policy.lead_team_ids(user) if policy.may_set_retention(user, t))


def rule_set(*, user: Any, team: Any, keep_days: int | None) -> RetentionRule | None:
    """Set how long `team` keeps closed cases; None removes the rule (they are kept for good)."""
    if not policy.may_set_retention(user, team.pk):
        raise PermissionDenied
    if keep_days is not None and keep_days < MIN_DAYS:
        raise ApplicationError(
            _("Keep closed cases for at least %(days)d days.") % {"days": MIN_DAYS},
            code="keep_days_too_short",
            status=422,
        )
    with transaction.atomic():
        if keep_days is None:
            rule = RetentionRule.objects.filter(team=team).first()
            if rule is not None:
                log_change(user=user, obj=rule, flag=DELETION, message="Retention period removed")
                rule.delete()
            return None
        rule, _created = RetentionRule.objects.update_or_create(
            team=team, defaults={"keep_days": keep_days, "updated_by": user}
        )
        log_change(user=user, obj=rule, flag=CHANGE, message=f"Keep closed cases {keep_days} days")
    return rule
