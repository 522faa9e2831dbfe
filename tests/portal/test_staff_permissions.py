"""Who may open the portal's staff pages: editors (and admins) the editors' pages, partner
editors their own actor's pages; anyone else 403, anonymous visitors the login. A partner asking
for another actor's profile, offer or event gets 404, the same answer as for one that does not
exist, and nothing of it is shown or changed."""

import datetime as dt

import pytest
from django.utils import timezone

from mia.accounts.models import Role
from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page, Proposal
from mia.portal.services.content import source_save
from mia.portal.services.proposals import proposal_submit
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    editor = factories.staff("redaktion", Role.EDITOR)
    partner_a = factories.staff("verein-a", Role.PARTNER_EDITOR)
    partner_b = factories.staff("verein-b", Role.PARTNER_EDITOR)
    start = timezone.now() + dt.timedelta(days=7)
    found: dict = {"editor": editor, "partner_a": partner_a, "partner_b": partner_b}
    for key, user in (("a", partner_a), ("b", partner_b)):
        actor = source_save(
            item=Actor(),
            data={
                "name": f"Verein {key}",
                "slug": f"verein-{key}",
                "kind": "association",
                "town": "Naumburg",
            },
            user=editor,
        )
        actor.editors.add(user)
        found[f"actor_{key}"] = actor
        found[f"offer_{key}"] = source_save(
            item=Offer(actor=actor),
            data={"category": "meeting", "title": f"Café {key}", "town": "Naumburg"},
            user=editor,
        )
        found[f"event_{key}"] = source_save(
            item=Event(actor=actor),
            data={
                "title": f"Fest {key}",
                "start": start,
                "end": start + dt.timedelta(hours=2),
                "town": "Zeitz",
            },
            user=editor,
        )
    found["page"] = source_save(
        item=Page(), data={"slug": "ankommen", "title": "Ankommen"}, user=editor
    )
    found["faq"] = source_save(
        item=FaqEntry(),
        data={"group": "who", "question": "Wer?", "answer": "<p>Alle</p>"},
        user=editor,
    )
    found["news"] = source_save(
        item=NewsItem(),
        data={"slug": "neu", "title": "Neu", "body": "<p>Text</p>", "published_at": timezone.now()},
        user=editor,
    )
    found["proposal"] = proposal_submit(
        user=partner_a,
        actor=found["actor_a"],
        kind="offer",
        object_id=found["offer_a"].pk,
        data={"title": "Café A neu"},
    )
    found["clerk"] = factories.staff("sachbearbeitung", Role.CLERK)
    found["admin"] = factories.staff("root", Role.ADMIN)
    return found


def editor_urls(w: dict) -> list[str]:
    base = "/de/staff/portal/"
    return [
        base,
        f"{base}pages/",
        f"{base}pages/new/",
        f"{base}pages/{w['page'].pk}/",
        f"{base}pages/{w['page'].pk}/delete/",
        f"{base}faq/",
        f"{base}faq/new/",
        f"{base}faq/{w['faq'].pk}/",
        f"{base}news/",
        f"{base}news/{w['news'].pk}/",
        f"{base}events/",
        f"{base}events/{w['event_a'].pk}/",
        f"{base}actors/",
        f"{base}actors/{w['actor_a'].pk}/",
        f"{base}actors/{w['actor_a'].pk}/offers/{w['offer_a'].pk}/",
        f"{base}actors/{w['actor_a'].pk}/offers/new/",
        f"{base}translations/",
        f"{base}translations/page/{w['page'].pk}/ar/",
        f"{base}translations/offer/{w['offer_b'].pk}/fa/",
        f"{base}review/",
        f"{base}review/{w['proposal'].pk}/",
    ]


def partner_urls(actor: Actor, offer: Offer, event: Event) -> list[str]:
    base = f"/de/staff/portal/partner/{actor.pk}/"
    return [
        base,
        f"{base}offers/",
        f"{base}offers/new/",
        f"{base}offers/{offer.pk}/",
        f"{base}events/",
        f"{base}events/new/",
        f"{base}events/{event.pk}/",
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    urls = [*editor_urls(world), "/de/staff/portal/partner/"]
    urls += partner_urls(world["actor_a"], world["offer_a"], world["event_a"])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/de/accounts/login/"), url


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_editors_open_every_editor_page(client, world, who):
    client.force_login(world[who])
    for url in editor_urls(world):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["clerk", "partner_a"])
