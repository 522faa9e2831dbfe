"""Staff pages of appointments: who may see them, the day calendar, blocks and rules through
the forms, booking by phone and the follow-up appointment from the desk."""

import datetime as dt
import re

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.utils import timezone

from mia.accounts.models import Role
from mia.appointments import calendar, selectors, services
from mia.appointments.models import Booking, CapacityBlock, CapacityRule
from mia.organisation.models import Desk, Membership
from mia.reception import services as reception
from tests import factories
from tests.appointments.conftest import MONDAY, berlin
from tests.i18n import shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def week():
    """Next week's Monday: inside the booking window, whatever day the tests run."""
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


@pytest.fixture
def people(capacity):
    """A lead and a clerk of team A, the lead of team J, reception, an editor, an admin."""
    foreign, jobs = capacity["teams"]["A"], capacity["teams"]["J"]
    lead_a = factories.staff("lea", Role.TEAM_LEAD, teams=(foreign,))
    lead_j = factories.staff("jonas", Role.TEAM_LEAD, teams=(jobs,))
    Membership.objects.filter(user__in=[lead_a, lead_j]).update(is_lead=True)
    return capacity | {
        "lead": lead_a,
        "clerk": factories.staff("clara", Role.CLERK, teams=(foreign,)),
        "other_lead": lead_j,
        "reception": factories.staff("front", Role.RECEPTION),
        "editor": factories.staff("ed", Role.EDITOR),
        "admin": factories.staff("root", Role.ADMIN),
    }


def urls(day: dt.date = MONDAY, team: str = "team-a") -> dict[str, str]:
    return {
        "team": f"/de/staff/appointments/{team}/",
        "day": f"/de/staff/appointments/{team}/day/{day.isoformat()}/",
        "pick": f"/de/staff/appointments/{team}/day/",
        "book": f"/de/staff/appointments/{team}/book/",
    }


# Who may see what ------------------------------------------------------------------------


def test_outsiders_get_nothing(client, people):
    for url in [*urls().values(), "/de/staff/appointments/"]:
        assert client.get(url).status_code == 302  # to the login
    for who in ("other_lead", "reception", "editor"):
        client.force_login(people[who])
        for name, url in urls().items():
            assert client.get(url).status_code == 403, (who, name)
        rule = CapacityRule.objects.filter(team=people["teams"]["A"]).first()
        assert client.post(f"{urls()['team']}rules/{rule.pk}/delete/").status_code == 403
        assert client.post(urls()["team"], {"form": "rule"}).status_code == 403
    client.force_login(people["reception"])
    assert client.get("/de/staff/appointments/").status_code == 403
    assert CapacityRule.objects.filter(team=people["teams"]["A"]).count() == 5


def test_the_lead_of_another_team_manages_only_that_team(client, people):
    client.force_login(people["other_lead"])
    for url in urls(team="jobcenter").values():
        assert client.get(url, follow=True).status_code == 200
    page = client.get("/de/staff/appointments/").content.decode()
    assert "/staff/appointments/jobcenter/" in page and "/staff/appointments/team-a/" not in page


def test_clerks_see_the_calendar_and_book_but_do_not_change_capacity(client, people):
    client.force_login(people["clerk"])
    assert client.get(urls()["day"]).status_code == 200
    assert client.get(urls()["book"]).status_code == 200
    assert client.get(urls()["team"]).status_code == 403
    rule = CapacityRule.objects.filter(team=people["teams"]["A"]).first()
    assert client.post(f"{urls()['team']}rules/{rule.pk}/delete/").status_code == 403
    page = client.get("/de/staff/appointments/").content.decode()
    assert urls()["book"] in page and 'href="/de/staff/appointments/team-a/"' not in page


def test_admins_manage_every_team_and_the_start_page_links_the_calendar(client, people):
    client.force_login(people["admin"])
    assert client.get(urls(team="jobcenter")["team"]).status_code == 200
    client.force_login(people["lead"])
    assert "/de/staff/appointments/" in client.get("/de/accounts/start/").content.decode()
    client.force_login(people["reception"])
    assert "/de/staff/appointments/" not in client.get("/de/accounts/start/").content.decode()


# The day calendar --------------------------------------------------------------------------


