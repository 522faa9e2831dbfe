"""The client's export holds everything stored about them, logs itself once, and reads in their
language."""

import datetime as dt
import json
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from mia.accounts.models import User
from mia.appointments.models import Booking, BookingItem
from mia.clients.models import (
    AccessLog,
    Case,
    Client,
    ClientName,
    ClientVisit,
    Consent,
    Deadline,
    Document,
    Grant,
    Household,
    Invitation,
    Note,
    RetentionRule,
    RetentionRun,
)
from mia.clients.selectors.export import client_export
from mia.clients.selectors.files import client_file
from mia.clients.services import casework, record, sharing
from mia.organisation.models import Service, Team
from mia.reception.models import Concern, Visit
from tests.clients.conftest import pdf_bytes, upload
from tests.i18n import shown

pytestmark = pytest.mark.django_db

# Not the person's data: how long teams keep cases, and what retention removed.
NOT_PERSONAL = {RetentionRule, RetentionRun}
# Left out on purpose: storage paths of files, and links back to the client or the case that a
# row is nested under in the export.
INTERNAL = {"client", "case", "file", "form"}
RENAMED = {AccessLog: {"object_id": "object", "owner_team_id": "team"}}
NAMED_BY = {User: "username", Team: "name", Service: "name"}
EARLIER = timezone.now() - dt.timedelta(days=400)


def at(days: int, hour: int = 9) -> dt.datetime:
    return (EARLIER + dt.timedelta(days=days)).replace(hour=hour, minute=days % 60, microsecond=0)


def _set(obj: models.Model, **values: Any) -> None:
    """Store values that services set themselves (times, states) straight in the database."""
    type(obj).objects.filter(pk=obj.pk).update(**values)
    obj.refresh_from_db()


@pytest.fixture
def everything(staff, teams, agency, private_root) -> dict[str, list[models.Model]]:
    """One client with a distinctive value in every field of every model about them."""
    clerk, jobcenter = staff["clerk"], staff["jobcenter"]
    client = record.client_create(
        user=clerk,
        values={
            "first_name": "Zainab Qudsia",
            "last_name": "Wardak-Export",
            "birth_name": "Noorzai",
            "other_names": "Zaynab Wardag",
            "birth_date": dt.date(1987, 11, 23),
            "nationalities": ["AF", "IR"],
            "languages": ["fa", "ps", "de"],
            "language": "fa",
            "phone": "+49 3445 987654",
            "email": "zainab.wardak@example.org",
            "street": "Salzstraße 17",
            "postcode": "06618",
            "town": "Naumburg (Saale)",
            "residence_status": "duldung",
            "residence_expires": dt.date(2031, 4, 30),
            "file_number": "ABH-2019-4711",
            "benefit_number": "BG-31415-926",
        },
    )
    member = record.client_create(user=clerk, values={"first_name": "Omid", "last_name": "Wardak"})
    record.household_join(user=clerk, client=client, member=member)
    client.refresh_from_db()
    household = Household.objects.get(pk=client.household_id)

    case = casework.case_open(user=clerk, client=client, team=teams["A"], subject="Duldung 2025")
    _set(case, status="closed", closed_at=at(40), assignee=staff["clerk2"])
    note = casework.note_add(user=clerk, case=case, body="Pass beantragt beim Konsulat.")
    _set(note, shareable=True)
    document = casework.document_add(
        user=clerk, case=case, title="Passantrag", upload=upload(pdf_bytes(), "passantrag.pdf")
    )
    deadline = casework.deadline_add(
        user=clerk,
        case=case,
        title="Nachweis Passbeschaffung",
        due=dt.date(2030, 2, 14),
        service=agency["services"]["permit"],
        assignee=staff["clerk2"],
    )
    _set(deadline, done_at=at(41))
    job_case = casework.case_open(
        user=jobcenter, client=client, team=teams["J"], subject="Bürgergeld Weiterbewilligung"
    )
    _set(job_case, status="closed", closed_at=at(45))
    job_note = casework.note_add(user=jobcenter, case=job_case, body="Kontoauszüge fehlen noch.")
    _set(job_note, shareable=True)
    invitation = Invitation.objects.create(
        client=client,
        team=teams["A"],
        service=agency["services"]["permit"],
        deadline=deadline,
        channel="letter",
        language="fa",
        reason="Vorsprache zur Passbeschaffung",
        sent_by=staff["clerk2"],
    )
    consent = sharing.consent_record(
        user=jobcenter,
        client=client,
        owners=[teams["J"]],
        recipients=[teams["A"]],
        categories=["cases", "notes"],
        given_on=dt.date.today() - dt.timedelta(days=3),
        form=upload(pdf_bytes(), "einwilligung.pdf"),
    )
    sharing.consent_withdraw(user=staff["clerk2"], consent=consent)
    consent.refresh_from_db()
    grant = sharing.grant_open(
        user=jobcenter,
        client=client,
        team=teams["A"],
        basis="legal",
        reason="§ 71 SGB X Auskunft an die Ausländerbehörde",
    )
    _set(grant, reviewed_at=at(50))
    log = AccessLog.objects.create(
        user=staff["youth"],
        client_id=client.pk,
        action="case",
        object_id=987654,
        owner_team_id=teams["F"].pk,
        basis="emergency",
        outside_team=True,
        reason="Kindeswohl: Rückfrage der Schule",
        channel="api",
    )
    visit = Visit.objects.create(
        location=agency["location"],
        day=dt.date(2024, 3, 5),
        number=42,
        ticket="A042",
        public_code="pub-export-42",
        language="ps",
        interpreter=True,
        household_size=3,
        booking_code="BK7Q2X",
    )
    Concern.objects.create(
        visit=visit,
        service=agency["services"]["permit"],
        team=teams["A"],
        status="finished",
        queued_at=at(60, 8),
        started_at=at(60, 10),
        ended_at=at(60, 11),
        outcome="Fiktionsbescheinigung ausgestellt",
    )
    link = record.visit_link(user=clerk, client=client, visit_id=visit.pk)
    booking = Booking.objects.create(
        code="BK7Q2X",
        location=agency["location"],
        start=at(60, 8),
        end=at(60, 9),
        name="Zainab W.",
        email="z.booking@example.org",
        phone="+49 170 5550123",
        language="ps",
    )
    BookingItem.objects.create(
        booking=booking,
        service=agency["services"]["permit"],
        team=teams["A"],
        position=0,
        start=booking.start,
        end=booking.end,
    )
    client.refresh_from_db()
    return {
        "client": [client],
        "member": [member],
        "household": [household],
        "cases": [case, job_case],
        "notes": [note, job_note],
        "documents": [document],
        "deadlines": [deadline],
        "invitations": [invitation],
        "consents": [consent],
        "grants": [grant],
        "access_log": [log],
        "visits": [link],
        "bookings": [booking],
        "names": list(ClientName.objects.filter(client=client)),
    }


