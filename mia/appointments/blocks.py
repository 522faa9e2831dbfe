"""Team leads change appointment capacity: weekly rules (parallel desks) and blocked desks.

Each change is written to the admin history (LogEntry) of the object it touched, so it shows
there like a change made in the admin. A change that adds capacity (a new rule, a lifted block)
lets the waitlist have the new times first. Blocks never cancel bookings: appointments already
booked in a blocked time stay, and the day calendar shows the overbooking.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.accounts.models import User
from mia.appointments.models import SLOT_MINUTES, CapacityBlock, CapacityRule
from mia.appointments.waitlist import waitlist_offers_schedule
from mia.core.audit import ADDITION, DELETION, log_change
from mia.core.errors import ApplicationError
from mia.organisation.models import Location, Team, Weekday

MAX_DESKS = 50
MAX_BLOCK_DAYS = 366
REASON_LENGTH = 200


def _invalid(message: str, code: str) -> ApplicationError:
    return ApplicationError(message, code=code, status=422)


def _check_desks(desks: int) -> None:
    if not 1 <= desks <= MAX_DESKS:
        raise _invalid(
            _("Enter between 1 and %(max)s desks.") % {"max": MAX_DESKS}, code="invalid_desks"
        )


def _on_slot(moment: dt.time) -> bool:
    return moment.minute % SLOT_MINUTES == 0 and moment.second == 0 and moment.microsecond == 0


def _check_slot_times(*times: dt.time) -> None:
    if not all(_on_slot(moment) for moment in times):
        raise _invalid(
            _("Times must be on the quarter hour (for example 08:00, 08:15, 08:30)."),
            code="not_on_slot",
        )


def capacity_rule_create(
    *,
    location: Location,
    team: Team,
    weekday: int,
    starts: dt.time,
    ends: dt.time,
    desks: int,
    user: User,
) -> CapacityRule:
    """A weekly period in which `desks` desks of `team` take appointments."""
    if weekday not in Weekday.values:
        raise _invalid(_("Unknown weekday."), code="invalid_weekday")
    if ends <= starts:
        raise _invalid(_("The end must be after the start."), code="ends_before_start")
    _check_slot_times(starts, ends)
    _check_desks(desks)
    with transaction.atomic():
        # Two leads adding the same period at once: the second waits, then sees the overlap.
        list(Team.objects.select_for_update().filter(pk=team.pk).values_list("pk"))
        overlapping = CapacityRule.objects.filter(
            location=location, team=team, weekday=weekday, starts__lt=ends, ends__gt=starts
        ).first()
        if overlapping is not None:
            raise ApplicationError(
                _("This overlaps %(rule)s. Change the number of desks there instead.")
                % {"rule": f"{overlapping.starts:%H:%M}–{overlapping.ends:%H:%M}"},
                code="rule_overlaps",
                status=409,
            )
        rule = CapacityRule.objects.create(
            location=location, team=team, weekday=weekday, starts=starts, ends=ends, desks=desks
        )
        log_change(
            user=user,
            obj=rule,
            flag=ADDITION,
            message="Added in the team's appointment capacity page.",
        )
        waitlist_offers_schedule(location_id=location.pk)
    return rule


def capacity_rule_delete(*, rule: CapacityRule, user: User) -> None:
    """Take a weekly period out. Appointments already booked in it stay booked."""
    with transaction.atomic():
        log_change(
            user=user,
            obj=rule,
            flag=DELETION,
            message="Deleted in the team's appointment capacity page.",
        )
        rule.delete()


def capacity_block_create(
    *,
    location: Location,
    team: Team,
    start: dt.datetime,
    end: dt.datetime,
    desks: int,
    reason: str,
    user: User,
    now: dt.datetime | None = None,
) -> CapacityBlock:
    """Take `desks` desks of `team` out of booking from `start` to `end` (training, sickness)."""
    now = now or timezone.now()
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise _invalid(_("The time needs a UTC offset."), code="naive_time")
    if end <= start:
        raise _invalid(_("The end must be after the start."), code="ends_before_start")
    if end <= now:
        raise _invalid(_("This time is already over."), code="in_the_past")
    if end - start > dt.timedelta(days=MAX_BLOCK_DAYS):
        raise _invalid(
            _("A block can last at most %(days)s days.") % {"days": MAX_BLOCK_DAYS},
            code="block_too_long",
        )
    _check_slot_times(timezone.localtime(start).time(), timezone.localtime(end).time())
    _check_desks(desks)
    reason = reason.strip()
    if len(reason) > REASON_LENGTH:
        raise _invalid(
            _("The reason can have at most %(count)s characters.") % {"count": REASON_LENGTH},
            code="reason_too_long",
        )
    with transaction.atomic():
        block = CapacityBlock.objects.create(
            location=location,
            team=team,
            start=start,
            end=end,
            desks=desks,
            reason=reason,
            created_by=user,
        )
        log_change(
            user=user,
            obj=block,
            flag=ADDITION,
            message="Blocked in the team's appointment capacity page.",
        )
    return block


def capacity_block_delete(*, block: CapacityBlock, user: User) -> None:
    """Lift a block: its desks take appointments again, offered to the waitlist first."""
    with transaction.atomic():
        log_change(
            user=user,
            obj=block,
            flag=DELETION,
            message="Lifted in the team's appointment capacity page.",
        )
        location_id = block.location_id
        block.delete()
        waitlist_offers_schedule(location_id=location_id)
