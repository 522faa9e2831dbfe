"""The translation overview and form: counts per language, status per item and language from
one query, the German source beside the target fields (right-to-left for Arabic, Persian,
Pashto), saving through the service, and a minor German edit that outdates nothing."""

import re

import pytest
from django.contrib.admin.models import LogEntry

from mia.accounts.models import Role
from mia.portal.models import FaqEntry, FaqTranslation, Page, PageTranslation
from mia.portal.selectors import editorial
from mia.portal.services.content import source_save, translation_save
from tests import factories

pytestmark = pytest.mark.django_db
OVERVIEW = "/de/staff/portal/translations/"


@pytest.fixture
def editor():
    return factories.staff("redaktion", Role.EDITOR)


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def page(editor, slug, **extra):
    data = {"slug": slug, "title": slug.title(), "body": "<p>Willkommen im Landkreis</p>"}
    return source_save(item=Page(), data=data | extra, user=editor)


def translate_url(item, language, kind="page"):
    return f"/de/staff/portal/translations/{kind}/{item.pk}/{language}/"


def cell(html: str, item: Page, language: str) -> str:
    """The status shown in the overview for one item and language."""
    row = re.search(rf'data-testid="row-{item.pk}".*?</tr>', html, re.S)
    assert row, f"no row for {item}"
    found = re.search(rf'data-language="{language}" data-status="(\w+)"', row.group(0))
    assert found, f"no cell for {language}"
    return found.group(1)


def needs(html: str, language: str) -> int:
    found = re.search(rf'data-testid="needs-{language}">(?:<strong>)?(\d+)<', html)
    assert found
    return int(found.group(1))


def test_the_overview_counts_what_needs_translating_per_language(signed_in, editor):
    first, second, third = (page(editor, slug) for slug in ("ankommen", "wohnen", "arbeit"))
    for item in (first, second):
        translation_save(item=item, language="en", data={"title": "x"}, user=editor)
    source_save(item=second, data={"title": "Wohnen neu"}, user=editor)
    html = signed_in.get(OVERVIEW).content.decode()
    assert needs(html, "en") == 2  # second outdated, third missing
    assert needs(html, "ar") == 3
    assert needs(html, "de-ls") == 3
    assert [cell(html, item, "en") for item in (first, second, third)] == [
        "current",
        "outdated",
        "missing",
    ]
    assert ">aktuell<" in html or ">up to date<" in html  # the status is written, not only coloured


def test_a_german_edit_outdates_the_translations_and_a_minor_edit_does_not(signed_in, editor):
    item = page(editor, "ankommen")
    response = signed_in.post(
        translate_url(item, "ar"), {"title": "الوصول", "summary": "", "body": "<p>مرحبا</p>"}
    )
    assert response.status_code == 302
    form = {"title": "Ankommen", "slug": "ankommen", "body": "<p>Willkommen!</p>", "position": 0}
    form |= {"is_published": "on", "minor": "on"}
    assert signed_in.post(f"/de/staff/portal/pages/{item.pk}/", form).status_code == 302
    assert cell(signed_in.get(OVERVIEW).content.decode(), item, "ar") == "current"

    form.pop("minor")
    form["body"] = "<p>Willkommen im Burgenlandkreis</p>"
    assert signed_in.post(f"/de/staff/portal/pages/{item.pk}/", form).status_code == 302
    html = signed_in.get(OVERVIEW).content.decode()
    assert cell(html, item, "ar") == "outdated"
    assert needs(html, "ar") == 1


def test_the_overview_filters_by_kind_language_and_need(signed_in, editor):
    done = source_save(
        item=FaqEntry(), data={"group": "who", "question": "Wer?", "answer": "Alle"}, user=editor
    )
    open_ = source_save(
        item=FaqEntry(), data={"group": "help", "question": "Wie?", "answer": "So"}, user=editor
    )
    translation_save(
        item=done, language="fa", data={"question": "چه کسی؟", "answer": "همه"}, user=editor
    )
    page(editor, "ankommen")
    html = signed_in.get(
        OVERVIEW, {"kind": "faq", "language": "fa", "needs": "on"}
    ).content.decode()
    assert f'data-testid="row-{open_.pk}"' in html
    assert f'data-testid="row-{done.pk}"' not in html
    assert "Ankommen" not in html
    assert 'data-language="en"' not in html  # only the chosen language's column
    html = signed_in.get(OVERVIEW, {"kind": "faq", "language": "fa"}).content.decode()
    assert cell(html, done, "fa") == "current"


