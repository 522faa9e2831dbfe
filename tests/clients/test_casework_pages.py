"""A team's case pages: opening a case, notes, deadlines, and what other teams and reception
get when they try (nothing: 404 for guessed ids, 403 for roles without casework)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from mia.clients.models import AccessLog, Case, Deadline, Note
from mia.clients.services import sharing
from tests.i18n import shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_a(person, teams):
    return person.cases.get(team=teams["A"])


def test_script_in_a_note_is_shown_as_text(login, staff, case_a):
    browser = login(staff["clerk"])
    posted = browser.post(
        reverse("clients:note_add", args=[case_a.pk]),
        {"body": "<script>alert(1)</script>\nzweite Zeile", "shareable": "on"},
    )
    assert posted.status_code == 302
    assert posted["Location"].endswith("#notes")
    note = Note.objects.get(case=case_a, body__startswith="<script>")
    assert note.shareable and note.author == staff["clerk"]

    page = browser.get(reverse("clients:case", args=[case_a.pk])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>zweite Zeile" in page
    assert "<script>alert(1)" not in page


def test_the_case_page_shows_the_teams_work(login, staff, case_a, person):
    page = login(staff["clerk2"]).get(reverse("clients:case", args=[case_a.pk]))
    assert page.status_code == 200
    text = page.text
    assert person.full_name in text and reverse("clients:file", args=[person.pk]) in text
    assert "Pass liegt vor." in text
    document = case_a.documents.get()
    assert reverse("clients:document", args=[document.pk]) in text
    assert "Termin zur Verlängerung" in text
    assert reverse("clients:deadline_done", args=[case_a.deadlines.get().pk]) in text
    # the Jobcenter's note on its own case is not on team A's page
    assert "Antrag ausgegeben." not in text
    assert AccessLog.objects.filter(action="case", object_id=case_a.pk).count() == 1


def test_a_clerk_opens_a_case_for_one_of_their_teams(login, staff, person, teams):
    browser = login(staff["clerk"])
    form = browser.get(reverse("clients:case_create", args=[person.pk])).text
    team_choice = re.search(r'<select name="team".*?</select>', form, re.S)
    assert team_choice is not None
    assert re.findall(r'value="(\d+)"', team_choice.group()) == [str(teams["A"].pk)]

    response = browser.post(
        reverse("clients:case_create", args=[person.pk]),
        {"subject": "Familiennachzug", "team": teams["A"].pk, "assignee": staff["clerk2"].pk},
    )

    case = Case.objects.get(subject="Familiennachzug")
    assert response.status_code == 302 and response["Location"] == reverse(
        "clients:case", args=[case.pk]
    )
    assert (case.client, case.team, case.assignee) == (person, teams["A"], staff["clerk2"])


def test_a_case_cannot_be_opened_for_another_team(login, staff, person, teams):
    response = login(staff["clerk"]).post(
        reverse("clients:case_create", args=[person.pk]),
        {"subject": "Untergeschoben", "team": teams["J"].pk},
    )
    assert response.status_code == 200
    assert not Case.objects.filter(subject="Untergeschoben").exists()


def test_status_and_assignee_are_changed_on_the_page(login, staff, case_a):
    response = login(staff["clerk"]).post(
        reverse("clients:case", args=[case_a.pk]),
        {"subject": "Verlängerung 2025", "status": "closed", "assignee": staff["clerk2"].pk},
    )
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert (case_a.subject, case_a.status, case_a.assignee) == (
        "Verlängerung 2025",
        "closed",
        staff["clerk2"],
    )
    assert case_a.closed_at is not None


def test_a_deadline_is_added_with_a_service_of_the_team(login, staff, case_a, agency):
    browser = login(staff["clerk"])
    response = browser.post(
        reverse("clients:deadline_add", args=[case_a.pk]),
        {"title": "Pass abholen", "due": "2030-03-01", "service": agency["services"]["permit"].pk},
    )
    assert response.status_code == 302
    deadline = Deadline.objects.get(title="Pass abholen")
    assert deadline.due == dt.date(2030, 3, 1)
    assert deadline.service == agency["services"]["permit"]
    assert deadline.assignee == staff["clerk"]

    other_team = browser.post(
        reverse("clients:deadline_add", args=[case_a.pk]),
        {"title": "Fremd", "due": "2030-03-01", "service": agency["services"]["benefits"].pk},
    )
    assert other_team.status_code == 200
    assert not Deadline.objects.filter(title="Fremd").exists()


def test_a_deadline_is_marked_as_done(login, staff, case_a):
    deadline = case_a.deadlines.get()
    response = login(staff["clerk"]).post(reverse("clients:deadline_done", args=[deadline.pk]))
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.done_at is not None


def test_an_empty_note_is_refused_with_a_message(login, staff, case_a):
    response = login(staff["clerk"]).post(
        reverse("clients:note_add", args=[case_a.pk]), {"body": "   "}
    )
    assert response.status_code == 200
    assert Note.objects.filter(case=case_a).count() == 1
    assert escape(shown("This field is required.")) in response.text


def test_another_teams_clerk_guessing_ids_gets_nothing(login, staff, case_a):
    browser = login(staff["jobcenter"])
    document, deadline = case_a.documents.get(), case_a.deadlines.get()
    for name, pk in [("case", case_a.pk), ("document", document.pk), ("case", 999_999)]:
        assert browser.get(reverse(f"clients:{name}", args=[pk])).status_code == 404
    posts = [
        ("case", case_a.pk, {"subject": "x", "status": "closed"}),
        ("note_add", case_a.pk, {"body": "fremd"}),
        ("deadline_add", case_a.pk, {"title": "fremd", "due": "2030-01-01"}),
        ("deadline_done", deadline.pk, {}),
        ("document_add", case_a.pk, {}),
    ]
    for name, pk, data in posts:
        assert browser.post(reverse(f"clients:{name}", args=[pk]), data).status_code == 404
    case_a.refresh_from_db()
    deadline.refresh_from_db()
    assert case_a.status == "open" and deadline.done_at is None
    assert not Note.objects.filter(body="fremd").exists()
    assert not Deadline.objects.filter(title="fremd").exists()


@pytest.mark.parametrize("role", ["reception", "auditor", "admin"])
def test_roles_without_casework_are_refused(login, staff, case_a, person, role):
    browser = login(staff[role])
    document = case_a.documents.get()
    assert browser.get(reverse("clients:case", args=[case_a.pk])).status_code == 403
    assert browser.get(reverse("clients:case_create", args=[person.pk])).status_code == 403
    assert browser.get(reverse("clients:document", args=[document.pk])).status_code == 403
    posted = browser.post(reverse("clients:note_add", args=[case_a.pk]), {"body": "x"})
    assert posted.status_code == 403
    assert not Note.objects.filter(body="x").exists()


def test_a_read_under_a_grant_says_so_and_offers_no_forms(login, staff, case_a, person, teams):
    sharing.grant_open(
        user=staff["jobcenter"],
        client=person,
        team=teams["A"],
        basis="legal",
        reason="§ 69 SGB X Abstimmung Leistungen",
    )
    page = login(staff["jobcenter"]).get(reverse("clients:case", args=[case_a.pk]))
    assert page.status_code == 200
    assert 'data-testid="access-basis"' in page.text
    assert escape("§ 69 SGB X Abstimmung Leistungen") in page.text
    assert reverse("clients:note_add", args=[case_a.pk]) not in page.text
    refused = login(staff["jobcenter"]).post(
        reverse("clients:note_add", args=[case_a.pk]), {"body": "fremd"}
    )
    assert refused.status_code == 403
