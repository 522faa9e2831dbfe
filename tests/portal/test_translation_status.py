"""Translation state: missing, outdated when the German changed later, current otherwise; a
minor edit outdates nothing; the whole list in one query."""

import pytest

from mia.portal.models import Page
from mia.portal.selectors.translations import (
    localized,
    status_name,
    with_translation_status,
)
from mia.portal.services.content import source_save, translation_save

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "ar", "uk", "de-ls"]


def page(editor, slug="ankommen", **extra):
    data = {"slug": slug, "title": "Ankommen", "body": "<p>Willkommen</p>"} | extra
    return source_save(item=Page(), data=data, user=editor)


def statuses(item):
    found = with_translation_status(Page.objects.filter(pk=item.pk), LANGUAGES).get()
    return {code: status_name(found, code) for code in LANGUAGES}


def test_a_new_page_misses_every_translation(editor):
    assert statuses(page(editor)) == dict.fromkeys(LANGUAGES, "missing")


def test_a_german_change_outdates_the_translations_and_a_minor_edit_does_not(editor):
    item = page(editor)
    translation_save(item=item, language="ar", data={"title": "الوصول", "body": ""}, user=editor)
    translation_save(
        item=item, language="de-ls", data={"title": "Ankommen", "body": ""}, user=editor
    )
    assert statuses(item) | {} == {
        "en": "missing",
        "ar": "current",
        "uk": "missing",
        "de-ls": "current",
    }
    source_save(item=item, data={"title": "Ankommen im Burgenlandkreis"}, user=editor, minor=True)
    assert statuses(item)["ar"] == "current"
    source_save(item=item, data={"body": "<p>Neu</p>"}, user=editor)
    assert statuses(item)["ar"] == "outdated"
    translation_save(
        item=item, language="ar", data={"title": "الوصول", "body": "<p>جديد</p>"}, user=editor
    )
    assert statuses(item)["ar"] == "current"


def test_the_status_of_a_long_list_takes_one_query(editor, django_assert_num_queries):
    for number in range(30):
        item = page(editor, slug=f"seite-{number}")
        translation_save(item=item, language="en", data={"title": "Page"}, user=editor)
    with django_assert_num_queries(1):
        rows = list(with_translation_status(Page.objects.all(), LANGUAGES))
    assert [status_name(row, "en") for row in rows] == ["current"] * 30


def test_readers_get_the_translation_or_the_marked_german(editor):
    item = page(editor)
    translation_save(
        item=item,
        language="uk",
        data={"title": "Прибуття", "body": "<p>Ласкаво просимо</p>"},
        user=editor,
    )
    [in_ukrainian] = localized(Page.objects.filter(pk=item.pk), "uk")
    assert (in_ukrainian.title, in_ukrainian.language, in_ukrainian.fallback) == (
        "Прибуття",
        "uk",
        False,
    )
    [in_persian] = localized(Page.objects.filter(pk=item.pk), "fa")
    assert (in_persian.title, in_persian.language, in_persian.fallback) == ("Ankommen", "de", True)


def test_rich_text_is_sanitised(editor):
    item = page(
        editor,
        body='<p onclick="x()">Hallo<script>alert(1)</script> <a href="javascript:x">y</a></p>',
    )
    assert item.body == '<p>Hallo <a rel="noopener noreferrer">y</a></p>'
