import datetime as dt

import pytest
from django.utils import timezone

from mia.organisation.selectors import LocationStatus
from mia.reception import services
from mia.reception.models import Concern, ConcernStatus, Visit

pytestmark = pytest.mark.django_db


def test_reception_needs_the_reception_role(client, hall):
    assert client.get("/de/reception/").status_code == 302  # to the login
    client.force_login(hall["clerks"][0])
    assert client.get("/de/reception/").status_code == 403


def test_reception_opens_a_visit_and_shows_the_ticket(client, hall):
    client.force_login(hall["reception"])
    page = client.get("/de/reception/").content.decode()
    assert f'value="{hall["permit"].pk}"' in page
    response = client.post(
        "/de/reception/",
        {
            "services": [hall["permit"].pk, hall["counselling"].pk],
            "language": "uk",
            "household_size": 3,
            "flags": ["pregnant"],
        },
    )
    visit = Visit.objects.get()
    assert response["Location"] == f"/de/reception/visits/{visit.pk}/ticket/"
    ticket = client.get(response["Location"]).content.decode()
    assert "A001" in ticket
    assert "<svg" in ticket
    assert f"/uk/t/{visit.public_code}/" in ticket
    assert "Продовжити посвідку на проживання" in ticket  # concerns in the visitor's language
    assert visit.household_size == 3


@pytest.mark.parametrize(
    "form",
    [
        {"services": []},
        {"services": ["abc"]},
        {"services": [999999]},
        {"household_size": 0},
        {"language": "xx"},
    ],
)
def test_bad_reception_input_gets_the_form_back(client, hall, form):
    client.force_login(hall["reception"])
    data = {"services": [hall["permit"].pk], "language": "de", "household_size": 1} | form
    response = client.post("/de/reception/", data)
    assert response.status_code == 200
    assert (
        "kern-error" in response.content.decode()
        or "kern-alert--danger" in response.content.decode()
    )
    assert not Visit.objects.exists()


def test_appointment_only_concerns_are_explained(client, hall):
    client.force_login(hall["reception"])
    response = client.post(
        "/de/reception/", {"services": [hall["benefits"].pk], "language": "de", "household_size": 1}
    )
    assert response.status_code == 200
    assert "Bürgergeld beantragen" in response.content.decode()
    assert not Visit.objects.exists()


def test_the_desk_page_works_through_posts(client, hall):
    anna = hall["clerks"][0]
    desk1 = hall["desks"][0]
    services.visit_open(location=hall["location"], service_ids=[hall["permit"].pk], language="uk")
    client.force_login(anna)
    assert client.get(f"/de/desk/{desk1.pk}/")["Location"] == "/de/desk/"
    client.post("/de/desk/", {"desk": desk1.pk, "teams": [hall["teams"]["A"].pk]})
    assert client.get(f"/de/desk/{desk1.pk}/").status_code == 200
    client.post(f"/de/desk/{desk1.pk}/call-next/")
    concern = Concern.objects.get()
    assert concern.status == ConcernStatus.CALLED
    page = client.get(f"/de/desk/{desk1.pk}/").content.decode()
    assert "A001" in page
    assert '<span lang="uk">Українська</span>' in page
    client.post(f"/de/concerns/{concern.pk}/finish/", {"outcome": "eAT ausgehändigt"})
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.FINISHED
    assert concern.outcome == "eAT ausgehändigt"


def test_acting_on_someone_elses_concern_gives_a_message_not_an_error(client, open_desks):
    services.visit_open(location=open_desks["location"], service_ids=[open_desks["counselling"].pk])
    concern = services.concern_call_next(desk=open_desks["desks"][1], user=open_desks["clerks"][1])
    client.force_login(open_desks["clerks"][0])
    response = client.post(f"/de/concerns/{concern.pk}/finish/", follow=True)
    assert response.status_code == 200
    assert "kern-alert--danger" in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CALLED


