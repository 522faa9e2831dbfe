import pytest

from mia.accounts.models import Role
from mia.organisation.models import Desk
from mia.organisation.selectors import LocationStatus
from mia.reception import services
from tests import factories


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    """Reception tests run on any calendar day; public holidays are tested in organisation."""
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def walk_in_hours(monkeypatch):
    """Whatever the clock says, it is walk-in time (for the kiosk)."""
    open_now = LocationStatus(True, True, None, None, "")
    monkeypatch.setattr("mia.organisation.selectors.location_status_now", lambda location: open_now)


@pytest.fixture
def hall(agency):
    """The small agency with desks and clerks: desk 1 serves A and J, desk 2 serves J."""
    location = agency["location"]
    foreign, jobs = agency["teams"]["A"], agency["teams"]["J"]
    desk1 = Desk.objects.create(location=location, name="Schalter 1", room="1.12")
    desk1.teams.set([foreign, jobs])
    desk2 = Desk.objects.create(location=location, name="Schalter 2", room="2.03")
    desk2.teams.set([jobs])
    anna = factories.staff("anna", Role.CLERK, teams=(foreign, jobs))
    jan = factories.staff("jan", Role.CLERK, teams=(jobs,))
    front = factories.staff("front", Role.RECEPTION)
    return agency | {
        "desks": [desk1, desk2],
        "clerks": [anna, jan],
        "reception": front,
        "permit": agency["services"]["permit"],
        "counselling": agency["services"]["counselling"],
        "benefits": agency["services"]["benefits"],
    }


@pytest.fixture
def open_desks(hall):
    desk1, desk2 = hall["desks"]
    anna, jan = hall["clerks"]
    services.desk_open(desk=desk1, user=anna, teams=list(desk1.teams.all()))
    services.desk_open(desk=desk2, user=jan, teams=list(desk2.teams.all()))
    return hall
