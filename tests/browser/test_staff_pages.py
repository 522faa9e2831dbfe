from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mia.accounts.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret: str) -> str:
    return f"{TOTP(b32decode(secret)).token():06d}"


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/de/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def test_login_page(page, demo_agency, assert_accessible):
    page.goto("/de/accounts/login/")
    assert page.locator("h1").inner_text() == "Anmeldung für Mitarbeitende"
    assert_accessible(page)


def test_a_wrong_password_is_announced(page, demo_agency, assert_accessible):
    log_in(page, "auslaenderrecht", "falsch")
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)


def test_enrolment_of_two_factor_authentication_leads_to_the_start_page(
    page, demo_agency, settings, assert_accessible
):
    settings.MIA_REQUIRE_2FA = True
    TOTPDevice.objects.filter(user__username="auslaenderrecht").delete()  # the demo's device
    log_in(page, "auslaenderrecht")
    page.wait_for_url("**/two-factor/setup/**")
    assert page.locator("svg").first.is_visible()
    assert_accessible(page)

    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Sechsstelliger Code").fill(code_for(secret))
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_url("**/accounts/start/")
    assert "Ausländerrecht" in page.get_by_test_id("teams").inner_text()
    assert page.get_by_test_id("role").inner_text() == "Sachbearbeitung"
    assert_accessible(page)


def test_a_wrong_code_at_enrolment_is_announced(page, demo_agency, settings, assert_accessible):
    settings.MIA_REQUIRE_2FA = True
    TOTPDevice.objects.filter(user__username="jobcenter").delete()  # the demo's device
    log_in(page, "jobcenter")
    page.wait_for_url("**/two-factor/setup/**")
    page.get_by_label("Sechsstelliger Code").fill("000000")
    page.get_by_role("button", name="Aktivieren").click()
    assert "nicht gültig" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Sechsstelliger Code").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_staff_start_page_shows_teams_and_role(page, demo_agency, assert_accessible):
    log_in(page, "teamleitung")
    page.wait_for_url("**/accounts/start/")
    assert page.get_by_test_id("role").inner_text() == "Teamleitung"
    assert "Ausländerrecht" in page.get_by_test_id("teams").inner_text()
    assert_accessible(page)
