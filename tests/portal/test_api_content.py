"""The portal's public API: every item says its language and translation state, `?lang=` falls
back to marked German, `?q=` searches in the reader's language, filters and pages work, and
bad parameters answer 422 with the project's error shape."""

import datetime as dt

import pytest
from django.utils import timezone

from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page
from mia.portal.services.content import source_save, translation_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(editor):
    arrival = source_save(
        item=Page(),
        data={"slug": "ankommen", "title": "Ankommen", "body": "<p>Willkommen im Kreis</p>"},
        user=editor,
    )
    housing = source_save(
        item=Page(),
        data={"parent": arrival, "slug": "wohnen", "title": "Wohnen", "body": "<p>Wohnung</p>"},
        user=editor,
    )
    translation_save(
        item=arrival,
        language="uk",
        data={"title": "Прибуття", "body": "<p>Ласкаво просимо до району</p>"},
        user=editor,
    )
    translation_save(
        item=housing, language="uk", data={"title": "Житло", "body": "<p>Квартира</p>"}, user=editor
    )
    # The German changes after the Ukrainian translation: that translation is outdated.
    source_save(item=housing, data={"body": "<p>Wohnung und Heizung</p>"}, user=editor)
    return {"arrival": arrival, "housing": housing}


@pytest.fixture
def network(editor):
    club = source_save(
        item=Actor(slug="sv-naumburg", name="SV Naumburg", kind="sports"),
        data={"town": "Naumburg", "fields": ["sports"], "languages": ["de", "ar"]},
        user=editor,
    )
    church = source_save(
        item=Actor(slug="gemeinde-zeitz", name="Gemeinde Zeitz", kind="church"),
        data={"town": "Zeitz", "fields": ["culture"], "languages": ["de", "fa"]},
        user=editor,
    )
    course = source_save(
        item=Offer(actor=church),
        data={
            "category": "language",
            "title": "Deutschkurs am Abend",
            "town": "Zeitz",
            "languages": ["de", "fa"],
            "target_groups": ["refugees"],
            "cost": "free",
        },
        user=editor,
    )
    translation_save(item=course, language="fa", data={"title": "کلاس آلمانی عصر"}, user=editor)
    football = source_save(
        item=Offer(actor=club),
        data={
            "category": "sports",
            "title": "Fußball für alle",
            "town": "Naumburg",
            "languages": ["de", "ar"],
            "target_groups": ["everyone"],
            "cost": "reduced",
        },
        user=editor,
    )
    return {"club": club, "church": church, "course": course, "football": football}


def by_id(response):
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def test_german_items_are_the_source(client, content):
    items = by_id(client.get("/api/v1/pages"))
    assert {(i["path"], i["language"], i["translation_status"]) for i in items.values()} == {
        ("ankommen", "de", "source"),
        ("ankommen/wohnen", "de", "source"),
    }


def test_each_item_says_its_language_and_translation_state(client, content):
    items = by_id(client.get("/api/v1/pages", {"lang": "uk"}))
    arrival, housing = items[content["arrival"].pk], items[content["housing"].pk]
    assert (arrival["title"], arrival["language"], arrival["translation_status"]) == (
        "Прибуття",
        "uk",
        "current",
    )
    assert (housing["title"], housing["language"], housing["translation_status"]) == (
        "Житло",
        "uk",
        "outdated",
    )


def test_an_untranslated_language_gets_german_marked_as_such(client, content):
    items = by_id(client.get("/api/v1/pages", {"lang": "ar"}))
    assert {(i["title"], i["language"], i["translation_status"]) for i in items.values()} == {
        ("Ankommen", "de", "missing"),
        ("Wohnen", "de", "missing"),
    }
    assert client.get("/api/v1/pages", {"lang": "ar"}).json()["language"] == "ar"


def test_a_page_by_its_path_carries_its_text(client, content):
    response = client.get("/api/v1/pages/ankommen/wohnen", {"lang": "uk"})
    assert response.status_code == 200
    page = response.json()
    assert (page["parent"], page["body"], page["translation_status"]) == (
        "ankommen",
        "<p>Квартира</p>",
        "outdated",
    )
    assert client.get("/api/v1/pages/ankommen/nirgends").json()["code"] == "not_found"


