"""From a partner's change to the directory: the partner proposes, an editor sees what changes
(before and after), publishes or returns it with a note. Two editors publishing the same
change at the same moment publish it once."""

import threading

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connections
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape

from mia.accounts.models import Role
from mia.core.errors import ApplicationError
from mia.portal.models import Actor, Offer, Proposal
from mia.portal.selectors.directory import OfferFilter, offers_filtered
from mia.portal.services import proposals
from mia.portal.services.content import source_save
from mia.portal.services.proposals import proposal_publish, proposal_submit
from tests import factories

REVIEW = "/de/staff/portal/review/"
OFFER = {"category": "language", "title": "Sprachcafé", "cost": "free", "town": "Naumburg"}


@pytest.fixture
def network(db):
    editor = factories.staff("redaktion", Role.EDITOR)
    partner = factories.staff("verein", Role.PARTNER_EDITOR)
    actor = source_save(
        item=Actor(),
        data={"name": "Verein", "slug": "verein", "kind": "association", "town": "Naumburg"},
        user=editor,
    )
    actor.editors.add(partner)
    return {"editor": editor, "partner": partner, "actor": actor}


def directory_titles() -> list[str]:
    return [offer.title for offer in offers_filtered(OfferFilter())]


@pytest.mark.django_db
def test_a_partners_new_offer_reaches_the_directory_once_an_editor_publishes_it(client, network):
    actor = network["actor"]
    client.force_login(network["partner"])
    form = OFFER | {
        "description": "Jeden Dienstag",
        "schedule": "dienstags 17 Uhr",
        "languages": ["de", "uk"],
    }
    response = client.post(f"/de/staff/portal/partner/{actor.pk}/offers/new/", form)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.object_id, proposal.submitted_by) == (
        "pending",
        None,
        network["partner"],
    )
    assert directory_titles() == []  # nothing is public before review
    listing = client.get(f"/de/staff/portal/partner/{actor.pk}/offers/").content.decode()
    assert "Sprachcafé" in listing

    client.force_login(network["editor"])
    queue = client.get(REVIEW).content.decode()
    assert "Sprachcafé" in queue
    detail = client.get(f"{REVIEW}{proposal.pk}/").content.decode()
    assert 'data-testid="after-title"' in detail
    assert "dienstags 17 Uhr" in detail
    assert client.post(f"{REVIEW}{proposal.pk}/", {"action": "publish"}).status_code == 302

    assert directory_titles() == ["Sprachcafé"]
    offer = Offer.objects.get()
    assert (offer.actor, offer.languages) == (actor, ["de", "uk"])
    proposal.refresh_from_db()
    assert (proposal.status, proposal.object_id, proposal.reviewed_by) == (
        "published",
        offer.pk,
        network["editor"],
    )
    assert LogEntry.objects.filter(object_id=str(proposal.pk), change_message="published").exists()
    assert LogEntry.objects.filter(object_id=str(offer.pk), change_message="created").exists()
    try:
        directory_url = reverse("portal:offers")
    except NoReverseMatch:
        directory_url = (
            ""  # the public directory is built separately; the selector is checked above
        )
    if directory_url:
        assert "Sprachcafé" in client.get(directory_url).content.decode()


@pytest.mark.django_db
def test_the_editor_sees_before_and_after_of_changed_fields_only(client, network):
    offer = source_save(item=Offer(actor=network["actor"]), data=OFFER, user=network["editor"])
    proposal = proposal_submit(
        user=network["partner"],
        actor=network["actor"],
        kind="offer",
        object_id=offer.pk,
        data=OFFER | {"title": "Sprachcafé am Markt", "cost": "reduced"},
    )
    client.force_login(network["editor"])
    response = client.get(f"{REVIEW}{proposal.pk}/")
    changed = {change.name: (change.before, change.after) for change in response.context["changed"]}
    with translation.override("de"):  # the labels of the choices, as the editor reads them
        free, reduced = (
            translation.gettext("free of charge"),
            translation.gettext("reduced fee possible"),
        )
    assert (free, reduced) != ("free of charge", "reduced fee possible")
    assert changed == {
        "title": ("Sprachcafé", "Sprachcafé am Markt"),
        "cost": (free, reduced),
    }
    assert {change.name for change in response.context["unchanged"]} == {"category", "town"}
    html = response.content.decode()
    assert 'data-testid="before-title"' in html
    assert "Sprachcafé am Markt" in html
    assert f'data-testid="before-cost">{escape(free)}</td>' in html
    assert f'data-testid="after-cost">{escape(reduced)}</td>' in html