def kind(page: str, hhmm: str) -> str:
    found = re.search(rf'data-testid="slot-{hhmm}" data-kind="(\w+)"', page)
    assert found, f"no slot {hhmm}"
    return found.group(1)


def test_walk_in_only_times_show_as_such_and_get_no_availability(client, people, the_week_before):
    # Monday: team A takes appointments 8–10, walk-ins 8–12, the house is open 8–16.
    client.force_login(people["lead"])
    page = client.get(urls()["day"]).content.decode()
    assert kind(page, "0800") == "appointments"
    assert kind(page, "1000") == "walk_in_only"
    assert "10:00–12:00</th>" in page  # the quiet times in one line
    assert kind(page, "1200") == "no_appointments"
    assert shown("Walk-in only") in page
    free = selectors.availability(
        location=people["location"],
        services=[people["services"]["permit"]],
        date_from=MONDAY,
        date_to=MONDAY,
        now=the_week_before,
    )
    assert free and all(end <= berlin(MONDAY, 10) for _start, end in free)


def test_the_calendar_shows_bookings_blocks_and_what_is_left(
    client, people, the_week_before, django_assert_max_num_queries
):
    booking = services.booking_create(
        location=people["location"],
        service_ids=[people["services"]["permit"].pk, people["services"]["benefits"].pk],
        start=berlin(MONDAY, 9),
        name="Olena Kovalenko",
        language="uk",
        now=the_week_before,
    )
    CapacityBlock.objects.create(
        location=people["location"],
        team=people["teams"]["A"],
        start=berlin(MONDAY, 8),
        end=berlin(MONDAY, 8, 30),
        desks=1,
        reason="Schulung",
    )
    with django_assert_max_num_queries(8):
        day = calendar.team_day(
            team=people["teams"]["A"], location=people["location"], day=MONDAY, now=the_week_before
        )
    rows = {row.start.strftime("%H%M"): row for row in day.rows}
    assert (rows["0800"].desks, rows["0800"].blocked, rows["0800"].free) == (1, 1, 0)
    assert [seat.code for seat in rows["0900"].seats] == [booking.code]
    assert rows["0900"].seats[0].starts_here and not rows["0915"].seats[0].starts_here
    assert rows["0900"].seats[0].services == [
        "Aufenthaltserlaubnis verlängern",
        "Bürgergeld beantragen",
    ]
    assert rows["0900"].free == 0 and rows["0930"].free == 1
    assert day.bookings == 1

    client.force_login(people["clerk"])
    page = client.get(urls()["day"]).content.decode()
    assert f'href="/de/appointments/b/{booking.code}/"' in page
    assert "Olena Kovalenko" in page and "Schulung" in page


def test_a_block_over_a_booking_shows_the_overbooking(client, people, the_week_before):
    services.booking_create(
        location=people["location"],
        service_ids=[people["services"]["permit"].pk],
        start=berlin(MONDAY, 9),
        name="Ali",
        now=the_week_before,
    )
    CapacityBlock.objects.create(
        location=people["location"],
        team=people["teams"]["A"],
        start=berlin(MONDAY, 9),
        end=berlin(MONDAY, 10),
        desks=1,
    )
    client.force_login(people["lead"])
    page = client.get(urls()["day"]).content.decode()
    assert 'data-testid="overbooked"' in page


def test_closure_days_are_shown(client, people):
    people["location"].closures.create(date=MONDAY, reason="Betriebsausflug")
    client.force_login(people["lead"])
    page = client.get(urls()["day"]).content.decode()
    assert "Betriebsausflug" in page


@pytest.mark.parametrize(
    "day", ["2026-13-45", "99999-01-01", "2026-1-1", "heute", "1999-12-31", "0001-01-01"]
)
def test_bad_days_in_the_address_are_404(client, people, day):
    client.force_login(people["lead"])
    assert client.get(f"/de/staff/appointments/team-a/day/{day}/").status_code == 404


def test_the_date_picker_leads_to_the_day_or_explains_a_bad_date(client, people):
    client.force_login(people["lead"])
    response = client.get(urls()["pick"], {"date": "2026-11-23"})
    assert response["Location"] == urls()["day"]
    for bad in ("2026-13-45", "99999-01-01", "x"):
        response = client.get(urls()["pick"], {"date": bad})
        assert response.status_code == 200
        assert "kern-error" in response.content.decode()
    assert client.get(urls()["pick"]).status_code == 302  # today
    assert client.get("/de/staff/appointments/no-such-team/day/").status_code == 404


