"""The partner write API: partner editors propose changes to their own actor's entries only
(another actor, or another actor's offer, answers 404 like a missing one); agency editors
publish; nothing is public before that."""

import datetime as dt

import pytest
from django.utils import timezone

from mia.accounts.models import User
from mia.accounts.services import api_token_create
from mia.portal.models import Actor, Event, Offer, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    mine = Actor.objects.create(name="Tafel Zeitz", slug="tafel", kind="association", town="Zeitz")
    theirs = Actor.objects.create(name="Sportbund", slug="sport", kind="sports", town="Naumburg")
    partner = User.objects.create_user("tafel-partner", password="x", role="partner_editor")
    mine.editors.add(partner)
    return {
        "mine": mine,
        "theirs": theirs,
        "my_offer": Offer.objects.create(
            actor=mine, category="meeting", title="Treff", town="Zeitz"
        ),
        "their_offer": Offer.objects.create(
            actor=theirs, category="sports", title="Fußball", town="Naumburg"
        ),
        "partner": partner,
    }


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


@pytest.fixture
def as_partner(network):
    return bearer(network["partner"])


@pytest.fixture
def as_editor(editor):
    return bearer(editor)


def propose(client, auth, actor, **body):
    return client.post(
        f"/api/v1/actors/{actor.pk}/proposals", body, content_type="application/json", **auth
    )


NEW_OFFER = {"category": "language", "title": "Deutsch am Abend", "town": "Zeitz"}


def test_a_partner_proposes_a_new_offer_that_is_public_after_publishing(
    client, network, as_partner, as_editor
):
    created = propose(client, as_partner, network["mine"], kind="offer", data=NEW_OFFER)
    assert created.status_code == 201
    proposal = created.json()
    assert (proposal["status"], proposal["object_id"], proposal["actor"]) == (
        "pending",
        None,
        network["mine"].pk,
    )
    assert client.get("/api/v1/offers", {"category": "language"}).json()["count"] == 0
    published = client.post(f"/api/v1/proposals/{proposal['id']}/publish", **as_editor)
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    [offer] = client.get("/api/v1/offers", {"category": "language"}).json()["items"]
    assert (offer["id"], offer["title"]) == (published.json()["object_id"], "Deutsch am Abend")


def test_a_partner_changes_the_own_profile_and_offer(client, network, as_partner):
    profile = propose(
        client, as_partner, network["mine"], kind="actor", data={"description": "Lebensmittel"}
    )
    assert profile.status_code == 201
    assert profile.json()["object_id"] == network["mine"].pk
    offer = propose(
        client,
        as_partner,
        network["mine"],
        kind="offer",
        object_id=network["my_offer"].pk,
        data={"schedule": "dienstags 17 Uhr"},
    )
    assert offer.status_code == 201
    listed = client.get(f"/api/v1/actors/{network['mine'].pk}/proposals", **as_partner).json()
    assert {p["kind"] for p in listed} == {"actor", "offer"}


def test_another_actor_is_not_found_for_a_partner(client, network, as_partner):
    missing = propose(client, as_partner, Actor(pk=999_999), kind="actor", data={})
    theirs = propose(client, as_partner, network["theirs"], kind="actor", data={"phone": "1"})
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json() == {"detail": "Not found.", "code": "not_found"}
    listed = client.get(f"/api/v1/actors/{network['theirs'].pk}/proposals", **as_partner)
    assert listed.status_code == 404
    assert not Proposal.objects.exists()


def test_another_actors_offer_through_the_own_actor_is_not_found(client, network, as_partner):
    through_mine = propose(
        client,
        as_partner,
        network["mine"],
        kind="offer",
        object_id=network["their_offer"].pk,
        data={"title": "Übernommen"},
    )
    missing = propose(
        client, as_partner, network["mine"], kind="offer", object_id=999_999, data={"title": "x"}
    )
    assert through_mine.status_code == missing.status_code == 404
    assert through_mine.json() == missing.json()
    assert not Proposal.objects.exists()
    assert Offer.objects.get(pk=network["their_offer"].pk).title == "Fußball"


def test_partners_may_not_publish_or_return(client, network, as_partner):
    proposal = propose(client, as_partner, network["mine"], kind="offer", data=NEW_OFFER).json()
    for action in ("publish", "return"):
        response = client.post(
            f"/api/v1/proposals/{proposal['id']}/{action}",
            {},
            content_type="application/json",
            **as_partner,
        )
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
    # An unknown proposal answers the same, so partners learn nothing about ids.
    assert client.post("/api/v1/proposals/999999/publish", **as_partner).status_code == 403
    assert Proposal.objects.get().status == "pending"


def test_editors_return_with_a_note_and_review_only_once(client, network, as_partner, as_editor):
    proposal = propose(client, as_partner, network["mine"], kind="offer", data=NEW_OFFER).json()
    returned = client.post(
        f"/api/v1/proposals/{proposal['id']}/return",
        {"note": "Bitte Uhrzeit ergänzen"},
        content_type="application/json",
        **as_editor,
    )
    assert (returned.json()["status"], returned.json()["note"]) == (
        "rejected",
        "Bitte Uhrzeit ergänzen",
    )
    again = client.post(f"/api/v1/proposals/{proposal['id']}/publish", **as_editor)
    assert again.status_code == 409
    assert again.json()["code"] == "already_reviewed"


def test_other_staff_and_anonymous_callers_get_nothing(client, network):
    clerk = User.objects.create_user("clerk", password="x", role="clerk")
    assert propose(client, bearer(clerk), network["mine"], kind="actor", data={}).status_code == 404
    anonymous = propose(client, {}, network["mine"], kind="actor", data={})
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "not_authenticated"


def test_a_session_login_works_for_partners(client, network):
    client.force_login(network["partner"])
    response = propose(client, {}, network["mine"], kind="actor", data={"phone": "03441 1234"})
    assert response.status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "offer", "data": {"step_free": True}},  # an actor's field on an offer
        {"kind": "offer", "data": {"category": "nonsense"}},
        {"kind": "offer", "data": {"title": None}},
        {"kind": "offer", "data": {"title": "x" * 201}},
        {"kind": "event", "data": {"title": "x", "start": "2026-05-01T10:00:00"}},  # no offset
        {"kind": "event", "data": {"start": [1]}},
        {"kind": "thing", "data": {}},
        {"kind": "offer", "data": []},
        {"kind": "offer", "object_id": 0, "data": {}},
    ],
)
def test_bad_proposals_get_422(client, network, as_partner, body):
    response = client.post(
        f"/api/v1/actors/{network['mine'].pk}/proposals",
        body,
        content_type="application/json",
        **as_partner,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert not Proposal.objects.exists()


def test_an_event_ending_before_it_starts_is_refused_by_the_service(client, network, as_partner):
    start = timezone.now() + dt.timedelta(days=3)
    response = propose(
        client,
        as_partner,
        network["mine"],
        kind="event",
        data={
            "title": "Fest",
            "start": start.isoformat(),
            "end": (start - dt.timedelta(hours=1)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_content"
    assert not Event.objects.exists()
