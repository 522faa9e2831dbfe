"""Conditional requests: every list and detail carries an ETag and Last-Modified derived from
the data; unchanged content answers 304 without a body, and any change to the items or their
translations (also a deletion) gives 200 with a new ETag."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.http import http_date

from mia.portal.models import Actor, Event, Offer, Page, PageTranslation
from mia.portal.services.content import source_delete, source_save, translation_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(editor):
    item = source_save(
        item=Page(),
        data={"slug": "ankommen", "title": "Ankommen", "body": "<p>Hallo</p>"},
        user=editor,
    )
    translation_save(item=item, language="uk", data={"title": "Прибуття"}, user=editor)
    return item


@pytest.fixture
def offer(editor):
    actor = source_save(
        item=Actor(slug="verein", name="Verein", kind="association"),
        data={"town": "Naumburg"},
        user=editor,
    )
    return source_save(
        item=Offer(actor=actor), data={"category": "meeting", "title": "Treff"}, user=editor
    )


@pytest.fixture
def event(editor):
    start = timezone.now() + dt.timedelta(days=2)
    return source_save(
        item=Event(),
        data={"title": "Fest", "start": start, "end": start + dt.timedelta(hours=3)},
        user=editor,
    )


URLS = {
    "pages": lambda ids: "/api/v1/pages?lang=uk",
    "page": lambda ids: "/api/v1/pages/ankommen?lang=uk",
    "offers": lambda ids: "/api/v1/offers?category=meeting",
    "offer": lambda ids: f"/api/v1/offers/{ids['offer']}?lang=ar",
    "actors": lambda ids: "/api/v1/actors",
    "actor": lambda ids: f"/api/v1/actors/{ids['actor']}",
    "events": lambda ids: "/api/v1/events",
    "event": lambda ids: f"/api/v1/events/{ids['event']}",
    "faq": lambda ids: "/api/v1/faq",
    "news": lambda ids: "/api/v1/news?q=fest",
}


@pytest.mark.parametrize("name", URLS)
def test_every_answer_carries_validators_and_unchanged_content_is_304(
    client, page, offer, event, name
):
    url = URLS[name]({"offer": offer.pk, "actor": offer.actor_id, "event": event.pk})
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Last-Modified"].endswith("GMT")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_change_of_the_german_gives_a_new_etag(client, page, editor):
    first = client.get("/api/v1/pages/ankommen", {"lang": "uk"})
    source_save(item=page, data={"summary": "Erste Schritte"}, user=editor, minor=True)
    changed = client.get("/api/v1/pages/ankommen", {"lang": "uk"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_change_of_the_translation_gives_a_new_etag(client, page, editor):
    urls = ["/api/v1/pages?lang=uk", "/api/v1/pages/ankommen?lang=uk"]
    before = {url: client.get(url)["ETag"] for url in urls}
    translation_save(item=page, language="uk", data={"title": "Приїзд"}, user=editor)
    for url in urls:
        response = client.get(url, HTTP_IF_NONE_MATCH=before[url])
        assert response.status_code == 200
        assert response["ETag"] != before[url]
        assert "Приїзд" in response.content.decode()


def test_another_languages_translation_leaves_the_etag_alone(client, page, editor):
    first = client.get("/api/v1/pages/ankommen", {"lang": "uk"})
    translation_save(item=page, language="ar", data={"title": "الوصول"}, user=editor)
    again = client.get("/api/v1/pages/ankommen", {"lang": "uk"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_deleted_translation_or_item_gives_a_new_etag(client, page, editor):
    first = client.get("/api/v1/pages", {"lang": "uk"})
    PageTranslation.objects.filter(item=page, language="uk").delete()
    after_translation = client.get(
        "/api/v1/pages", {"lang": "uk"}, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert after_translation.status_code == 200
    assert after_translation.json()["items"][0]["translation_status"] == "missing"
    other = source_save(item=Page(), data={"slug": "alt", "title": "Alt"}, user=editor)
    listed = client.get("/api/v1/pages", {"lang": "uk"})
    source_delete(item=other, user=editor)
    after_delete = client.get("/api/v1/pages", {"lang": "uk"}, HTTP_IF_NONE_MATCH=listed["ETag"])
    assert after_delete.status_code == 200
    assert after_delete.json()["count"] == 1


def test_the_etag_depends_on_the_parameters(client, page):
    tags = {
        client.get("/api/v1/pages", params)["ETag"]
        for params in ({}, {"lang": "uk"}, {"limit": 1}, {"q": "ankommen"})
    }
    assert len(tags) == 4


def test_an_offer_changes_with_its_actor(client, offer, editor):
    first = client.get(f"/api/v1/offers/{offer.pk}")
    source_save(item=offer.actor, data={"name": "Verein e.V."}, user=editor, minor=True)
    changed = client.get(f"/api/v1/offers/{offer.pk}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["actor"]["name"] == "Verein e.V."


def test_if_modified_since_before_the_change_gives_200(client, page, editor):
    long_ago = http_date((timezone.now() - dt.timedelta(days=1)).timestamp())
    assert client.get("/api/v1/pages", HTTP_IF_MODIFIED_SINCE=long_ago).status_code == 200
    # If-None-Match decides when both are sent.
    response = client.get(
        "/api/v1/pages",
        HTTP_IF_NONE_MATCH='"something-else"',
        HTTP_IF_MODIFIED_SINCE=http_date(timezone.now().timestamp() + 60),
    )
    assert response.status_code == 200


def test_a_missing_item_is_404_not_a_validator(client, db):
    response = client.get("/api/v1/pages/nirgends", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 404
    assert not response.has_header("ETag")
