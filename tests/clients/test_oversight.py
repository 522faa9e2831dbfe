"""Oversight: team leads review access to their team's data; auditors read the access log."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mia.clients.models import AccessLog, Category, Grant
from mia.clients.services import record, sharing
from tests.clients.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def rows_on(page) -> int:
    return page.content.decode().count('data-testid="row-')


def grant_for(staff, person, teams) -> Grant:
    return sharing.grant_open(
        user=staff["jobcenter"],
        client=person,
        team=teams["A"],
        basis=Grant.Basis.EMERGENCY,
        reason="Gefahr für Leib und Leben",
    )


# The team lead's review


def test_the_review_shows_reads_from_outside_and_members_opening_many_files(
    login, staff, teams, person, settings
):
    settings.MIA_UNUSUAL_FILES_PER_DAY = 2
    sharing.consent_record(
        user=staff["clerk"],
        client=person,
        owners=[teams["A"]],
        recipients=[teams["J"]],
        categories=[Category.CASES],
        given_on=timezone.localdate(),
        form=upload(pdf_bytes()),
    )
    case = person.cases.get(team=teams["A"])
    assert login(staff["jobcenter"]).get(reverse("clients:case", args=[case.pk])).status_code == 200
    others = [
        record.client_create(user=staff["clerk"], values={"first_name": n, "last_name": "Test"})
        for n in ("Ali", "Olena")
    ]
    busy = login(staff["clerk2"])
    for client in [person, *others, person]:
        assert busy.get(reverse("clients:file", args=[client.pk])).status_code == 200
    login(staff["clerk"]).get(reverse("clients:file", args=[person.pk]))

    page = login(staff["lead"]).get(reverse("clients:review"))

    assert page.status_code == 200
    html = page.content.decode()
    team = teams["A"].pk
    outside = html.split(f'data-testid="outside-{team}-clerk_j"')[1].split("</tr>")[0]
    assert outside.count(">1<") == 2  # one read of one client file
    many = html.split(f'data-testid="busy-{team}-clerk_a2"')[1].split("</tr>")[0]
    assert ">3<" in many  # three distinct files, the fourth read repeats one
    assert f'data-testid="busy-{team}-clerk_a"' not in html


def test_with_the_usual_threshold_nobody_is_flagged(login, staff, teams, person):
    login(staff["clerk2"]).get(reverse("clients:file", args=[person.pk]))

    html = login(staff["lead"]).get(reverse("clients:review")).content.decode()

    assert f'data-testid="no-busy-{teams["A"].pk}"' in html
    assert f'data-testid="no-outside-{teams["A"].pk}"' in html
    assert f'data-testid="no-grants-{teams["A"].pk}"' in html


def test_old_reads_are_not_unusual_any_more(login, staff, teams, person, settings):
    settings.MIA_UNUSUAL_FILES_PER_DAY = 0
    login(staff["clerk2"]).get(reverse("clients:file", args=[person.pk]))
    AccessLog.objects.update(at=timezone.now() - dt.timedelta(days=8))

    html = login(staff["lead"]).get(reverse("clients:review")).content.decode()

    assert f'data-testid="no-busy-{teams["A"].pk}"' in html


def test_the_lead_marks_an_access_without_consent_as_seen(login, staff, teams, person):
    grant = grant_for(staff, person, teams)
    lead = login(staff["lead"])
    seen_url = reverse("clients:grant_reviewed", args=[grant.pk])
    assert f'action="{seen_url}"' in lead.get(reverse("clients:review")).content.decode()

    response = lead.post(seen_url)

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_at is not None
    html = lead.get(reverse("clients:review")).content.decode()
    assert f'data-testid="grant-{grant.pk}"' in html and f'action="{seen_url}"' not in html


@pytest.mark.parametrize("role", ["clerk", "jobcenter", "auditor"])
def test_only_the_owning_teams_lead_may_mark_a_grant_as_seen(login, staff, teams, person, role):
    grant = grant_for(staff, person, teams)

    response = login(staff[role]).post(reverse("clients:grant_reviewed", args=[grant.pk]))

    assert response.status_code in (403, 404)
    grant.refresh_from_db()
    assert grant.reviewed_at is None


@pytest.mark.parametrize(
    "role", ["clerk", "jobcenter", "housing", "reception", "auditor", "admin", "editor"]
)
def test_people_who_lead_no_team_get_403(login, staff, role):
    assert login(staff[role]).get(reverse("clients:review")).status_code == 403


# The auditors' access log


@pytest.fixture
def log(staff, teams):
    """Five reads: two of client 1 yesterday, one outside read of team A, two of client 2."""
    yesterday = timezone.now() - dt.timedelta(days=1)
    rows = [
        AccessLog(user=staff["clerk"], action="file", client_id=1, basis="record"),
        AccessLog(user=staff["clerk"], action="case", client_id=1, object_id=7, basis="team"),
        AccessLog(
            user=staff["jobcenter"],
            action="case",
            client_id=2,
            object_id=8,
            basis="legal",
            owner_team_id=teams["A"].pk,
            outside_team=True,
            reason="grant #1: § 87 AufenthG Übermittlungspflicht",
        ),
        AccessLog(user=staff["jobcenter"], action="file", client_id=2, basis="record"),
        AccessLog(user=staff["clerk2"], action="search", basis="record"),
    ]
    made = AccessLog.objects.bulk_create(rows)
    AccessLog.objects.filter(pk__in=[made[0].pk, made[1].pk]).update(at=yesterday)
    return made


def test_auditors_see_every_read(login, staff, log):
    page = login(staff["auditor"]).get(reverse("clients:access_log"))

    assert page.status_code == 200
    assert rows_on(page) == 5
    outside = page.content.decode().split(f'data-testid="row-{log[2].pk}"')[1].split("</tr>")[0]
    assert "§ 87 AufenthG Übermittlungspflicht" in outside and "Ausländerrecht" in outside


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"client": "1"}, {0, 1}),
        ({"user": "CLERK_J"}, {2, 3}),
        ({"action": "case"}, {1, 2}),
        ({"outside": "on"}, {2}),
        ({"end": (timezone.localdate() - dt.timedelta(days=1)).isoformat()}, {0, 1}),
        ({"start": timezone.localdate().isoformat(), "client": "2"}, {2, 3}),
        ({"client": "3"}, set()),
    ],
)
def test_the_filter_narrows_the_log(login, staff, log, query, expected):
    page = login(staff["auditor"]).get(reverse("clients:access_log"), query)

    html = page.content.decode()
    assert {i for i, row in enumerate(log) if f'data-testid="row-{row.pk}"' in html} == expected


@pytest.mark.parametrize(
    "query",
    [
        {"client": "abc"},
        {"client": str(10**30)},
        {"start": "2024-13-45"},
        {"start": "0001-01-01"},
        {"end": "9999-12-31"},
        {"start": "2024-05-02", "end": "2024-05-01"},
        {"action": "delete"},
    ],
)
def test_a_bad_filter_is_a_form_error_not_a_500(login, staff, log, query):
    page = login(staff["auditor"]).get(reverse("clients:access_log"), query)

    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="kern-error"' in html and 'data-testid="filter-invalid"' in html
    assert rows_on(page) == 0


def test_the_log_pages_by_fifty_and_keeps_the_filter(login, staff):
    AccessLog.objects.bulk_create(
        AccessLog(user=staff["clerk"], action="file", client_id=5, basis="record")
        for _ in range(60)
    )
    auditor = login(staff["auditor"])

    first = auditor.get(reverse("clients:access_log"), {"client": "5"})
    second = auditor.get(reverse("clients:access_log"), {"client": "5", "page": "2"})
    nonsense = auditor.get(reverse("clients:access_log"), {"page": "x"})

    assert (rows_on(first), rows_on(second), rows_on(nonsense)) == (50, 10, 50)
    assert "client=5&amp;page=2" in first.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("auditor", 200), ("admin", 200), ("clerk", 403), ("lead", 403), ("reception", 403)],
)
def test_only_auditors_and_admins_read_the_log(login, staff, log, role, status):
    assert login(staff[role]).get(reverse("clients:access_log")).status_code == status
