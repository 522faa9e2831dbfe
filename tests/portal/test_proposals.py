"""Partners propose changes to their own actor's entries only; editors publish them."""

import pytest

from mia.accounts.models import User
from mia.core.errors import ApplicationError
from mia.portal.models import Actor, Offer, Proposal
from mia.portal.selectors.directory import OfferFilter, offers_filtered
from mia.portal.services.proposals import proposal_publish, proposal_return, proposal_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(editor):
    mine = Actor.objects.create(name="Tafel Zeitz", slug="tafel", kind="association", town="Zeitz")
    theirs = Actor.objects.create(name="Sportbund", slug="sport", kind="sports", town="Naumburg")
    their_offer = Offer.objects.create(
        actor=theirs, category="sports", title="Fußball", town="Naumburg"
    )
    partner = User.objects.create_user("tafel-partner", password="x", role="partner_editor")
    mine.editors.add(partner)
    return {"mine": mine, "theirs": theirs, "their_offer": their_offer, "partner": partner}


def offer_data(**extra):
    return {"category": "language", "title": "Deutsch am Abend", "town": "Zeitz"} | extra


def test_a_partners_new_offer_is_public_only_after_an_editor_publishes_it(network, editor):
    proposal = proposal_submit(
        user=network["partner"],
        actor=network["mine"],
        kind="offer",
        object_id=None,
        data=offer_data(),
    )
    assert proposal.status == Proposal.Status.PENDING
    assert not offers_filtered(OfferFilter(town="Zeitz")).exists()
    offer = proposal_publish(proposal=proposal, user=editor)
    assert [o.title for o in offers_filtered(OfferFilter(town="Zeitz"))] == ["Deutsch am Abend"]
    assert offer.actor == network["mine"]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.object_id, proposal.reviewed_by) == (
        "published",
        offer.pk,
        editor,
    )


def test_another_actors_entries_answer_as_if_missing(network):
    for actor, object_id in (
        (network["theirs"], None),
        (network["mine"], network["their_offer"].pk),
        (network["mine"], 999_999),
    ):
        with pytest.raises(ApplicationError) as refused:
            proposal_submit(
                user=network["partner"],
                actor=actor,
                kind="offer",
                object_id=object_id,
                data=offer_data(),
            )
        assert (refused.value.code, refused.value.status) == ("not_found", 404)
    assert not Proposal.objects.exists()


def test_partners_cannot_publish_and_fields_outside_their_reach_are_refused(network, editor):
    with pytest.raises(ApplicationError) as refused:
        proposal_submit(
            user=network["partner"],
            actor=network["mine"],
            kind="actor",
            object_id=None,
            data={"name": "Umbenannt", "is_published": False},
        )
    assert refused.value.code == "invalid_fields"
    proposal = proposal_submit(
        user=network["partner"],
        actor=network["mine"],
        kind="actor",
        object_id=None,
        data={"description": "Wir verteilen Lebensmittel.", "languages": ["de", "ar"]},
    )
    with pytest.raises(ApplicationError) as forbidden:
        proposal_publish(proposal=proposal, user=network["partner"])
    assert forbidden.value.status == 403
    proposal_publish(proposal=proposal, user=editor)
    network["mine"].refresh_from_db()
    assert network["mine"].languages == ["de", "ar"]


def test_invalid_content_gets_a_clear_error(network):
    with pytest.raises(ApplicationError) as refused:
        proposal_submit(
            user=network["partner"],
            actor=network["mine"],
            kind="offer",
            object_id=None,
            data=offer_data(category="rocket", title=""),
        )
    assert refused.value.code == "invalid_content"


def test_a_returned_proposal_keeps_the_note_and_cannot_be_published_later(network, editor):
    proposal = proposal_submit(
        user=network["partner"],
        actor=network["mine"],
        kind="offer",
        object_id=None,
        data=offer_data(),
    )
    proposal_return(proposal=proposal, user=editor, note="Bitte Uhrzeit ergänzen.")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.note) == ("rejected", "Bitte Uhrzeit ergänzen.")
    with pytest.raises(ApplicationError) as late:
        proposal_publish(proposal=proposal, user=editor)
    assert late.value.code == "already_reviewed"
    assert not Offer.objects.filter(title="Deutsch am Abend").exists()
