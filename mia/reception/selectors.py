"""Reads of the walk-in reception: queues, estimates, the board and the visitor's status."""

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mia.organisation.models import Desk, Location, Team
from mia.reception.models import (
    ACTIVE,
    ENDED,
    Concern,
    ConcernEvent,
    ConcernStatus,
    DeskSession,
    Visit,
)

CANDIDATES = 20  # enough to get past visitors that other desks take at the same moment
HISTORY = 30  # recent services per team behind the estimate
HISTORY_DAYS = 14


def _queue(location_id: int, team_ids: list[int], day: dt.date) -> QuerySet[Concern]:
    return Concern.objects.filter(
        visit__location_id=location_id,
        visit__day=day,
        team_id__in=team_ids,
        status=ConcernStatus.WAITING,
    ).order_by("-visit__priority", "queued_at", "pk")


def queue_candidates(
    *, location_id: int, team_ids: list[int], day: dt.date
) -> list[tuple[int, int]]:
    """(concern, visit) ids in call order, without visitors who are at a desk right now."""
    queue = _queue(location_id, team_ids, day).filter(visit__current_concern__isnull=True)
    return list(queue.values_list("pk", "visit_id")[:CANDIDATES])


def queue_waiting_for_desk(*, desk: Desk, team_ids: list[int], day: dt.date) -> QuerySet[Concern]:
    return _queue(desk.location_id, team_ids, day).select_related(
        "visit", "service", "team", "visit__current_concern__desk"
    )


def desk_session_open(*, desk: Desk) -> DeskSession | None:
    return (
        DeskSession.objects.filter(desk=desk, closed_at__isnull=True).select_related("user").first()
    )


def desk_current_concern(*, desk: Desk) -> Concern | None:
    return (
        Concern.objects.filter(desk=desk, status__in=ACTIVE)
        .select_related("visit", "service", "team")
        .first()
    )


def team_seconds_per_visitor(*, team_id: int, now: dt.datetime | None = None) -> float:
    """Median seconds a desk of the team spent per visitor recently (called until ended);
    the services' planned durations until three visitors have been served."""
    now = now or timezone.now()
    recent = (
        Concern.objects.filter(
            team_id=team_id,
            status__in=[ConcernStatus.FINISHED, ConcernStatus.FORWARDED],
            called_at__isnull=False,
            ended_at__gte=now - dt.timedelta(days=HISTORY_DAYS),
        )
        .order_by("-ended_at")
        .values_list("called_at", "ended_at")[:HISTORY]
    )
    durations = [(end - start).total_seconds() for start, end in recent if start and end]
    if len(durations) >= 3:
        return max(1.0, statistics.median(durations))
    planned = Concern.objects.filter(team_id=team_id).values_list(
        "service__duration_minutes", flat=True
    )
    return 60.0 * (statistics.median(planned[:HISTORY]) if planned else 15)


def desks_open_for_team(*, location_id: int, team_id: int) -> int:
    return DeskSession.objects.filter(
        desk__location_id=location_id, closed_at__isnull=True, teams=team_id
    ).count()


@dataclass(frozen=True)
class ConcernStatusView:
    concern: Concern
    position: int | None  # 1 = next; None when not waiting
    estimated_wait_seconds: int | None

    @property
    def estimated_wait_minutes(self) -> int | None:
        return _minutes(self.estimated_wait_seconds)


def _minutes(seconds: int | None) -> int | None:
    return None if seconds is None else math.ceil(seconds / 60)


def concern_position(concern: Concern) -> int:
    ahead = _queue(concern.visit.location_id, [concern.team_id], concern.visit.day).filter(
        Q(visit__priority__gt=concern.visit.priority)
        | Q(visit__priority=concern.visit.priority, queued_at__lt=concern.queued_at)
        | Q(visit__priority=concern.visit.priority, queued_at=concern.queued_at, pk__lt=concern.pk)
    )
    return ahead.count() + 1


def concern_estimate(concern: Concern, position: int, now: dt.datetime | None = None) -> int | None:
    """Seconds until the call: visitors ahead, shared by the team's open desks, at the team's
    recent pace. None while no desk of the team is open."""
    desks = desks_open_for_team(location_id=concern.visit.location_id, team_id=concern.team_id)
    if desks == 0:
        return None
    seconds = team_seconds_per_visitor(team_id=concern.team_id, now=now)
    return math.ceil((position - 1) * seconds / desks)


def visit_by_code(public_code: str) -> Visit | None:
    return (
        Visit.objects.filter(public_code=public_code.upper())
        .select_related("location")
        .prefetch_related("concerns__service", "concerns__team", "concerns__desk")
        .first()
    )


def visit_status(visit: Visit, now: dt.datetime | None = None) -> list[ConcernStatusView]:
    views = []
    for concern in visit.concerns.all():
        concern.visit = visit
        if concern.status == ConcernStatus.WAITING:
            position = concern_position(concern)
            views.append(
                ConcernStatusView(concern, position, concern_estimate(concern, position, now))
            )
        else:
            views.append(ConcernStatusView(concern, None, None))
    return views


