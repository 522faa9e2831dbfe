"""Writes of the walk-in reception: opening visits, desks calling, serving, forwarding.

Concurrency: a concern is claimed with a conditional UPDATE on the visit (free -> this concern)
and then on the concern (waiting -> called), both in one short transaction; two desks pressing
"call next" at the same moment therefore get different visitors. Partial unique indexes on
`Concern` are the last line (one active concern per visit and per desk).
"""

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.accounts.models import User
from mia.core.errors import ApplicationError
from mia.organisation.models import Desk, Location, Service, Team
from mia.organisation.selectors import closed_reason
from mia.reception import selectors
from mia.reception.models import (
    ACTIVE,
    ENDED,
    FLAG_PRIORITY,
    Concern,
    ConcernEvent,
    ConcernStatus,
    DayCounter,
    DeskSession,
    Flag,
    Priority,
    Visit,
)

CODE_ALPHABET = "23456789ACDEFHJKLMNPRTUVWXY"  # no look-alikes, like ticket letters
MAX_CONCERNS = 5
NO_SHOW_AFTER_CALLS = 2
Event = ConcernEvent.Kind


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _event(
    concern: Concern, kind: str, at: dt.datetime, user: User | None, **extra: object
) -> None:
    ConcernEvent.objects.create(concern=concern, kind=kind, at=at, user=user, **extra)


def _next_number(location: Location, day: dt.date) -> int:
    DayCounter.objects.get_or_create(location=location, day=day)
    counter = DayCounter.objects.select_for_update().get(location=location, day=day)
    DayCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    return counter.last_number + 1


def _services(service_ids: Sequence[int], *, booked: bool) -> list[Service]:
    if not service_ids:
        raise ApplicationError(_("Choose at least one concern."), code="no_services", status=422)
    if len(set(service_ids)) != len(service_ids):
        raise ApplicationError(
            _("Each concern can be chosen once."), code="duplicate_services", status=422
        )
    if len(service_ids) > MAX_CONCERNS:
        raise ApplicationError(
            _("At most %(count)s concerns per visit.") % {"count": MAX_CONCERNS},
            code="too_many_services",
            status=422,
        )
    found = Service.objects.select_related("team").filter(pk__in=service_ids, is_active=True)
    by_id = {service.pk: service for service in found}
    if len(by_id) != len(service_ids):
        raise ApplicationError(_("Unknown concern."), code="unknown_service", status=422)
    services = [by_id[pk] for pk in service_ids]
    if not booked and (closed := [s.name for s in services if not s.walk_in]):
        raise ApplicationError(
            _("Only with an appointment: %(names)s") % {"names": ", ".join(closed)},
            code="service_not_walk_in",
            status=422,
        )
    return services


def _ensure_open(location: Location, day: dt.date) -> None:
    if reason := closed_reason(location, day):
        raise ApplicationError(
            _("The location is closed today (%(reason)s).") % {"reason": reason},
            code="location_closed",
            status=409,
        )


def _public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def visit_open(
    *,
    location: Location,
    service_ids: Sequence[int],
    language: str = "de",
    interpreter: bool = False,
    household_size: int = 1,
    flags: Iterable[str] = (),
    booking_code: str = "",
    user: User | None = None,
    via_kiosk: bool = False,
    now: dt.datetime | None = None,
) -> Visit:
    """Open a visit with one concern per service; one ticket number for the whole visit."""
    at = _now(now)
    day = timezone.localdate(at)
    flag_list = sorted(set(flags))
    if unknown := set(flag_list) - set(Flag.values):
        raise ApplicationError(
            f"Unknown priority flag: {sorted(unknown)}", code="unknown_flag", status=422
        )
    if booking_code and Flag.APPOINTMENT not in flag_list:
        flag_list.append(Flag.APPOINTMENT)
    services = _services(service_ids, booked=bool(booking_code))
    _ensure_open(location, day)
    priority = max((FLAG_PRIORITY[Flag(f)] for f in flag_list), default=Priority.NORMAL)
    with transaction.atomic():
        number = _next_number(location, day)
        visit = Visit.objects.create(
            location=location,
            day=day,
            number=number,
            ticket=f"{services[0].team.letter}{number:03d}",
            public_code=_public_code(),
            language=language,
            interpreter=interpreter,
            household_size=household_size,
            flags=flag_list,
            priority=priority,
            booking_code=booking_code,
            created_by=user,
            via_kiosk=via_kiosk,
        )
        for service in services:
            concern = Concern.objects.create(
                visit=visit, service=service, team=service.team, queued_at=at
            )
            _event(concern, Event.QUEUED, at, user)
    return visit


