"""Finding clients and the shared record as HTML pages: search, name card, file, create, edit,
household, linking the visitor at the desk.

Pages are requested in English: the German catalogue is filled in at the end of the issue, and
`shown(msgid, "en")` still finds every message through gettext."""

import datetime as dt

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation

from mia.appointments.models import Booking
from mia.clients.models import AccessLog, Client, ClientVisit
from mia.clients.services import record
from mia.organisation.models import Desk
from mia.reception import services as reception
from tests.i18n import shown

pytestmark = pytest.mark.django_db


def url(name: str, *args: object, query: str = "") -> str:
    with translation.override("en"):
        return reverse(name, args=args) + (f"?{query}" if query else "")


def href(address: str) -> str:
    return f'href="{address}"'


def page(browser: Browser, address: str) -> str:
    response = browser.get(address)
    assert response.status_code == 200, response
    return response.content.decode()


def new_client(user, **values) -> Client:
    return record.client_create(user=user, values=values)


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    """Visits can be opened on any calendar day (public holidays are tested in organisation)."""
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def desk_with_visitor(agency, staff):
    """The clerk of team A at a desk, with a visitor who booked as "Amal Nasser" called to it."""
    desk = Desk.objects.create(location=agency["location"], name="Schalter 1", room="1.12")
    desk.teams.set([agency["teams"]["A"]])
    start = timezone.now() + dt.timedelta(minutes=5)
    Booking.objects.create(
        code="QX7K2P",
        location=agency["location"],
        start=start,
        end=start + dt.timedelta(minutes=15),
        name="Amal Nasser",
        email="amal@example.org",
        language="ar",
    )
    visit = reception.visit_open(
        location=agency["location"],
        service_ids=[agency["services"]["permit"].pk],
        language="ar",
        booking_code="QX7K2P",
    )
    reception.desk_open(desk=desk, user=staff["clerk"], teams=[agency["teams"]["A"]])
    reception.concern_call_next(desk=desk, user=staff["clerk"])
    return desk, visit


# Search ------------------------------------------------------------------------------------


def test_search_finds_transliteration_variants(staff, login):
    wanted = new_client(staff["clerk"], first_name="Mohammed", last_name="Al-Rashid")
    new_client(staff["clerk"], first_name="Olena", last_name="Kovalenko")
    browser = login(staff["clerk"])
    for spelling in ("Muhammad", "Mohamad"):
        html = page(browser, url("clients:search", query=f"q={spelling}"))
        assert url("clients:file", wanted.pk) in html
        assert "Kovalenko" not in html


def test_search_by_birth_date_and_file_number(staff, login, person):
    other = new_client(staff["clerk"], first_name="Amira", last_name="Saleh")
    browser = login(staff["clerk"])
    for query in ("q=17.05.1990", "q=ABH-2024-0815"):
        html = page(browser, url("clients:search", query=query))
        assert url("clients:file", person.pk) in html
        assert href(url("clients:file", other.pk)) not in html
    assert AccessLog.objects.filter(action=AccessLog.Action.SEARCH).count() == 2


def test_an_empty_search_shows_no_results_and_logs_nothing(staff, login, person):
    html = page(login(staff["clerk"]), url("clients:search", query="q=+"))
    assert 'data-testid="results"' not in html
    assert not AccessLog.objects.exists()


def test_create_link_is_offered_to_editors_with_the_visit_passed_on(staff, login):
    html = page(login(staff["clerk"]), url("clients:search", query="visit=7"))
    assert url("clients:create", query="visit=7") in html
    assert url("clients:deadlines") in html
    reception_html = page(login(staff["reception"]), url("clients:search"))
    assert url("clients:create") not in reception_html
    assert url("clients:deadlines") not in reception_html


# Reception: the name card ------------------------------------------------------------------