def test_the_day_links_to_the_days_around_it(client, people):
    client.force_login(people["lead"])
    page = client.get(urls()["day"]).content.decode()
    assert 'href="/de/staff/appointments/team-a/day/2026-11-22/"' in page
    assert 'href="/de/staff/appointments/team-a/day/2026-11-24/"' in page
    page = client.get("/de/staff/appointments/team-a/day/2099-12-31/").content.decode()
    assert "2100-01-01" not in page


# Capacity through the forms ----------------------------------------------------------------


def block_form(**overrides):
    start = timezone.localdate() + dt.timedelta(days=7)
    return {
        "form": "block",
        "start": f"{start}T08:00",
        "end": f"{start}T09:00",
        "desks": "1",
        "reason": "Schulung",
    } | overrides


def test_a_lead_blocks_and_lifts_desks_through_the_page(client, people):
    client.force_login(people["lead"])
    data = block_form(location=people["location"].pk)
    response = client.post(urls()["team"], data)
    assert response.status_code == 302
    blocked = CapacityBlock.objects.get()
    assert blocked.created_by == people["lead"] and blocked.reason == "Schulung"
    assert timezone.localtime(blocked.start).hour == 8  # the form's time is Berlin time
    page = client.get(urls()["team"]).content.decode()
    assert "Schulung" in page
    client.post(f"{urls()['team']}blocks/{blocked.pk}/delete/")
    assert not CapacityBlock.objects.exists()
    assert LogEntry.objects.filter(object_id=str(blocked.pk), action_flag=DELETION).exists()


def test_blocks_of_deleted_accounts_still_show(client, people):
    CapacityBlock.objects.create(
        location=people["location"],
        team=people["teams"]["A"],
        start=timezone.now() + dt.timedelta(days=1),
        end=timezone.now() + dt.timedelta(days=2),
        desks=2,
        reason="Umzug",
        created_by=None,
    )
    client.force_login(people["lead"])
    assert "Umzug" in client.get(urls()["team"]).content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"end": "2026-01-01T07:00"},  # before the start
        {"desks": "0"},
        {"desks": "51"},
        {"desks": "zwei"},
        {"start": "2026-13-45T08:00"},
        {"start": "99999-01-01T08:00"},
        {"end": "2020-01-01T08:00", "start": "2020-01-01T07:00"},  # over
        {"start": "", "end": ""},
        {"location": "999999"},
    ],
)
def test_bad_blocks_get_the_form_back_with_a_message(client, people, overrides):
    client.force_login(people["lead"])
    response = client.post(urls()["team"], block_form(location=people["location"].pk) | overrides)
    assert response.status_code == 200
    page = response.content.decode()
    assert "kern-error" in page or "kern-alert--danger" in page
    assert not CapacityBlock.objects.exists()


def test_a_lead_adds_and_deletes_a_weekly_period(client, people):
    client.force_login(people["lead"])
    count = CapacityRule.objects.count()
    rule = {
        "form": "rule",
        "location": people["location"].pk,
        "weekday": "0",
        "starts": "13:00",
        "ends": "15:00",
        "desks": "2",
    }
    assert client.post(urls()["team"], rule).status_code == 302
    added = CapacityRule.objects.get(team=people["teams"]["A"], weekday=0, starts=dt.time(13))
    assert added.desks == 2
    for bad in (
        {"ends": "12:00"},
        {"desks": "0"},
        {"weekday": "9"},
        {"starts": "25:00"},
        {"starts": "09:00"},
    ):
        response = client.post(urls()["team"], rule | bad)
        assert response.status_code == 200
        page = response.content.decode()
        assert "kern-error" in page or "kern-alert--danger" in page
    assert CapacityRule.objects.count() == count + 1
    client.post(f"{urls()['team']}rules/{added.pk}/delete/")
    assert CapacityRule.objects.count() == count
    other = CapacityRule.objects.filter(team=people["teams"]["J"]).first()
    assert client.post(f"{urls()['team']}rules/{other.pk}/delete/").status_code == 404


# Booking by phone --------------------------------------------------------------------------


