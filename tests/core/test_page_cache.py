import pytest
from django.core.cache import caches

from mia.organisation.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"},
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def rename_permit(agency) -> None:
    Service.objects.filter(pk=agency["services"]["permit"].pk).update(name="Neu benannt")


def test_anonymous_visitors_get_the_cached_page_until_it_expires(client, agency, page_cache):
    first = client.get("/de/services/").content.decode()
    rename_permit(agency)
    assert client.get("/de/services/").content.decode() == first
    page_cache.clear()  # what expiry does after MIA_PAGE_CACHE_SECONDS
    assert "Neu benannt" in client.get("/de/services/").content.decode()


def test_each_language_is_cached_apart(client, agency, page_cache):
    assert '<html lang="de"' in client.get("/de/services/").content.decode()
    assert '<html lang="uk"' in client.get("/uk/services/").content.decode()
    api_de = client.get("/api/v1/services", {"lang": "de"}).json()
    api_uk = client.get("/api/v1/services", {"lang": "uk"}).json()
    assert {i["language"] for i in api_de} == {"de"}
    assert "uk" in {i["language"] for i in api_uk}


def test_visitors_with_a_session_always_get_a_fresh_page(client, agency, page_cache):
    client.get("/de/services/")
    rename_permit(agency)
    client.cookies["sessionid"] = "anything"
    assert "Neu benannt" in client.get("/de/services/").content.decode()


def test_junk_query_parameters_do_not_fill_the_cache(client, agency, page_cache):
    client.get("/de/services/")
    for number in range(20):
        client.get("/de/services/", {"junk": number})
        client.get("/api/v1/services", {"lang": "de", "junk": number})
    keys = list(page_cache._cache.keys())
    assert len(keys) == 2, keys