def test_reception_reaches_the_name_card_without_contact_or_casework(staff, login, person):
    browser = login(staff["reception"])
    html = page(browser, url("clients:search", query="q=Haddad"))
    assert href(url("clients:card", person.pk)) in html
    assert href(url("clients:file", person.pk)) not in html
    assert "ABH-2024-0815" not in html  # no file number in reception's list either
    card = page(browser, url("clients:card", person.pk))
    assert "Haddad" in card and "17.05.1990" in card
    for hidden in ("amira@example.org", "1234", "ABH-2024-0815", "Verlängerung", "Pass liegt"):
        assert hidden not in card
    assert browser.get(url("clients:file", person.pk)).status_code == 403


# The file ----------------------------------------------------------------------------------


def test_the_file_shows_the_record_and_only_the_teams_own_cases(staff, login, person):
    html = page(login(staff["clerk"]), url("clients:file", person.pk))
    assert "amira@example.org" in html and "ABH-2024-0815" in html
    assert "Verlängerung" in html
    assert "Bürgergeld" not in html
    assert 'data-testid="residence-warning"' in html  # the title expires in 30 days
    assert url("clients:case_create", person.pk) in html
    assert AccessLog.objects.filter(action=AccessLog.Action.FILE).count() == 1

    jobcenter = page(login(staff["jobcenter"]), url("clients:file", person.pk))
    assert "Bürgergeld" in jobcenter and "Verlängerung" not in jobcenter


def test_the_auditor_reads_the_record_but_gets_no_casework_links(staff, login, person):
    html = page(login(staff["auditor"]), url("clients:file", person.pk))
    assert "Haddad" in html and "Verlängerung" not in html
    assert url("clients:export", person.pk) in html
    assert url("clients:edit", person.pk) not in html
    assert url("clients:case_create", person.pk) not in html


def test_an_unknown_file_is_404(staff, login):
    assert login(staff["clerk"]).get(url("clients:file", 999999)).status_code == 404


# Creating and linking visits ---------------------------------------------------------------


def test_creating_from_the_called_visitor_links_the_visit_and_the_desk_shows_it(
    staff, login, desk_with_visitor
):
    desk, visit = desk_with_visitor
    browser = login(staff["clerk"])
    create = url("clients:create", query=f"visit={visit.pk}")
    assert create.replace("&", "&amp;") in page(browser, url("reception:desk", desk.pk))

    form = page(browser, create)
    assert 'value="Amal"' in form and 'value="Nasser"' in form  # from the booking
    assert '<option value="ar" selected>' in form

    response = browser.post(
        create,
        {
            "first_name": "Amal",
            "last_name": "Nasser",
            "language": "ar",
            "residence_status": "unknown",
        },
    )
    client = Client.objects.get(last_name="Nasser")
    assert response["Location"] == url("clients:file", client.pk)
    assert ClientVisit.objects.get(visit=visit).client == client

    desk_html = page(browser, url("reception:desk", desk.pk))
    assert url("clients:file", client.pk) in desk_html
    assert create not in desk_html


def test_a_file_opened_from_the_desk_offers_to_link_the_visit(
    staff, login, person, desk_with_visitor
):
    _desk, visit = desk_with_visitor
    browser = login(staff["clerk"])
    found = page(browser, url("clients:search", query=f"q=Haddad&visit={visit.pk}"))
    opened = url("clients:file", person.pk, query=f"visit={visit.pk}")
    assert opened in found
    assert 'data-testid="link-visit"' in page(browser, opened)

    browser.post(url("clients:link_visit", person.pk), {"visit": visit.pk})
    assert ClientVisit.objects.get(visit=visit).client == person
    html = page(browser, opened)
    assert 'data-testid="link-visit"' not in html
    assert "QX7K2P" in html  # the booking behind the visit


def test_a_visit_of_another_file_is_not_linked_twice(staff, login, person, desk_with_visitor):
    _desk, visit = desk_with_visitor
    other = new_client(staff["clerk"], first_name="Amal", last_name="Nasser")
    record.visit_link(user=staff["clerk"], client=other, visit_id=visit.pk)
    response = login(staff["clerk"]).post(
        url("clients:link_visit", person.pk), {"visit": visit.pk}, follow=True
    )
    assert shown("This visit is already linked to another client file.", "en") in (
        response.content.decode()
    )
    assert ClientVisit.objects.get(visit=visit).client == other


# Bad input ---------------------------------------------------------------------------------

