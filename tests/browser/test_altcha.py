"""The ALTCHA widget on the booking form in Chromium: it solves under MiA's real CSP, the
booking goes through with its payload, and the page stays accessible in German and Arabic."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from mia.appointments.models import Booking
from mia.organisation.models import Service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture(autouse=True)
def widget_only(settings):
    """No booking without the widget's payload, so a booking proves the widget solved."""
    settings.BOOKING_RATE_LIMIT_NOJS = "0/h"


def open_details(page, language: str) -> None:
    permit = Service.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    page.goto(f"/{language}/appointments/")
    page.locator(f"input[value='{permit.pk}']").check()
    page.locator("form.mia-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/appointments/times/*")
    for _ in range(3):  # this week may be fully past the lead time; then the next one
        if page.locator("[data-testid=days] a.kern-btn").count():
            break
        page.locator("nav.mia-actions a").last.click()
    page.locator("[data-testid=days] a.kern-btn").first.click()
    page.wait_for_url("**/appointments/details/*")
    page.locator("#id_name").fill("Olena Kovalenko")


def gettext_in(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def label(language: str) -> str:
    return gettext_in(language, "I am not a robot")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_widget_solves_on_submit_under_the_real_csp(
    browser, live_server, demo_agency, language
):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")  # CSP on
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and problems.append(message.text),
    )
    open_details(page, language)
    widget = page.locator("altcha-widget")
    assert widget.locator("label").inner_text() == label(language)
    page.locator("form.mia-form button[type=submit]").click()  # the widget solves, then sends
    page.wait_for_url(f"**/{language}/appointments/b/*/")
    code = page.get_by_test_id("booking-code").inner_text()
    assert Booking.objects.get(code=code).name == "Olena Kovalenko"
    assert problems == []
    context.close()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_widget_is_accessible_before_and_after_the_check(
    page, demo_agency, assert_accessible, language
):
    open_details(page, language)
    assert_accessible(page)
    page.get_by_label(label(language)).focus()  # a person may also start the check by hand,
    page.keyboard.press("Space")  # by keyboard too
    page.locator("altcha-widget [data-state=verified]").wait_for()
    assert page.locator("altcha-widget input[name=altcha]").input_value()
    assert_accessible(page)
    page.locator("form.mia-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/appointments/b/*/")
    assert Booking.objects.count() == 1


def test_an_expired_check_runs_again_when_the_form_is_sent(page, demo_agency, monkeypatch):
    monkeypatch.setattr("mia.core.altcha.EXPIRY_SECONDS", 3)
    open_details(page, "de")
    page.locator("altcha-widget label").click()
    page.locator("altcha-widget [data-state=verified]").wait_for()
    page.locator("altcha-widget [data-state=unverified]").wait_for()  # expired: reset
    assert page.locator("altcha-widget input[name=altcha]").input_value() == ""
    monkeypatch.setattr("mia.core.altcha.EXPIRY_SECONDS", 300)
    page.locator("form.mia-form button[type=submit]").click()
    page.wait_for_url("**/de/appointments/b/*/")
    assert Booking.objects.count() == 1


def test_when_the_widget_fails_the_form_still_books(page, demo_agency, settings):
    settings.BOOKING_RATE_LIMIT_NOJS = "5/h"  # the path without the work
    page.route("**/api/v1/altcha/challenge", lambda route: route.fulfill(status=503))
    open_details(page, "de")
    submit = page.locator("form.mia-form button[type=submit]")
    submit.click()
    page.locator("altcha-widget [data-state=error]").wait_for()
    assert page.get_by_role("alert").inner_text() == gettext_in(
        "de", "The automatic check did not work. You can still send the form."
    )
    submit.click()
    page.wait_for_url("**/de/appointments/b/*/")
    assert Booking.objects.count() == 1
