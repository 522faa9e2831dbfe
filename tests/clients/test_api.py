"""The client-file JSON API: what each kind of staff member gets, and the errors it answers."""

import datetime as dt

import pytest
from django.test import Client as Browser

from mia.accounts.services import api_token_create
from mia.clients.models import AccessLog, Category, Client, Note
from mia.clients.services import sharing
from tests.clients.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(login):
    """`api(user, method, path, body)`: a verified staff session (or none) calling /api/v1."""

    def call(user, method: str, path: str, body: dict | None = None):
        browser = login(user) if user is not None else Browser()
        sender = getattr(browser, method)
        if body is None:
            return sender(f"/api/v1{path}")
        return sender(f"/api/v1{path}", body, content_type="application/json")

    return call


def bearer(user, method: str, path: str, body: dict | None = None):
    """The same call with `Authorization: Bearer` and no session at all."""
    headers = {"Authorization": f"Bearer {api_token_create(user=user)}"}
    sender = getattr(Browser(enforce_csrf_checks=True), method)
    if body is None:
        return sender(f"/api/v1{path}", headers=headers)
    return sender(f"/api/v1{path}", body, content_type="application/json", headers=headers)


def share(person, staff, teams, categories=tuple(Category.values)):
    """The client's consent: team A's data of `categories` may be seen by the jobcenter."""
    return sharing.consent_record(
        user=staff["clerk"],
        client=person,
        owners=[teams["A"]],
        recipients=[teams["J"]],
        categories=list(categories),
        given_on=dt.date.today(),
        form=upload(pdf_bytes(), "einwilligung.pdf"),
    )


def case_of(person, letter):
    return person.cases.get(team__letter=letter)


def test_a_clerk_finds_a_client_by_a_variant_spelling(api, person, staff):
    response = api(staff["clerk"], "get", "/clients?q=Hadad 17.05.1990")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": person.pk,
            "first_name": "Amira",
            "last_name": "Haddad",
            "birth_date": "1990-05-17",
            "nationalities": ["SY"],
            "file_number": "ABH-2024-0815",
        }
    ]


def test_reception_may_search_but_editors_and_strangers_may_not(api, person, staff):
    assert [c["id"] for c in api(staff["reception"], "get", "/clients?q=Amira").json()] == [
        person.pk
    ]
    denied = api(staff["editor"], "get", "/clients?q=Amira")
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    assert api(None, "get", "/clients?q=Amira").json()["code"] == "not_authenticated"
    assert api(None, "get", "/clients?q=Amira").status_code == 401


def test_a_session_without_second_factor_is_refused_but_a_token_is_enough(person, staff):
    browser = Browser()
    browser.force_login(staff["clerk"])  # password only, no verified device
    refused = browser.get(f"/api/v1/clients/{person.pk}")
    assert (refused.status_code, refused.json()["code"]) == (403, "second_factor_required")
    assert bearer(staff["clerk"], "get", f"/clients/{person.pk}").status_code == 200


def test_creating_a_client_answers_201_and_makes_it_findable(api, staff):
    body = {
        "first_name": "Олександр",
        "last_name": "Коваленко",
        "birth_date": "1985-02-01",
        "nationalities": ["ua"],
        "languages": ["uk", "ru"],
        "language": "uk",
        "email": "o.kovalenko@example.org",
        "residence_status": "protection_24",
    }
    response = api(staff["clerk"], "post", "/clients", body)
    assert response.status_code == 201
    created = response.json()
    assert created["nationalities"] == ["UA"]
    assert created["residence_status"] == "protection_24"
    found = api(staff["clerk"], "get", "/clients?q=Oleksandr Kovalenko").json()
    assert [c["id"] for c in found] == [created["id"]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"first_name": "", "last_name": " "}, "name_missing"),
        ({"last_name": "Nasser", "birth_date": "2999-01-01"}, "birth_date_future"),
        ({"last_name": "Nasser", "birth_date": "17.05.1990"}, "validation_error"),
        ({"last_name": "Nasser", "email": "not-an-address"}, "validation_error"),
        ({"last_name": "Nasser", "residence_status": "citizen-of-mars"}, "validation_error"),
        ({"last_name": "Nasser", "language": "xx"}, "validation_error"),
        ({"last_name": "N" * 121}, "validation_error"),
    ],
)
def test_bad_input_is_refused_with_422_and_nothing_is_saved(api, staff, body, code):
    response = api(staff["clerk"], "post", "/clients", body)
    assert (response.status_code, response.json()["code"]) == (422, code)
    assert not Client.objects.exists()


def test_reception_and_auditors_cannot_create_clients(api, staff):
    for role in ("reception", "auditor", "partner"):
        response = api(staff[role], "post", "/clients", {"last_name": "Nasser"})
        assert response.status_code == 403
    assert not Client.objects.exists()


def test_the_file_shows_only_the_cases_of_the_readers_team(api, person, staff):
    mine = api(staff["clerk"], "get", f"/clients/{person.pk}").json()
    assert mine["client"]["last_name"] == "Haddad"
    assert [c["subject"] for c in mine["cases"]] == ["Verlängerung"]
    assert [d["title"] for d in mine["deadlines"]] == ["Termin zur Verlängerung"]
    theirs = api(staff["jobcenter"], "get", f"/clients/{person.pk}").json()
    assert [c["subject"] for c in theirs["cases"]] == ["Bürgergeld"]
    assert theirs["deadlines"] == []


