"""The waitlist in Chromium: a full week points to it, joining takes one form, the held offer
is accepted with one click; every page accessible in German and Arabic."""

import datetime as dt

import pytest

from mia.appointments import waitlist
from mia.appointments.models import Booking, CapacityRule, WaitlistEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def workday(monkeypatch, settings):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})
    settings.BOOKING_MAX_DAYS = 7


@pytest.mark.parametrize("language", ["de", "ar"])
def test_join_the_waitlist_and_accept_the_offer(page, agency, assert_accessible, language):
    permit = agency["services"]["permit"]
    page.goto(f"/{language}/appointments/times/?services={permit.pk}")
    hint = page.get_by_test_id("waitlist-hint")
    assert hint.is_visible()
    assert_accessible(page)
    hint.locator("a").click()
    page.wait_for_url(f"**/{language}/appointments/waitlist/?services={permit.pk}")
    assert_accessible(page)
    page.locator("#id_name").fill("Amal")
    page.locator("#id_email").fill("amal@example.org")
    page.locator("#id_language").select_option("ar")
    page.locator("form.mia-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/appointments/waitlist/W*/")
    assert page.get_by_test_id("waitlist-entry").is_visible()
    assert_accessible(page)

    for weekday in range(7):  # opening hours appear; the worker offers the time
        CapacityRule.objects.create(
            location=agency["location"],
            team=agency["teams"]["A"],
            weekday=weekday,
            starts=dt.time(8),
            ends=dt.time(10),
        )
    waitlist.waitlist_offers_make(location_id=agency["location"].pk)
    page.reload()
    page.locator("a.kern-btn--primary").click()
    page.wait_for_url(f"**/{language}/appointments/b/*/")
    assert page.get_by_test_id("offer").is_visible()
    assert_accessible(page)
    page.locator("button[value=accept]").click()
    page.wait_for_load_state()
    assert not page.get_by_test_id("offer").count()
    entry = WaitlistEntry.objects.get()
    assert entry.status == WaitlistEntry.Status.BOOKED
    assert entry.offer.status == Booking.Status.BOOKED
    assert entry.offer.language == "ar"
