import datetime as dt

import pytest

from mia.organisation.models import Closure

pytestmark = pytest.mark.django_db


def test_it_lists_locations_with_opening_and_walk_in_hours(client, agency):
    Closure.objects.create(
        location=agency["location"], date=dt.date(2026, 12, 24), reason="Heiligabend"
    )
    [location] = client.get("/api/v1/locations").json()
    assert location["name"] == "Migrationsagentur"
    assert location["address"] == "Markt 1, 06618 Naumburg (Saale)"
    assert location["opening_hours"][0] == {"weekday": 1, "opens": "08:00", "closes": "16:00"}
    assert len(location["opening_hours"]) == 5
    assert location["walk_in_hours"] == [{"weekday": 1, "opens": "08:00", "closes": "12:00"}]
    assert location["closures"] == [{"date": "2026-12-24", "reason": "Heiligabend"}]


def test_unknown_api_routes_answer_404_in_the_error_format(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_openapi_description_documents_the_routes(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/services" in spec["paths"]
    assert "/api/v1/locations" in spec["paths"]
    params = spec["paths"]["/api/v1/services"]["get"]["parameters"]
    assert [p["name"] for p in params] == ["lang"]
    assert client.get("/api/v1/docs").status_code == 200
