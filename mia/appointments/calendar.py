"""A team's appointment day for its leads and clerks: per slot the desks from the weekly rules,
the blocked desks, the bookings holding seats and what is left; times without appointment
capacity show as walk-in only (or open without appointments).

Free counts follow `selectors.capacity`: desks minus blocks (never below zero) minus live seats
(seats of a cancelled booking stay taken until their release). A negative count is an
overbooking, for instance after a block was put over existing appointments.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from django.db.models import Q, QuerySet
from django.utils import timezone

from mia.appointments import selectors
from mia.appointments.models import Booking, BookingItem, CapacityBlock, CapacityRule, Seat
from mia.organisation.models import Location, OpeningPeriod, Team
from mia.organisation.selectors import closed_reason

SLOT = selectors.SLOT


@dataclass(frozen=True)
class BookedSeat:
    """One booking holding a seat of the team in a slot."""

    code: str
    name: str
    services: list[str]
    status: str
    status_label: str
    language: str
    interpreter: bool
    by_staff: bool
    start: dt.datetime  # of the team's part of the route
    end: dt.datetime
    starts_here: bool
    held_until: dt.datetime | None


@dataclass
class SlotRow:
    start: dt.datetime
    end: dt.datetime
    desks: int = 0  # from the weekly rules
    blocked: int = 0
    walk_in: bool = False
    opening: bool = False
    seats: list[BookedSeat] = field(default_factory=list)
    free: int = 0

    @property
    def kind(self) -> str:
        if self.desks:
            return "appointments"
        if self.walk_in:
            return "walk_in_only"
        if self.opening:
            return "no_appointments"
        return "outside"

    @property
    def overbooked(self) -> int:
        return max(0, -self.free)

    @property
    def collapsed(self) -> bool:
        return self.end - self.start > SLOT


@dataclass
class TeamDay:
    team: Team
    location: Location
    day: dt.date
    closed_reason: str
    rows: list[SlotRow]
    blocks: list[CapacityBlock]
    walk_in_hours: list[tuple[dt.time, dt.time]]

    @property
    def bookings(self) -> int:
        return len({seat.code for row in self.rows for seat in row.seats if seat.starts_here})

    @property
    def free_slots(self) -> int:
        return sum(max(0, row.free) for row in self.rows)

    @property
    def overbooked(self) -> bool:
        return any(row.overbooked for row in self.rows)

    def lines(self) -> list[SlotRow]:
        """The rows for reading: following times without appointment desks and without
        bookings become one line (10:00 to 12:00 walk-in only)."""
        lines: list[SlotRow] = []
        for row in self.rows:
            last = lines[-1] if lines else None
            if (
                last
                and _quiet(last)
                and _quiet(row)
                and (last.kind, last.end) == (row.kind, row.start)
            ):
                lines[-1] = replace(last, end=row.end)
            else:
                lines.append(row)
        return lines


def _quiet(row: SlotRow) -> bool:
    return not row.desks and not row.seats


def _wall_slots(day: dt.date, starts: dt.time, ends: dt.time) -> Iterator[dt.datetime]:
    """The slots of a wall-clock period in Berlin, as UTC moments (as `selectors.capacity`)."""
    zone = selectors.local_zone()
    slot = dt.datetime.combine(day, starts, tzinfo=zone)
    end = dt.datetime.combine(day, ends, tzinfo=zone)
    while slot + SLOT <= end:
        moment = slot.astimezone(dt.UTC)
        if moment.astimezone(zone).replace(tzinfo=None) == slot.replace(tzinfo=None):
            yield moment  # skips wall-clock times that do not exist (the DST gap)
        slot += SLOT


def _row(rows: dict[dt.datetime, SlotRow], slot: dt.datetime) -> SlotRow:
    if slot not in rows:
        rows[slot] = SlotRow(start=slot, end=slot + SLOT)
    return rows[slot]


def _live_seats(
    location: Location, team: Team, first: dt.datetime, last: dt.datetime, now: dt.datetime
) -> QuerySet[Seat]:
    return (
        Seat.objects.filter(location=location, team=team, slot__gte=first, slot__lt=last)
        .filter(Q(held_until__isnull=True) | Q(held_until__gt=now))
        .select_related("item__booking")
        .order_by("slot", "number")
    )


def _route_names(booking_ids: set[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    items = BookingItem.objects.filter(booking_id__in=booking_ids).select_related("service")
    for item in items.order_by("booking_id", "position"):
        names[item.booking_id].append(item.service.name)
    return names


def _booked(seat: Seat, names: dict[int, list[str]]) -> BookedSeat:
    item, booking = seat.item, seat.item.booking
    return BookedSeat(
        code=booking.code,
        name=booking.name,
        services=names.get(booking.pk, []),
        status=booking.status,
        status_label=str(Booking.Status(booking.status).label),
        language=booking.language,
        interpreter=booking.interpreter,
        by_staff=booking.created_by_id is not None,
        start=item.start,
        end=item.end,
        starts_here=item.start == seat.slot,
        held_until=seat.held_until,
    )


def team_day(
    *, team: Team, location: Location, day: dt.date, now: dt.datetime | None = None
) -> TeamDay:
    """The team's slots on `day` at `location`, in a handful of queries."""
    now = now or timezone.now()
    rows: dict[dt.datetime, SlotRow] = {}
    for rule in CapacityRule.objects.filter(location=location, team=team, weekday=day.weekday()):
        for slot in _wall_slots(day, rule.starts, rule.ends):
            _row(rows, slot).desks += rule.desks
    periods = list(OpeningPeriod.objects.filter(location=location, weekday=day.weekday()))
    for period in periods:
        for slot in _wall_slots(day, period.opens, period.closes):
            row = _row(rows, slot)
            if period.kind == OpeningPeriod.Kind.WALK_IN:
                row.walk_in = True
            else:
                row.opening = True
    first = selectors.local_midnight(day)
    last = selectors.local_midnight(day + dt.timedelta(days=1))
    blocks = list(
        CapacityBlock.objects.filter(
            location=location, team=team, start__lt=last, end__gt=first
        ).select_related("created_by")
    )
    for block in blocks:
        for slot, row in rows.items():
            if block.start <= slot < block.end:
                row.blocked += block.desks
    seats = list(_live_seats(location, team, first, last, now))
    names = _route_names({seat.item.booking_id for seat in seats})
    for seat in seats:
        _row(rows, seat.slot.astimezone(dt.UTC)).seats.append(_booked(seat, names))
    reason = closed_reason(location, day)
    for row in rows.values():
        bookable = 0 if reason else max(0, row.desks - row.blocked)
        row.free = bookable - len(row.seats)
    ordered = [rows[slot] for slot in sorted(rows)]
    for row in ordered:
        row.start, row.end = timezone.localtime(row.start), timezone.localtime(row.end)
        row.seats.sort(key=lambda seat: (not seat.starts_here, seat.start, seat.code))
    walk_in = sorted((p.opens, p.closes) for p in periods if p.kind == OpeningPeriod.Kind.WALK_IN)
    return TeamDay(team, location, day, reason, ordered, blocks, walk_in)


def team_rules(*, team: Team) -> QuerySet[CapacityRule]:
    return CapacityRule.objects.filter(team=team).select_related("location")


def team_blocks(*, team: Team, now: dt.datetime | None = None) -> QuerySet[CapacityBlock]:
    """Blocks that are not over yet."""
    return CapacityBlock.objects.filter(team=team, end__gt=now or timezone.now()).select_related(
        "location", "created_by"
    )


def bookings_in(*, team: Team, location: Location, start: dt.datetime, end: dt.datetime) -> int:
    """Open bookings with a part at `team` between `start` and `end` (they stay booked when
    capacity is blocked or taken out; the lead is told how many)."""
    return (
        Booking.objects.filter(
            location=location,
            status=Booking.Status.BOOKED,
            items__team=team,
            items__start__lt=end,
            items__end__gt=start,
        )
        .distinct()
        .count()
    )
