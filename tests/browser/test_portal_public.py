"""The public portal in a real browser: every kind of page in German, Arabic and Ukrainian is
accessible and fits a phone; the home page stays light; the directory works without JavaScript
and becomes a map with it."""

import gzip
import os
from pathlib import Path

import pytest

from mia.accounts.models import User
from tests.i18n import shown
from tests.portal.public_content import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("MIA_SCREENSHOTS", "")  # a folder: save screenshots for a look
# 1x1 transparent PNG, answered for every map tile: the tests never leave this machine.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
TEXT_TYPES = ("text/css", "javascript", "text/html", "image/svg")


@pytest.fixture
def portal(agency):
    editor = User.objects.create_user("redaktion-browser", password="x", role="editor")
    return build(editor)


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 390, "height": 844})
        height = min(page.evaluate("document.documentElement.scrollHeight"), 4000)
        for part, top in enumerate(range(0, height, 1000)):
            clip = {"x": 0, "y": top, "width": 390, "height": min(1000, height - top)}
            page.screenshot(path=f"{SHOTS}/{name}-{part}.png", full_page=True, clip=clip)
        page.set_viewport_size({"width": 1280, "height": 800})


def page_types(portal) -> list[tuple[str, str]]:
    return [
        ("home", "/{lang}/"),
        ("guides", "/{lang}/info/"),
        ("guide", "/{lang}/info/ankommen/"),
        ("subpage", "/{lang}/info/ankommen/anmeldung/"),
        ("faq", "/{lang}/faq/"),
        ("news", "/{lang}/news/"),
        ("article", "/{lang}/news/neue-sprechzeiten/"),
        ("events", "/{lang}/events/"),
        ("event", f"/{{lang}}/events/{portal['cafe'].pk}/"),
        ("directory", "/{lang}/netzwerk/"),
        ("actor", "/{lang}/netzwerk/gemeinde-naumburg/"),
        ("offers", "/{lang}/angebote/"),
        ("offer", f"/{{lang}}/angebote/{portal['course'].pk}/"),
        ("search", "/{lang}/suche/?q=deutsch"),
    ]


@pytest.mark.parametrize(("lang", "direction"), [("de", "ltr"), ("ar", "rtl"), ("uk", "ltr")])
def test_every_public_page_type_is_accessible(page, portal, assert_accessible, lang, direction):
    for name, url in page_types(portal):
        response = page.goto(url.format(lang=lang))
        assert response is not None and response.status == 200, url
        assert page.locator("html").get_attribute("dir") == direction
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)
        shoot(page, f"{name}-{lang}")


def test_leichte_sprache_page_is_accessible(page, portal, assert_accessible):
    page.goto("/de/info/ankommen/")
    page.get_by_role("link", name=shown("This page in Leichte Sprache (easy German)")).click()
    page.wait_for_url("**/de/leicht/ankommen/")
    assert page.locator("h1").inner_text() == "Ankommen: einfach erklärt"
    assert_accessible(page)


def test_german_fallback_inside_an_arabic_page_reads_left_to_right(page, portal):
    page.goto("/ar/info/ankommen/anmeldung/")
    heading = page.locator("h1")
    assert heading.get_attribute("lang") == "de"
    assert heading.evaluate("element => getComputedStyle(element).direction") == "ltr"
    assert page.locator(".mia-lang-note").count() == 1


def _transferred(response) -> int:
    """Bytes on the wire in production: WhiteNoise serves the gzip (or smaller brotli) copy
    that collectstatic wrote for CSS and JavaScript; fonts are compressed already; the HTML
    itself goes out as it is (no compressing middleware)."""
    body = response.body()
    content_type = response.headers.get("content-type", "")
    if "/static/" in response.url and any(kind in content_type for kind in TEXT_TYPES):
        return len(gzip.compress(body, compresslevel=9))
    return len(body)


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_the_home_page_weighs_under_150_kb(page, portal, lang):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"/{lang}/", wait_until="networkidle")
    sizes = {response.url: _transferred(response) for response in responses}
    kinds = {response.request.resource_type for response in responses}
    total = sum(sizes.values())
    assert kinds <= {"document", "stylesheet", "script", "font", "image"}, kinds
    print(f"home page {lang}: {total} bytes: {sizes}")
    assert total < 150_000, f"home page {lang}: {total} bytes: {sizes}"
    assert not any("leaflet" in url for url in sizes)


def test_the_directory_works_without_javascript(browser, live_server, portal):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/de/netzwerk/")
        assert page.locator(".mia-entry").count() == 2
        page.locator("#filter-town").select_option("Zeitz")
        page.locator("form.mia-filters button[type=submit]").click()
        page.wait_for_url("**/de/netzwerk/?*town=Zeitz*")
        assert page.locator(".mia-entry h2").all_inner_texts() == ["SV Zeitz"]
        assert page.locator("[data-map]").is_hidden()
        page.goto("/de/angebote/?cost=free&language=ar")
        assert page.locator(".mia-entry h2").all_inner_texts() == ["Deutschkurs für Anfänger"]
    finally:
        context.close()


def test_the_map_shows_markers_only_when_asked(page, portal, assert_accessible):
    tiles = []

    def tile(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    page.route("https://tile.openstreetmap.org/**", tile)
    page.goto("/de/angebote/", wait_until="networkidle")
    assert tiles == []
    assert not page.locator("script[src*=leaflet]").count()
    show = page.locator("[data-map-show]")
    assert show.is_visible()
    show.click()
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == 1  # only the course in Naumburg has coordinates
    page.wait_for_load_state("networkidle")
    assert tiles, "the map asked for no tiles"
    assert_accessible(page)
    shoot(page, "offers-map-de")
