import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mia.organisation.models import Closure
from mia.organisation.selectors import closed_reason, location_status, locations_list

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def place(agency):
    return locations_list().get(pk=agency["location"].pk)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def test_walk_ins_are_taken_during_walk_in_hours(place):
    status = location_status(place, at(2026, 11, 23, 9, 30))  # a Monday
    assert status.open_now and status.walk_in_now
    assert status.walk_in_until == dt.time(12)
    assert status.closes_at == dt.time(16)


def test_after_walk_in_hours_only_appointments(place):
    status = location_status(place, at(2026, 11, 23, 13, 0))
    assert status.open_now and not status.walk_in_now


def test_reformation_day_is_a_holiday_in_saxony_anhalt(place):
    assert "Reformationstag" in closed_reason(place, dt.date(2025, 10, 31))  # a Friday
    status = location_status(place, at(2025, 10, 31, 9, 0))
    assert not status.open_now


def test_epiphany_is_a_holiday_in_saxony_anhalt(place):
    assert closed_reason(place, dt.date(2027, 1, 6))


def test_closure_days_close_the_location(place, agency):
    Closure.objects.create(
        location=agency["location"], date=dt.date(2026, 11, 24), reason="Betriebsausflug"
    )
    place = locations_list().get(pk=agency["location"].pk)
    status = location_status(place, at(2026, 11, 24, 9, 0))
    assert status.closed_reason == "Betriebsausflug"
    assert not status.open_now


def test_hours_follow_berlin_time_across_the_dst_change(place):
    # 30 March 2026 is the Monday after the switch to summer time (UTC+2).
    utc = dt.datetime(2026, 3, 30, 6, 30, tzinfo=dt.UTC)  # 08:30 in Naumburg
    assert location_status(place, utc).walk_in_now
    winter = dt.datetime(2026, 3, 23, 6, 30, tzinfo=dt.UTC)  # 07:30 in Naumburg, still closed
    assert not location_status(place, winter).open_now