@dataclass(frozen=True)
class Call:
    event_id: int
    ticket: str
    desk: str
    room: str
    at: dt.datetime


def board_calls(*, location: Location, day: dt.date, limit: int = 8) -> list[Call]:
    events = (
        ConcernEvent.objects.filter(
            kind__in=[ConcernEvent.Kind.CALLED, ConcernEvent.Kind.RECALLED],
            concern__visit__location=location,
            concern__visit__day=day,
        )
        .select_related("concern__visit", "desk")
        .order_by("-at", "-pk")[:limit]
    )
    return [
        Call(
            e.pk,
            e.concern.visit.ticket,
            e.desk.name if e.desk else "",
            e.desk.room if e.desk else "",
            e.at,
        )
        for e in events
    ]


def board_waiting(*, location: Location, day: dt.date) -> list[tuple[str, str, int]]:
    """(team letter, team name, waiting count) for teams with visitors waiting or a desk open."""
    rows = (
        Concern.objects.filter(
            visit__location=location, visit__day=day, status=ConcernStatus.WAITING
        )
        .values("team_id")
        .annotate(n=Count("pk"))
    )
    counts = {row["team_id"]: row["n"] for row in rows}
    serving = set(
        DeskSession.objects.filter(desk__location=location, closed_at__isnull=True).values_list(
            "teams", flat=True
        )
    )
    teams = Team.objects.filter(pk__in=serving | set(counts)).order_by("position")
    return [(team.letter, team.name, counts.get(team.pk, 0)) for team in teams]


def visits_waiting(*, location: Location, day: dt.date) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(location=location, day=day, status=Visit.Status.OPEN)
        .prefetch_related("concerns__service", "concerns__team")
        .order_by("number")
    )


@dataclass(frozen=True)
class TicketSummary:
    """What the visitor needs to know now: the concern at a desk, or the next one waiting."""

    visit: Visit
    status: str  # waiting, called, in_service or done
    position: int | None
    estimated_wait_seconds: int | None
    desk: Desk | None
    concerns: list[ConcernStatusView]

    @property
    def estimated_wait_minutes(self) -> int | None:
        return _minutes(self.estimated_wait_seconds)


def ticket_summary(visit: Visit, now: dt.datetime | None = None) -> TicketSummary:
    views = visit_status(visit, now)
    active = next((v for v in views if v.concern.status in ACTIVE), None)
    waiting = [v for v in views if v.position is not None]
    head = active or (min(waiting, key=lambda v: v.position or 0) if waiting else None)
    if head is None:
        return TicketSummary(visit, "done", None, None, None, views)
    return TicketSummary(
        visit,
        head.concern.status,
        head.position,
        head.estimated_wait_seconds,
        head.concern.desk if active else None,
        views,
    )


@dataclass(frozen=True)
class DayStatistics:
    visits: int
    concerns_ended: int
    median_wait_minutes: float | None  # queued (or forwarded) until first called
    median_service_minutes: float | None  # called until ended
    hand_offs_per_visit: float  # forwards per visit
    no_shows: int


def _median_minutes(pairs: list[tuple[dt.datetime | None, dt.datetime | None]]) -> float | None:
    minutes = [(end - start).total_seconds() / 60 for start, end in pairs if start and end]
    return round(statistics.median(minutes), 1) if minutes else None


def day_statistics(*, location: Location, day: dt.date) -> DayStatistics:
    """Waits, service times and hand-offs of one day, from the stored concern timestamps."""
    concerns = Concern.objects.filter(visit__location=location, visit__day=day)
    events = ConcernEvent.objects.filter(concern__in=concerns)
    queued = dict(events.filter(kind=ConcernEvent.Kind.QUEUED).values_list("concern_id", "at"))
    first_call: dict[int, dt.datetime] = {}
    for concern_id, at in (
        events.filter(kind=ConcernEvent.Kind.CALLED).order_by("at").values_list("concern_id", "at")
    ):
        first_call.setdefault(concern_id, at)
    visits = Visit.objects.filter(location=location, day=day).count()
    forwards = concerns.filter(status=ConcernStatus.FORWARDED).count()
    return DayStatistics(
        visits=visits,
        concerns_ended=concerns.filter(status__in=ENDED).count(),
        median_wait_minutes=_median_minutes(
            [(queued.get(pk), at) for pk, at in first_call.items()]
        ),
        median_service_minutes=_median_minutes(
            list(
                concerns.filter(
                    status__in=[ConcernStatus.FINISHED, ConcernStatus.FORWARDED]
                ).values_list("called_at", "ended_at")
            )
        ),
        hand_offs_per_visit=round(forwards / visits, 2) if visits else 0.0,
        no_shows=concerns.filter(status=ConcernStatus.NO_SHOW).count(),
    )


def visits_with_concerns(*, visit_ids: list[int]) -> list[Visit]:
    """Visits (newest first) with their concerns, services and teams, for a client's file."""
    return list(
        Visit.objects.filter(pk__in=visit_ids)
        .prefetch_related("concerns__service", "concerns__team")
        .order_by("-created_at", "-pk")
    )