def test_search_finds_words_in_the_readers_language(client, content):
    found = client.get("/api/v1/pages", {"lang": "uk", "q": "просимо"}).json()
    assert [(i["path"], i["language"]) for i in found["items"]] == [("ankommen", "uk")]
    assert found["count"] == 1
    # The German word is not in the Ukrainian text.
    assert client.get("/api/v1/pages", {"lang": "uk", "q": "willkommen"}).json()["items"] == []


def test_search_falls_back_to_german_text_and_marks_it(client, content):
    found = client.get("/api/v1/pages", {"lang": "ar", "q": "heizung"}).json()["items"]
    assert [(i["path"], i["language"], i["translation_status"]) for i in found] == [
        ("ankommen/wohnen", "de", "missing")
    ]


def test_pages_filter_by_parent_and_page(client, content, editor):
    for number in range(5):
        source_save(
            item=Page(),
            data={"parent": content["arrival"], "slug": f"thema-{number}", "title": f"T{number}"},
            user=editor,
        )
    below = client.get("/api/v1/pages", {"parent": "ankommen", "limit": 2, "offset": 2}).json()
    assert below["count"] == 6
    assert [i["path"] for i in below["items"]] == ["ankommen/thema-2", "ankommen/thema-3"]


def test_unpublished_content_is_not_served(client, content, editor):
    source_save(item=content["housing"], data={"is_published": False}, user=editor, minor=True)
    assert [i["path"] for i in client.get("/api/v1/pages").json()["items"]] == ["ankommen"]
    assert client.get("/api/v1/pages/ankommen/wohnen").status_code == 404


def test_offers_filter_like_the_directory(client, network):
    def titles(**params):
        return sorted(i["title"] for i in client.get("/api/v1/offers", params).json()["items"])

    assert titles() == ["Deutschkurs am Abend", "Fußball für alle"]
    assert titles(category="language") == ["Deutschkurs am Abend"]
    assert titles(language="ar") == ["Fußball für alle"]
    assert titles(cost="reduced", town="Naumburg") == ["Fußball für alle"]
    # Offers for everyone count for every group.
    assert titles(target_group="refugees") == ["Deutschkurs am Abend", "Fußball für alle"]
    assert titles(target_group="students") == ["Fußball für alle"]
    assert titles(actor=network["church"].pk) == ["Deutschkurs am Abend"]


def test_offers_in_a_language_with_their_actor(client, network):
    items = by_id(client.get("/api/v1/offers", {"lang": "fa"}))
    course = items[network["course"].pk]
    assert (course["title"], course["language"], course["translation_status"]) == (
        "کلاس آلمانی عصر",
        "fa",
        "current",
    )
    assert course["actor"] == {
        "id": network["church"].pk,
        "slug": "gemeinde-zeitz",
        "name": "Gemeinde Zeitz",
    }
    assert items[network["football"].pk]["translation_status"] == "missing"
    found = client.get("/api/v1/offers", {"lang": "fa", "q": "آلمانی", "category": "language"})
    assert [i["id"] for i in found.json()["items"]] == [network["course"].pk]


def test_actors_filter_and_detail(client, network):
    def slugs(**params):
        return [i["slug"] for i in client.get("/api/v1/actors", params).json()["items"]]

    assert slugs() == ["gemeinde-zeitz", "sv-naumburg"]
    assert slugs(field="sports") == ["sv-naumburg"]
    assert slugs(kind="church", language="fa", town="Zeitz") == ["gemeinde-zeitz"]
    detail = client.get(f"/api/v1/actors/{network['club'].pk}", {"lang": "tr"}).json()
    assert (detail["name"], detail["languages"], detail["translation_status"]) == (
        "SV Naumburg",
        ["de", "ar"],
        "missing",
    )