def free_starts(page: str) -> list[str]:
    return re.findall(r'name="start" value="([^"]+)"', page)


def test_a_clerk_books_for_a_caller_and_the_booking_shows_in_the_calendar(
    client, people, week, django_capture_on_commit_callbacks
):
    client.force_login(people["clerk"])
    permit = people["services"]["permit"]
    query = f"?services={permit.pk}&date={week}"
    page = client.get(urls()["book"] + query).content.decode()
    starts = free_starts(page)
    assert starts and "08:00" in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            urls()["book"] + query,
            {
                "start": starts[0],
                "name": "Fatima Haddad",
                "phone": "0345 123456",
                "email": "",
                "language": "ar",
            },
        )
    booking = Booking.objects.get()
    assert response["Location"] == f"/de/staff/appointments/team-a/booked/{booking.code}/"
    assert booking.created_by == people["clerk"]
    assert (booking.name, booking.phone, booking.language) == ("Fatima Haddad", "0345 123456", "ar")
    done = client.get(response["Location"]).content.decode()
    assert booking.code in done
    assert f'href="/ar/appointments/b/{booking.code}/print/"' in done
    day = client.get(urls(day=week)["day"]).content.decode()
    assert booking.code in day and "Fatima Haddad" in day


def test_a_taken_time_or_bad_details_give_the_form_back(client, people, week):
    client.force_login(people["clerk"])
    permit = people["services"]["permit"]
    query = f"?services={permit.pk}&date={week}"
    starts = free_starts(client.get(urls()["book"] + query).content.decode())
    bad = [
        {"start": "2026-11-23T08:00:00+01:00", "name": "A"},  # not one of the free times
        {"start": starts[0], "name": "  "},
        {"start": starts[0], "name": "A", "email": "kein-at"},
        {"start": starts[0], "name": "A", "phone": "call me"},
        {"start": starts[0], "name": "A", "language": "xx"},
    ]
    for data in bad:
        response = client.post(urls()["book"] + query, {"language": "de"} | data)
        assert response.status_code == 200
        assert "kern-error" in response.content.decode(), data
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "?services=abc&date=2026-11-30",
        "?services=999999&date=2026-11-30",
        "?services=1&services=1&date=2026-11-30",
        "?services={permit}&date=2026-13-45",
        "?services={permit}&date=99999-01-01",
        "?services={counselling}&date=2026-11-30",  # not bookable
        "?services={permit}&date=2020-01-01",  # long past: no free times, no error
    ],
)
def test_bad_search_input_never_breaks_the_booking_page(client, people, query):
    client.force_login(people["clerk"])
    query = query.format(
        permit=people["services"]["permit"].pk, counselling=people["services"]["counselling"].pk
    )
    response = client.get(urls()["book"] + query)
    assert response.status_code == 200
    assert not free_starts(response.content.decode())
    assert client.post(urls()["book"] + query, {"name": "A"}).status_code == 200
    assert not Booking.objects.exists()


def test_the_desk_hands_out_a_follow_up_appointment_with_the_concern_prefilled(client, people):
    desk = Desk.objects.create(location=people["location"], name="Schalter 1", room="1.12")
    desk.teams.set([people["teams"]["A"]])
    permit = people["services"]["permit"]
    reception.visit_open(
        location=people["location"], service_ids=[permit.pk], language="uk", interpreter=True
    )
    client.force_login(people["clerk"])
    client.post("/de/desk/", {"desk": desk.pk, "teams": [people["teams"]["A"].pk]})
    client.post(f"/de/desk/{desk.pk}/call-next/")
    page = client.get(f"/de/desk/{desk.pk}/").content.decode()
    link = re.search(r'href="([^"]+)" data-testid="follow-up"', page)
    assert link, "no follow-up link on the desk page"
    url = link.group(1).replace("&amp;", "&")
    assert (
        url
        == f"/de/staff/appointments/team-a/book/?services={permit.pk}&language=uk&interpreter=on"
    )
    form = client.get(url).content.decode()
    assert re.search(rf'value="{permit.pk}" id="service-{permit.pk}" checked', form)
    assert '<option value="uk" selected>' in form
    assert re.search(r'name="interpreter"[^>]*checked', form)
    assert free_starts(form)  # the first day with free times is proposed
