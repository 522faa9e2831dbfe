"""Staff pages of appointments in Chromium, each checked with axe: a team lead's capacity page
and day calendar, booking for a caller, and the printable confirmation (also in Arabic)."""

import datetime as dt

import pytest
from django.utils import timezone

from mia.accounts.demo import DEMO_PASSWORD
from mia.appointments import selectors, services
from mia.appointments.models import Booking, CapacityBlock
from mia.organisation.models import Location, Service, Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


def log_in(page, username: str) -> None:
    page.goto("/de/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/accounts/start/")


@pytest.fixture
def busy_day(demo_agency):
    """Next week's Tuesday for team A: three bookings, one of them by phone, one block."""
    today = timezone.localdate()
    day = today + dt.timedelta(days=8 - today.weekday())
    location = Location.objects.get(slug="naumburg")
    team = Team.objects.get(letter="A")
    permit = Service.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    free = selectors.availability(location=location, services=[permit], date_from=day, date_to=day)
    codes = []
    for (start, _end), name, language in zip(
        free[::3],
        ["Olena Kovalenko", "Ahmad Rahimi", "Ioana Popescu"],
        ["uk", "fa", "ro"],
        strict=False,
    ):
        booking = services.booking_create(
            location=location, service_ids=[permit.pk], start=start, name=name, language=language
        )
        codes.append(booking.code)
    CapacityBlock.objects.create(
        location=location,
        team=team,
        start=selectors.local_midnight(day) + dt.timedelta(hours=10),
        end=selectors.local_midnight(day) + dt.timedelta(hours=11),
        desks=1,
        reason="Schulung",
    )
    return {"day": day, "team": team, "permit": permit, "codes": codes}


def test_team_overview_and_day_calendar(page, busy_day, assert_accessible):
    log_in(page, "teamleitung")
    page.locator("a[href='/de/staff/appointments/']").click()
    page.wait_for_url("**/staff/appointments/")
    assert_accessible(page)
    page.goto(f"/de/staff/appointments/{busy_day['team'].slug}/")
    assert page.get_by_test_id("rules").locator("tbody tr").count() >= 5
    assert "Schulung" in page.get_by_test_id("blocks").inner_text()
    assert_accessible(page)

    page.goto(f"/de/staff/appointments/{busy_day['team'].slug}/day/{busy_day['day']}/")
    calendar = page.get_by_test_id("calendar")
    for code in busy_day["codes"]:
        assert code in calendar.inner_text()
    assert page.locator("[data-kind=walk_in_only]").count() == 0  # Tuesday: no walk-in hours
    assert_accessible(page)
    page.locator("a[rel=next]").click()
    page.wait_for_url(f"**/day/{busy_day['day'] + dt.timedelta(days=1)}/")
    page.locator("#id_date").fill(str(busy_day["day"]))
    page.locator("form[method=get] button").click()
    page.wait_for_url(f"**/day/{busy_day['day']}/")


def test_booking_by_phone_and_the_printable_confirmation(page, busy_day, assert_accessible):
    log_in(page, "auslaenderrecht")
    page.goto(f"/de/staff/appointments/{busy_day['team'].slug}/book/")
    assert_accessible(page)
    page.locator(f"input[name=services][value='{busy_day['permit'].pk}']").check()
    page.locator("#id_date").fill(str(busy_day["day"]))
    page.get_by_test_id("search").locator("button").click()
    page.get_by_test_id("book").wait_for()
    assert_accessible(page)
    page.locator("input[name=start]").first.check()
    page.locator("#id_name").fill("Karim Haddad")
    page.locator("#id_language").select_option("ar")
    page.get_by_test_id("book").locator("button[type=submit]").click()
    page.wait_for_url("**/booked/*/")
    code = page.get_by_test_id("booking-code").inner_text()
    booking = Booking.objects.get(code=code)
    assert booking.created_by.username == "auslaenderrecht"
    assert_accessible(page)

    page.get_by_test_id("print-link").click()
    page.wait_for_url(f"**/ar/appointments/b/{code}/print/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_test_id("booking-code").inner_text() == code
    assert page.locator("svg").first.is_visible()
    assert page.get_by_role("button").first.is_visible()  # the print button, with JavaScript
    assert_accessible(page)
    page.goto(f"/de/appointments/b/{code}/print/")
    assert_accessible(page)