def test_others_get_403_on_editor_pages_and_change_nothing(client, world, who):
    client.force_login(world[who])
    for url in editor_urls(world):
        assert client.get(url).status_code == 403, url
    review = f"/de/staff/portal/review/{world['proposal'].pk}/"
    assert client.post(review, {"action": "publish"}).status_code == 403
    delete = f"/de/staff/portal/pages/{world['page'].pk}/delete/"
    assert client.post(delete).status_code == 403
    assert Page.objects.filter(pk=world["page"].pk).exists()
    assert Proposal.objects.get().status == Proposal.Status.PENDING


@pytest.mark.parametrize("who", ["editor", "clerk"])
def test_partner_pages_are_for_partner_editors_only(client, world, who):
    client.force_login(world[who])
    urls = [
        "/de/staff/portal/partner/",
        *partner_urls(world["actor_a"], world["offer_a"], world["event_a"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_a_partner_opens_the_pages_of_their_own_actor(client, world):
    client.force_login(world["partner_a"])
    home = client.get("/de/staff/portal/partner/")
    assert "Verein a" in home.content.decode()
    assert "Verein b" not in home.content.decode()
    for url in partner_urls(world["actor_a"], world["offer_a"], world["event_a"]):
        assert client.get(url).status_code == 200, url


def test_another_actors_pages_answer_404_like_a_missing_one(client, world):
    client.force_login(world["partner_a"])
    foreign = partner_urls(world["actor_b"], world["offer_b"], world["event_b"])
    missing = partner_urls(Actor(pk=99999), Offer(pk=99999), Event(pk=99999))
    for url in foreign + missing:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Verein b" not in response.content.decode()
        assert "Café b" not in response.content.decode()
    for url in foreign:
        assert (
            client.post(
                url, {"title": "Übernommen", "category": "meeting", "town": "X"}
            ).status_code
            == 404
        )
    assert Proposal.objects.filter(actor=world["actor_b"]).count() == 0


def test_another_actors_entry_under_ones_own_actor_answers_404(client, world):
    """Offer B addressed through actor A's address: still 404, nothing proposed."""
    client.force_login(world["partner_a"])
    own = world["actor_a"].pk
    for url in (
        f"/de/staff/portal/partner/{own}/offers/{world['offer_b'].pk}/",
        f"/de/staff/portal/partner/{own}/events/{world['event_b'].pk}/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x"}).status_code == 404, url
    assert Proposal.objects.count() == 1


def test_revising_another_actors_returned_proposal_answers_404(client, world):
    foreign = proposal_submit(
        user=world["partner_b"],
        actor=world["actor_b"],
        kind="offer",
        object_id=None,
        data={"title": "Neu B", "category": "sports", "town": "Zeitz"},
    )
    client.force_login(world["partner_a"])
    own = world["actor_a"].pk
    for value in (foreign.pk, "abc", 10**30):
        url = f"/de/staff/portal/partner/{own}/offers/new/?from={value}"
        assert client.get(url).status_code == 404, value


def test_huge_or_unknown_ids_answer_404(client, world):
    client.force_login(world["editor"])
    for url in (
        f"/de/staff/portal/pages/{10**30}/",
        f"/de/staff/portal/review/{10**30}/",
        f"/de/staff/portal/translations/page/{world['page'].pk}/xx/",
        f"/de/staff/portal/translations/faq/{world['faq'].pk}/de-ls/",
        f"/de/staff/portal/translations/nonsense/{world['faq'].pk}/en/",
        f"/de/staff/portal/translations/page/{10**30}/en/",
    ):
        assert client.get(url).status_code == 404, url


def test_with_two_factor_required_editors_and_partners_confirm_first(client, world, settings):
    settings.MIA_REQUIRE_2FA = True
    for who, url in (
        ("editor", "/de/staff/portal/translations/"),
        ("partner_a", f"/de/staff/portal/partner/{world['actor_a'].pk}/"),
    ):
        client.force_login(world[who])
        response = client.get(url)
        assert response.status_code == 302, who
        assert "/two-factor/" in response["Location"], who
