"""Events and their dates: a repeating event is expanded into its occurrences in Berlin wall
time, so a weekly 18:00 meeting stays at 18:00 across the change of daylight-saving time."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from mia.portal.models import Event, Recurrence

MAX_OCCURRENCES = 400


@dataclass(frozen=True)
class Occurrence:
    event: Event
    start: dt.datetime
    end: dt.datetime


def _shift(first: dt.datetime, recurrence: str, step: int) -> dt.datetime | None:
    local = timezone.localtime(first)
    if recurrence == Recurrence.WEEKLY:
        day = local.date() + dt.timedelta(weeks=step)
    else:
        month_index = local.month - 1 + step
        year, month = local.year + month_index // 12, month_index % 12 + 1
        if local.day > calendar.monthrange(year, month)[1]:
            return None  # no 31st in this month
        day = dt.date(year, month, local.day)
    return timezone.make_aware(dt.datetime.combine(day, local.time().replace(tzinfo=None)))


def dates(event: Event, date_from: dt.date, date_to: dt.date) -> list[Occurrence]:
    """The event's occurrences that start between `date_from` and `date_to` (inclusive)."""
    length = event.end - event.start
    if not event.recurrence:
        starts = [event.start]
    else:
        last = min(event.repeat_until or date_to, date_to)
        starts = []
        for step in range(MAX_OCCURRENCES):
            start = _shift(event.start, event.recurrence, step)
            if start is None:
                continue
            if timezone.localdate(start) > last:
                break
            starts.append(start)
    return [
        Occurrence(event, start, start + length)
        for start in starts
        if date_from <= timezone.localdate(start) <= date_to
    ]


def occurrences(date_from: dt.date, date_to: dt.date) -> list[Occurrence]:
    """All published events' dates in the range, in order."""
    start_of_range = timezone.make_aware(dt.datetime.combine(date_from, dt.time()))
    end_of_range = timezone.make_aware(dt.datetime.combine(date_to, dt.time.max))
    events = Event.objects.filter(is_published=True, start__lte=end_of_range).filter(
        Q(end__gte=start_of_range)
        | (~Q(recurrence="") & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=date_from)))
    )
    found = [
        o for event in events.select_related("actor") for o in dates(event, date_from, date_to)
    ]
    return sorted(found, key=lambda o: (o.start, o.event.pk))