def desk_open(
    *, desk: Desk, user: User, teams: Sequence[Team], now: dt.datetime | None = None
) -> DeskSession:
    """Sit down at `desk` to serve `teams` (some of the desk's teams, and the clerk's)."""
    allowed = set(desk.teams.values_list("pk", flat=True)) & set(
        user.memberships.values_list("team_id", flat=True)
    )
    chosen = {team.pk for team in teams}
    if not chosen:
        raise ApplicationError(_("Choose at least one team."), code="no_teams", status=422)
    if not chosen <= allowed:
        raise ApplicationError(
            _("This desk does not serve that team, or you are not a member of it."),
            code="desk_not_serving_team",
            status=409,
        )
    at = _now(now)
    with transaction.atomic():
        elsewhere = DeskSession.objects.filter(user=user, closed_at__isnull=True).exclude(desk=desk)
        for other in elsewhere.select_related("desk"):
            _ensure_desk_free(other.desk)  # nobody may be left waiting at a desk nobody is at
        elsewhere.update(closed_at=at)
        current = (
            DeskSession.objects.select_for_update()
            .filter(desk=desk, closed_at__isnull=True)
            .first()
        )
        if current and current.user_id != user.pk:
            raise ApplicationError(
                _("%(name)s is working at this desk.") % {"name": current.user},
                code="desk_busy",
                status=409,
            )
        try:
            with transaction.atomic():
                session = current or DeskSession.objects.create(desk=desk, user=user, opened_at=at)
        except IntegrityError:  # a colleague sat down at the same moment
            raise ApplicationError(
                _("Someone else has just started working at this desk."),
                code="desk_busy",
                status=409,
            ) from None
        session.teams.set(chosen)
    return session


def desk_close(*, session: DeskSession, now: dt.datetime | None = None) -> None:
    """Leave the desk; not while a visitor is still called to it or being served there."""
    _ensure_desk_free(session.desk)
    DeskSession.objects.filter(pk=session.pk, closed_at__isnull=True).update(closed_at=_now(now))


def _claim(concern_id: int, visit_id: int, desk: Desk, at: dt.datetime, user: User) -> bool:
    """Take one waiting concern to `desk` in one short transaction: first the visitor (free ->
    this concern), then the concern (waiting -> called). Both are conditional updates, so of
    two desks racing for the same visitor or concern exactly one wins; the other moves on."""
    try:
        with transaction.atomic():
            if not Visit.objects.filter(pk=visit_id, current_concern__isnull=True).update(
                current_concern_id=concern_id
            ):
                return False  # the visitor is at another desk right now
            if not Concern.objects.filter(pk=concern_id, status=ConcernStatus.WAITING).update(
                status=ConcernStatus.CALLED, desk=desk, called_at=at, call_count=F("call_count") + 1
            ):
                raise _Lost
            ConcernEvent.objects.create(
                concern_id=concern_id, kind=Event.CALLED, at=at, user=user, desk=desk
            )
    except (_Lost, IntegrityError):
        return False
    return True


class _Lost(Exception):
    """Another desk was faster; roll the savepoint back and try the next candidate."""


def _desk_session(desk: Desk, user: User) -> DeskSession:
    session = DeskSession.objects.filter(desk=desk, closed_at__isnull=True).first()
    if session is None or session.user_id != user.pk:
        raise ApplicationError(
            _("Open the desk first: choose it and the teams you serve."),
            code="desk_not_open",
            status=409,
        )
    return session


