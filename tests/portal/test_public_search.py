"""The portal search page: words in the reader's language, German fallbacks marked, every
result a working link."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape

from tests.portal.public_content import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(editor):
    return build(editor)


def search(client, lang: str, **query: str) -> str:
    response = client.get(f"/{lang}/suche/", query)
    assert response.status_code == 200
    return response.content.decode()


def ui(language: str, msgid: str) -> str:
    """The interface text ``msgid`` as a reader of ``language`` sees it in the page: translated
    through the catalogue (never left in English) and HTML-escaped like ``{% translate %}``."""
    with translation.override(language):
        text = translation.gettext(msgid)
    assert text != msgid, f"no {language} translation for {msgid!r}"
    return escape(text)


def links(page: str) -> list[str]:
    return re.findall(r'<h2 class="kern-heading-small"><a class="kern-link" href="([^"]+)"', page)


def test_words_in_the_readers_language_find_pages_offers_and_events(client, portal):
    page = search(client, "uk", q="німецької")
    assert "Курс німецької для початківців" in page
    assert "Розмовляйте" not in page  # the café's title does not hold the word; its text does
    assert set(links(search(client, "uk", q="німецькою"))) == {f"/uk/events/{portal['cafe'].pk}/"}


def test_german_fallbacks_are_found_and_marked(client, portal):
    page = search(client, "ar", q="Sozialberatung")
    assert (
        ui("ar", "Some results are not yet available in your language; they are shown in German.")
        in page
    )
    [result] = [r for r in page.split('<li class="mia-result')[1:] if "Sozialberatung" in r]
    assert 'lang="de" dir="ltr">Sozialberatung</a>' in result
    assert f'<span class="mia-lang-badge">{ui("ar", "in German")}</span>' in result


def test_translated_content_is_not_found_by_its_german_words(client, portal):
    page = search(client, "ar", q="Deutschkurs")
    assert (
        ui("ar", "Nothing found. Try other or fewer words, or look at the questions and answers.")
        in page
    )


def test_every_kind_of_result_links_to_its_page(client, portal):
    found = set()
    for query in ["ankommen", "wohnen", "sprechzeiten", "sprachcafé", "gemeinde", "sozialberatung"]:
        found |= set(links(search(client, "de", q=query)))
    kinds = {url.split("/")[2] for url in found}
    assert kinds >= {"info", "faq", "news", "events", "netzwerk", "angebote"}
    for url in found:
        assert client.get(url.split("#")[0]).status_code == 200, url


def test_the_kind_narrows_the_results(client, portal):
    page = search(client, "de", q="naumburg", kind="offer")
    assert set(links(page)) == {
        f"/de/angebote/{portal['course'].pk}/",
        f"/de/angebote/{portal['counselling'].pk}/",
    }


def test_short_and_empty_queries_explain_themselves(client, portal):
    too_short = ui("de", "Please enter at least two letters.")
    assert too_short in search(client, "de", q="a")
    empty = search(client, "de")  # no query: the form only, no verdict on results
    assert '<div role="status">' not in empty and too_short not in empty
    assert 'class="mia-results"' not in empty
    assert search(client, "de", q="x" * 5000, kind="<script>").count("<script>") == 0