def stored(obj: models.Model, field: Any) -> Any:
    value = getattr(obj, field.attname)
    if field.is_relation and value is not None and field.related_model in NAMED_BY:
        related = field.related_model.objects.get(pk=value)
        value = getattr(related, NAMED_BY[field.related_model])
    return value


def same(exported: Any, value: Any) -> bool:
    if isinstance(value, dt.datetime):
        return dt.datetime.fromisoformat(exported) == value
    if isinstance(value, dt.date):
        return bool(exported == value.isoformat())
    return bool(exported == value)


def by_id(rows: list[dict], pk: int) -> dict:
    found = [row for row in rows if row["id"] == pk]
    assert len(found) == 1, f"row {pk} missing from the export"
    return found[0]


def located(data: dict, obj: models.Model) -> dict:
    """Where the export keeps `obj`."""
    if isinstance(obj, Client):
        return data["client"]
    if isinstance(obj, Household):
        return data["household"]
    if isinstance(obj, Case):
        return by_id(data["cases"], obj.pk)
    if isinstance(obj, Note | Document | Deadline):
        case = by_id(data["cases"], obj.case_id)
        kind = {Note: "notes", Document: "documents", Deadline: "deadlines"}[type(obj)]
        return by_id(case[kind], obj.pk)
    section = {
        Invitation: "invitations",
        Consent: "consents",
        Grant: "grants",
        AccessLog: "access_log",
        ClientVisit: "visits",
    }[type(obj)]
    return by_id(data[section], obj.pk)


def test_every_model_about_the_person_is_covered(everything):
    covered = {type(obj) for objs in everything.values() for obj in objs}
    about_the_person = set(apps.get_app_config("clients").get_models()) - NOT_PERSONAL
    assert about_the_person <= covered, "a new model needs a place in the export and this test"


