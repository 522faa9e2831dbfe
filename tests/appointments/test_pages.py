import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mia.appointments.models import Booking

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def week():
    """Next week's Monday: inside the booking window, whatever day the tests run."""
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def first_start(client, capacity, week, keys=("permit",)):
    ids = ",".join(str(capacity["services"][k].pk) for k in keys)
    page = client.get("/de/appointments/times/", {"services": ids, "week": week}).content.decode()
    marker = "start="
    return ids, page, page[page.index(marker) + len(marker) : page.index('"', page.index(marker))]


def test_step_one_lists_what_can_be_booked(client, capacity):
    page = client.get("/de/appointments/").content.decode()
    assert "Aufenthaltserlaubnis verlängern" in page
    assert "Bürgergeld beantragen" in page
    assert f'value="{capacity["services"]["counselling"].pk}"' not in page  # not bookable


def test_choosing_nothing_is_explained(client, capacity):
    response = client.get("/de/appointments/times/", {"service": []}, follow=True)
    assert "kern-alert--danger" in response.content.decode()


def test_the_checkboxes_lead_to_the_times_of_the_route(client, capacity):
    ids = [capacity["services"]["permit"].pk, capacity["services"]["benefits"].pk]
    response = client.get("/de/appointments/times/", {"service": ids})
    assert response["Location"] == f"/de/appointments/times/?services={ids[0]},{ids[1]}"


def test_a_booking_through_the_pages(client, capacity, week, django_capture_on_commit_callbacks):
    ids, page, start = first_start(client, capacity, week, ("permit", "benefits"))
    assert "08:00" in page
    details = f"/de/appointments/details/?services={ids}&start={start}"
    assert client.get(details).status_code == 200
    form = {
        "services": ids,
        "start": dt.datetime.fromisoformat(
            start.replace("%3A", ":").replace("%2B", "+")
        ).isoformat(),
        "name": "Olena Kovalenko",
        "email": "olena@example.org",
        "language": "uk",
        "interpreter": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/de/appointments/details/", form)
    booking = Booking.objects.get()
    assert response["Location"] == f"/de/appointments/b/{booking.code}/"
    assert booking.language == "uk" and booking.interpreter
    assert booking.items.count() == 2
    # The confirmation e-mail goes to the worker after the commit (the reminder may follow).
    queued = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued.count("mia.core.tasks.mail_deliver") == 1
    manage = client.get(response["Location"]).content.decode()
    assert booking.code in manage and "<svg" in manage


def test_a_missing_name_gets_the_form_back(client, capacity, week):
    ids, _page, start = first_start(client, capacity, week)
    start = start.replace("%3A", ":").replace("%2B", "+")
    response = client.post(
        "/de/appointments/details/",
        {"services": ids, "start": start, "name": " ", "language": "de"},
    )
    assert response.status_code == 200
    assert "kern-error" in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "services=abc&start=x",
        "services=999999&start=2030-01-01T08:00:00%2B01:00",
        "services=1&start=nonsense",
    ],
)
def test_broken_links_are_404_not_500(client, capacity, query):
    assert client.get(f"/de/appointments/details/?{query}").status_code == 404


def test_cancelling_needs_a_confirmation(client, capacity, week):
    ids, _page, start = first_start(client, capacity, week)
    start = start.replace("%3A", ":").replace("%2B", "+")
    client.post(
        "/de/appointments/details/",
        {"services": ids, "start": start, "name": "O", "language": "de"},
    )
    booking = Booking.objects.get()
    client.post(f"/de/appointments/b/{booking.code}/cancel/", {})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
    client.post(f"/de/appointments/b/{booking.code}/cancel/", {"confirm": "yes"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_moving_through_the_pages(client, capacity, week):
    ids, _page, start = first_start(client, capacity, week)
    start = start.replace("%3A", ":").replace("%2B", "+")
    client.post(
        "/de/appointments/details/",
        {"services": ids, "start": start, "name": "O", "language": "de"},
    )
    booking = Booking.objects.get()
    later = dt.datetime.fromisoformat(start) + dt.timedelta(hours=1)
    client.post(f"/de/appointments/b/{booking.code}/move/", {"start": later.isoformat()})
    booking.refresh_from_db()
    assert booking.start == later


@pytest.mark.parametrize(
    "path",
    [
        "/de/appointments/times/?services=1&week=9999-12-31",
        "/de/appointments/times/?services=99999999999999999999999",
        "/de/appointments/details/?services=1&start=9999-12-31T23:30:00%2B00:00",
    ],
)
def test_out_of_range_links_are_handled(client, capacity, path):
    assert client.get(path).status_code in {200, 404}
