"""The network directory: filters narrow the lists, unknown values are ignored, each actor
and offer has its page; the map is data on the list, and only where tiles are configured."""

import re

import pytest

from tests.portal.public_content import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(editor):
    return build(editor)


def names(client, url: str, **query: str) -> list[str]:
    response = client.get(url, query)
    assert response.status_code == 200, url
    return re.findall(
        r'<h2 class="kern-heading-small"><a class="kern-link" href="[^"]+"[^>]*>([^<]+)</a>',
        response.content.decode(),
    )


def test_actors_are_listed_without_unpublished_ones(client, portal):
    assert names(client, "/de/netzwerk/") == ["Evangelische Gemeinde Naumburg", "SV Zeitz"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"field": "sports"}, ["SV Zeitz"]),
        ({"kind": "church"}, ["Evangelische Gemeinde Naumburg"]),
        ({"town": "Zeitz"}, ["SV Zeitz"]),
        ({"language": "fa"}, ["Evangelische Gemeinde Naumburg"]),
        ({"language": "uk", "town": "Naumburg (Saale)"}, []),
        ({"field": "nonsense", "kind": "<script>", "town": "Atlantis", "language": "x" * 50}, None),
    ],
)
def test_actor_filters_narrow_the_list(client, portal, query, expected):
    everyone = ["Evangelische Gemeinde Naumburg", "SV Zeitz"]
    assert names(client, "/de/netzwerk/", **query) == (everyone if expected is None else expected)


def test_an_actor_shows_contact_languages_accessibility_offers_and_events(client, portal):
    page = client.get("/ar/netzwerk/gemeinde-naumburg/").content.decode()
    assert "استشارات ولقاءات في بيت الرعية." in page
    assert 'href="tel:03445123456"' in page and 'href="mailto:kontakt@gemeinde.example"' in page
    assert "العربية" in page and "فارسی" in page  # languages spoken, by their own names
    assert "منحدر عند المدخل الجانبي" in page
    assert "دورة لغة ألمانية للمبتدئين" in page  # its offer, translated
    assert 'lang="de" dir="ltr">Sozialberatung</a>' in page  # its offer, German
    assert page.count(">مقهى اللغة</a>") == 1  # its weekly event, once, with its next date


@pytest.mark.parametrize("slug", ["gibt-es-nicht", "aufgeloest"])
def test_unknown_and_unpublished_actors_are_not_found(client, portal, slug):
    assert client.get(f"/de/netzwerk/{slug}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Deutschkurs für Anfänger", "Fußballtraining", "Sozialberatung"]),
        ({"category": "language"}, ["Deutschkurs für Anfänger"]),
        ({"target_group": "young_people"}, ["Fußballtraining", "Sozialberatung"]),  # + everyone
        ({"language": "uk"}, ["Fußballtraining"]),
        ({"cost": "reduced"}, ["Fußballtraining"]),
        (
            {"town": "Naumburg (Saale)", "cost": "free"},
            ["Deutschkurs für Anfänger", "Sozialberatung"],
        ),
        (
            {"category": "rocket", "cost": "0", "page": "x"},
            ["Deutschkurs für Anfänger", "Fußballtraining", "Sozialberatung"],
        ),
    ],
)
def test_offer_filters_narrow_the_list(client, portal, query, expected):
    assert names(client, "/de/angebote/", **query) == expected


def test_offers_show_in_the_readers_language(client, portal):
    assert names(client, "/uk/angebote/", category="language") == ["Курс німецької для початківців"]


def test_an_offer_page(client, portal):
    page = client.get(f"/uk/angebote/{portal['course'].pk}/").content.decode()
    assert "Курс німецької для початківців" in page
    assert "щовівторка о 10" in page
    assert 'href="/uk/netzwerk/gemeinde-naumburg/"' in page


def test_offers_of_an_unpublished_actor_are_not_found(client, portal, editor):
    from mia.portal.services.content import source_save

    source_save(item=portal["club"], data={"is_published": False}, user=editor)
    assert client.get(f"/de/angebote/{portal['training'].pk}/").status_code == 404
    assert "Fußballtraining" not in names(client, "/de/angebote/")


@pytest.mark.parametrize("pk", ["0", "424242", "99999999999999999999999"])
def test_unknown_offers_are_not_found(client, portal, pk):
    assert client.get(f"/de/angebote/{pk}/").status_code == 404


def test_the_list_carries_the_places_for_the_map(client, portal):
    page = client.get("/de/angebote/").content.decode()
    assert 'data-lat="51.15420" data-lng="11.80360"' in page  # never "51,15420" in German
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert "portal/map.js" in page
    assert "leaflet.js" not in page.split("data-script=")[0]  # Leaflet loads only on request


def test_without_a_tile_server_there_is_no_map(client, portal, settings):
    settings.MAP_TILES = ""
    page = client.get("/de/angebote/").content.decode()
    assert "data-map" not in page and "portal/map.js" not in page
    assert "Deutschkurs für Anfänger" in page


def test_the_content_security_policy_allows_the_tile_host_only(client, portal):
    policy = client.get("/de/netzwerk/")["Content-Security-Policy"]
    img = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert img.split() == ["img-src", "'self'", "data:", "https://tile.openstreetmap.org"]
