"""Information pages and guides: the reader's language, the German fallback marked, outdated
translations noted, Leichte Sprache for German readers, 404 for what is not public."""

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


@pytest.mark.parametrize(
    ("lang", "title", "body"),
    [
        ("de", "Ankommen im Burgenlandkreis", "Bringen Sie Ihren Pass mit."),
        ("ar", "الوصول إلى منطقة بورغنلاند", "أحضر جواز سفرك."),
        ("uk", "Прибуття до району Бургенланд", "Візьміть паспорт."),
    ],
)
def test_a_page_shows_in_the_readers_language(client, portal, lang, title, body):
    page = html(client, f"/{lang}/info/ankommen/")
    assert f">{title}</h1>" in page
    assert body in page
    assert "mia-lang-note" not in page
    # Nothing of the page itself is German; the German child page listed below may be.
    page_itself = page.split("<main")[1].split('id="children-heading"')[0]
    assert 'lang="de" dir="ltr"' not in page_itself


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_an_untranslated_page_shows_german_marked_with_a_note(client, portal, lang):
    page = html(client, f"/{lang}/info/ankommen/anmeldung/")
    assert '<h1 class="kern-heading-x-large" lang="de" dir="ltr">Wohnsitz anmelden</h1>' in page
    assert (
        ui(lang, "This text is not yet available in your language; here it is in German.") in page
    )
    assert (
        '<div class="mia-richtext" lang="de" dir="ltr"><p>Die Anmeldung der Wohnung ist Pflicht.</p>'
        in page
    )


def test_german_readers_see_no_fallback_note(client, portal):
    page = html(client, "/de/info/ankommen/anmeldung/")
    assert "mia-lang-note" not in page
    # The breadcrumb leads back through the parent page.
    assert 'href="/de/info/ankommen/"' in page


def test_an_outdated_translation_is_shown_with_a_gentle_note(client, portal):
    page = html(client, "/ar/info/arbeit/")
    assert "البحث عن عمل" in page
    assert (
        ui(
            "ar",
            "The German text has changed since this translation was made, so some details may be"
            " out of date. When in doubt, ask us.",
        )
        in page
    )


def test_children_are_listed_in_the_readers_language_with_fallback_marked(client, portal):
    page = html(client, "/uk/info/ankommen/")
    badge = ui("uk", "in German")
    assert (
        'href="/uk/info/ankommen/anmeldung/" lang="de" dir="ltr">Wohnsitz anmelden</a>'
        f' <span class="kern-badge kern-badge--small mia-lang-badge"><span class="kern-label">{badge}'
        "</span></span>"
    ) in page


def test_the_guide_links_to_offers_on_its_topic(client, portal):
    page = html(client, "/de/info/ankommen/")
    assert 'href="/de/angebote/?category=counselling"' in page


def test_leichte_sprache_is_offered_on_german_pages_that_have_it(client, portal):
    assert 'href="/de/leicht/ankommen/"' in html(client, "/de/info/ankommen/")
    assert "/leicht/" not in html(client, "/de/info/arbeit/")
    assert "/leicht/" not in html(client, "/ar/info/ankommen/")
    easy = html(client, "/de/leicht/ankommen/")
    assert "Ankommen: einfach erklärt" in easy
    assert "Sie sind neu hier. Wir helfen Ihnen." in easy
    assert 'href="/de/info/ankommen/"' in easy


def test_leichte_sprache_in_another_language_leads_to_the_page_in_that_language(client, portal):
    response = client.get("/ar/leicht/ankommen/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/info/ankommen/"


def test_a_page_without_leichte_sprache_has_no_easy_variant(client, portal):
    assert client.get("/de/leicht/arbeit/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["nichts", "entwurf", "ankommen/nichts", "ankommen//anmeldung", "a/" * 30 + "b", "x" * 500],
)
def test_unknown_and_unpublished_pages_are_not_found(client, portal, path):
    assert client.get(f"/de/info/{path}/").status_code == 404


def test_a_page_below_an_unpublished_page_is_not_found(client, portal, editor):
    from mia.portal.services.content import source_save

    source_save(item=portal["arrival"], data={"is_published": False}, user=editor, minor=True)
    assert client.get("/de/info/ankommen/anmeldung/").status_code == 404


def test_the_guide_index_lists_the_guides_by_topic(client, portal):
    page = html(client, "/uk/info/")
    arrival = page.index("Прибуття до району Бургенланд")
    work = page.index("Arbeit finden")  # no Ukrainian translation: German, marked
    assert arrival < work
    assert "Entwurf" not in page


def test_rich_text_is_rendered_as_html_and_nothing_else_is(client, portal, editor):
    from mia.portal.services.content import translation_save

    translation_save(
        item=portal["registration"],
        language="uk",
        data={"title": "<b>Реєстрація</b>", "body": "<p>Так<script>alert(1)</script></p>"},
        user=editor,
    )
    page = html(client, "/uk/info/ankommen/anmeldung/")
    assert "&lt;b&gt;Реєстрація&lt;/b&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert "<p>Так</p>" in page
