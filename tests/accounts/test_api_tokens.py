import io

import pytest
from django.core.management import CommandError, call_command

from mia.accounts.models import ApiToken, Role
from tests import factories

pytestmark = pytest.mark.django_db


def create_token(username: str) -> str:
    out = io.StringIO()
    call_command("create_token", username, stdout=out)
    return out.getvalue().strip()


def test_a_printed_token_authenticates_api_calls(client, agency):
    factories.staff("clerk", Role.CLERK, teams=(agency["teams"]["A"],), first_name="Jan")
    token = create_token("clerk")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "clerk"
    assert body["role"] == "clerk"
    assert [team["letter"] for team in body["teams"]] == ["A"]


def test_only_a_digest_of_the_token_is_stored(agency):
    factories.staff("clerk")
    token = create_token("clerk")
    stored = ApiToken.objects.get()
    assert token not in (stored.digest, stored.prefix)
    assert len(stored.digest) == 64


@pytest.mark.parametrize("header", ["", "Bearer nonsense", "Basic abc", "Bearer "])
def test_missing_or_wrong_tokens_get_401_in_the_error_format(client, db, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/me", **extra)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_tokens_of_deactivated_staff_stop_working(client, db):
    user = factories.staff("leaver")
    token = create_token("leaver")
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_the_command_refuses_unknown_users(db):
    with pytest.raises(CommandError, match="No active user"):
        create_token("nobody")
