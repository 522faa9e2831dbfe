import datetime as dt

import pytest

from mia.appointments import selectors, services
from mia.organisation.models import Closure
from tests.appointments.conftest import MONDAY, berlin

pytestmark = pytest.mark.django_db


def starts(agency, keys, day, now):
    chosen = [agency["services"][k] for k in keys]
    return [
        s
        for s, _ in selectors.availability(
            location=agency["location"], services=chosen, date_from=day, date_to=day, now=now
        )
    ]


def test_a_two_concern_route_needs_both_teams_one_after_the_other(capacity, the_week_before):
    free = starts(capacity, ["permit", "benefits"], MONDAY, the_week_before)
    # Permit: 20 min = 2 slots at A (8–10), then the J concern right after.
    assert free[0] == berlin(MONDAY, 8)
    assert free[-1] == berlin(MONDAY, 9, 30)
    assert len(free) == 7
    legs = selectors.route(
        [capacity["services"]["permit"], capacity["services"]["benefits"]], free[0]
    )
    assert (legs[1].start, legs[1].end) == (berlin(MONDAY, 8, 30), berlin(MONDAY, 9))


def test_times_follow_berlin_across_the_dst_change(capacity):
    summer, winter = dt.date(2026, 3, 30), dt.date(2026, 3, 23)
    now = berlin(winter, 0) - dt.timedelta(days=3)
    assert starts(capacity, ["permit"], summer, now)[0] == dt.datetime(
        2026, 3, 30, 6, tzinfo=dt.UTC
    )
    assert starts(capacity, ["permit"], winter, now)[0] == dt.datetime(
        2026, 3, 23, 7, tzinfo=dt.UTC
    )


def test_no_slots_on_holidays_of_saxony_anhalt(capacity):
    reformation_day = dt.date(2025, 10, 31)
    assert (
        starts(
            capacity, ["permit"], reformation_day, berlin(reformation_day, 0) - dt.timedelta(days=5)
        )
        == []
    )


def test_no_slots_on_closure_days(capacity, the_week_before):
    Closure.objects.create(location=capacity["location"], date=MONDAY, reason="Personalversammlung")
    assert starts(capacity, ["permit"], MONDAY, the_week_before) == []


def test_the_booking_window_has_a_lead_time_and_an_end(capacity, settings):
    settings.BOOKING_MIN_LEAD_MINUTES = 60
    now = berlin(MONDAY, 8, 10)
    assert starts(capacity, ["benefits"], MONDAY, now)[0] == berlin(MONDAY, 9, 15)
    settings.BOOKING_MAX_DAYS = 2
    assert starts(capacity, ["benefits"], MONDAY, now - dt.timedelta(days=3)) == []


def test_a_booking_takes_its_seats(capacity, the_week_before):
    services.booking_create(
        location=capacity["location"],
        service_ids=[capacity["services"]["permit"].pk],
        start=berlin(MONDAY, 8),
        name="Olena K.",
        now=the_week_before,
    )
    free = starts(capacity, ["permit"], MONDAY, the_week_before)
    assert berlin(MONDAY, 8) not in free and berlin(MONDAY, 8, 15) not in free
    assert berlin(MONDAY, 8, 30) in free


def test_a_cancelled_time_is_released_to_the_public_only_after_the_delay(
    capacity, the_week_before, settings
):
    settings.BOOKING_RELEASE_DELAY_MINUTES = 30
    booking = services.booking_create(
        location=capacity["location"],
        service_ids=[capacity["services"]["permit"].pk],
        start=berlin(MONDAY, 8),
        name="Olena K.",
        now=the_week_before,
    )
    services.booking_cancel(booking=booking, now=the_week_before)
    assert berlin(MONDAY, 8) not in starts(
        capacity, ["permit"], MONDAY, the_week_before + dt.timedelta(minutes=29)
    )
    later = the_week_before + dt.timedelta(minutes=31)
    assert berlin(MONDAY, 8) in starts(capacity, ["permit"], MONDAY, later)
    again = services.booking_create(
        location=capacity["location"],
        service_ids=[capacity["services"]["permit"].pk],
        start=berlin(MONDAY, 8),
        name="Someone else",
        now=later,
    )
    assert again.items.get().seats.count() == 2