def _ensure_desk_free(desk: Desk) -> None:
    if Concern.objects.filter(desk=desk, status__in=ACTIVE).exists():
        raise ApplicationError(
            _("Finish, forward or release the current visitor first."),
            code="desk_occupied",
            status=409,
        )


def concern_call_next(*, desk: Desk, user: User, now: dt.datetime | None = None) -> Concern | None:
    """Call the next visitor to `desk`: highest priority, then longest waiting, skipping
    visitors who are at another desk. None when nobody waits for the desk's teams."""
    session = _desk_session(desk, user)
    at = _now(now)
    day = timezone.localdate(at)
    _ensure_open(desk.location, day)
    _ensure_desk_free(desk)
    team_ids = list(session.teams.values_list("pk", flat=True))
    # The queue is read without locks; candidates are claimed one by one in short
    # transactions. A desk that loses every candidate to faster desks reads again.
    for _attempt in range(3):
        candidates = selectors.queue_candidates(
            location_id=desk.location_id, team_ids=team_ids, day=day
        )
        if not candidates:
            return None
        for concern_id, visit_id in candidates:
            if _claim(concern_id, visit_id, desk, at, user):
                return Concern.objects.select_related("visit", "service", "team").get(pk=concern_id)
    return None


def concern_call(
    *, concern: Concern, desk: Desk, user: User, now: dt.datetime | None = None
) -> Concern:
    """Call one particular waiting visitor (e.g. the one whose interpreter has arrived)."""
    session = _desk_session(desk, user)
    at = _now(now)
    if not session.teams.filter(pk=concern.team_id).exists() or Visit.objects.filter(
        pk=concern.visit_id
    ).values_list("location_id", "day").first() != (desk.location_id, timezone.localdate(at)):
        raise ApplicationError(
            _("This desk does not serve that team, or you are not a member of it."),
            code="desk_not_serving_team",
            status=409,
        )
    _ensure_desk_free(desk)
    if not _claim(concern.pk, concern.visit_id, desk, at, user):
        raise ApplicationError(
            _("This visitor is not waiting right now or is at another desk."),
            code="not_waiting",
            status=409,
        )
    concern.refresh_from_db()
    return concern


def _mine(concern: Concern, user: User, states: Sequence[str]) -> Concern:
    """Lock `concern` and check it is at the user's desk in one of `states`."""
    locked = Concern.objects.select_for_update().select_related("visit").get(pk=concern.pk)
    session = (
        DeskSession.objects.filter(desk_id=locked.desk_id, closed_at__isnull=True).first()
        if locked.desk_id
        else None
    )
    if locked.status not in ACTIVE or session is None or session.user_id != user.pk:
        raise ApplicationError(
            _("This visitor was not called to your desk."), code="not_your_concern", status=403
        )
    if locked.status not in states:
        raise ApplicationError(
            _("Not possible in the state “%(state)s”.") % {"state": locked.get_status_display()},
            code="wrong_state",
            status=409,
        )
    return locked


def _end(concern: Concern, status: str, at: dt.datetime, **fields: object) -> None:
    Visit.objects.filter(pk=concern.visit_id, current_concern=concern).update(current_concern=None)
    Concern.objects.filter(pk=concern.pk).update(status=status, ended_at=at, **fields)
    others = Concern.objects.filter(visit_id=concern.visit_id).exclude(pk=concern.pk)
    if not others.exclude(status__in=ENDED).exists():
        Visit.objects.filter(pk=concern.visit_id).update(status=Visit.Status.DONE)


@transaction.atomic
def concern_recall(*, concern: Concern, user: User, now: dt.datetime | None = None) -> None:
    locked = _mine(concern, user, [ConcernStatus.CALLED])
    at = _now(now)
    Concern.objects.filter(pk=locked.pk).update(call_count=F("call_count") + 1, called_at=at)
    _event(locked, Event.RECALLED, at, user, desk_id=locked.desk_id)