def test_bad_filter_values_fall_back_instead_of_failing(signed_in, editor):
    page(editor, "ankommen")
    for query in (
        {"kind": "nonsense"},
        {"kind": "faq", "language": "de-ls"},  # Leichte Sprache is kept for pages only
        {"kind": "page", "language": "xx", "needs": "maybe"},
        {"page": "abc"},
        {"page": "99999"},
    ):
        response = signed_in.get(OVERVIEW, query)
        assert response.status_code == 200, query


def test_the_overview_takes_the_same_queries_for_many_items(
    signed_in, editor, django_assert_max_num_queries
):
    for number in range(3):
        page(editor, f"seite-{number}")
    with django_assert_max_num_queries(12) as few:
        signed_in.get(OVERVIEW)
    for number in range(3, 40):
        page(editor, f"seite-{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = signed_in.get(OVERVIEW)
    assert response.context["page_obj"].paginator.count == 40
    assert len(response.context["rows"]) == 25  # paginated


def test_the_form_shows_the_german_source_beside_right_to_left_fields(signed_in, editor):
    item = page(editor, "ankommen", summary="Kurz gesagt")
    for language in ("ar", "fa", "ps"):
        html = signed_in.get(translate_url(item, language)).content.decode()
        assert "Willkommen im Landkreis" in html
        assert "Kurz gesagt" in html
        field = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
        assert f'lang="{language}"' in field
        assert 'dir="rtl"' in field
        body = re.search(r'<textarea[^>]*name="body"[^>]*>', html).group(0)
        assert 'dir="rtl"' in body
    html = signed_in.get(translate_url(item, "uk")).content.decode()
    assert 'dir="ltr"' in re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    html = signed_in.get(translate_url(item, "de-ls")).content.decode()
    assert 'lang="de"' in re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)


def test_saving_the_form_records_the_german_version_it_was_made_from(signed_in, editor):
    item = page(editor, "ankommen")
    next_url = f"{OVERVIEW}?kind=page&language=ar&needs=on"
    response = signed_in.post(
        translate_url(item, "ar"),
        {
            "title": "الوصول",
            "summary": "",
            "body": '<p onclick="x()">مرحبا<script>alert(1)</script></p>',
            "next": next_url,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == next_url
    saved = PageTranslation.objects.get(item=item, language="ar")
    assert saved.source_version == item.source_changed_at
    assert saved.translated_by == editor
    assert saved.body == "<p>مرحبا</p>"  # sanitised by the service
    assert LogEntry.objects.filter(object_id=str(item.pk), change_message="translation ar").exists()
    html = signed_in.get(translate_url(item, "ar")).content.decode()
    assert "الوصول" in html  # the form continues from the saved translation


def test_an_outdated_translation_says_so_in_the_form(signed_in, editor):
    item = page(editor, "ankommen")
    translation_save(item=item, language="uk", data={"title": "Прибуття"}, user=editor)
    source_save(item=item, data={"body": "<p>Neu</p>"}, user=editor)
    html = signed_in.get(translate_url(item, "uk")).content.decode()
    assert 'data-testid="outdated-note"' in html


def test_bad_input_shows_errors_and_saves_nothing(signed_in, editor):
    entry = source_save(
        item=FaqEntry(), data={"group": "who", "question": "Wer?", "answer": "Alle"}, user=editor
    )
    url = translate_url(entry, "en", kind="faq")
    for data in ({}, {"question": "", "answer": ""}, {"question": "x" * 301, "answer": "y"}):
        response = signed_in.post(url, data)
        assert response.status_code == 200
        assert 'data-testid="form-errors"' in response.content.decode()
    unsafe = signed_in.post(
        url, {"question": "Who?", "answer": "All", "next": "https://evil.example/"}
    )
    assert unsafe["Location"].startswith("/de/staff/portal/translations/")
    assert FaqTranslation.objects.filter(item=entry).count() == 1


def test_the_dashboard_shows_pending_changes_and_needs(signed_in, editor):
    page(editor, "ankommen")
    response = signed_in.get("/de/staff/portal/")
    assert response.status_code == 200
    html = response.content.decode()
    assert needs(html, "ar") == 1
    assert response.context["pending"] == 0


def test_needs_are_one_query_per_kind(editor, django_assert_num_queries):
    for number in range(5):
        page(editor, f"seite-{number}")
    with django_assert_num_queries(1):
        found = editorial.translation_needs("page")
    assert {need.language: need.total for need in found}["vi"] == 5
