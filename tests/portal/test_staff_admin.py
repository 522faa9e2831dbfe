"""The admin shows portal content and saves it through the services: rich text sanitised, the
page path and search index kept, translations outdated only by a change of a translated text;
translations and proposals are read-only there."""

import pytest

from mia.accounts.models import User
from mia.portal.models import Actor, Offer, Page, Proposal, SearchEntry
from mia.portal.selectors.translations import status_name, with_translation_status
from mia.portal.services.content import source_save, translation_save
from mia.portal.services.proposals import proposal_submit

pytestmark = pytest.mark.django_db
ADMIN = "/de/admin/portal/"


@pytest.fixture
def root(client):
    user = User.objects.create_superuser("root", password="x")
    client.force_login(user)
    return user


def ar_status(page: Page) -> str:
    found = with_translation_status(Page.objects.filter(pk=page.pk), ["ar"]).get()
    return status_name(found, "ar")


def test_every_list_and_form_opens(client, root):
    page = source_save(item=Page(), data={"slug": "a", "title": "A"}, user=root)
    actor = source_save(
        item=Actor(), data={"name": "V", "slug": "v", "kind": "sports", "town": "Z"}, user=root
    )
    proposal = proposal_submit(
        user=root,
        actor=actor,
        kind="offer",
        object_id=None,
        data={"title": "O", "category": "sports", "town": "Z"},
    )
    for name in ("page", "faqentry", "newsitem", "event", "actor", "offer", "proposal"):
        assert client.get(f"{ADMIN}{name}/").status_code == 200, name
        assert client.get(f"{ADMIN}{name}/?q=a").status_code == 200, name
    assert client.get(f"{ADMIN}page/{page.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}actor/{actor.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}proposal/{proposal.pk}/change/").status_code == 200  # view only
    assert client.get(f"{ADMIN}proposal/add/").status_code == 403


def test_saving_in_the_admin_goes_through_the_service(client, root):
    page = source_save(item=Page(), data={"slug": "a", "title": "A", "body": "<p>x</p>"}, user=root)
    translation_save(item=page, language="ar", data={"title": "أ"}, user=root)
    form = {
        "slug": "a",
        "title": "A",
        "summary": "",
        "body": "<p>x</p>",
        "position": "3",
        "topic": "",
        "is_published": "on",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "1",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-id": str(page.translations.get().pk),
        "translations-0-item": str(page.pk),
    }
    response = client.post(f"{ADMIN}page/{page.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ar_status(page) == "current"  # only the position changed
    form["body"] = '<p onclick="x()">neu<script>alert(1)</script></p>'
    assert client.post(f"{ADMIN}page/{page.pk}/change/", form).status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>neu</p>"
    assert ar_status(page) == "outdated"


def test_deleting_an_actor_takes_its_offers_out_of_search(client, root):
    actor = source_save(
        item=Actor(), data={"name": "V", "slug": "v", "kind": "sports", "town": "Z"}, user=root
    )
    offer = source_save(
        item=Offer(actor=actor),
        data={"title": "Lauftreff", "category": "sports", "town": "Z"},
        user=root,
    )
    assert SearchEntry.objects.filter(kind="offer", object_id=offer.pk).exists()
    response = client.post(f"/de/staff/portal/actors/{actor.pk}/delete/")
    assert response.status_code == 302
    assert not Offer.objects.exists()
    assert not SearchEntry.objects.filter(kind__in=["offer", "actor"]).exists()
    assert not Proposal.objects.exists()
