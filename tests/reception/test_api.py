import datetime as dt

import pytest

from mia.organisation.models import Closure
from mia.reception.models import Concern

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def call(method: str, path: str, user=None, **body):
        if user is not None:
            client.force_login(user)
        else:
            client.logout()
        sender = getattr(client, method)
        return (
            sender(f"/api/v1{path}", body or None, content_type="application/json")
            if method == "post"
            else sender(f"/api/v1{path}")
        )

    return call


def open_visit(api, hall, *keys, **extra):
    body = {"location": hall["location"].pk, "services": [hall[k].pk for k in keys], **extra}
    return api("post", "/visits", hall["reception"], **body)


def test_reception_opens_a_visit(api, hall):
    response = open_visit(
        api, hall, "permit", "counselling", language="uk", interpreter=True, priority=["pregnant"]
    )
    assert response.status_code == 201
    body = response.json()
    assert body["ticket"] == "A001"
    assert len(body["public_code"]) == 10
    assert [(c["team_letter"], c["status"]) for c in body["concerns"]] == [
        ("A", "waiting"),
        ("J", "waiting"),
    ]


def test_a_clerk_without_the_reception_role_cannot_open_visits(api, hall):
    body = {"location": hall["location"].pk, "services": [hall["permit"].pk]}
    response = api("post", "/visits", hall["clerks"][0], **body)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"services": []}, 422, "validation_error"),
        ({"services": [999999]}, 422, "unknown_service"),
        ({"services": ["x"]}, 422, "validation_error"),
        ({"priority": ["vip"]}, 422, "validation_error"),
        ({"household_size": 0}, 422, "validation_error"),
        ({"location": 999999}, 404, "not_found"),
    ],
)
def test_bad_visits_get_clear_errors(api, hall, body, status, code):
    payload = {"location": hall["location"].pk, "services": [hall["permit"].pk]} | body
    response = api("post", "/visits", hall["reception"], **payload)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_on_a_closure_day_no_visits_are_opened(api, hall):
    Closure.objects.create(
        location=hall["location"], date=dt.date.today(), reason="Personalversammlung"
    )
    response = open_visit(api, hall, "permit")
    assert response.status_code == 409
    assert response.json()["code"] == "location_closed"


def test_the_desk_flow_through_the_api(api, hall):
    desk1, desk2 = hall["desks"]
    anna, jan = hall["clerks"]
    visit = open_visit(api, hall, "permit").json()
    assert api("post", f"/desks/{desk1.pk}/call-next", anna).json()["code"] == "desk_not_open"
    assert api("post", f"/desks/{desk1.pk}/open", anna).status_code == 200
    called = api("post", f"/desks/{desk1.pk}/call-next", anna)
    assert called.status_code == 200
    concern = called.json()["concern"]
    assert called.json()["ticket"] == visit["ticket"]
    assert concern["room"] == "1.12"

    ticket = api("get", f"/tickets/{visit['public_code']}").json()
    assert ticket["status"] == "called"
    assert ticket["room"] == "1.12"

    board = api("get", f"/display/{hall['location'].pk}").json()
    assert board["called"][0]["ticket"] == visit["ticket"]
    assert "anna" not in str(board).lower()

    forwarded = api(
        "post",
        f"/concerns/{concern['id']}/forward",
        anna,
        service=hall["counselling"].pk,
        note="Jobcenter",
    )
    assert forwarded.status_code == 200
    assert forwarded.json()["team_letter"] == "J"
    assert api("get", f"/tickets/{visit['public_code']}").json()["status"] == "waiting"

    assert api("post", f"/desks/{desk2.pk}/open", jan).status_code == 200
    second = api("post", f"/desks/{desk2.pk}/call-next", jan).json()["concern"]
    assert (
        api("post", f"/concerns/{second['id']}/finish", anna).json()["code"] == "not_your_concern"
    )
    assert (
        api("post", f"/concerns/{second['id']}/finish", jan, outcome="erledigt").json()["status"]
        == "finished"
    )
    assert api("get", f"/tickets/{visit['public_code']}").json()["status"] == "done"
    assert api("post", f"/desks/{desk2.pk}/call-next", jan).status_code == 204


def test_a_desk_not_serving_the_team_is_refused(api, hall):
    desk2 = hall["desks"][1]
    response = api(
        "post", f"/desks/{desk2.pk}/open", hall["clerks"][0], teams=[hall["teams"]["A"].pk]
    )
    assert response.status_code == 409
    assert response.json()["code"] == "desk_not_serving_team"


def test_unknown_tickets_are_404(api, hall):
    response = api("get", "/tickets/NOPE234567")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_actions_on_unknown_concerns_are_404(api, hall):
    assert api("post", "/concerns/999999/finish", hall["clerks"][0]).status_code == 404


def test_desks_are_listed_with_their_teams(api, hall):
    desks = api("get", f"/desks?location={hall['location'].pk}", hall["clerks"][0]).json()
    assert [(d["name"], d["room"]) for d in desks] == [
        ("Schalter 1", "1.12"),
        ("Schalter 2", "2.03"),
    ]
    assert set(desks[0]["teams"]) == {hall["teams"]["A"].pk, hall["teams"]["J"].pk}
    assert Concern.objects.count() == 0
