"""ALTCHA on bookings: the API needs a solved challenge; the HTML form takes one from the
widget, and without JavaScript (no payload) it still books, under a stricter rate limit."""

import datetime as dt

import pytest
from django.utils import timezone

from mia.appointments.models import Booking
from tests.i18n import shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def starts(client, capacity):
    """Free starts of team J next week (two desks, 8 to 12), ISO 8601 with offset."""
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday())
    response = client.get(
        "/api/v1/availability",
        {
            "location": capacity["location"].pk,
            "services": str(capacity["services"]["benefits"].pk),
            "date_from": monday,
            "date_to": monday,
        },
    )
    return [slot["start"] for slot in response.json()["slots"]]


@pytest.fixture
def api_body(capacity, starts):
    return {
        "location": capacity["location"].pk,
        "services": [capacity["services"]["benefits"].pk],
        "start": starts[0],
        "name": "Olena K.",
    }


def post_api(client, body):
    return client.post("/api/v1/bookings", body, content_type="application/json")


def post_form(client, capacity, start, **fields):
    form = {
        "services": str(capacity["services"]["benefits"].pk),
        "start": start,
        "name": "Olena K.",
        "language": "uk",
    }
    return client.post("/en/appointments/details/", form | fields)


def test_the_api_books_with_a_solved_challenge(client, api_body, altcha_payload):
    response = post_api(client, api_body | {"altcha": altcha_payload()})
    assert response.status_code == 201
    assert Booking.objects.filter(code=response.json()["code"]).exists()


def test_the_api_refuses_a_replayed_challenge(client, api_body, starts, altcha_payload):
    payload = altcha_payload()
    assert post_api(client, api_body | {"altcha": payload}).status_code == 201
    replay = post_api(client, api_body | {"altcha": payload, "start": starts[4]})
    assert replay.status_code == 422
    assert replay.json()["code"] == "altcha_invalid"
    assert replay.json()["detail"] == shown(
        "This security check was already used. Please send the form again."
    )
    assert Booking.objects.count() == 1


@pytest.mark.parametrize("payload", ["", "garbage", "eyJjaGFsbGVuZ2UiOiB7fX0="])
def test_the_api_refuses_a_missing_or_broken_challenge(client, api_body, payload):
    response = post_api(client, api_body | {"altcha": payload})
    assert response.status_code == 422
    assert response.json()["code"] == "altcha_invalid"
    assert not Booking.objects.exists()


def test_the_api_refuses_an_expired_challenge(client, api_body, altcha_payload, monkeypatch):
    monkeypatch.setattr("mia.core.altcha.EXPIRY_SECONDS", -5)
    response = post_api(client, api_body | {"altcha": altcha_payload()})
    assert response.status_code == 422
    assert response.json()["detail"] == shown(
        "The security check has expired. Please send the form again."
    )


def test_the_api_needs_the_field(client, api_body):
    response = post_api(client, api_body)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_with_rate_limits_off_the_api_books_without_the_work(client, api_body, settings):
    settings.RATE_LIMITS = False
    assert post_api(client, api_body | {"altcha": ""}).status_code == 201


def test_the_form_books_with_the_widget_payload(client, capacity, starts, altcha_payload):
    response = post_form(client, capacity, starts[0], altcha=altcha_payload())
    booking = Booking.objects.get()
    assert response["Location"] == f"/en/appointments/b/{booking.code}/"


def test_the_form_explains_a_broken_payload_and_keeps_what_was_typed(client, capacity, starts):
    response = post_form(client, capacity, starts[0], altcha="garbage", name="Olena Kovalenko")
    assert response.status_code == 422
    page = response.content.decode()
    assert "kern-alert--danger" in page and "The security check is not valid" in page
    assert 'value="Olena Kovalenko"' in page
    assert not Booking.objects.exists()


def test_the_form_refuses_a_replayed_payload(client, capacity, starts, altcha_payload):
    payload = altcha_payload()
    post_form(client, capacity, starts[0], altcha=payload)
    response = post_form(client, capacity, starts[4], altcha=payload)
    assert response.status_code == 422
    assert "already used" in response.content.decode()
    assert Booking.objects.count() == 1


def test_without_javascript_the_form_books_under_a_stricter_limit(
    client, capacity, starts, settings, altcha_payload
):
    settings.BOOKING_RATE_LIMIT_NOJS = "2/h"
    first = post_form(client, capacity, starts[0])  # no `altcha` field at all
    second = post_form(client, capacity, starts[2], altcha="")  # the widget did not run
    assert first.status_code == second.status_code == 302
    third = post_form(client, capacity, starts[4], altcha="")
    assert third.status_code == 429
    page = third.content.decode()
    assert "without the automatic security check" in page
    assert 'value="Olena K."' in page
    assert Booking.objects.count() == 2
    # The stricter limit is for posts without the work only: the widget still books.
    assert post_form(client, capacity, starts[4], altcha=altcha_payload()).status_code == 302
    assert Booking.objects.count() == 3


def test_with_rate_limits_off_the_form_books_without_limit(client, capacity, starts, settings):
    settings.RATE_LIMITS = False
    settings.BOOKING_RATE_LIMIT_NOJS = "1/h"
    assert [post_form(client, capacity, s).status_code for s in starts[:6:2]] == [302] * 3
    assert post_form(client, capacity, starts[6], altcha="garbage").status_code == 302
    assert Booking.objects.count() == 4


def test_the_details_page_carries_the_widget_in_the_page_language(client, capacity, starts):
    services = capacity["services"]["benefits"].pk
    page = client.get(
        "/ar/appointments/details/", {"services": services, "start": starts[0]}
    ).content.decode()
    assert '<altcha-widget class="mia-altcha" name="altcha"' in page
    assert 'challenge="/api/v1/altcha/challenge"' in page
    assert 'language="ar"' in page
    assert 'id="mia-altcha"' in page
