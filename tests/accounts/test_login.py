import pytest
from django.conf import settings as project_settings

from mia.accounts.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(db):
    return factories.staff("clerk", Role.CLERK, first_name="Olena", last_name="Kovalenko")


def login(client, password: str):
    return client.post("/de/accounts/login/", {"username": "clerk", "password": password})


def test_a_clerk_logs_in_and_sees_the_start_page(client, clerk, settings):
    settings.MIA_REQUIRE_2FA = False
    response = login(client, "correct-horse-42")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Hallo, Olena Kovalenko" in page
    assert "Sachbearbeitung" in page


def test_a_wrong_password_gets_a_clear_message(client, clerk):
    response = login(client, "wrong")
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account(client, clerk):
    for _ in range(project_settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200
    assert login(client, "wrong").status_code == 429  # the limit is reached: locked
    locked = login(client, "correct-horse-42")  # even the right password now
    assert locked.status_code == 429
    assert "gesperrt" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2_in_production():
    from mia import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
