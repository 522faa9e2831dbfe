"""News and engagement stories, and their RSS feed."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from django.utils.html import escape

from tests.portal.public_content import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(editor):
    return build(editor)


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def ui(language: str, msgid: str) -> str:
    """The interface text ``msgid`` as a reader of ``language`` sees it in the page: translated
    through the catalogue (never left in English) and HTML-escaped like ``{% translate %}``."""
    with translation.override(language):
        text = translation.gettext(msgid)
    assert text != msgid, f"no {language} translation for {msgid!r}"
    return escape(text)


def test_the_list_shows_published_news_in_the_readers_language(client, portal):
    page = html(client, "/ar/news/")
    assert "مواعيد جديدة" in page
    assert 'lang="de" dir="ltr">Fußball verbindet</a>' in page
    assert "Noch nicht veröffentlicht" not in page


def test_stories_can_be_listed_alone(client, portal):
    page = html(client, "/de/news/?kind=story")
    assert "Fußball verbindet" in page and "Neue Sprechzeiten" not in page
    assert "Neue Sprechzeiten" in html(client, "/de/news/?kind=bogus")


def test_an_article_in_the_readers_language_and_a_story_in_german_with_a_note(client, portal):
    article = html(client, "/uk/news/neue-sprechzeiten/")
    assert "Нові години прийому" in article and "mia-lang-note" not in article
    story = html(client, "/uk/news/fussball-verbindet/")
    assert "Jeden Dienstag trainieren alle zusammen." in story
    assert (
        ui("uk", "This text is not yet available in your language; here it is in German.") in story
    )


def test_unknown_and_future_articles_are_not_found(client, portal):
    assert client.get("/de/news/gibt-es-nicht/").status_code == 404
    assert client.get("/de/news/noch-nicht/").status_code == 404


def test_the_rss_feed_is_valid_and_in_the_readers_language(client, portal):
    response = client.get("/uk/news/feed.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    assert channel is not None
    assert channel.findtext("language") == "uk"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Нові години прийому",
        "Fußball verbindet",
    ]
    assert items[0].findtext("link").endswith("/uk/news/neue-sprechzeiten/")
    assert items[0].findtext("pubDate")


def test_the_news_list_links_its_feed(client, portal):
    assert 'type="application/rss+xml"' in html(client, "/de/news/")


@pytest.mark.parametrize("number", ["0", "-1", "abc", "99999999999999999999", "²", "1e9"])
def test_any_page_number_shows_a_page(client, portal, number):
    assert client.get("/de/news/", {"page": number}).status_code == 200
