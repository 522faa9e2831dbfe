"""Availability of appointment routes: capacity minus seats taken, in Berlin local time."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, prefetch_related_objects
from django.utils import timezone

from mia.appointments.models import SLOT_MINUTES, Booking, CapacityBlock, CapacityRule, Seat
from mia.organisation.models import Location, Service
from mia.organisation.selectors import closed_reason

SLOT = dt.timedelta(minutes=SLOT_MINUTES)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Leg:
    """One service of a route with its time."""

    service: Service
    start: dt.datetime
    end: dt.datetime

    def slots(self) -> list[dt.datetime]:
        count = int((self.end - self.start) / SLOT)
        return [self.start + n * SLOT for n in range(count)]


def slot_count(service: Service) -> int:
    return -(-service.duration_minutes // SLOT_MINUTES)  # rounded up to whole slots


def route(services: list[Service], start: dt.datetime) -> list[Leg]:
    """The services one after the other from `start` (concern A, then B right after)."""
    legs = []
    for service in services:
        end = start + slot_count(service) * SLOT
        legs.append(Leg(service, start, end))
        start = end
    return legs


def _local(day: dt.date, time: dt.time) -> dt.datetime | None:
    """The aware moment of a wall-clock time in Berlin; None if it does not exist (DST gap)."""
    moment = dt.datetime.combine(day, time, tzinfo=local_zone())
    round_trip = moment.astimezone(dt.UTC).astimezone(local_zone())
    return moment if round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None) else None


@dataclass
class Capacity:
    """Desks per (team, slot) from the rules, and seats taken, for a range of days."""

    desks: dict[tuple[int, dt.datetime], int]
    taken: Counter[tuple[int, dt.datetime]]

    def free(self, team_id: int, slot: dt.datetime) -> int:
        return self.desks.get((team_id, slot), 0) - self.taken[(team_id, slot)]

    def fits(self, legs: list[Leg]) -> bool:
        return all(self.free(leg.service.team_id, slot) > 0 for leg in legs for slot in leg.slots())


def capacity(
    *,
    location: Location,
    team_ids: set[int],
    days: list[dt.date],
    now: dt.datetime,
    held_is_free: bool = False,
) -> Capacity:
    """Desks minus blocks minus seats taken. Seats of cancelled bookings stay taken for the
    public until their release; `held_is_free` counts them free, for offers to the waitlist."""
    rules = CapacityRule.objects.filter(location=location, team_id__in=team_ids)
    by_weekday: dict[int, list[CapacityRule]] = {}
    for rule in rules:
        by_weekday.setdefault(rule.weekday, []).append(rule)
    desks: dict[tuple[int, dt.datetime], int] = {}
    for day in days:
        for rule in by_weekday.get(day.weekday(), []):
            start, end = _local(day, rule.starts), _local(day, rule.ends)
            if start is None or end is None:
                continue
            slot = start
            while slot + SLOT <= end:
                key = (rule.team_id, slot.astimezone(dt.UTC))
                desks[key] = desks.get(key, 0) + rule.desks
                slot += SLOT
    if not days:
        return Capacity(desks, Counter())
    first = _local(days[0], dt.time(0)) or timezone.now()
    last = (_local(days[-1], dt.time(0)) or timezone.now()) + dt.timedelta(days=1)
    _subtract_blocks(desks, location, team_ids, first, last)
    live = Q(held_until__isnull=True)
    if not held_is_free:
        live |= Q(held_until__gt=now)
    seats = (
        Seat.objects.filter(location=location, team_id__in=team_ids, slot__gte=first, slot__lt=last)
        .filter(live)
        .values("team_id", "slot")
        .annotate(n=Count("pk"))
    )
    taken = Counter({(row["team_id"], row["slot"].astimezone(dt.UTC)): row["n"] for row in seats})
    return Capacity(desks, taken)


def _subtract_blocks(
    desks: dict[tuple[int, dt.datetime], int],
    location: Location,
    team_ids: set[int],
    first: dt.datetime,
    last: dt.datetime,
) -> None:
    blocks = CapacityBlock.objects.filter(
        location=location, team_id__in=team_ids, start__lt=last, end__gt=first
    )
    for block in blocks:
        for team_id, slot in list(desks):
            if team_id == block.team_id and block.start <= slot < block.end:
                desks[(team_id, slot)] = max(0, desks[(team_id, slot)] - block.desks)


def booking_window(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    earliest = now + dt.timedelta(minutes=settings.BOOKING_MIN_LEAD_MINUTES)
    latest = now + dt.timedelta(days=settings.BOOKING_MAX_DAYS)
    return earliest, latest


def availability(
    *,
    location: Location,
    services: list[Service],
    date_from: dt.date,
    date_to: dt.date,
    now: dt.datetime | None = None,
    held_is_free: bool = False,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Start and end of every route that fits, within the booking window (for the waitlist,
    `held_is_free` also counts cancelled seats not yet released to the public)."""
    now = now or timezone.now()
    earliest, latest = booking_window(now)
    prefetch_related_objects(
        [location], "closures"
    )  # one query for the closure days, not one a day
    days = [
        date_from + dt.timedelta(days=n)
        for n in range((date_to - date_from).days + 1)
        if not closed_reason(location, date_from + dt.timedelta(days=n))
    ]
    team_ids = {service.team_id for service in services}
    cap = capacity(
        location=location, team_ids=team_ids, days=days, now=now, held_is_free=held_is_free
    )
    first_team = services[0].team_id
    starts = sorted(slot for team, slot in cap.desks if team == first_team)
    free = []
    for start in starts:
        if not earliest <= start <= latest:
            continue
        legs = route(services, start)
        if cap.fits(legs):
            free.append((legs[0].start, legs[-1].end))
    return free


def booking_by_code(code: str) -> Booking | None:
    return (
        Booking.objects.filter(code=code.upper()[:12])
        .select_related("location")
        .prefetch_related("items__service", "items__team")
        .first()
    )


def local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=local_zone())


def bookings_by_codes(codes: list[str]) -> list[Booking]:
    """Bookings with these codes, newest appointment first, with their concerns."""
    return list(
        Booking.objects.filter(code__in=[c for c in codes if c])
        .prefetch_related("items__service")
        .order_by("-start", "-pk")
    )
