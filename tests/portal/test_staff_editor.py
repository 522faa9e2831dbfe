"""Editors' forms for the German sources: the page tree (create, move by choosing a parent,
delete), FAQ, news, events and actors with their partner editors. Bad input gets a message on
the form, never an error page, and every change is logged on its object."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from mia.accounts.models import Role
from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page
from mia.portal.services.content import source_save
from tests import factories

pytestmark = pytest.mark.django_db
BASE = "/de/staff/portal/"


@pytest.fixture
def editor():
    return factories.staff("redaktion", Role.EDITOR)


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def page_form(**fields):
    return {
        "title": "Seite",
        "slug": "seite",
        "body": "",
        "position": 0,
        "is_published": "on",
    } | fields


def logged(item, message):
    return LogEntry.objects.filter(object_id=str(item.pk), change_message=message).exists()


def test_an_editor_builds_and_rearranges_the_page_tree(signed_in, editor):
    assert (
        signed_in.post(
            f"{BASE}pages/new/", page_form(title="Ankommen", slug="ankommen")
        ).status_code
        == 302
    )
    top = Page.objects.get(slug="ankommen")
    response = signed_in.post(
        f"{BASE}pages/new/?parent={top.pk}", page_form(title="Wohnen", slug="wohnen", parent=top.pk)
    )
    assert response.status_code == 302
    child = Page.objects.get(slug="wohnen")
    grandchild = source_save(
        item=Page(parent=child), data={"slug": "miete", "title": "Miete"}, user=editor
    )
    assert grandchild.path == "ankommen/wohnen/miete"
    assert logged(child, "created")

    other = source_save(item=Page(), data={"slug": "leben", "title": "Leben"}, user=editor)
    moved = signed_in.post(
        f"{BASE}pages/{child.pk}/", page_form(title="Wohnen", slug="wohnen", parent=other.pk)
    )
    assert moved.status_code == 302
    grandchild.refresh_from_db()
    assert grandchild.path == "leben/wohnen/miete"

    tree = signed_in.get(f"{BASE}pages/").content.decode()
    assert (
        tree.index('data-testid="page-leben" data-depth="0"')
        < tree.index('data-testid="page-wohnen" data-depth="1"')
        < tree.index('data-testid="page-miete" data-depth="2"')
    )


def test_a_page_cannot_be_moved_below_itself(signed_in, editor):
    top = source_save(item=Page(), data={"slug": "a", "title": "A"}, user=editor)
    below = source_save(item=Page(parent=top), data={"slug": "b", "title": "B"}, user=editor)
    form = signed_in.get(f"{BASE}pages/{top.pk}/").content.decode()
    assert f'value="{below.pk}"' not in form  # the page and those below it are not offered
    response = signed_in.post(
        f"{BASE}pages/{top.pk}/", page_form(title="A", slug="a", parent=below.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    top.refresh_from_db()
    assert top.parent is None


def test_short_names_are_unique_at_one_place_of_the_tree(signed_in, editor):
    source_save(item=Page(), data={"slug": "ankommen", "title": "Ankommen"}, user=editor)
    response = signed_in.post(f"{BASE}pages/new/", page_form(slug="ankommen"))
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    response = signed_in.post(f"{BASE}pages/new/", page_form(slug="Kein Slug!"))
    assert response.context["form"].errors["slug"]
    assert Page.objects.count() == 1


def test_a_page_with_pages_below_is_not_deleted(signed_in, editor):
    top = source_save(item=Page(), data={"slug": "a", "title": "A"}, user=editor)
    below = source_save(item=Page(parent=top), data={"slug": "b", "title": "B"}, user=editor)
    assert signed_in.get(f"{BASE}pages/{top.pk}/delete/").status_code == 200
    response = signed_in.post(f"{BASE}pages/{top.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert Page.objects.filter(pk=top.pk).exists()
    assert signed_in.post(f"{BASE}pages/{below.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=below.pk).exists()
    assert LogEntry.objects.filter(object_id=str(below.pk), change_message="deleted").exists()


def test_rich_text_is_sanitised_when_saved_through_the_form(signed_in):
    body = '<p>Hallo <a href="javascript:alert(1)">x</a><script>alert(1)</script></p>'
    signed_in.post(f"{BASE}pages/new/", page_form(body=body))
    assert Page.objects.get().body == '<p>Hallo <a rel="noopener noreferrer">x</a></p>'


def test_faq_entries_are_created_and_edited(signed_in):
    form = {"group": "who", "question": "Wer kommt?", "answer": "<p>Menschen</p>", "position": 1}
    assert signed_in.post(f"{BASE}faq/new/", form | {"is_published": "on"}).status_code == 302
    entry = FaqEntry.objects.get()
    assert (
        signed_in.post(
            f"{BASE}faq/{entry.pk}/", form | {"question": "Wer kommt zu uns?"}
        ).status_code
        == 302
    )
    entry.refresh_from_db()
    assert (entry.question, entry.is_published) == ("Wer kommt zu uns?", False)
    assert logged(entry, "changed")
    assert "Wer kommt zu uns?" in signed_in.get(f"{BASE}faq/").content.decode()


def test_news_take_german_dates(signed_in):
    form = {"kind": "news", "title": "Neu", "slug": "neu", "body": "<p>x</p>", "is_published": "on"}
    response = signed_in.post(f"{BASE}news/new/", form | {"published_at": "24.12.2026 18:30"})
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert timezone.localtime(item.published_at).replace(tzinfo=None) == dt.datetime(
        2026, 12, 24, 18, 30
    )
    assert "24.12.2026 18:30" in signed_in.get(f"{BASE}news/{item.pk}/").content.decode()
    for bad in ("32.13.2026 10:00", "morgen", "", "24.12.99999 10:00"):
        response = signed_in.post(f"{BASE}news/{item.pk}/", form | {"published_at": bad})
        assert response.status_code == 200, bad
        assert response.context["form"].errors["published_at"], bad
    duplicate = signed_in.post(f"{BASE}news/new/", form | {"published_at": "01.01.2026 10:00"})
    assert duplicate.context["form"].errors["slug"]


def test_events_need_an_end_after_the_start(signed_in):
    form = {"title": "Fest", "town": "Naumburg", "start": "01.06.2026 18:00", "recurrence": ""}
    response = signed_in.post(f"{BASE}events/new/", form | {"end": "01.06.2026 17:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["end"]
    weekly = form | {
        "end": "01.06.2026 20:00",
        "recurrence": "weekly",
        "repeat_until": "31.05.2026",
    }
    assert signed_in.post(f"{BASE}events/new/", weekly).context["form"].errors["repeat_until"]
    assert Event.objects.count() == 0
    ok = form | {"end": "2026-06-01T20:00", "is_published": "on"}  # ISO from autofill works too
    assert signed_in.post(f"{BASE}events/new/", ok).status_code == 302
    event = Event.objects.get()
    assert timezone.localtime(event.end).hour == 20


def test_editors_choose_the_partner_editors_of_an_actor(signed_in, editor):
    partner = factories.staff("verein", Role.PARTNER_EDITOR)
    clerk = factories.staff("sachbearbeitung", Role.CLERK)
    form = {"name": "Verein", "slug": "verein", "kind": "association", "town": "Naumburg"}
    form |= {"fields": ["sports"], "languages": ["de", "ar"], "is_published": "on"}
    html = signed_in.get(f"{BASE}actors/new/").content.decode()
    assert "verein" in html
    assert "sachbearbeitung" not in html  # only partner editors are offered
    response = signed_in.post(f"{BASE}actors/new/", form | {"editors": [partner.pk]})
    assert response.status_code == 302
    actor = Actor.objects.get()
    assert list(actor.editors.all()) == [partner]
    assert (actor.fields, actor.languages) == (["sports"], ["de", "ar"])
    assert LogEntry.objects.filter(
        object_id=str(actor.pk), change_message="partner editors: verein"
    ).exists()
    refused = signed_in.post(f"{BASE}actors/{actor.pk}/", form | {"editors": [clerk.pk]})
    assert refused.status_code == 200
    assert list(actor.editors.all()) == [partner]
    assert signed_in.post(f"{BASE}actors/{actor.pk}/", form | {"editors": []}).status_code == 302
    assert actor.editors.count() == 0


def test_editors_keep_an_actors_offers(signed_in, editor):
    actor = source_save(
        item=Actor(),
        data={"name": "Verein", "slug": "verein", "kind": "association", "town": "Naumburg"},
        user=editor,
    )
    form = {
        "category": "sports",
        "title": "Fußball",
        "cost": "free",
        "town": "Naumburg",
        "is_published": "on",
    }
    assert (
        signed_in.post(
            f"{BASE}actors/{actor.pk}/offers/new/", form | {"latitude": "51,15"}
        ).status_code
        == 302
    )
    offer = Offer.objects.get()
    assert (offer.actor, str(offer.latitude)) == (actor, "51.15000")
    assert "Fußball" in signed_in.get(f"{BASE}actors/{actor.pk}/").content.decode()
    other = source_save(
        item=Actor(),
        data={"name": "Andere", "slug": "andere", "kind": "church", "town": "Zeitz"},
        user=editor,
    )
    assert signed_in.get(f"{BASE}actors/{other.pk}/offers/{offer.pk}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["pages/new/", "faq/new/", "news/new/", "events/new/", "actors/new/"],
)
def test_garbage_input_never_breaks_a_form(signed_in, url):
    garbage = [
        {},
        {
            "title": "x" * 5000,
            "slug": "ä ö",
            "position": "-1",
            "parent": "abc",
            "published_at": "0",
        },
        {
            "position": "99999999999999999999",
            "start": "31.02.2026 10:00",
            "end": "x",
            "kind": "nope",
        },
        {
            "latitude": "1e400",
            "longitude": "abc",
            "website": "javascript:alert(1)",
            "email": "nope",
        },
        {"parent": str(10**30), "actor": str(10**30), "editors": ["x"], "languages": ["zz"]},
    ]
    for data in garbage:
        response = signed_in.post(f"{BASE}{url}", data)
        assert response.status_code == 200, data
        assert 'data-testid="form-errors"' in response.content.decode()