@pytest.mark.django_db
def test_a_returned_change_shows_the_editors_note_to_the_partner(client, network):
    actor = network["actor"]
    proposal = proposal_submit(
        user=network["partner"], actor=actor, kind="offer", object_id=None, data=OFFER
    )
    client.force_login(network["editor"])
    empty = client.post(f"{REVIEW}{proposal.pk}/", {"action": "return", "note": ""})
    assert empty.status_code == 200
    assert empty.context["form"].errors["note"]
    note = "Bitte die Uhrzeit ergänzen."
    assert (
        client.post(f"{REVIEW}{proposal.pk}/", {"action": "return", "note": note}).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.note) == ("rejected", note)
    assert directory_titles() == []

    client.force_login(network["partner"])
    listing = client.get(f"/de/staff/portal/partner/{actor.pk}/offers/").content.decode()
    assert note in listing
    revise = client.get(f"/de/staff/portal/partner/{actor.pk}/offers/new/?from={proposal.pk}")
    assert note in revise.content.decode()
    assert revise.context["form"].initial["title"] == "Sprachcafé"  # continues from what was sent


@pytest.mark.django_db
def test_a_change_reviewed_meanwhile_answers_with_a_message(client, network):
    proposal = proposal_submit(
        user=network["partner"], actor=network["actor"], kind="offer", object_id=None, data=OFFER
    )
    proposal_publish(proposal=proposal, user=network["editor"])
    client.force_login(network["editor"])
    for data in ({"action": "publish"}, {"action": "return", "note": "zu spät"}, {"action": "x"}):
        response = client.post(f"{REVIEW}{proposal.pk}/", data, follow=True)
        assert response.status_code == 200
    assert Offer.objects.count() == 1
    assert "publish-form" not in client.get(f"{REVIEW}{proposal.pk}/").content.decode()


def publish_at_once(proposal_pk: int, editors: list) -> list[str]:
    barrier = threading.Barrier(len(editors), timeout=30)
    outcomes: list[str] = []

    def editor_publishes(editor) -> None:
        try:
            proposal = Proposal.objects.select_related("actor").get(pk=proposal_pk)
            barrier.wait()
            proposal_publish(proposal=proposal, user=editor)
            outcomes.append("published")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=editor_publishes, args=(e,)) for e in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def race(transactional_db, network):
    editors = [
        network["editor"],
        *(factories.staff(f"redaktion-{n}", Role.EDITOR) for n in range(3)),
    ]
    proposal = proposal_submit(
        user=network["partner"], actor=network["actor"], kind="offer", object_id=None, data=OFFER
    )
    return proposal, editors


def test_editors_publishing_the_same_change_at_once_publish_it_once(race):
    proposal, editors = race
    outcomes = publish_at_once(proposal.pk, editors)
    assert sorted(outcomes) == ["already_reviewed"] * (len(editors) - 1) + ["published"]
    assert Offer.objects.count() == 1
    assert Proposal.objects.get().status == "published"


def test_without_the_conditional_claim_the_change_is_published_twice(race, monkeypatch):
    """Shows the race the claim prevents: an unconditional update lets every editor through."""
    proposal, editors = race

    def claim_without_condition(proposal, user, status):
        Proposal.objects.filter(pk=proposal.pk).update(
            status=status, reviewed_by=user, reviewed_at=timezone.now()
        )

    monkeypatch.setattr(proposals, "_claim", claim_without_condition)
    outcomes = publish_at_once(proposal.pk, editors)
    assert outcomes.count("published") > 1
    assert Offer.objects.count() > 1
