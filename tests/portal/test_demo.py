"""The portal's demo content: as much as issue 5 asks for, German everywhere, translations with
deliberate gaps and outdated ones, valid rows, a partner who keeps two profiles, and a second
load that changes nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mia.accounts.models import User
from mia.core.languages import CODES, TRANSLATION_CODES
from mia.organisation.models import TargetGroup
from mia.portal import demo
from mia.portal.models import (
    EASY_GERMAN,
    Actor,
    Event,
    FaqEntry,
    FieldOfAction,
    NewsItem,
    Offer,
    Page,
    Recurrence,
    Topic,
)
from mia.portal.permissions import may_propose_for
from mia.portal.selectors.search import search
from mia.portal.selectors.translations import (
    MISSING,
    OUTDATED,
    status_name,
    with_translation_status,
)

pytestmark = pytest.mark.django_db

KINDS = [Page, FaqEntry, NewsItem, Actor, Offer, Event]
KEY_PAGES = ["ich-bin-neu-hier", "was-muss-ich-mitbringen", "termin-buchen"]
MAIN_LANGUAGES = ["en", "ar", "uk", "ru"]


@pytest.fixture
def content(db):
    demo.load()


def statuses(model, languages, **filters):
    rows = with_translation_status(model.objects.filter(**filters), languages)
    return [(row, {code: status_name(row, code) for code in languages}) for row in rows]


def key_page_ids():
    """The guides, "Ich bin neu hier", "Was muss ich mitbringen?" and "Termin buchen"."""
    pages = Page.objects.filter(slug__in=KEY_PAGES, parent=None) | Page.objects.exclude(topic="")
    return list(pages.values_list("pk", flat=True))


def test_the_demo_has_what_issue_5_asks_for(content):
    assert Page.objects.count() >= 30
    assert FaqEntry.objects.count() >= 20
    assert Actor.objects.count() >= 40
    assert Offer.objects.count() >= 60
    assert Event.objects.count() >= 20
    assert NewsItem.objects.count() >= 10
    assert set(NewsItem.objects.values_list("kind", flat=True)) == {"news", "story"}
    assert set(Event.objects.values_list("recurrence", flat=True)) == set(Recurrence.values)
    guides = Page.objects.exclude(topic="")
    assert sorted(guides.values_list("topic", flat=True)) == sorted(Topic.values)
    assert all(1 <= guide.children.count() <= 3 for guide in guides)
    assert Actor.objects.filter(offers__isnull=True).count() == 0


def test_every_page_and_faq_entry_has_its_german_text(content):
    assert not Page.objects.filter(title="").exists()
    assert not Page.objects.filter(body="").exists()
    assert not FaqEntry.objects.filter(question="").exists()
    assert not FaqEntry.objects.filter(answer="").exists()


def test_key_pages_and_the_faq_are_in_every_language(content):
    key_pages = key_page_ids()
    assert len(key_pages) == 10
    for _row, found in statuses(Page, list(TRANSLATION_CODES), pk__in=key_pages):
        assert MISSING not in found.values()
    for _row, found in statuses(FaqEntry, list(TRANSLATION_CODES)):
        assert MISSING not in found.values()
    easy = statuses(Page, [EASY_GERMAN], pk__in=key_pages)
    assert sorted(row.slug for row, found in easy if found[EASY_GERMAN] != MISSING) == sorted(
        ["ich-bin-neu-hier", *Page.objects.exclude(topic="").values_list("slug", flat=True)]
    )


def test_all_content_is_at_least_in_english_arabic_ukrainian_and_russian(content):
    for model in KINDS:
        for row, found in statuses(model, MAIN_LANGUAGES):
            assert MISSING not in found.values(), row


def test_some_translations_are_outdated_and_some_missing(content):
    outdated = missing = 0
    for model in KINDS:
        for _row, found in statuses(model, list(TRANSLATION_CODES)):
            outdated += list(found.values()).count(OUTDATED)
            missing += list(found.values()).count(MISSING)
    assert outdated >= 10
    assert missing > 100
    [(wohnen, found)] = statuses(Page, ["en", "ar", "uk"], slug="wohnen")
    assert (wohnen.topic, found) == (
        "housing",
        {"en": OUTDATED, "ar": OUTDATED, "uk": "current"},
    )


def test_a_second_load_writes_nothing_but_the_search_index(content):
    counts = [model.objects.count() for model in KINDS]
    changed = [model.objects.aggregate(Max("updated_at")) for model in KINDS]
    with CaptureQueriesContext(connection) as queries:
        demo.load()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}
        and "portal_searchentry" not in query["sql"]
    ]
    assert writes == []
    assert [model.objects.count() for model in KINDS] == counts
    assert [model.objects.aggregate(Max("updated_at")) for model in KINDS] == changed


def test_the_demo_content_passes_model_validation(content):
    for model in KINDS:
        for item in model.objects.prefetch_related("translations"):
            item.full_clean()
            for translation in item.translations.all():
                translation.full_clean()
    fields, groups = set(FieldOfAction.values), set(TargetGroup.values)
    for actor in Actor.objects.all():
        assert set(actor.fields) <= fields and set(actor.languages) <= set(CODES), actor
    for offer in Offer.objects.all():
        assert set(offer.target_groups) <= groups and set(offer.languages) <= set(CODES), offer


def test_places_lie_in_the_district_and_events_in_the_coming_months(content):
    for model in (Actor, Offer, Event):
        for item in model.objects.exclude(latitude=None):
            assert 50.95 < item.latitude < 51.3 and 11.55 < item.longitude < 12.25, item
    first, last = dt.date(2026, 11, 26), dt.date(2027, 6, 30)
    for event in Event.objects.all():
        assert first <= timezone.localdate(event.start) <= last, event
    table_tennis = Event.objects.get(title="Tischtennis für alle")
    assert timezone.localtime(table_tennis.start).time() == dt.time(18, 0)


def test_the_partner_login_edits_exactly_its_actors(demo_agency):
    partner = User.objects.get(username=demo.PARTNER_USERNAME)
    assert sorted(partner.actors.values_list("slug", flat=True)) == sorted(demo.PARTNER_ACTORS)
    assert may_propose_for(partner, Actor.objects.get(slug=demo.PARTNER_ACTORS[0]))
    assert not may_propose_for(partner, Actor.objects.get(slug="kvhs-naumburg"))


def test_search_finds_ukrainian_words_in_the_ukrainian_translations(content):
    hits = search(query="велосипеди", language="uk")
    assert "Відкрита велосипедна майстерня" in {hit.title for hit in hits}
    assert not any(hit.fallback for hit in hits)
