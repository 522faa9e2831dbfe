import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_app_and_database_do(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