VALID = {
    "first_name": "Lina",
    "last_name": "Haddad",
    "language": "de",
    "residence_status": "unknown",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"birth_date": "2999-01-01"}, "The date of birth lies in the future."),
        ({"first_name": "", "last_name": " "}, "Enter at least one name."),
        ({"birth_date": "31.02.2020"}, "Enter a valid date."),
        ({"residence_expires": "soon"}, "Enter a valid date."),
        ({"nationalities": "Syria"}, "Not a valid code: %(codes)s"),
        ({"residence_status": "king"}, None),
    ],
)
def test_bad_input_gives_a_form_error_and_creates_nothing(staff, login, change, message):
    response = login(staff["clerk"]).post(url("clients:create"), VALID | change)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    if message:
        assert shown(message, "en").split("%")[0] in html
    assert not Client.objects.exists()


def test_a_correction_changes_the_record_and_is_found_by_the_new_name(staff, login, person):
    browser = login(staff["admin"])
    form = page(browser, url("clients:edit", person.pk))
    assert 'value="ABH-2024-0815"' in form and 'value="SY"' in form
    values = VALID | {
        "first_name": "Amira",
        "last_name": "Haddad-Karimi",
        "nationalities": "SY, IQ",
    }
    response = browser.post(url("clients:edit", person.pk), values)
    assert response["Location"] == url("clients:file", person.pk)
    person.refresh_from_db()
    assert person.last_name == "Haddad-Karimi" and person.nationalities == ["SY", "IQ"]
    assert url("clients:file", person.pk) in page(browser, url("clients:search", query="q=Karimi"))


def test_a_correction_with_a_future_birth_date_keeps_the_record(staff, login, person):
    response = login(staff["admin"]).post(
        url("clients:edit", person.pk), VALID | {"birth_date": "2999-01-01"}
    )
    assert shown("The date of birth lies in the future.", "en") in response.content.decode()
    person.refresh_from_db()
    assert person.first_name == "Amira" and person.birth_date == dt.date(1990, 5, 17)


# Household ---------------------------------------------------------------------------------


def test_household_members_are_added_by_number_and_can_leave(staff, login, person):
    child = new_client(staff["clerk"], first_name="Sami", last_name="Haddad")
    browser = login(staff["clerk"])
    address = url("clients:household", person.pk)
    browser.post(address, {"action": "join", "member": child.pk})
    assert url("clients:file", child.pk) in page(browser, url("clients:file", person.pk))

    response = browser.post(address, {"action": "join", "member": 999999}, follow=True)
    assert shown("There is no client file with this number.", "en") in response.content.decode()

    browser.post(address, {"action": "leave"})
    assert href(url("clients:file", child.pk)) not in page(browser, url("clients:file", person.pk))


def test_reception_may_not_change_the_household(staff, login, person):
    response = login(staff["reception"]).post(
        url("clients:household", person.pk), {"action": "leave"}
    )
    assert response.status_code == 403


# Who gets in -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "partner"])
def test_editors_and_partners_get_nothing(staff, login, person, role):
    browser = login(staff[role])
    for address in (
        url("clients:search", query="q=Haddad"),
        url("clients:create"),
        url("clients:file", person.pk),
        url("clients:card", person.pk),
        url("clients:edit", person.pk),
    ):
        assert browser.get(address).status_code == 403, address
    assert not AccessLog.objects.exists()


def test_reception_may_not_create_or_correct(staff, login, person):
    browser = login(staff["reception"])
    assert browser.get(url("clients:create")).status_code == 403
    assert browser.get(url("clients:edit", person.pk)).status_code == 403


def test_without_a_verified_second_factor_the_clerk_is_sent_to_the_2fa_page(staff, person):
    browser = Browser()
    browser.force_login(staff["clerk"])
    response = browser.get(url("clients:file", person.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:two_factor_setup"))
    assert not AccessLog.objects.exists()


def test_posts_only_endpoints_refuse_get(staff, login, person):
    browser = login(staff["clerk"])
    assert browser.get(url("clients:household", person.pk)).status_code == 405
    assert browser.get(url("clients:link_visit", person.pk)).status_code == 405