def test_faq_and_news(client, editor):
    entry = source_save(
        item=FaqEntry(),
        data={"group": "costs", "question": "Wer zahlt?", "answer": "<p>Das Land.</p>"},
        user=editor,
    )
    translation_save(
        item=entry,
        language="en",
        data={"question": "Who pays?", "answer": "<p>The state.</p>"},
        user=editor,
    )
    now = timezone.now()
    source_save(
        item=NewsItem(),
        data={"slug": "fest", "title": "Sommerfest", "body": "<p>Fest</p>", "published_at": now},
        user=editor,
    )
    later = now + dt.timedelta(days=3)
    source_save(
        item=NewsItem(),
        data={"slug": "bald", "title": "Bald", "body": "<p>Später</p>", "published_at": later},
        user=editor,
    )
    [question] = client.get("/api/v1/faq", {"lang": "en", "group": "costs"}).json()["items"]
    assert (question["question"], question["translation_status"]) == ("Who pays?", "current")
    assert client.get(f"/api/v1/faq/{entry.pk}").json()["answer"] == "<p>Das Land.</p>"
    # Scheduled news stays hidden until its time.
    assert [n["slug"] for n in client.get("/api/v1/news").json()["items"]] == ["fest"]
    assert client.get("/api/v1/news/fest", {"lang": "vi"}).json()["body"] == "<p>Fest</p>"
    assert client.get("/api/v1/news/bald").status_code == 404


@pytest.fixture
def weekly(editor):
    """A weekly meeting, Tuesdays 18:00 Berlin time, from next Tuesday on."""
    today = timezone.localdate()
    tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    start = timezone.make_aware(dt.datetime.combine(tuesday, dt.time(18)))
    event = source_save(
        item=Event(),
        data={
            "title": "Sprachcafé",
            "start": start,
            "end": start + dt.timedelta(hours=2),
            "recurrence": "weekly",
            "town": "Naumburg",
        },
        user=editor,
    )
    translation_save(item=event, language="ar", data={"title": "مقهى اللغة"}, user=editor)
    return event, tuesday


def test_events_expand_repeating_dates_in_the_window(client, weekly):
    event, tuesday = weekly
    listed = client.get("/api/v1/events", {"lang": "ar"}).json()
    assert listed["from"] == timezone.localdate().isoformat()
    starts = [dt.datetime.fromisoformat(i["start"]) for i in listed["items"]]
    assert len(starts) == listed["count"] >= 12
    assert all(start.hour == 18 and start.weekday() == 1 for start in starts)
    assert {(i["title"], i["language"]) for i in listed["items"]} == {("مقهى اللغة", "ar")}
    window = {"from": tuesday.isoformat(), "to": (tuesday + dt.timedelta(days=14)).isoformat()}
    assert client.get("/api/v1/events", window).json()["count"] == 3
    detail = client.get(f"/api/v1/events/{event.pk}", window).json()
    assert len(detail["dates"]) == 3
    assert detail["recurrence"] == "weekly"


@pytest.mark.parametrize(
    ("url", "params", "code"),
    [
        ("/api/v1/pages", {"lang": "xx"}, "validation_error"),
        ("/api/v1/pages", {"lang": "DE"}, "validation_error"),
        ("/api/v1/pages", {"limit": 0}, "validation_error"),
        ("/api/v1/pages", {"limit": 1000}, "validation_error"),
        ("/api/v1/pages", {"offset": -1}, "validation_error"),
        ("/api/v1/pages", {"q": "a\x00b"}, "validation_error"),
        ("/api/v1/pages", {"q": "x" * 201}, "validation_error"),
        ("/api/v1/pages", {"topic": "nonsense"}, "validation_error"),
        ("/api/v1/offers", {"category": "nonsense"}, "validation_error"),
        ("/api/v1/offers", {"actor": "abc"}, "validation_error"),
        ("/api/v1/offers", {"language": "deutsch!"}, "validation_error"),
        ("/api/v1/actors", {"field": "nonsense"}, "validation_error"),
        ("/api/v1/events", {"from": "2026-13-45"}, "validation_error"),
        ("/api/v1/events", {"from": "2026-05-01", "to": "2026-04-01"}, "invalid_range"),
        ("/api/v1/events", {"from": "2026-01-01", "to": "2028-01-01"}, "invalid_range"),
        ("/api/v1/events", {"from": "9999-12-31"}, "invalid_range"),
        ("/api/v1/events/1", {"to": "0001-01-01"}, "invalid_range"),
        ("/api/v1/faq/abc", {}, "validation_error"),
    ],
)
def test_bad_parameters_get_422_with_a_code(client, url, params, code):
    response = client.get(url, params)
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert response.json()["detail"]


def test_huge_ids_are_not_found_or_out_of_range(client):
    response = client.get(f"/api/v1/offers/{10**25}")
    assert response.status_code in (404, 422)
    assert response.json()["code"] in ("not_found", "out_of_range")
