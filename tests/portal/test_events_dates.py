"""Repeating events keep their wall-clock time across daylight-saving changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mia.portal.models import Event
from mia.portal.selectors.events import dates, occurrences

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def event(**extra):
    start = dt.datetime(2027, 3, 16, 18, 0, tzinfo=BERLIN)  # a Tuesday before the change
    fields = {
        "title": "Sprachcafé",
        "town": "Naumburg (Saale)",
        "start": start,
        "end": start + dt.timedelta(hours=2),
    }
    return Event.objects.create(**(fields | extra))


def test_a_weekly_event_stays_at_six_across_the_change_to_summer_time():
    weekly = event(recurrence="weekly", repeat_until=dt.date(2027, 4, 6))
    found = dates(weekly, dt.date(2027, 3, 1), dt.date(2027, 6, 1))
    assert [timezone.localtime(o.start).strftime("%d.%m. %H:%M") for o in found] == [
        "16.03. 18:00",
        "23.03. 18:00",
        "30.03. 18:00",
        "06.04. 18:00",
    ]
    assert found[2].start.utcoffset() == dt.timedelta(hours=2)  # after 28 March: summer time


def test_a_monthly_event_skips_months_without_its_day():
    start = dt.datetime(2027, 1, 31, 10, 0, tzinfo=BERLIN)
    monthly = event(
        recurrence="monthly", start=start, end=start + dt.timedelta(hours=1), repeat_until=None
    )
    found = dates(monthly, dt.date(2027, 1, 1), dt.date(2027, 5, 31))
    assert [timezone.localdate(o.start).isoformat() for o in found] == [
        "2027-01-31",
        "2027-03-31",
        "2027-05-31",
    ]


def test_the_range_holds_one_off_and_repeating_events_in_order():
    event(
        title="Einmalig",
        start=dt.datetime(2027, 3, 20, 9, tzinfo=BERLIN),
        end=dt.datetime(2027, 3, 20, 12, tzinfo=BERLIN),
    )
    event(recurrence="weekly")
    event(
        title="Vorbei",
        start=dt.datetime(2026, 1, 1, 9, tzinfo=BERLIN),
        end=dt.datetime(2026, 1, 1, 10, tzinfo=BERLIN),
    )
    event(title="Versteckt", is_published=False)
    found = occurrences(dt.date(2027, 3, 17), dt.date(2027, 3, 24))
    assert [(o.event.title, timezone.localdate(o.start).day) for o in found] == [
        ("Einmalig", 20),
        ("Sprachcafé", 23),
    ]
