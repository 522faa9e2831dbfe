"""Every public page names its canonical address, its versions in the other languages
(hreflang) and OpenGraph data; /sitemap.xml lists them all with their alternates."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from tests.portal.public_content import build

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def portal(editor, agency):
    return build(editor)


def public_paths(portal) -> list[str]:
    return [
        "/{lang}/",
        "/{lang}/info/",
        "/{lang}/info/ankommen/",
        "/{lang}/faq/",
        "/{lang}/news/",
        "/{lang}/news/neue-sprechzeiten/",
        "/{lang}/events/",
        f"/{{lang}}/events/{portal['cafe'].pk}/",
        "/{lang}/netzwerk/",
        "/{lang}/netzwerk/gemeinde-naumburg/",
        "/{lang}/angebote/",
        f"/{{lang}}/angebote/{portal['course'].pk}/",
        "/{lang}/suche/",
    ]


def head(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</head>")[0]


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_canonical_hreflang_and_opengraph_on_every_page(client, portal, lang):
    for template in public_paths(portal):
        path = template.format(lang=lang)
        page = head(client, path)
        assert f'<link rel="canonical" href="http://testserver{path}">' in page, path
        alternates = dict(
            re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
        )
        assert set(alternates) == {code for code, _name in settings.LANGUAGES} | {"x-default"}
        assert alternates["de"] == "http://testserver" + template.format(lang="de")
        assert alternates["x-default"] == "http://testserver" + template.format(lang="")[1:]
        assert alternates["uk"] == "http://testserver" + template.format(lang="uk")
        assert f'<meta property="og:url" content="http://testserver{path}">' in page
        assert f'<meta property="og:locale" content="{lang}">' in page
        og_title = re.search(r'<meta property="og:title" content="([^"]+)">', page)
        assert og_title and og_title.group(1).strip(), path
        assert '<meta property="og:description" content="' in page


def test_the_address_without_a_language_leads_to_the_browsers_language(client, portal):
    response = client.get("/info/ankommen/", headers={"accept-language": "uk"})
    assert response.status_code == 302
    assert response["Location"] == "/uk/info/ankommen/"


def test_the_og_title_is_the_items_title_in_the_readers_language(client, portal):
    page = head(client, "/uk/info/ankommen/")
    assert '<meta property="og:title" content="Прибуття до району Бургенланд">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:description" content="Перші кроки після прибуття">' in page


def test_leichte_sprache_has_its_own_canonical_and_no_alternates(client, portal):
    page = head(client, "/de/leicht/ankommen/")
    assert '<link rel="canonical" href="http://testserver/de/leicht/ankommen/">' in page
    assert "hreflang" not in page


def _xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def _sitemap(client) -> list[tuple[str, dict[str, str]]]:
    """Every URL of every section the index names, with its alternates."""
    index = _xml(client, "/sitemap.xml")
    entries = []
    for section in index.findall(f"{SITEMAP}sitemap"):
        location = section.findtext(f"{SITEMAP}loc").removeprefix("http://testserver")
        for url in _xml(client, location).findall(f"{SITEMAP}url"):
            links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
            entries.append((url.findtext(f"{SITEMAP}loc"), links))
    return entries


def test_the_sitemap_lists_every_public_page_in_every_language_with_alternates(client, portal):
    entries = dict(_sitemap(client))
    for template in public_paths(portal)[:-1]:  # not the search page
        for code, _name in settings.LANGUAGES:
            url = "http://testserver" + template.format(lang=code)
            assert url in entries, url
            alternates = entries[url]
            assert len(alternates) == len(settings.LANGUAGES) + 1
            assert alternates["x-default"] == "http://testserver" + template.format(lang="")[1:]
    assert "http://testserver/ar/info/ankommen/anmeldung/" in entries
    assert "http://testserver/de/services/" in entries


def test_the_sitemap_leaves_out_what_is_not_public(client, portal):
    urls = " ".join(url for url, _links in _sitemap(client))
    for hidden in ["entwurf", "noch-nicht", "aufgeloest"]:
        assert hidden not in urls


def test_leichte_sprache_is_in_the_sitemap_in_german_only(client, portal):
    entries = dict(_sitemap(client))
    assert entries["http://testserver/de/leicht/ankommen/"] == {}
    assert not [url for url in entries if "/leicht/" in url and "/de/" not in url]


def test_a_long_section_is_split_into_pages_that_the_index_names(client, portal, editor):
    from mia.portal.models import Actor

    Actor.objects.bulk_create(
        Actor(name=f"Verein {n}", slug=f"verein-{n}", kind="association", town="Zeitz")
        for n in range(60)
    )
    index = _xml(client, "/sitemap.xml")
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-actors.xml?p=2" in locations
    second = _xml(client, "/sitemap-actors.xml?p=2")
    assert len(second.findall(f"{SITEMAP}url")) == (62 - 50) * len(settings.LANGUAGES)
