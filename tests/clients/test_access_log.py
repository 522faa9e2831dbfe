"""Every read of client data, by page or API, writes exactly one access-log row saying who read
what of whom and why; a refused read writes none (nothing was read)."""

import datetime as dt

import pytest
from django.urls import reverse

from mia.clients.models import AccessLog, Category
from mia.clients.services import invitations, sharing
from tests.clients.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(person, staff, teams, agency):
    case = person.cases.get(team__letter="A")
    consent = sharing.consent_record(
        user=staff["clerk"],
        client=person,
        owners=[teams["A"]],
        recipients=[teams["J"]],
        categories=[Category.CASES, Category.DOCUMENTS],
        given_on=dt.date.today(),
        form=upload(pdf_bytes(), "einwilligung.pdf"),
    )
    invitation = invitations.invitation_send(
        user=staff["clerk"], client=person, service=agency["services"]["permit"], channel="letter"
    )
    AccessLog.objects.all().delete()  # the fixtures' own writes read nothing
    return {
        "client": person,
        "case": case,
        "note": case.notes.get(),
        "document": case.documents.get(),
        "consent": consent,
        "invitation": invitation,
    }


def page(name: str, obj: str | None = None, query: str = ""):
    def url(world) -> str:
        kwargs = {"pk": world[obj].pk} if obj else {}
        return reverse(f"clients:{name}", kwargs=kwargs) + query

    return url


def api(path: str, obj: str | None = None):
    def url(world) -> str:
        return "/api/v1" + (path.format(world[obj].pk) if obj else path)

    return url


# (who, where, action, about the client?, basis)
READS = {
    "search page": ("clerk", page("search", query="?q=Haddad"), "search", False, "record"),
    "file page": ("clerk", page("file", "client"), "file", True, "record"),
    "card page": ("reception", page("card", "client"), "card", True, "record"),
    "case page": ("clerk", page("case", "case"), "case", True, "team"),
    "case page, by consent": ("jobcenter", page("case", "case"), "case", True, "consent"),
    "document page": ("clerk", page("document", "document"), "document", True, "team"),
    "document page, by consent": (
        "jobcenter",
        page("document", "document"),
        "document",
        True,
        "consent",
    ),
    "consent form": ("clerk", page("consent_form", "consent"), "consent_form", True, "record"),
    "export page": ("clerk", page("export", "client"), "export", True, "record"),
    "export json": ("clerk", page("export_json", "client"), "export", True, "record"),
    "export page, auditor": ("auditor", page("export", "client"), "export", True, "audit"),
    "my deadlines": ("clerk", page("deadlines"), "list", False, "team"),
    "expiring titles": ("clerk", page("expiring"), "list", False, "team"),
    "invitation letter": ("clerk", page("letter", "invitation"), "letter", True, "team"),
    "api search": ("clerk", api("/clients?q=Haddad"), "search", False, "record"),
    "api file": ("clerk", api("/clients/{}", "client"), "file", True, "record"),
    "api card": ("reception", api("/clients/{}/card", "client"), "card", True, "record"),
    "api case": ("clerk", api("/cases/{}", "case"), "case", True, "team"),
    "api note": ("clerk", api("/notes/{}", "note"), "note", True, "team"),
    "api document": ("clerk", api("/documents/{}/file", "document"), "document", True, "team"),
    "api document, by consent": (
        "jobcenter",
        api("/documents/{}/file", "document"),
        "document",
        True,
        "consent",
    ),
    "api export": ("auditor", api("/clients/{}/export", "client"), "export", True, "audit"),
}


@pytest.mark.parametrize("read", list(READS))
def test_every_read_writes_exactly_one_row(read, world, staff, login):
    role, where, action, about_client, basis = READS[read]
    response = login(staff[role]).get(where(world))
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    rows = list(AccessLog.objects.all())
    assert len(rows) == 1, [(r.action, r.reason) for r in rows]
    row = rows[0]
    assert (row.user, row.action, row.basis) == (staff[role], action, basis)
    assert row.client_id == (world["client"].pk if about_client else None)
    assert row.channel == ("api" if where(world).startswith("/api/") else "web")
    if basis == "consent":
        assert (row.outside_team, row.owner_team_id) == (True, world["case"].team_id)


def test_a_search_row_keeps_what_was_looked_for(world, staff, login):
    login(staff["clerk"]).get(reverse("clients:search") + "?q=Haddad")
    assert AccessLog.objects.get().reason.startswith("Haddad")


def test_reading_another_teams_case_by_consent_is_marked_outside_the_team_in_the_file_row(
    world, staff, login
):
    login(staff["jobcenter"]).get(f"/api/v1/clients/{world['client'].pk}")
    row = AccessLog.objects.get()
    assert row.outside_team
    assert f"consent #{world['consent'].pk}" in row.reason


# (who, where): reads the policy refuses
REFUSED = {
    "file page, reception": ("reception", page("file", "client")),
    "case page, youth office": ("youth", page("case", "case")),
    "document page, auditor": ("auditor", page("document", "document")),
    "search page, editor": ("editor", page("search", query="?q=Haddad")),
    "consent form, admin": ("admin", page("consent_form", "consent")),
    "letter, jobcenter": ("jobcenter", page("letter", "invitation")),
    "export, reception": ("reception", page("export", "client")),
    "api note without shareable flag, jobcenter": ("jobcenter", api("/notes/{}", "note")),
    "api case, partner": ("partner", api("/cases/{}", "case")),
    "api file, reception": ("reception", api("/clients/{}", "client")),
    "api export, admin": ("admin", api("/clients/{}/export", "client")),
    "api unknown client": ("clerk", api("/clients/999999")),
}


@pytest.mark.parametrize("read", list(REFUSED))
def test_a_refused_read_writes_no_row(read, world, staff, login):
    role, where = REFUSED[read]
    response = login(staff[role]).get(where(world))
    assert response.status_code in (403, 404)
    assert not AccessLog.objects.exists()


def test_withdrawn_consent_stops_the_reads_and_their_rows_at_once(world, staff, login):
    jobcenter = login(staff["jobcenter"])
    case_url = f"/api/v1/cases/{world['case'].pk}"
    assert jobcenter.get(case_url).status_code == 200
    sharing.consent_withdraw(user=staff["clerk"], consent=world["consent"])
    assert jobcenter.get(case_url).status_code == 404
    assert list(AccessLog.objects.values_list("action", "basis")) == [("case", "consent")]
