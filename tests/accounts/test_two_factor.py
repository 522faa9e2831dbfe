import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mia.accounts.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.MIA_REQUIRE_2FA = True


@pytest.fixture
def clerk(agency):
    return factories.staff("clerk", Role.CLERK, teams=(agency["teams"]["A"],))


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_a_staff_member_without_a_device_cannot_reach_the_staff_area(client, clerk):
    client.force_login(clerk)
    response = client.get("/de/accounts/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/de/accounts/two-factor/setup/")


def test_the_admin_also_needs_the_second_factor(client, db):
    admin = factories.staff("boss", Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/de/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/de/accounts/two-factor/setup/")


def test_enrolment_with_a_valid_code_opens_the_staff_area(client, clerk):
    client.force_login(clerk)
    setup = client.get("/de/accounts/two-factor/setup/")
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    response = client.post(
        "/de/accounts/two-factor/setup/",
        {"token": current_code(device), "next": "/de/accounts/start/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/de/accounts/start/"
    page = client.get("/de/accounts/start/")
    assert page.status_code == 200
    assert "Ausländerrecht" in page.content.decode()
    assert TOTPDevice.objects.get(user=clerk).confirmed


def test_a_wrong_code_is_refused_with_a_message(client, clerk):
    client.force_login(clerk)
    client.get("/de/accounts/two-factor/setup/")
    response = client.post("/de/accounts/two-factor/setup/", {"token": "000000"})
    assert response.status_code == 200
    assert "nicht gültig" in response.content.decode()
    assert client.get("/de/accounts/start/").status_code == 302


def test_guessing_is_slowed_down_after_a_wrong_code(client, clerk):
    client.force_login(clerk)
    client.get("/de/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=clerk)
    client.post("/de/accounts/two-factor/setup/", {"token": "000000"})
    response = client.post("/de/accounts/two-factor/setup/", {"token": current_code(device)})
    assert "Bitte warten Sie einen Moment" in response.content.decode()
    assert client.get("/de/accounts/start/").status_code == 302


def test_letters_in_the_code_are_refused(client, clerk):
    client.force_login(clerk)
    response = client.post("/de/accounts/two-factor/setup/", {"token": "12ab56"})
    assert response.status_code == 200
    assert "sechs Ziffern" in response.content.decode()


def test_an_enrolled_user_verifies_at_login(client, clerk):
    device = TOTPDevice.objects.create(user=clerk, name="phone", confirmed=True)
    response = client.post(
        "/de/accounts/login/", {"username": "clerk", "password": "correct-horse-42"}
    )
    assert response.status_code == 302
    start = client.get(response["Location"])
    assert start["Location"].startswith("/de/accounts/two-factor/?")
    # A stolen password alone cannot enrol a second device.
    setup = client.get("/de/accounts/two-factor/setup/")
    assert not TOTPDevice.objects.filter(user=clerk, confirmed=False).exists()
    assert "aktuellen sechsstelligen Code" in setup.content.decode()
    verified = client.post(
        "/de/accounts/two-factor/", {"token": current_code(device), "next": "/de/accounts/start/"}
    )
    assert verified["Location"] == "/de/accounts/start/"
    assert client.get("/de/accounts/start/").status_code == 200


def test_the_next_parameter_cannot_leave_the_site(client, clerk):
    device = TOTPDevice.objects.create(user=clerk, name="phone", confirmed=True)
    client.force_login(clerk)
    response = client.post(
        "/de/accounts/two-factor/", {"token": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("accounts:start")


def test_without_the_requirement_staff_enter_after_the_password(client, clerk, settings):
    settings.MIA_REQUIRE_2FA = False
    client.force_login(clerk)
    assert client.get("/de/accounts/start/").status_code == 200


def test_accounts_without_a_role_are_not_staff(client, db, settings):
    settings.MIA_REQUIRE_2FA = False
    visitor = factories.staff("someone", role="")
    client.force_login(visitor)
    assert client.get("/de/accounts/start/").status_code == 403