def test_unknown_actions_and_tickets_are_404(client, open_desks):
    client.force_login(open_desks["clerks"][0])
    assert client.post("/de/concerns/1/explode/").status_code == 404
    assert client.get("/de/t/NOSUCHCODE/").status_code == 404


def test_the_status_page_refreshes_without_javascript_and_is_never_cached(client, open_desks):
    visit = services.visit_open(
        location=open_desks["location"], service_ids=[open_desks["counselling"].pk]
    )
    response = client.get(f"/ar/t/{visit.public_code}/")
    page = response.content.decode()
    assert '<noscript><meta http-equiv="refresh" content="15"></noscript>' in page
    assert 'dir="rtl"' in page
    assert response["Cache-Control"] == "no-store"
    services.concern_call_next(desk=open_desks["desks"][1], user=open_desks["clerks"][1])
    live = client.get(f"/de/t/{visit.public_code}/live/").content.decode()
    assert "2.03" in live


def test_the_board_shows_tickets_and_rooms_never_names(client, open_desks):
    visit = services.visit_open(
        location=open_desks["location"], service_ids=[open_desks["counselling"].pk]
    )
    services.concern_call_next(desk=open_desks["desks"][1], user=open_desks["clerks"][1])
    live = client.get("/de/board/naumburg/live/").content.decode()
    assert visit.ticket in live
    assert "2.03" in live
    for user in open_desks["clerks"]:
        assert user.username not in live


def test_closing_the_day_needs_a_confirmation(client, hall):
    services.visit_open(location=hall["location"], service_ids=[hall["permit"].pk])
    client.force_login(hall["reception"])
    client.post("/de/reception/close-day/", {})
    assert Concern.objects.get().status == ConcernStatus.WAITING
    client.post("/de/reception/close-day/", {"confirm": "on"})
    assert Concern.objects.get().status == ConcernStatus.CLOSED


def test_the_kiosk_opens_a_visit_in_the_chosen_language(client, hall, walk_in_hours):
    response = client.post("/uk/kiosk/naumburg/concerns/", {"services": [hall["counselling"].pk]})
    visit = Visit.objects.get()
    assert visit.language == "uk" and visit.via_kiosk
    assert response["Location"] == f"/uk/kiosk/naumburg/ticket/{visit.public_code}/"
    assert visit.ticket in client.get(response["Location"]).content.decode()


def test_kiosk_tickets_are_not_shown_to_the_next_person_later(client, hall):
    visit = services.visit_open(
        location=hall["location"], service_ids=[hall["counselling"].pk], via_kiosk=True
    )
    Visit.objects.filter(pk=visit.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    assert client.get(f"/de/kiosk/naumburg/ticket/{visit.public_code}/").status_code == 404


def test_an_empty_kiosk_choice_is_explained(client, hall, walk_in_hours):
    response = client.post("/de/kiosk/naumburg/concerns/", {})
    assert response.status_code == 200
    assert "kern-alert--danger" in response.content.decode()
    assert not Visit.objects.exists()


def test_the_kiosk_answers_only_on_the_agencys_network(client, hall, settings):
    settings.KIOSK_NETWORKS = ["10.20.0.0/16"]
    response = client.get("/de/kiosk/naumburg/")
    assert response.status_code == 403
    assert '<html lang="de"' in response.content.decode()
    assert (
        client.post(
            "/de/kiosk/naumburg/concerns/", {"services": [hall["counselling"].pk]}
        ).status_code
        == 403
    )
    assert not Visit.objects.exists()
    assert client.get("/de/kiosk/naumburg/", REMOTE_ADDR="10.20.3.4").status_code == 200


def test_outside_walk_in_hours_the_kiosk_gives_no_numbers(client, hall, monkeypatch):
    closed = LocationStatus(True, False, None, None, "")
    monkeypatch.setattr("mia.organisation.selectors.location_status_now", lambda location: closed)
    response = client.post("/de/kiosk/naumburg/concerns/", {"services": [hall["counselling"].pk]})
    assert response.status_code == 200
    assert 'data-testid="kiosk-closed"' in response.content.decode()
    assert not Visit.objects.exists()
