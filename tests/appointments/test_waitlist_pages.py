"""The waitlist pages: offered when a week is full, joined with a form, answered with a click."""

import datetime as dt

import pytest
from django.utils import timezone

from mia.appointments import waitlist
from mia.appointments.models import Booking, CapacityRule, WaitlistEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def workday(monkeypatch, settings):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})
    settings.BOOKING_MAX_DAYS = 7


def join_form(agency, **extra):
    return {
        "services": str(agency["services"]["permit"].pk),
        "name": "Olena Kovalenko",
        "email": "olena@example.org",
        "phone": "",
        "language": "uk",
    } | extra


def test_a_week_without_free_times_points_to_the_waitlist(client, agency):
    page = client.get(
        "/de/appointments/times/", {"services": agency["services"]["permit"].pk}
    ).content.decode()
    assert 'data-testid="waitlist-hint"' in page
    assert f"/de/appointments/waitlist/?services={agency['services']['permit'].pk}" in page


def test_joining_through_the_form_shows_the_place(client, agency):
    response = client.post("/de/appointments/waitlist/", join_form(agency), follow=True)
    entry = WaitlistEntry.objects.get()
    assert response.redirect_chain[-1][0] == f"/de/appointments/waitlist/{entry.code}/"
    page = response.content.decode()
    assert entry.code in page
    assert "Aufenthaltserlaubnis verlängern" in page
    assert entry.language == "uk"
    assert entry.service_ids == [agency["services"]["permit"].pk]


def test_a_bad_address_gets_a_form_error(client, agency):
    response = client.post("/de/appointments/waitlist/", join_form(agency, email="no-at-sign"))
    assert response.status_code == 200
    assert "kern-error" in response.content.decode()
    assert not WaitlistEntry.objects.exists()


@pytest.mark.parametrize("services", ["", "abc", "99999", "1,1", "9" * 30])
def test_made_up_concerns_are_not_found(client, agency, services):
    assert client.get("/de/appointments/waitlist/", {"services": services}).status_code == 404


def test_while_times_are_free_the_form_says_so(client, agency):
    for weekday in range(7):
        CapacityRule.objects.create(
            location=agency["location"],
            team=agency["teams"]["A"],
            weekday=weekday,
            starts=dt.time(8),
            ends=dt.time(10),
        )
    page = client.get(
        "/de/appointments/waitlist/", {"services": agency["services"]["permit"].pk}
    ).content.decode()
    assert 'data-testid="times-free"' in page
    assert "<form" not in page.split('data-testid="times-free"')[1]  # no form to join
    response = client.post("/de/appointments/waitlist/", join_form(agency))
    assert response.status_code == 200
    assert "kern-alert--danger" in response.content.decode()
    assert not WaitlistEntry.objects.exists()


def test_leaving_the_waitlist(client, agency):
    client.post("/de/appointments/waitlist/", join_form(agency))
    entry = WaitlistEntry.objects.get()
    response = client.post(f"/de/appointments/waitlist/{entry.code.lower()}/", follow=True)
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.WITHDRAWN
    assert client.get("/de/appointments/waitlist/WNOSUCH/").status_code == 404


@pytest.fixture
def offer(client, agency):
    """Olena waits; then opening hours appear and the time is offered to her."""
    client.post("/de/appointments/waitlist/", join_form(agency))
    for weekday in range(7):
        CapacityRule.objects.create(
            location=agency["location"],
            team=agency["teams"]["A"],
            weekday=weekday,
            starts=dt.time(8),
            ends=dt.time(10),
        )
    assert waitlist.waitlist_offers_make(location_id=agency["location"].pk) == 1
    return WaitlistEntry.objects.get().offer


def test_the_offer_page_asks_for_an_answer(client, offer):
    page = client.get(f"/uk/appointments/b/{offer.code}/").content.decode()
    assert 'data-testid="offer"' in page
    until = timezone.localtime(offer.offer_expires_at).strftime("%d.%m.%Y %H:%M")
    assert until in page
    assert 'value="accept"' in page


def test_accepting_on_the_page(client, offer):
    response = client.post(
        f"/de/appointments/b/{offer.code}/offer/", {"answer": "accept"}, follow=True
    )
    offer.refresh_from_db()
    assert offer.status == Booking.Status.BOOKED
    assert 'data-testid="offer"' not in response.content.decode()
    assert WaitlistEntry.objects.get().status == WaitlistEntry.Status.BOOKED


def test_declining_on_the_page(client, offer):
    client.post(f"/de/appointments/b/{offer.code}/offer/", {"answer": "decline"})
    offer.refresh_from_db()
    assert offer.status == Booking.Status.CANCELLED
    assert WaitlistEntry.objects.get().status == WaitlistEntry.Status.LAPSED
    again = client.post(
        f"/de/appointments/b/{offer.code}/offer/", {"answer": "accept"}, follow=True
    )
    assert "kern-alert--danger" in again.content.decode()
    offer.refresh_from_db()
    assert offer.status == Booking.Status.CANCELLED


def test_an_unclear_answer_changes_nothing(client, offer):
    response = client.post(f"/de/appointments/b/{offer.code}/offer/", {"answer": "maybe"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Booking.Status.OFFERED
