import datetime as dt

import pytest
from django.utils import timezone

from mia.accounts.models import Role
from mia.appointments.models import Booking
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def day():
    """A weekday a few days ahead, inside the booking window."""
    candidate = timezone.localdate() + dt.timedelta(days=3)
    while candidate.weekday() > 4:
        candidate += dt.timedelta(days=1)
    return candidate


def availability(client, capacity, day, keys=("permit",)):
    ids = ",".join(str(capacity["services"][k].pk) for k in keys)
    return client.get(
        "/api/v1/availability",
        {"location": capacity["location"].pk, "services": ids, "date_from": day, "date_to": day},
    )


def test_availability_lists_starts_with_offsets(client, capacity, day):
    response = availability(client, capacity, day)
    assert response.status_code == 200
    slots = response.json()["slots"]
    assert slots[0]["start"].startswith(f"{day.isoformat()}T08:00:00+0")
    assert dt.datetime.fromisoformat(slots[0]["end"]) - dt.datetime.fromisoformat(
        slots[0]["start"]
    ) == dt.timedelta(minutes=30)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"services": "abc"}, "validation_error"),
        ({"date_to": "2020-01-01"}, "invalid_range"),
        ({"services": "999999"}, "unknown_service"),
        ({"date_from": "nonsense"}, "validation_error"),
    ],
)
def test_bad_availability_queries_get_422(client, capacity, day, params, code):
    query = {
        "location": capacity["location"].pk,
        "services": str(capacity["services"]["permit"].pk),
        "date_from": day,
        "date_to": day,
    } | params
    response = client.get("/api/v1/availability", query)
    assert response.status_code == 422
    assert response.json()["code"] == code


def test_book_view_calendar_and_cancel(client, capacity, day, altcha_payload):
    start = availability(client, capacity, day).json()["slots"][0]["start"]
    body = {
        "location": capacity["location"].pk,
        "services": [capacity["services"]["permit"].pk],
        "start": start,
        "name": "Olena K.",
        "language": "uk",
        "altcha": altcha_payload(),
    }
    created = client.post("/api/v1/bookings", body, content_type="application/json")
    assert created.status_code == 201
    booking = created.json()
    assert booking["manage_url"].endswith(f"/api/v1/bookings/{booking['code']}")
    assert [s["team_letter"] for s in booking["services"]] == ["A"]

    again = client.post(
        "/api/v1/bookings",
        body | {"name": "Second", "altcha": altcha_payload()},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "slot_taken"

    ics = client.get(f"/api/v1/bookings/{booking['code']}/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content and booking["code"].encode() in ics.content

    assert client.get(f"/api/v1/bookings/{booking['code'].lower()}").json()["status"] == "booked"
    cancelled = client.post(f"/api/v1/bookings/{booking['code']}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert client.post(f"/api/v1/bookings/{booking['code']}/cancel").status_code == 409
    assert (
        b"STATUS:CANCELLED"
        in client.get(f"/api/v1/bookings/{booking['code']}/calendar.ics").content
    )


@pytest.mark.parametrize(
    "change",
    [
        {"name": ""},
        {"start": "tomorrow"},
        {"email": "not-an-address"},
        {"language": "xx"},
        {"services": []},
    ],
)
def test_bad_bookings_get_422(client, capacity, day, change, altcha_payload):
    body = {
        "location": capacity["location"].pk,
        "services": [capacity["services"]["permit"].pk],
        "start": f"{day}T08:00:00+01:00",
        "name": "A",
        "altcha": altcha_payload(),
    } | change
    response = client.post("/api/v1/bookings", body, content_type="application/json")
    assert response.status_code == 422
    assert not Booking.objects.exists()


def test_unknown_codes_are_404(client, db):
    assert client.get("/api/v1/bookings/NOPE2345").status_code == 404


def test_reception_checks_a_booking_in_on_its_day(client, capacity, day, altcha_payload):
    start = availability(client, capacity, day).json()["slots"][0]["start"]
    body = {
        "location": capacity["location"].pk,
        "services": [capacity["services"]["permit"].pk],
        "start": start,
        "name": "Olena K.",
        "altcha": altcha_payload(),
    }
    code = client.post("/api/v1/bookings", body, content_type="application/json").json()["code"]
    assert client.post(f"/api/v1/bookings/{code}/check-in").status_code == 401
    client.force_login(factories.staff("front", Role.RECEPTION))
    assert client.post(f"/api/v1/bookings/{code}/check-in").json()["code"] == "not_today"
    # When the day has come (moved to today here), reception checks it in.
    today = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    Booking.objects.filter(code=code).update(start=today, end=today + dt.timedelta(minutes=30))
    response = client.post(f"/api/v1/bookings/{code}/check-in")
    assert response.status_code == 200
    assert response.json()["ticket"] == "A001"


def test_too_many_bookings_from_one_address_get_429(
    client, capacity, day, settings, altcha_payload
):
    settings.BOOKING_RATE_LIMIT = "2/h"
    slots = availability(client, capacity, day).json()["slots"]
    body = {
        "location": capacity["location"].pk,
        "services": [capacity["services"]["permit"].pk],
        "name": "X",
        "altcha": "",  # the limit is checked first; with limits off, so is nothing else
    }
    codes = [
        client.post(
            "/api/v1/bookings",
            body | {"start": slots[2 * n]["start"], "altcha": altcha_payload()},
            content_type="application/json",
        ).status_code
        for n in range(3)
    ]
    assert codes == [201, 201, 429]
    response = client.post(
        "/api/v1/bookings", body | {"start": slots[6]["start"]}, content_type="application/json"
    )
    assert response.json()["code"] == "rate_limited"
    settings.RATE_LIMITS = False
    assert (
        client.post(
            "/api/v1/bookings", body | {"start": slots[4]["start"]}, content_type="application/json"
        ).status_code
        == 201
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/availability?location=1&services=1&date_from=9999-12-30&date_to=9999-12-31",
        "/api/v1/desks?location=99999999999999999999",
    ],
)
def test_numbers_and_dates_out_of_range_never_give_500(client, capacity, path):
    client.force_login(factories.staff("clerk", Role.CLERK))
    response = client.get(path)
    # SQLite cannot hold the number (422); PostgreSQL finds nothing for it (an empty list).
    assert response.status_code in {200, 422}
    if response.status_code == 422:
        assert response.json()["code"] in {"invalid_range", "out_of_range"}
    else:
        assert response.json() == []


def test_huge_ids_in_a_booking_are_422(client, capacity, day, altcha_payload):
    body = {
        "location": capacity["location"].pk,
        "services": [10**20],
        "start": f"{day}T08:00:00+01:00",
        "name": "A",
        "altcha": altcha_payload(),
    }
    response = client.post("/api/v1/bookings", body, content_type="application/json")
    assert response.status_code == 422
