"""Consent, its withdrawal, and opening another team's data without consent."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from mia.clients.models import AccessLog, Category, Client, Consent, Grant
from mia.clients.services import casework, record, sharing
from tests.clients.conftest import image_bytes, pdf_bytes, upload
from tests.i18n import shown

pytestmark = pytest.mark.django_db


def consent(staff, person, teams, categories, owner="A", recipient="J") -> Consent:
    return sharing.consent_record(
        user=staff["clerk"],
        client=person,
        owners=[teams[owner]],
        recipients=[teams[recipient]],
        categories=categories,
        given_on=timezone.localdate(),
        form=upload(image_bytes("PNG"), "einwilligung.png", "image/png"),
    )


def case_of(person, team):
    return person.cases.get(team=team)


def case_url(person, team) -> str:
    return reverse("clients:case", args=[case_of(person, team).pk])


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Recording consent


def test_the_consent_form_preselects_nothing_and_flags_the_youth_office(
    login, staff, teams, person
):
    page = login(staff["clerk"]).get(reverse("clients:consent_create", args=[person.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert " checked" not in html
    for field in ("owners", "recipients"):
        youth, jobcenter = f"id_{field}-{teams['F'].pk}", f"id_{field}-{teams['J'].pk}"
        assert f'aria-describedby="{youth}-hint"' in html and f'id="{youth}-hint"' in html
        assert f'id="{jobcenter}-hint"' not in html


def test_a_recorded_consent_lets_the_jobcenter_see_the_case_but_only_what_was_agreed(
    login, staff, teams, person
):
    clerk = login(staff["clerk"])
    response = clerk.post(
        reverse("clients:consent_create", args=[person.pk]),
        {
            "owners": [teams["A"].pk],
            "recipients": [teams["J"].pk],
            "categories": [Category.CASES],
            "given_on": timezone.localdate().isoformat(),
            "form": upload(pdf_bytes(), "einwilligung.pdf"),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("clients:file", args=[person.pk])
    recorded = Consent.objects.get(client=person)
    assert recorded.categories == [Category.CASES] and recorded.form_type == "application/pdf"

    jobcenter = login(staff["jobcenter"])
    case = jobcenter.get(case_url(person, teams["A"]))
    assert case.status_code == 200
    assert "Verlängerung" in case.content.decode()
    document = case_of(person, teams["A"]).documents.get()
    assert jobcenter.get(reverse("clients:document", args=[document.pk])).status_code == 404


def test_under_consent_only_shareable_notes_are_shown(login, staff, teams, person):
    consent(staff, person, teams, [Category.CASES, Category.NOTES])
    casework.note_add(
        user=staff["clerk"],
        case=case_of(person, teams["A"]),
        body="Termin zur Vorsprache vereinbart.",
        shareable=True,
    )

    html = login(staff["jobcenter"]).get(case_url(person, teams["A"])).content.decode()

    assert "Termin zur Vorsprache vereinbart." in html
    assert "Pass liegt vor." not in html


def test_withdrawal_takes_effect_on_the_very_next_request(login, staff, teams, person):
    given = consent(staff, person, teams, [Category.CASES])
    jobcenter = login(staff["jobcenter"])
    assert jobcenter.get(case_url(person, teams["A"])).status_code == 200

    response = login(staff["clerk"]).post(reverse("clients:consent_withdraw", args=[given.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("clients:file", args=[person.pk])
    assert said(response) == [
        shown("The consent is withdrawn. The teams it named no longer see the data.")
    ]
    assert jobcenter.get(case_url(person, teams["A"])).status_code == 404
    the_file = jobcenter.get(reverse("clients:file", args=[person.pk])).content.decode()
    assert "Verlängerung" not in the_file and "Bürgergeld" in the_file


def test_a_forged_scan_is_refused_and_nothing_is_stored(login, staff, teams, person, private_root):
    forged = b"<html><script>alert(1)</script></html>"
    response = login(staff["clerk"]).post(
        reverse("clients:consent_create", args=[person.pk]),
        {
            "owners": [teams["A"].pk],
            "recipients": [teams["J"].pk],
            "categories": [Category.CASES],
            "given_on": timezone.localdate().isoformat(),
            "form": upload(forged, "einwilligung.pdf"),
        },
    )

    assert response.status_code == 200
    assert shown("Only PDF, JPEG and PNG files are accepted.") in response.content.decode()
    assert not Consent.objects.exists()
    stored = private_root / "consents"
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))
    assert login(staff["jobcenter"]).get(case_url(person, teams["A"])).status_code == 404


def test_the_signed_form_downloads_as_an_attachment_and_is_logged(login, staff, teams, person):
    given = consent(staff, person, teams, [Category.CASES])

    response = login(staff["clerk2"]).get(reverse("clients:consent_form", args=[given.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    rows = AccessLog.objects.filter(user=staff["clerk2"], action=AccessLog.Action.CONSENT_FORM)
    assert [(r.client_id, r.object_id) for r in rows] == [(person.pk, given.pk)]


@pytest.mark.parametrize("role", ["editor", "partner", "reception", "auditor"])
def test_guessed_consent_ids_cannot_be_withdrawn_without_the_right(
    login, staff, teams, person, role
):
    other = record.client_create(
        user=staff["clerk"], values={"first_name": "Omar", "last_name": "Nasser"}
    )
    given = consent(staff, other, teams, [Category.CASES])

    response = login(staff[role]).post(reverse("clients:consent_withdraw", args=[given.pk]))

    assert response.status_code in (403, 404)
    given.refresh_from_db()
    assert given.withdrawn_at is None


def test_an_unknown_consent_id_is_not_found(login, staff, person):
    response = login(staff["clerk"]).post(reverse("clients:consent_withdraw", args=[999_999]))

    assert response.status_code == 404


# Access without consent


@pytest.mark.parametrize("basis", [Grant.Basis.LEGAL, Grant.Basis.EMERGENCY])
def test_a_grant_opens_the_data_logs_the_reason_and_shows_it_to_the_lead(
    login, staff, teams, person, basis
):
    jobcenter = login(staff["jobcenter"])
    assert jobcenter.get(case_url(person, teams["A"])).status_code == 404
    page = jobcenter.get(reverse("clients:grant_create", args=[person.pk]))
    assert page.status_code == 200 and 'data-testid="grant-notice"' in page.content.decode()

    reason = "§ 87 AufenthG Übermittlungspflicht"
    response = jobcenter.post(
        reverse("clients:grant_create", args=[person.pk]),
        {"team": teams["A"].pk, "basis": basis, "reason": reason},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("clients:file", args=[person.pk])
    case = jobcenter.get(case_url(person, teams["A"]))
    assert case.status_code == 200 and "Verlängerung" in case.content.decode()
    row = AccessLog.objects.get(user=staff["jobcenter"], action=AccessLog.Action.CASE)
    assert row.basis == basis and reason in row.reason and row.outside_team
    assert row.owner_team_id == teams["A"].pk

    review = login(staff["lead"]).get(reverse("clients:review")).content.decode()
    grant = Grant.objects.get()
    assert f'data-testid="grant-{grant.pk}"' in review
    assert reason in review


def test_a_grant_needs_a_reason_of_a_sentence(login, staff, teams, person):
    response = login(staff["jobcenter"]).post(
        reverse("clients:grant_create", args=[person.pk]),
        {"team": teams["A"].pk, "basis": Grant.Basis.EMERGENCY, "reason": "eilig"},
    )

    assert response.status_code == 200
    assert 'id="id_reason_error"' in response.content.decode()
    assert not Grant.objects.exists()


def test_the_youth_office_is_never_opened_by_a_grant(login, staff, teams, person):
    youth_case = casework.case_open(
        user=staff["youth"], client=person, team=teams["F"], subject="Hilfe zur Erziehung"
    )
    jobcenter = login(staff["jobcenter"])
    page = jobcenter.get(reverse("clients:grant_create", args=[person.pk])).content.decode()
    option = page.split(f'data-testid="team-team-{teams["F"].pk}"')[1].split("</label>")[0]
    assert " disabled" in option

    response = jobcenter.post(
        reverse("clients:grant_create", args=[person.pk]),
        {
            "team": teams["F"].pk,
            "basis": Grant.Basis.EMERGENCY,
            "reason": "Gefahr für Leib und Leben",
        },
    )

    assert response.status_code == 200
    refusal = escape(shown("This team's data is shared only with the client's consent."))
    assert refusal in response.content.decode()
    assert not Grant.objects.exists()
    assert jobcenter.get(reverse("clients:case", args=[youth_case.pk])).status_code == 404


def test_an_expired_grant_no_longer_opens_anything(login, staff, teams, person):
    grant = sharing.grant_open(
        user=staff["jobcenter"],
        client=person,
        team=teams["A"],
        basis=Grant.Basis.LEGAL,
        reason="§ 87 AufenthG Übermittlungspflicht",
    )
    jobcenter = login(staff["jobcenter"])
    assert jobcenter.get(case_url(person, teams["A"])).status_code == 200

    past = timezone.now() - dt.timedelta(minutes=1)
    Grant.objects.filter(pk=grant.pk).update(
        created_at=past - dt.timedelta(hours=8), expires_at=past
    )

    assert jobcenter.get(case_url(person, teams["A"])).status_code == 404


def test_own_team_is_not_offered_and_roles_without_casework_cannot_open(
    login, staff, teams, person
):
    page = login(staff["clerk"]).get(reverse("clients:grant_create", args=[person.pk]))
    assert f'data-testid="team-team-{teams["A"].pk}"' not in page.content.decode()
    assert f'data-testid="team-team-{teams["J"].pk}"' in page.content.decode()

    for role in ("reception", "auditor", "editor"):
        url = reverse("clients:grant_create", args=[person.pk])
        assert login(staff[role]).get(url).status_code == 403


def test_an_anonymised_client_gives_nothing(login, staff, teams, person):
    Client.objects.filter(pk=person.pk).update(anonymised_at=timezone.now())
    clerk = login(staff["clerk"])

    assert clerk.get(reverse("clients:consent_create", args=[person.pk])).status_code == 404
    assert clerk.get(reverse("clients:grant_create", args=[person.pk])).status_code == 404
