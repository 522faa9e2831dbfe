"""What team leads and auditors review: accesses without consent, unusual reads, the access log.

Counting happens in the database (GROUP BY), so a week of a busy agency's log is a few rows
of figures, not thousands of log rows loaded into Python.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from mia.clients.models import AccessLog, Grant
from mia.organisation.models import Membership, Team

REVIEW_DAYS = 7
GRANTS_SHOWN_DAYS = 30
FILE_READS = (AccessLog.Action.FILE, AccessLog.Action.CASE)


@dataclass
class TeamReview:
    team: Team
    grants: list[Grant]
    outside_reads: list[dict[str, Any]]
    busy_days: list[dict[str, Any]]

    @property
    def unreviewed(self) -> int:
        return sum(1 for grant in self.grants if grant.reviewed_at is None)


def _since(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def grants_on_team(*, team_id: int) -> list[Grant]:
    """Every grant not yet seen by the lead, and the seen ones of the last 30 days."""
    return list(
        Grant.objects.filter(team_id=team_id)
        .filter(Q(reviewed_at__isnull=True) | Q(created_at__gte=_since(GRANTS_SHOWN_DAYS)))
        .select_related("user")
        .order_by("-created_at", "-pk")
    )


def outside_reads(*, team_id: int, days: int = REVIEW_DAYS) -> list[dict[str, Any]]:
    """Reads of the team's data by people outside the team: per reader and basis."""
    rows = list(
        AccessLog.objects.filter(owner_team_id=team_id, outside_team=True, at__gte=_since(days))
        .values("user__username", "basis")
        .annotate(reads=Count("pk"), files=Count("client_id", distinct=True), last=Max("at"))
        .order_by("-last", "user__username", "basis")
    )
    labels = dict(AccessLog.Basis.choices)
    return [{**row, "basis_label": labels.get(row["basis"], row["basis"])} for row in rows]


def busy_days(*, team_id: int, days: int = REVIEW_DAYS) -> list[dict[str, Any]]:
    """Days on which a member of the team opened more distinct client files than usual."""
    members = Membership.objects.filter(team_id=team_id).values("user_id")
    return list(
        AccessLog.objects.filter(user_id__in=members, action__in=FILE_READS, at__gte=_since(days))
        .annotate(day=TruncDate("at", tzinfo=timezone.get_current_timezone()))
        .values("user__username", "day")
        .annotate(files=Count("client_id", distinct=True))
        .filter(files__gt=settings.MIA_UNUSUAL_FILES_PER_DAY)
        .order_by("-day", "-files", "user__username")
    )


def team_reviews(*, team_ids: frozenset[int]) -> list[TeamReview]:
    return [
        TeamReview(
            team=team,
            grants=grants_on_team(team_id=team.pk),
            outside_reads=outside_reads(team_id=team.pk),
            busy_days=busy_days(team_id=team.pk),
        )
        for team in Team.objects.filter(pk__in=team_ids).order_by("position", "name")
    ]


def access_log(
    *,
    client_id: int | None = None,
    username: str = "",
    action: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    outside_only: bool = False,
) -> QuerySet[AccessLog]:
    """The access log, newest first, narrowed by the auditor's filter (dates are local days)."""
    rows = AccessLog.objects.select_related("user").order_by("-at", "-pk")
    if client_id is not None:
        rows = rows.filter(client_id=client_id)
    if username:
        rows = rows.filter(user__username__iexact=username)
    if action:
        rows = rows.filter(action=action)
    if start:
        rows = rows.filter(at__gte=_local_midnight(start))
    if end:
        rows = rows.filter(at__lt=_local_midnight(end + dt.timedelta(days=1)))
    if outside_only:
        rows = rows.filter(outside_team=True)
    return rows


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def team_names(team_ids: set[int]) -> dict[int, str]:
    """Names of the teams a page of log rows points to (the log keeps plain ids)."""
    return {team.pk: str(team) for team in Team.objects.filter(pk__in=team_ids)}
