import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mia.appointments.models import CapacityRule

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = dt.date(2026, 11, 23)


def berlin(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def capacity(agency):
    """Team A: one desk 8 to 10 every weekday; team J: two desks 8 to 12."""
    location = agency["location"]
    for weekday in range(5):
        CapacityRule.objects.create(
            location=location,
            team=agency["teams"]["A"],
            weekday=weekday,
            starts=dt.time(8),
            ends=dt.time(10),
            desks=1,
        )
        CapacityRule.objects.create(
            location=location,
            team=agency["teams"]["J"],
            weekday=weekday,
            starts=dt.time(8),
            ends=dt.time(12),
            desks=2,
        )
    return agency


@pytest.fixture
def the_week_before():
    """`now` for booking Monday 23 November 2026: the Friday before."""
    return berlin(MONDAY - dt.timedelta(days=3), 12)