def test_the_export_holds_every_stored_value(everything, staff):
    data = json.loads(
        json.dumps(client_export(user=staff["auditor"], client_id=everything["client"][0].pk))
    )
    checked = 0
    for kind, objs in everything.items():
        if kind in {"member", "bookings", "names"}:
            continue
        for obj in objs:
            exported = located(data, obj)
            for field in obj._meta.concrete_fields:
                if field.name in INTERNAL or field.name == "anonymised_at":
                    continue
                value = stored(obj, field)
                assert value not in (None, "", [], False), f"test data: fill {field}"
                key = RENAMED.get(type(obj), {}).get(field.name, field.name)
                assert key in exported, f"{field} is not exported"
                assert same(exported[key], value), f"{field}: {exported[key]!r} != {value!r}"
                checked += 1
    assert checked > 80
    # What other apps keep about the visit and the booking, and the derived parts.
    member = everything["member"][0]
    assert data["household"]["members"] == [
        {"id": member.pk, "first_name": "Omid", "last_name": "Wardak"}
    ]
    visit = data["visits"][0]
    assert (visit["ticket"], visit["day"], visit["booking_code"]) == (
        "A042",
        "2024-03-05",
        "BK7Q2X",
    )
    assert visit["language"] == "ps" and visit["interpreter"] is True
    concern = visit["concerns"][0]
    assert concern["service"] == "Aufenthaltserlaubnis verlängern"
    assert concern["team"] == "Ausländerrecht"
    assert concern["outcome"] == "Fiktionsbescheinigung ausgestellt"
    assert dt.datetime.fromisoformat(concern["ended_at"]) == at(60, 11)
    booking = data["bookings"][0]
    assert (booking["code"], booking["email"], booking["phone"]) == (
        "BK7Q2X",
        "z.booking@example.org",
        "+49 170 5550123",
    )
    assert booking["services"] == ["Aufenthaltserlaubnis verlängern"]
    assert data["consents"][0]["owners"] == ["Jobcenter"]
    assert data["consents"][0]["recipients"] == ["Ausländerrecht"]
    assert set(data["name_search_words"]) == {n.word for n in everything["names"]}
    assert "wardak" in data["name_search_words"]


def test_the_export_lists_every_case_of_every_team_for_any_exporting_role(everything, staff):
    # The clerk of team A exports for the person: the Jobcenter's case and notes are in it too.
    data = client_export(user=staff["clerk"], client_id=everything["client"][0].pk)
    notes = [note["body"] for case in data["cases"] for note in case["notes"]]
    assert sorted(case["team"] for case in data["cases"]) == ["Ausländerrecht", "Jobcenter"]
    assert "Kontoauszüge fehlen noch." in notes


def test_an_export_logs_itself_once_and_shows_earlier_reads(person, staff):
    client_file(user=staff["clerk"], client_id=person.pk)
    before = AccessLog.objects.count()
    data = client_export(user=staff["auditor"], client_id=person.pk)
    assert AccessLog.objects.count() == before + 1
    reads = [(row["user"], row["action"]) for row in data["access_log"]]
    assert ("clerk_a", "file") in reads
    assert ("auditor", "export") in reads  # the export itself is in its own access log


@pytest.mark.parametrize("url", ["clients:export", "clients:export_json"])
def test_each_export_request_writes_exactly_one_log_row(person, staff, login, url):
    before = set(AccessLog.objects.values_list("pk", flat=True))
    response = login(staff["auditor"]).get(reverse(url, args=[person.pk]))
    assert response.status_code == 200
    new = AccessLog.objects.exclude(pk__in=before)
    assert [(row.action, row.client_id, row.user_id) for row in new] == [
        ("export", person.pk, staff["auditor"].pk)
    ]


def test_the_json_download_is_an_attachment_named_after_the_client(person, staff, login):
    response = login(staff["auditor"]).get(reverse("clients:export_json", args=[person.pk]))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"mia-client-{person.pk}-export.json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["client"]["file_number"] == "ABH-2024-0815"
    assert [case["subject"] for case in data["cases"]] == ["Verlängerung", "Bürgergeld"]


@pytest.mark.parametrize("role", ["reception", "editor", "partner"])
def test_roles_without_export_right_get_403(person, staff, login, role):
    browser = login(staff[role])
    for url in ("clients:export", "clients:export_json"):
        assert browser.get(reverse(url, args=[person.pk])).status_code == 403
    assert not AccessLog.objects.filter(action="export").exists()


def test_a_missing_or_anonymised_client_gives_404(person, staff, login):
    browser = login(staff["auditor"])
    assert browser.get(reverse("clients:export_json", args=[person.pk + 999])).status_code == 404
    Client.objects.filter(pk=person.pk).update(anonymised_at=timezone.now())
    assert browser.get(reverse("clients:export", args=[person.pk])).status_code == 404
    assert not AccessLog.objects.filter(action="export").exists()


def test_the_readable_page_is_in_the_clients_language_right_to_left(person, staff, login):
    response = login(staff["auditor"]).get(reverse("clients:export", args=[person.pk]))
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # Labels come from the Arabic catalogue; the stored values are shown as they are.
    assert shown("status", "ar") in html
    assert shown("team", "ar") in html
    for value in ("Amira", "Haddad", "ABH-2024-0815", "Pass liegt vor.", "Antrag ausgegeben."):
        assert value in html
    assert html.count("<h2") >= 9  # one heading per section
    assert "<table" in html


def test_the_readable_page_escapes_what_staff_typed(person, staff, login):
    case = person.cases.get(team__letter="A")
    casework.note_add(user=staff["clerk"], case=case, body="<script>alert(1)</script>")
    html = login(staff["clerk"]).get(reverse("clients:export", args=[person.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
