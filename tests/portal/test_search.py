"""Search finds content by words in the reader's language and marks German fallbacks."""

import pytest

from mia.portal.models import FaqEntry, Page
from mia.portal.selectors.search import search
from mia.portal.services.content import source_delete, source_save, translation_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(editor):
    school = source_save(
        item=Page(),
        data={"slug": "schule", "title": "Schule und Kita", "body": "<p>Anmeldung der Kinder</p>"},
        user=editor,
    )
    translation_save(
        item=school,
        language="uk",
        data={"title": "Школа і дитсадок", "body": "<p>Реєстрація дітей у школі</p>"},
        user=editor,
    )
    faq = source_save(
        item=FaqEntry(),
        data={
            "group": "costs",
            "question": "Wer bezahlt die Unterkunft?",
            "answer": "<p>Das Land.</p>",
        },
        user=editor,
    )
    return {"school": school, "faq": faq}


def test_words_in_the_readers_language_find_the_translation(content):
    [hit] = search(query="реєстрація ДІТЕЙ", language="uk")
    assert (hit.kind, hit.object_id, hit.title, hit.fallback) == (
        "page",
        content["school"].pk,
        "Школа і дитсадок",
        False,
    )


def test_untranslated_content_is_found_in_german_and_marked(content):
    [hit] = search(query="unterkunft", language="uk")
    assert (hit.kind, hit.fallback, hit.title) == ("faq", True, "Wer bezahlt die Unterkunft?")
    [german] = search(query="unterkunft", language="de")
    assert german.fallback is False


def test_every_word_must_match_and_short_queries_find_nothing(content):
    assert search(query="schule rakete", language="de") == []
    assert search(query="a", language="de") == []
    assert [h.kind for h in search(query="kinder", language="de", kinds=["faq"])] == []


def test_unpublished_and_deleted_content_is_not_found(content, editor):
    source_save(item=content["school"], data={"is_published": False}, user=editor, minor=True)
    assert search(query="schule", language="de") == []
    source_delete(item=content["faq"], user=editor)
    assert search(query="unterkunft", language="de") == []
