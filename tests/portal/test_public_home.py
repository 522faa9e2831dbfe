"""The home page: opening status and appointments first, then the guides, search, offers by
town, news and the next events, in the reader's language."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from tests.portal.public_content import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(editor, agency):
    return build(editor)


def home(client, lang: str) -> str:
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    return response.content.decode()


def ui(language: str, msgid: str) -> str:
    """The interface text ``msgid`` as a reader of ``language`` sees it in the page: translated
    through the catalogue (never left in English) and HTML-escaped like ``{% translate %}``."""
    with translation.override(language):
        text = translation.gettext(msgid)
    assert text != msgid, f"no {language} translation for {msgid!r}"
    return escape(text)


def test_status_and_appointments_come_before_everything_else(client, portal):
    page = home(client, "de").split("<main")[1]
    status = page.index('id="status-heading"')
    assert status < page.index('href="/de/services/"') < page.index('id="guides-heading"')
    assert page.index('href="/de/appointments/"') < page.index('id="guides-heading"')
    assert 'action="/de/suche/"' in page


def test_the_guides_show_in_the_readers_language(client, portal):
    page = home(client, "ar")
    assert 'href="/ar/info/ankommen/">الوصول إلى منطقة بورغنلاند</a>' in page
    # The work guide changed in German since it was translated: its card carries a badge.
    outdated = ui("ar", "translation may be out of date")
    assert (
        'href="/ar/info/arbeit/">البحث عن عمل</a> <span class="kern-badge kern-badge--small'
        f' mia-lang-badge"><span class="kern-label">{outdated}</span></span>'
    ) in page
    uk = home(client, "uk")
    assert 'href="/uk/info/arbeit/" lang="de" dir="ltr">Arbeit finden</a>' in uk


def test_offers_near_you_lists_the_towns_of_the_network(client, portal):
    page = home(client, "de")
    form = page.split('action="/de/angebote/"')[1].split("</form>")[0]
    assert "<option>Naumburg (Saale)</option>" in form and "<option>Zeitz</option>" in form
    assert 'name="town"' in form


def test_latest_news_story_and_next_events(client, portal):
    page = home(client, "uk")
    assert "Нові години прийому" in page
    assert 'lang="de" dir="ltr">Fußball verbindet</a>' in page
    assert "Noch nicht veröffentlicht" not in page
    assert page.count(">Мовне кафе</a>") == 1  # the weekly café once, at its next date
    first = timezone.localtime(portal["cafe"].start)
    assert first.date() >= timezone.localdate()


def test_the_home_page_needs_no_javascript(client, portal):
    page = home(client, "de")
    assert "<script" not in page


def test_an_empty_portal_still_shows_the_home_page(client, agency):
    page = home(client, "ar")
    assert 'id="status-heading"' in page
    assert 'id="guides-heading"' in page


def test_events_of_the_past_are_not_on_the_home_page(client, portal, editor):
    from mia.portal.services.content import source_save

    past = timezone.now() - dt.timedelta(days=3)
    source_save(
        item=portal["festival"],
        data={"start": past, "end": past + dt.timedelta(hours=1)},
        user=editor,
    )
    assert "Sportfest der Kulturen" not in home(client, "de")
