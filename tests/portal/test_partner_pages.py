"""Partner editors keep their own actor's profile, offers and events: every form sends a
proposal and changes nothing public; the pages show what waits for review and what came back."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from mia.accounts.models import Role
from mia.portal.models import Actor, Event, Offer, Proposal
from mia.portal.services.content import source_save
from mia.portal.services.proposals import proposal_return, proposal_submit
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    editor = factories.staff("redaktion", Role.EDITOR)
    partners = [factories.staff(name, Role.PARTNER_EDITOR) for name in ("anna", "bernd")]
    actor = source_save(
        item=Actor(),
        data={"name": "Sportverein", "slug": "sv", "kind": "sports", "town": "Naumburg"},
        user=editor,
    )
    actor.editors.add(*partners)  # one actor, two partner accounts
    return {
        "editor": editor,
        "partners": partners,
        "actor": actor,
        "base": f"/de/staff/portal/partner/{actor.pk}/",
    }


@pytest.fixture
def anna(client, network):
    client.force_login(network["partners"][0])
    return client


def test_a_profile_change_waits_for_review(anna, network):
    actor = network["actor"]
    form = {
        "town": "Naumburg",
        "description": "Fußball für alle",
        "fields": ["sports"],
        "languages": ["de", "ar"],
    }
    form |= {"email": "info@sv.example", "website": "https://sv.example", "step_free": "on"}
    response = anna.post(network["base"], form)
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.description == ""  # unchanged until an editor publishes
    proposal = Proposal.objects.get()
    assert (proposal.kind, proposal.object_id, proposal.data["description"]) == (
        "actor",
        actor.pk,
        "Fußball für alle",
    )
    assert proposal.data["languages"] == ["de", "ar"]
    assert LogEntry.objects.filter(
        object_id=str(proposal.pk), change_message="proposed actor"
    ).exists()
    page = anna.get(network["base"])
    html = page.content.decode()
    assert 'data-testid="proposal-status"' in html
    assert page.context["form"].initial["description"] == "Fußball für alle"


def test_partners_cannot_change_name_kind_or_visibility(anna, network):
    actor = network["actor"]
    anna.post(
        network["base"], {"town": "Zeitz", "name": "Gekapert", "kind": "church", "is_published": ""}
    )
    assert set(Proposal.objects.get().data) >= {"town"}
    assert not {"name", "kind", "is_published", "slug"} & set(Proposal.objects.get().data)
    actor.refresh_from_db()
    assert (actor.name, actor.kind, actor.is_published) == ("Sportverein", "sports", True)


def test_a_new_event_is_proposed_with_german_dates(anna, network):
    form = {
        "title": "Sommerfest",
        "town": "Naumburg",
        "start": "20.06.2026 15:00",
        "end": "20.06.2026 19:00",
    }
    form |= {"recurrence": "weekly", "repeat_until": "31.08.2026"}
    assert anna.post(f"{network['base']}events/new/", form).status_code == 302
    proposal = Proposal.objects.get()
    start = dt.datetime.fromisoformat(proposal.data["start"])
    assert timezone.localtime(start).replace(tzinfo=None) == dt.datetime(2026, 6, 20, 15, 0)
    assert proposal.data["repeat_until"] == "2026-08-31"
    assert Event.objects.count() == 0
    listing = anna.get(f"{network['base']}events/").content.decode()
    assert "Sommerfest" in listing


def test_bad_input_gets_messages_and_proposes_nothing(anna, network):
    base = network["base"]
    cases = [
        (
            f"{base}events/new/",
            {"title": "Fest", "town": "X", "start": "20.06.2026 15:00", "end": "20.06.2026 14:00"},
        ),
        (
            f"{base}events/new/",
            {"title": "Fest", "town": "X", "start": "gestern", "end": "31.02.2026 10:00"},
        ),
        (f"{base}offers/new/", {"title": "", "category": "nope", "cost": "free", "town": "X"}),
        (
            f"{base}offers/new/",
            {"title": "x" * 300, "category": "sports", "cost": "free", "town": ""},
        ),
        (
            base,
            {
                "town": "X",
                "email": "keine-adresse",
                "website": "javascript:alert(1)",
                "latitude": "abc",
            },
        ),
    ]
    for url, data in cases:
        response = anna.post(url, data)
        assert response.status_code == 200, data
        assert 'data-testid="form-errors"' in response.content.decode(), data
    assert Proposal.objects.count() == 0


def test_a_change_of_an_offer_continues_from_the_returned_proposal(anna, network):
    offer = source_save(
        item=Offer(actor=network["actor"]),
        data={"category": "sports", "title": "Fußball", "town": "Naumburg"},
        user=network["editor"],
    )
    url = f"{network['base']}offers/{offer.pk}/"
    form = {"category": "sports", "title": "Fußball für Kinder", "cost": "free", "town": "Naumburg"}
    assert anna.post(url, form).status_code == 302
    proposal = Proposal.objects.get()
    proposal_return(proposal=proposal, user=network["editor"], note="Bitte Altersgruppe nennen.")
    page = anna.get(url)
    html = page.content.decode()
    assert "Bitte Altersgruppe nennen." in html
    assert page.context["form"].initial["title"] == "Fußball für Kinder"
    listing = anna.get(f"{network['base']}offers/").content.decode()
    assert "Bitte Altersgruppe nennen." in listing
    offer.refresh_from_db()
    assert offer.title == "Fußball"


def test_a_second_partner_of_the_same_actor_sees_the_same_entries(client, network):
    proposal_submit(
        user=network["partners"][0],
        actor=network["actor"],
        kind="offer",
        object_id=None,
        data={"category": "sports", "title": "Laufgruppe", "town": "Naumburg"},
    )
    client.force_login(network["partners"][1])
    assert "Laufgruppe" in client.get(f"{network['base']}offers/").content.decode()


def test_a_partner_without_an_actor_is_told_so(client, network):
    client.force_login(factories.staff("neu", Role.PARTNER_EDITOR))
    response = client.get("/de/staff/portal/partner/")
    assert 'data-testid="no-actors"' in response.content.decode()
    assert client.get(network["base"]).status_code == 404
