"""Retention removes what is due after a dry run, and nothing else."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from mia.clients.models import (
    AccessLog,
    Case,
    Client,
    ClientName,
    ClientVisit,
    Consent,
    Deadline,
    Document,
    Invitation,
    Note,
    RetentionRule,
    RetentionRun,
)
from mia.clients.selectors.search import client_search
from mia.clients.services import casework, record, sharing
from mia.clients.services.retention import (
    retention_apply,
    retention_due,
    retention_report,
    rule_set,
)
from mia.clients.tasks import retention_apply_task, retention_dry_run
from mia.core.errors import ApplicationError
from mia.reception.models import Visit
from tests.clients.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db

NOW = timezone.now()
YEARS_AGO = NOW - dt.timedelta(days=4 * 365)


def ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def closed(case: Case, days_ago: int) -> Case:
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=ago(days_ago), opened_at=ago(days_ago + 30)
    )
    return Case.objects.get(pk=case.pk)


def make_client(staff, first: str, last: str, *, old: bool = True, **values) -> Client:
    client = record.client_create(
        user=staff["clerk"], values={"first_name": first, "last_name": last, **values}
    )
    if old:
        Client.objects.filter(pk=client.pk).update(created_at=YEARS_AGO, updated_at=YEARS_AGO)
    return client


def full_case(staff, client, team, subject):
    case = casework.case_open(user=staff["clerk"], client=client, team=team, subject=subject)
    casework.note_add(user=staff["clerk"], case=case, body=f"Notiz zu {subject}")
    document = casework.document_add(
        user=staff["clerk"], case=case, title=subject, upload=upload(pdf_bytes(), "akte.pdf")
    )
    deadline = casework.deadline_add(
        user=staff["clerk"], case=case, title="Frist", due=dt.date(2020, 1, 1)
    )
    return case, document, deadline


@pytest.fixture
def rules(teams, staff):
    """Ausländerrecht keeps closed cases 90 days, the Jobcenter a year; the youth office has no
    rule."""
    rule_set(user=staff["admin"], team=teams["A"], keep_days=90)
    rule_set(user=staff["admin"], team=teams["J"], keep_days=365)


@pytest.fixture
def world(rules, teams, staff, person, agency, private_root):
    bernd = make_client(staff, "Bernd", "Albrecht")
    due, due_document, due_deadline = full_case(staff, bernd, teams["A"], "Abgeschlossen alt")
    due = closed(due, 100)
    letter = Invitation.objects.create(
        client=bernd,
        team=teams["A"],
        service=agency["services"]["permit"],
        deadline=due_deadline,
        channel="letter",
        language="de",
    )
    recent = closed(full_case(staff, bernd, teams["A"], "Abgeschlossen neu")[0], 10)
    job = closed(
        casework.case_open(user=staff["jobcenter"], client=bernd, team=teams["J"], subject="J"),
        200,
    )
    youth = closed(
        casework.case_open(user=staff["youth"], client=bernd, team=teams["F"], subject="F"), 3000
    )
    still_open = casework.case_open(user=staff["clerk"], client=bernd, team=teams["A"], subject="o")
    return {
        "bernd": bernd,
        "due": due,
        "due_document": due_document,
        "letter": letter,
        "kept": [recent, job, youth, still_open],
    }


def snapshot(client: Client) -> dict[str, set[int]]:
    return {
        "cases": set(Case.objects.filter(client=client).values_list("pk", flat=True)),
        "notes": set(Note.objects.filter(case__client=client).values_list("pk", flat=True)),
        "documents": set(Document.objects.filter(case__client=client).values_list("pk", flat=True)),
        "deadlines": set(Deadline.objects.filter(case__client=client).values_list("pk", flat=True)),
    }


def apply_now(staff, django_capture_on_commit_callbacks, report=None) -> RetentionRun:
    report = report or retention_report(user=staff["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        return retention_apply(user=staff["admin"], report_id=report.pk)


def test_a_due_case_goes_with_its_notes_documents_and_file_and_nothing_else(
    world, person, staff, django_capture_on_commit_callbacks
):
    bernd, due = world["bernd"], world["due"]
    stored = Path(world["due_document"].file.path)
    assert stored.exists()
    others = snapshot(person)
    logs = AccessLog.objects.count()
    kept_notes = set(Note.objects.filter(case__in=world["kept"]).values_list("pk", flat=True))

    report = retention_report(user=staff["admin"])
    assert [c["id"] for c in report.report["cases"]] == [due.pk]
    run = apply_now(staff, django_capture_on_commit_callbacks, report)

    assert run.dry_run is False
    assert run.report["counts"] == {
        "cases": 1,
        "clients": 0,
        "notes": 1,
        "documents": 1,
        "deadlines": 1,
    }
    assert snapshot(bernd)["cases"] == {case.pk for case in world["kept"]}
    assert not Note.objects.filter(case_id=due.pk).exists()
    assert not Document.objects.filter(case_id=due.pk).exists()
    assert not Deadline.objects.filter(case_id=due.pk).exists()
    assert not stored.exists()
    assert (
        set(Note.objects.filter(case__in=world["kept"]).values_list("pk", flat=True)) == kept_notes
    )
    # The invitation to the deleted deadline stays with the client, without the deadline.
    letter = Invitation.objects.get(pk=world["letter"].pk)
    assert letter.deadline_id is None
    assert snapshot(person) == others
    assert AccessLog.objects.count() == logs
    assert Client.objects.get(pk=bernd.pk).anonymised_at is None


def test_a_client_with_nothing_left_and_no_contact_for_long_is_anonymised(
    rules, teams, staff, agency, person, django_capture_on_commit_callbacks, private_root
):
    gone = make_client(
        staff,
        "Gulnara",
        "Tokhtarova",
        birth_date=dt.date(1970, 1, 2),
        email="g.t@example.org",
        phone="0345 1111",
        street="Weg 1",
        file_number="ABH-1999-1",
        nationalities=["KZ"],
        languages=["ru"],
    )
    case = closed(full_case(staff, gone, teams["A"], "Alt")[0], 3 * 365 + 100)
    Case.objects.filter(pk=case.pk).update(opened_at=ago(4 * 365))
    consent = sharing.consent_record(
        user=staff["clerk"],
        client=gone,
        owners=[teams["A"]],
        recipients=[teams["J"]],
        categories=["cases"],
        given_on=dt.date(2021, 1, 1),
        form=upload(pdf_bytes(), "einwilligung.pdf"),
    )
    form = Path(consent.form.path)
    member = make_client(staff, "Timur", "Tokhtarov", old=False)
    record.household_join(user=staff["clerk"], client=gone, member=member)
    visit = Visit.objects.create(
        location=agency["location"],
        day=dt.date(2021, 1, 1),
        number=1,
        ticket="A001",
        public_code="old-visit-1",
    )
    record.visit_link(user=staff["clerk"], client=gone, visit_id=visit.pk)
    ClientVisit.objects.filter(client=gone).update(linked_at=YEARS_AGO)
    Client.objects.filter(pk=gone.pk).update(updated_at=YEARS_AGO)
    # Created long ago, but a case of the Ausländerrecht closed 100 days ago: the case goes,
    # the client stays until MIA_CLIENT_KEEP_DAYS after that.
    young = make_client(staff, "Gulnara", "Tokhtarowa")
    closed(casework.case_open(user=staff["clerk"], client=young, team=teams["A"], subject="Y"), 100)
    # A client who came recently stays even without any case.
    make_client(staff, "Gulnara", "Tokhtarovna", old=False)

    report = retention_report(user=staff["admin"])
    assert report.report["clients"] == [gone.pk]
    run = apply_now(staff, django_capture_on_commit_callbacks, report)

    assert run.report["clients"] == [gone.pk]
    gone.refresh_from_db()
    assert gone.anonymised_at is not None
    assert (gone.first_name, gone.last_name) == ("Anonymisiert", "Anonymisiert")
    for name in ("birth_date", "residence_expires", "household_id"):
        assert getattr(gone, name) is None
    for name in ("email", "phone", "street", "file_number", "birth_name", "other_names"):
        assert getattr(gone, name) == ""
    assert gone.nationalities == [] and gone.languages == []
    assert not ClientName.objects.filter(client=gone).exists()
    assert not Consent.objects.filter(client=gone).exists()
    assert not form.exists()
    assert not ClientVisit.objects.filter(client=gone).exists()
    assert not Case.objects.filter(client=gone).exists()
    member.refresh_from_db()
    assert list(Client.objects.filter(household_id=member.household_id)) == [member]
    found = client_search(user=staff["clerk"], query="Gulnara Tokhtarova")
    assert gone not in found and young in found
    young.refresh_from_db()
    assert young.anonymised_at is None and not young.cases.exists()
    # The deleted case's closing keeps the young client off the next report too.
    assert retention_due()["clients"] == []


def test_nothing_is_due_for_a_team_without_a_rule_or_before_its_period(world):
    due = retention_due()
    assert [c["id"] for c in due["cases"]] == [world["due"].pk]
    assert due["per_team"] == {str(world["due"].team_id): 1}


def test_without_rules_no_case_is_due_and_clients_with_cases_stay(teams, staff):
    kept = make_client(staff, "Karl", "Ohneregel")
    closed(casework.case_open(user=staff["clerk"], client=kept, team=teams["A"], subject="K"), 9999)
    alone = make_client(staff, "Lena", "Ohnefall")
    due = retention_due()
    assert (due["cases"], due["clients"]) == ([], [alone.pk])


def test_apply_without_a_dry_run_report_is_impossible(world, staff):
    with pytest.raises(ApplicationError) as missing:
        retention_apply(user=staff["admin"], report_id=12345)
    assert missing.value.code == "report_missing"
    applied = retention_apply(user=staff["admin"], report_id=retention_report().pk)
    with pytest.raises(ApplicationError):
        retention_apply(user=staff["admin"], report_id=applied.pk)  # not a dry run
    with pytest.raises(CommandError):
        call_command("retention", "--apply", "12345", stdout=io.StringIO())


def test_a_case_reopened_after_the_dry_run_stays(world, staff, django_capture_on_commit_callbacks):
    report = retention_report(user=staff["admin"])
    casework.case_update(
        user=staff["clerk"], case=world["due"], subject=world["due"].subject, status="open"
    )
    run = apply_now(staff, django_capture_on_commit_callbacks, report)
    assert Case.objects.filter(pk=world["due"].pk, status="open").exists()
    assert Note.objects.filter(case=world["due"]).count() == 1
    assert run.report["counts"]["cases"] == 0
    assert run.report["skipped"]["cases"] == [world["due"].pk]


def test_a_case_that_became_due_after_the_dry_run_waits_for_the_next(
    world, staff, teams, django_capture_on_commit_callbacks
):
    report = retention_report(user=staff["admin"])
    later = closed(world["kept"][0], 95)
    apply_now(staff, django_capture_on_commit_callbacks, report)
    assert Case.objects.filter(pk=later.pk).exists()
    assert not Case.objects.filter(pk=world["due"].pk).exists()


def test_only_administrators_apply_and_periods_are_at_least_30_days(world, staff, teams):
    report = retention_report(user=staff["lead"])
    for role in ("lead", "clerk", "auditor"):
        with pytest.raises(PermissionDenied):
            retention_apply(user=staff[role], report_id=report.pk)
    with pytest.raises(PermissionDenied):
        retention_report(user=staff["clerk"])
    with pytest.raises(ApplicationError) as short:
        rule_set(user=staff["lead"], team=teams["A"], keep_days=29)
    assert short.value.code == "keep_days_too_short"
    with pytest.raises(PermissionDenied):
        rule_set(user=staff["lead"], team=teams["J"], keep_days=400)
    with pytest.raises(PermissionDenied):
        rule_set(user=staff["clerk"], team=teams["A"], keep_days=400)
    assert RetentionRule.objects.get(team=teams["J"]).keep_days == 365
    assert Case.objects.filter(pk=world["due"].pk).exists()


def test_the_tasks_and_the_command_report_and_apply(world, django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("retention", stdout=out)
    printed = out.getvalue()
    report = RetentionRun.objects.get(dry_run=True)
    assert f"Dry-run report {report.pk}" in printed
    assert json.loads(printed.split(":", 1)[1])["cases"][0]["id"] == world["due"].pk
    assert Case.objects.filter(pk=world["due"].pk).exists()  # a dry run removes nothing

    report_id = retention_dry_run.call()
    with django_capture_on_commit_callbacks(execute=True):
        counts = retention_apply_task.call(report_id)
    assert counts["cases"] == 1
    assert not Case.objects.filter(pk=world["due"].pk).exists()


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("lead", 200), ("clerk", 403)])
def test_who_may_open_the_retention_page(staff, login, rules, role, status):
    assert login(staff[role]).get(reverse("clients:retention")).status_code == status


def test_a_team_lead_sets_the_own_teams_period_and_makes_a_report(world, staff, teams, login):
    browser = login(staff["lead"])
    url = reverse("clients:retention")
    response = browser.post(url, {"action": "rule", "team": teams["A"].pk, "keep_days": 95})
    assert response.status_code == 302
    assert RetentionRule.objects.get(team=teams["A"]).keep_days == 95
    # Another team's period is not the lead's to set, nor a period under 30 days.
    browser.post(url, {"action": "rule", "team": teams["J"].pk, "keep_days": 45})
    browser.post(url, {"action": "rule", "team": teams["A"].pk, "keep_days": 10})
    assert RetentionRule.objects.get(team=teams["J"]).keep_days == 365
    assert RetentionRule.objects.get(team=teams["A"]).keep_days == 95

    assert browser.post(url, {"action": "report"}).status_code == 302
    report = RetentionRun.objects.get(dry_run=True)
    page = browser.get(url).content.decode()
    assert 'data-testid="retention-report"' in page
    assert str(world["due"].pk) in page
    assert 'data-testid="apply-form"' not in page  # leads do not apply
    response = browser.post(url, {"action": "apply", "report": report.pk, "confirm": "on"})
    assert response.status_code == 403
    assert Case.objects.filter(pk=world["due"].pk).exists()


def test_an_administrator_applies_a_report_only_when_confirmed(
    world, staff, login, django_capture_on_commit_callbacks
):
    browser = login(staff["admin"])
    url = reverse("clients:retention")
    browser.post(url, {"action": "report"})
    report = RetentionRun.objects.get(dry_run=True)
    assert 'data-testid="apply-form"' in browser.get(url).content.decode()
    response = browser.post(url, {"action": "apply", "report": report.pk})
    assert response.status_code == 200  # the form asks for the confirmation
    assert Case.objects.filter(pk=world["due"].pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url, {"action": "apply", "report": report.pk, "confirm": "on"})
    assert response.status_code == 302
    assert not Case.objects.filter(pk=world["due"].pk).exists()
    page = browser.get(url).content.decode()
    assert 'data-testid="last-applied"' in page
    assert 'data-testid="apply-form"' not in page  # this report is done