@transaction.atomic
def concern_start(*, concern: Concern, user: User, now: dt.datetime | None = None) -> None:
    locked = _mine(concern, user, [ConcernStatus.CALLED])
    at = _now(now)
    Concern.objects.filter(pk=locked.pk).update(status=ConcernStatus.IN_SERVICE, started_at=at)
    _event(locked, Event.STARTED, at, user, desk_id=locked.desk_id)


@transaction.atomic
def concern_finish(
    *, concern: Concern, user: User, outcome: str = "", now: dt.datetime | None = None
) -> None:
    locked = _mine(concern, user, ACTIVE)
    at = _now(now)
    _end(locked, ConcernStatus.FINISHED, at, outcome=outcome[:200])
    _event(locked, Event.FINISHED, at, user, desk_id=locked.desk_id, note=outcome[:500])


@transaction.atomic
def concern_no_show(*, concern: Concern, user: User, now: dt.datetime | None = None) -> None:
    locked = _mine(concern, user, [ConcernStatus.CALLED])
    if locked.call_count < NO_SHOW_AFTER_CALLS:
        raise ApplicationError(
            _("Call the visitor again before marking them as not present."),
            code="no_show_too_early",
            status=409,
        )
    at = _now(now)
    _end(locked, ConcernStatus.NO_SHOW, at)
    _event(locked, Event.NO_SHOW, at, user, desk_id=locked.desk_id)


@transaction.atomic
def concern_release(*, concern: Concern, user: User, now: dt.datetime | None = None) -> None:
    """Put a called visitor back into the queue with the waiting credit they had."""
    locked = _mine(concern, user, [ConcernStatus.CALLED])
    at = _now(now)
    Visit.objects.filter(pk=locked.visit_id, current_concern=locked).update(current_concern=None)
    Concern.objects.filter(pk=locked.pk).update(
        status=ConcernStatus.WAITING, desk=None, called_at=None
    )
    _event(locked, Event.RELEASED, at, user, desk_id=locked.desk_id)


@transaction.atomic
def concern_forward(
    *, concern: Concern, user: User, service_id: int, note: str = "", now: dt.datetime | None = None
) -> Concern:
    """Hand the concern to another team's service. The new concern keeps the waiting credit
    (its place in the queue) and the visit keeps its ticket number."""
    locked = _mine(concern, user, ACTIVE)
    service = Service.objects.select_related("team").filter(pk=service_id, is_active=True).first()
    if service is None:
        raise ApplicationError(_("Unknown concern."), code="unknown_service", status=422)
    if service.pk == locked.service_id:
        raise ApplicationError(
            _("Choose another concern to forward to."), code="same_service", status=422
        )
    at = _now(now)
    _end(locked, ConcernStatus.FORWARDED, at, note=note[:2000])
    successor = Concern.objects.create(
        visit_id=locked.visit_id,
        service=service,
        team=service.team,
        queued_at=locked.queued_at,
        forwarded_from=locked,
        note=note[:2000],
    )
    Visit.objects.filter(pk=locked.visit_id).update(status=Visit.Status.OPEN)
    _event(locked, Event.FORWARDED, at, user, desk_id=locked.desk_id, note=note[:500])
    _event(successor, Event.QUEUED, at, user, note=note[:500])
    return successor


@transaction.atomic
def day_close(
    *, location: Location, user: User, day: dt.date | None = None, now: dt.datetime | None = None
) -> int:
    """End walk-in hours: whoever still waits is marked closed (nothing is deleted)."""
    at = _now(now)
    day = day or timezone.localdate(at)
    waiting = list(
        Concern.objects.select_for_update().filter(
            visit__location=location, visit__day=day, status=ConcernStatus.WAITING
        )
    )
    for concern in waiting:
        _event(concern, Event.CLOSED, at, user)
    Concern.objects.filter(pk__in=[c.pk for c in waiting]).update(
        status=ConcernStatus.CLOSED, ended_at=at
    )
    Visit.objects.filter(
        location=location, day=day, status=Visit.Status.OPEN, current_concern__isnull=True
    ).exclude(concerns__status__in=ACTIVE).update(status=Visit.Status.CLOSED)
    return len(waiting)
