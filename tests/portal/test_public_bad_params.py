"""No query parameter, path or id makes a public page fail: bad values are ignored or answered
with 404. Lists are cached by their validated parameters only."""

import pytest
from django.core.cache import caches

from tests.portal.public_content import build

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    "x" * 3000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "99999999999999999999999999",
    "-1",
    "2024-13-45",
    "%00",
    "ä/../../etc/passwd",
    "١٢٣",
]
LISTS = [
    ("/de/faq/", ["q", "group"]),
    ("/ar/news/", ["kind", "page"]),
    ("/uk/events/", ["from", "to"]),
    ("/de/netzwerk/", ["field", "kind", "town", "language", "page"]),
    ("/ar/angebote/", ["category", "target_group", "language", "cost", "town", "page"]),
    ("/uk/suche/", ["q", "kind"]),
    ("/de/info/", ["variant"]),
    ("/de/", ["town"]),
]


@pytest.fixture
def portal(editor, agency):
    return build(editor)


@pytest.mark.parametrize(("url", "names"), LISTS)
def test_junk_in_any_parameter_never_fails(client, portal, url, names):
    for name in names:
        for value in JUNK:
            response = client.get(url, {name: value})
            assert response.status_code == 200, (url, name, value)
        repeated = client.get(url + "?" + "&".join(f"{name}=a" for _ in range(50)))
        assert repeated.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/de/news/%E2%80%8B/",
        "/de/netzwerk/" + "a" * 300 + "/",
        "/de/events/99999999999999999999999999999/",
        "/de/angebote/18446744073709551616/",
        "/de/events/9223372036854775808.ics",
        "/de/info/%00/",
        "/de/leicht/nichts/",
        "/sitemap-pages.xml?p=99",
        "/sitemap-pages.xml?p=abc",
        "/sitemap-pages.xml?p=01",
        "/sitemap-nothing.xml",
    ],
)
def test_bad_paths_and_ids_are_not_found(client, portal, url):
    assert client.get(url).status_code == 404


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pt"},
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def test_filtered_lists_are_cached_apart_and_junk_adds_no_entries(client, portal, page_cache):
    zeitz = client.get("/de/netzwerk/", {"town": "Zeitz"}).content.decode()
    everyone = client.get("/de/netzwerk/").content.decode()
    assert "Evangelische Gemeinde" not in zeitz and "Evangelische Gemeinde" in everyone
    entries = len(page_cache._cache)  # type: ignore[attr-defined]
    for number in range(20):
        client.get("/de/netzwerk/", {"town": f"Atlantis {number}", "junk": number})
    assert len(page_cache._cache) == entries  # type: ignore[attr-defined]


def test_a_search_is_kept_once_for_its_words(client, portal, page_cache):
    client.get("/de/faq/", {"q": "wohnen"})
    assert len(page_cache._cache) == 0  # type: ignore[attr-defined]
    for query in ("wohnen", "  WOHNEN ", "Wohnen x"):  # one-letter words are not searched
        client.get("/de/suche/", {"q": query, "junk": query})
    assert len(page_cache._cache) == 1  # type: ignore[attr-defined]
