"""Booking an appointment in Chromium: two concerns in Ukrainian, move, cancel, check-in."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from mia.appointments.models import Booking
from mia.organisation.models import Service
from mia.reception.models import Priority, Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


def book(page, assert_accessible, language: str) -> str:
    permit = Service.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    benefits = Service.objects.get(slug="buergergeld-weiterbewilligung")
    page.goto(f"/{language}/appointments/")
    assert_accessible(page)
    page.locator(f"input[value='{permit.pk}']").check()
    page.locator(f"input[value='{benefits.pk}']").check()
    page.locator("form.mia-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/appointments/times/*")
    assert page.get_by_test_id("chosen-services").locator("li").count() == 2
    assert_accessible(page)
    for _ in range(3):  # this week may be fully past the lead time; then the next one
        if page.locator("[data-testid=days] a.kern-btn").count():
            break
        page.locator("nav.mia-actions a").last.click()
    page.locator("[data-testid=days] a.kern-btn").first.click()
    page.wait_for_url("**/appointments/details/*")
    assert_accessible(page)
    page.locator("#id_name").fill("Олена Коваленко")
    page.locator("#id_language").select_option("uk")
    page.locator("form.mia-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/appointments/b/*/")
    assert_accessible(page)
    return page.get_by_test_id("booking-code").inner_text()


def test_book_move_cancel_in_ukrainian(page, demo_agency, assert_accessible):
    code = book(page, assert_accessible, "uk")
    booking = Booking.objects.get(code=code)
    assert booking.items.count() == 2 and booking.name == "Олена Коваленко"
    before = booking.start

    page.locator(".mia-actions a.kern-btn").click()  # move
    page.wait_for_url("**/appointments/times/*move=*")
    page.locator("[data-testid=days] form button").nth(4).click()
    page.wait_for_url(f"**/uk/appointments/b/{code}/")
    booking.refresh_from_db()
    assert booking.start != before

    page.locator("#cancel-confirm").check()
    page.locator("form.mia-form button[type=submit]").click()
    page.wait_for_url(f"**/uk/appointments/b/{code}/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert_accessible(page)


def test_booking_pages_in_arabic_and_check_in_at_reception(
    page, browser, live_server, demo_agency, assert_accessible
):
    code = book(page, assert_accessible, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The day of the appointment has come.
    today = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    Booking.objects.filter(code=code).update(start=today, end=today + dt.timedelta(hours=1))

    reception = browser.new_context(bypass_csp=True, base_url=live_server.url).new_page()
    reception.goto("/de/accounts/login/")
    reception.get_by_label("Benutzername").fill("empfang")
    reception.get_by_label("Passwort").fill("mia-demo-2026")
    reception.get_by_role("button", name="Anmelden").click()
    reception.wait_for_url("**/accounts/start/")
    reception.goto("/de/reception/")
    reception.locator("#check-in-code").fill(code.lower())
    reception.locator("form[action$='check-in/'] button").click()
    reception.wait_for_url("**/ticket/")
    assert re.fullmatch(r"A\d{3}", reception.get_by_test_id("ticket-number").inner_text())
    visit = Visit.objects.get(booking_code=code)
    assert visit.priority == Priority.APPOINTMENT
    assert visit.concerns.count() == 2
    reception.context.close()