def test_with_consent_the_jobcenter_sees_team_as_case_and_after_withdrawal_no_more(
    api, person, staff, teams
):
    consent = share(person, staff, teams)
    shared = api(staff["jobcenter"], "get", f"/clients/{person.pk}").json()
    assert sorted(c["subject"] for c in shared["cases"]) == ["Bürgergeld", "Verlängerung"]
    sharing.consent_withdraw(user=staff["clerk"], consent=consent)
    after = api(staff["jobcenter"], "get", f"/clients/{person.pk}").json()
    assert [c["subject"] for c in after["cases"]] == ["Bürgergeld"]


def test_reception_gets_the_name_card_but_not_the_file(api, person, staff):
    assert api(staff["reception"], "get", f"/clients/{person.pk}").status_code == 403
    card = api(staff["reception"], "get", f"/clients/{person.pk}/card").json()
    assert card == {
        "id": person.pk,
        "first_name": "Amira",
        "last_name": "Haddad",
        "birth_date": "1990-05-17",
        "concerns": [],
    }


def test_unknown_and_anonymised_clients_are_not_found(api, person, staff):
    assert api(staff["clerk"], "get", "/clients/999999").json()["code"] == "not_found"
    Client.objects.filter(pk=person.pk).update(anonymised_at=dt.datetime.now(dt.UTC))
    assert api(staff["clerk"], "get", f"/clients/{person.pk}").status_code == 404


def test_a_correction_changes_only_the_fields_sent(api, person, staff):
    response = api(
        staff["clerk"], "patch", f"/clients/{person.pk}", {"last_name": "Al-Haddad", "phone": ""}
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.last_name, person.phone, person.email) == ("Al-Haddad", "", "amira@example.org")
    found = api(staff["clerk"], "get", "/clients?q=Al-Haddad").json()
    assert [c["id"] for c in found] == [person.pk]


def test_corrections_need_the_right_to_edit_and_never_reveal_whether_an_id_exists(
    api, person, staff
):
    for pk in (person.pk, 999999):
        denied = api(staff["reception"], "patch", f"/clients/{pk}", {"last_name": "X"})
        assert denied.status_code == 403
    assert api(staff["admin"], "patch", "/clients/999999", {"last_name": "X"}).status_code == 404
    bad = api(staff["admin"], "patch", f"/clients/{person.pk}", {"birth_date": "2999-01-01"})
    assert (bad.status_code, bad.json()["code"]) == (422, "birth_date_future")
    person.refresh_from_db()
    assert person.last_name == "Haddad"


def test_a_case_lists_its_notes_documents_and_deadlines_for_its_team(api, person, staff):
    case = case_of(person, "A")
    body = api(staff["clerk"], "get", f"/cases/{case.pk}").json()
    assert (body["subject"], body["status"], body["access"]) == ("Verlängerung", "open", "team")
    assert [n["body"] for n in body["notes"]] == ["Pass liegt vor."]
    assert [(d["title"], d["content_type"]) for d in body["documents"]] == [
        ("Pass", "application/pdf")
    ]
    assert [d["title"] for d in body["deadlines"]] == ["Termin zur Verlängerung"]


def test_ids_guessed_across_teams_give_nothing(api, person, staff):
    case = case_of(person, "A")
    note = Note.objects.get(case=case)
    document = case.documents.get()
    for path in (f"/cases/{case.pk}", f"/notes/{note.pk}", f"/documents/{document.pk}/file"):
        response = api(staff["jobcenter"], "get", path)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert not AccessLog.objects.filter(user=staff["jobcenter"]).exists()


def test_under_consent_only_shareable_notes_are_shown(api, person, staff, teams):
    case = case_of(person, "A")
    hidden = Note.objects.get(case=case)
    shown = Note.objects.create(case=case, body="Termin bestätigt.", shareable=True)
    share(person, staff, teams)
    body = api(staff["jobcenter"], "get", f"/cases/{case.pk}").json()
    assert body["access"] == "consent"
    assert [n["body"] for n in body["notes"]] == ["Termin bestätigt."]
    assert api(staff["jobcenter"], "get", f"/notes/{shown.pk}").json()["body"] == shown.body
    assert api(staff["jobcenter"], "get", f"/notes/{hidden.pk}").status_code == 404


def test_consent_for_cases_only_does_not_open_documents(api, person, staff, teams):
    case = case_of(person, "A")
    share(person, staff, teams, categories=[Category.CASES])
    body = api(staff["jobcenter"], "get", f"/cases/{case.pk}").json()
    assert (body["notes"], body["documents"], body["deadlines"]) == ([], [], [])
    document = case.documents.get()
    assert api(staff["jobcenter"], "get", f"/documents/{document.pk}/file").status_code == 404


def test_a_document_comes_as_an_attachment_that_browsers_must_not_sniff(api, person, staff):
    document = case_of(person, "A").documents.get()
    response = api(staff["clerk"], "get", f"/documents/{document.pk}/file")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_auditor_reads_the_access_log_of_one_client(api, person, staff):
    api(staff["clerk"], "get", f"/clients/{person.pk}")
    api(staff["clerk"], "get", "/clients?q=Haddad")  # a search belongs to no client
    rows = api(staff["auditor"], "get", f"/audit/access?client={person.pk}").json()
    assert [(r["user"], r["action"], r["client"], r["basis"]) for r in rows] == [
        ("clerk_a", "file", person.pk, "record")
    ]
    assert rows[0]["channel"] == "api"
    by_user = api(staff["admin"], "get", "/audit/access?user=clerk_a&limit=1").json()
    assert [r["action"] for r in by_user] == ["search"]


def test_only_auditors_and_administrators_read_the_log(api, person, staff):
    for role in ("clerk", "lead", "reception"):
        assert api(staff[role], "get", "/audit/access").status_code == 403
    assert api(staff["auditor"], "get", "/audit/access?limit=0").status_code == 422
    assert api(staff["auditor"], "get", "/audit/access?limit=501").status_code == 422
