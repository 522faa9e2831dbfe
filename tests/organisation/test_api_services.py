import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_services_in_german_by_default(client, agency):
    response = client.get("/api/v1/services")
    assert response.status_code == 200
    names = {item["name"] for item in response.json()}
    assert names == {"Aufenthaltserlaubnis verlängern", "Bürgergeld beantragen", "Beratung"}


def test_it_returns_the_contract_fields(client, agency):
    item = next(i for i in client.get("/api/v1/services").json() if i["name"] == "Beratung")
    assert item["team"] == agency["teams"]["J"].pk
    assert item["duration_minutes"] == 20
    assert item["walk_in"] is True
    assert item["bookable"] is False
    assert item["documents"] == []
    assert {"id", "team", "name", "duration_minutes", "walk_in", "bookable", "documents"} <= set(
        item
    )


def test_it_translates_names_and_documents(client, agency):
    items = client.get("/api/v1/services", {"lang": "uk"}).json()
    permit = next(i for i in items if i["id"] == agency["services"]["permit"].pk)
    assert permit["name"] == "Продовжити посвідку на проживання"
    assert permit["documents"] == ["Закордонний паспорт"]
    assert permit["language"] == "uk"


def test_it_falls_back_to_german_where_a_translation_is_missing(client, agency):
    items = client.get("/api/v1/services", {"lang": "ar"}).json()
    benefits = next(i for i in items if i["id"] == agency["services"]["benefits"].pk)
    permit = next(i for i in items if i["id"] == agency["services"]["permit"].pk)
    assert benefits["name"] == "Bürgergeld beantragen"
    assert benefits["language"] == "de"
    assert permit["name"] == "تمديد تصريح الإقامة"
    # Untranslated document names fall back to German too.
    assert permit["documents"] == ["Reisepass"]


@pytest.mark.parametrize("lang", ["xx", "", "de-DE", "'; drop table", "a" * 300])
def test_it_rejects_an_unknown_language_with_422(client, agency, lang):
    response = client.get("/api/v1/services", {"lang": lang})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["detail"]
    assert body["errors"][0]["loc"][-1] == "lang"


def test_inactive_services_are_not_listed(client, agency):
    agency["services"]["counselling"].is_active = False
    agency["services"]["counselling"].save()
    names = {item["name"] for item in client.get("/api/v1/services").json()}
    assert "Beratung" not in names
