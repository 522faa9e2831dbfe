"""Events: dates expanded from repetitions, one event with its next dates, iCalendar feeds."""

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from tests.portal.public_content import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(editor):
    return build(editor)


def html(client, url: str, **query: str) -> str:
    response = client.get(url, query)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_weekly_event_shows_on_each_of_its_dates(client, portal):
    page = html(client, "/de/events/")
    assert page.count(">Sprachcafé</a>") == 6  # weeks 1-6 of the six shown
    assert page.count(">Sportfest der Kulturen</a>") == 1
    first = timezone.localdate() + dt.timedelta(days=2)
    assert f'id="day-{first.isoformat()}"' in page


def test_events_show_in_the_readers_language_with_german_marked(client, portal):
    page = html(client, "/ar/events/")
    assert ">مقهى اللغة</a>" in page
    assert 'lang="de" dir="ltr">Sportfest der Kulturen</a>' in page


def test_the_range_starts_at_the_chosen_date(client, portal):
    later = timezone.localdate() + dt.timedelta(days=45)
    page = html(client, "/de/events/", **{"from": later.isoformat()})
    assert "Sportfest der Kulturen" not in page  # day 12, before the range
    assert page.count(">Sprachcafé</a>") == 2  # days 51 and 58; it repeats until day 60
    assert html(client, "/de/events/", **{"from": "2098-01-01"}).count("Sprachcafé</a>") == 0


@pytest.mark.parametrize("value", ["gestern", "2024-02-30", "99999-01-01", "1800-01-01", ""])
def test_a_bad_date_shows_the_coming_weeks(client, portal, value):
    assert ">Sprachcafé</a>" in html(client, "/de/events/", **{"from": value})


def test_one_event_with_its_next_dates_and_organiser(client, portal):
    page = html(client, f"/uk/events/{portal['cafe'].pk}/")
    assert "Мовне кафе" in page
    assert "Розмовляйте німецькою." in page
    assert 'href="/uk/netzwerk/gemeinde-naumburg/"' in page
    assert page.count("<li><time") == 9  # days 2 ... 58 until the last repetition
    assert f'href="/uk/events/{portal["cafe"].pk}.ics"' in page


@pytest.mark.parametrize("pk", ["0", "999999", "99999999999999999999999"])
def test_unknown_events_are_not_found(client, portal, pk):
    assert client.get(f"/de/events/{pk}/").status_code == 404
    assert client.get(f"/de/events/{pk}.ics").status_code == 404


def test_an_unpublished_event_is_not_found(client, portal, editor):
    from mia.portal.services.content import source_save

    source_save(item=portal["festival"], data={"is_published": False}, user=editor)
    assert client.get(f"/de/events/{portal['festival'].pk}/").status_code == 404
    assert "Sportfest" not in html(client, "/de/events/")


def _calendar(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_the_calendar_feed_is_valid_icalendar_in_the_readers_language(client, portal):
    calendar = _calendar(client, "/uk/events.ics")
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Мовне кафе", "Sportfest der Kulturen"}
    cafe = events["Мовне кафе"]
    assert cafe.decoded("dtstart") == portal["cafe"].start
    assert cafe["dtstart"].params["TZID"] == "Europe/Berlin"
    rule = cafe["rrule"]
    assert rule["FREQ"] == ["WEEKLY"]
    until = rule["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == dt.timedelta(0)
    assert timezone.localdate(until) == portal["cafe"].repeat_until
    assert "rrule" not in events["Sportfest der Kulturen"]
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(cafe["url"]).endswith(f"/uk/events/{portal['cafe'].pk}/")


def test_one_event_as_icalendar(client, portal):
    calendar = _calendar(client, f"/ar/events/{portal['cafe'].pk}.ics")
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "مقهى اللغة"
    assert str(event["location"]) == "Gemeindehaus, Naumburg (Saale)"
