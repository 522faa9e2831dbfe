"""The residents' FAQ: grouped, searchable in the reader's language, German marked."""

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


def test_questions_are_grouped_in_the_order_of_the_groups(client, portal):
    page = html(client, "/de/faq/")
    housing = page.index('id="group-housing"')
    costs = page.index('id="group-costs"')
    assert housing < costs
    # Full question texts: "Wer bezahlt" alone is also the German label of the costs group.
    question = page.index("Wo wohnen die Geflüchteten?")
    assert question < costs < page.index("Wer bezahlt die Unterkunft?")
    assert 'id="faq-{}"'.format(portal["costs_question"].pk) in page


def test_questions_show_in_the_readers_language_and_german_is_marked(client, portal):
    page = html(client, "/uk/faq/")
    assert "Де живуть біженці?" in page
    assert '<span class="kern-title" lang="de" dir="ltr">Wer bezahlt die Unterkunft?</span>' in page
    note = ui("uk", "This text is not yet available in your language; here it is in German.")
    assert page.count(note) == 1  # only under the German question


def test_search_finds_questions_by_words_in_the_readers_language(client, portal):
    housing = 'id="faq-{}"'.format(portal["housing_question"].pk)
    costs = 'id="faq-{}"'.format(portal["costs_question"].pk)
    page = html(client, "/uk/faq/?q=квартирах")
    assert "Де живуть біженці?" in page and housing in page
    assert "Wer bezahlt die Unterkunft?" not in page and costs not in page
    german = html(client, "/uk/faq/?q=unterkunft")
    assert "Wer bezahlt die Unterkunft?" in german and costs in german
    assert "Де живуть біженці?" not in german and housing not in german


def test_search_without_a_match_says_so(client, portal):
    page = html(client, "/de/faq/?q=raumschiff")
    assert ui("de", "No question matches. Try other words or show all questions.") in page


def test_a_group_narrows_the_list_and_an_unknown_group_is_ignored(client, portal):
    # Full question texts: the page description also speaks of "where people live" (أين يسكن).
    page = html(client, "/ar/faq/?group=costs")
    assert "Wer bezahlt die Unterkunft?" in page and "أين يسكن اللاجئون؟" not in page
    everything = html(client, "/ar/faq/?group=nonsense")
    assert "Wer bezahlt die Unterkunft?" in everything and "أين يسكن اللاجئون؟" in everything
