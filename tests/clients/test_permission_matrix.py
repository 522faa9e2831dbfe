"""Every client-file page and API route, for every kind of user → what the policy says.

The table below is written from mia/clients/policy.py, not from what the views happen to do.
It must name every url of the `clients` namespace and every client API route: a new endpoint
without a row fails `test_the_matrix_covers_every_page_and_route`.

Columns: anonymous, reception, clerk (team A), jobcenter (team J), jobcenter with the client's
consent to see team A's data, youth office clerk (F), team lead of A, housing (no team),
editor, partner editor, admin, auditor. Outcomes: `ok` (allowed: 2xx/3xx, or a form that
refuses the empty test input), `403` (forbidden: the role never may, whatever the id, or it
may read the object but not change it), `404` (hidden: the id points at data the user may not
see, so it reveals nothing), `in` (log in first: redirect to the login page, 401 from the API).

Objects: team A's case, note, document and deadline of the `person` fixture; a letter
invitation of team A; a consent (the jobcenter's cases shared with team A, which changes none
of the rows); a grant on team A's data held by another jobcenter clerk.
"""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client as Browser
from django.urls import URLPattern, reverse

from mia.accounts.models import Role
from mia.api import api
from mia.clients import urls as client_urls
from mia.clients.models import Category
from mia.clients.services import invitations, sharing
from tests import factories
from tests.clients.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "reception",
    "clerk",
    "jobcenter",
    "jobcenter+consent",
    "youth",
    "lead",
    "housing",
    "editor",
    "partner",
    "admin",
    "auditor",
)

# url name: (method, object in the url, outcome per role in the order of ROLES)
PAGES: dict[str, tuple[str, str | None, str]] = {
    #                                       anon rec  clrk job  job+ yth  lead hous edit part admn audt
    "search": ("get", None,                "in   ok   ok   ok   ok   ok   ok   ok   403  403  ok   ok"),
    "create": ("get", None,                "in   403  ok   ok   ok   ok   ok   ok   403  403  ok   403"),
    "file": ("get", "client",              "in   403  ok   ok   ok   ok   ok   ok   403  403  ok   ok"),
    "card": ("get", "client",              "in   ok   ok   ok   ok   ok   ok   ok   403  403  ok   ok"),
    "edit": ("get", "client",              "in   403  ok   ok   ok   ok   ok   ok   403  403  ok   403"),
    "household": ("post", "client",        "in   403  ok   ok   ok   ok   ok   ok   403  403  ok   403"),
    "link_visit": ("post", "client",       "in   403  ok   ok   ok   ok   ok   403  403  403  403  403"),
    "case_create": ("get", "client",       "in   403  ok   ok   ok   ok   ok   403  403  403  403  403"),
    "case": ("get", "case",                "in   403  ok   404  ok   404  ok   403  403  403  403  403"),
    "note_add": ("post", "case",           "in   403  ok   404  403  404  ok   403  403  403  403  403"),
    "document_add": ("post", "case",       "in   403  ok   404  403  404  ok   403  403  403  403  403"),
    "deadline_add": ("post", "case",       "in   403  ok   404  403  404  ok   403  403  403  403  403"),
    "document": ("get", "document",        "in   403  ok   404  ok   404  ok   403  403  403  403  403"),
    "deadline_done": ("post", "deadline",  "in   403  ok   404  403  404  ok   403  403  403  403  403"),
    "invite": ("get", "client",            "in   403  ok   ok   ok   ok   ok   403  403  403  403  403"),
    "letter": ("get", "invitation",        "in   403  ok   404  404  404  ok   403  403  403  403  403"),
    "deadlines": ("get", None,             "in   403  ok   ok   ok   ok   ok   403  403  403  403  403"),
    "expiring": ("get", None,              "in   403  ok   ok   ok   ok   ok   403  403  403  403  403"),
    "consent_create": ("get", "client",    "in   403  ok   ok   ok   ok   ok   ok   403  403  403  403"),
    "consent_withdraw": ("post", "consent", "in   403  ok   ok   ok   ok   ok   ok   403  403  403  403"),
    "consent_form": ("get", "consent",     "in   404  ok   ok   ok   ok   ok   ok   403  403  404  404"),
    "grant_create": ("get", "client",      "in   403  ok   ok   ok   ok   ok   403  403  403  403  403"),
    "review": ("get", None,                "in   403  403  403  403  403  ok   403  403  403  403  403"),
    "grant_reviewed": ("post", "grant",    "in   404  404  404  404  404  ok   404  403  403  404  404"),
    "access_log": ("get", None,            "in   403  403  403  403  403  403  403  403  403  ok   ok"),
    "export": ("get", "client",            "in   403  ok   ok   ok   ok   ok   ok   403  403  403  ok"),
    "export_json": ("get", "client",       "in   403  ok   ok   ok   ok   ok   ok   403  403  403  ok"),
    "retention": ("get", None,             "in   403  403  403  403  403  ok   403  403  403  ok   403"),
}  # fmt: skip

# "METHOD /api/v1 path": outcome per role
API: dict[str, str] = {
    #                                          anon rec  clrk job  job+ yth  lead hous edit part admn audt
    "GET /clients":                            "in   ok   ok   ok   ok   ok   ok   ok   403  403  ok   ok",
    "POST /clients":                           "in   403  ok   ok   ok   ok   ok   ok   403  403  ok   403",
    "GET /clients/{client_id}":                "in   403  ok   ok   ok   ok   ok   ok   403  403  ok   ok",
    "PATCH /clients/{client_id}":              "in   403  ok   ok   ok   ok   ok   ok   403  403  ok   403",
    "GET /clients/{client_id}/card":           "in   ok   ok   ok   ok   ok   ok   ok   403  403  ok   ok",
    "GET /clients/{client_id}/export":         "in   403  ok   ok   ok   ok   ok   ok   403  403  403  ok",
    "GET /cases/{case_id}":                    "in   403  ok   404  ok   404  ok   403  403  403  403  403",
    "GET /notes/{note_id}":                    "in   403  ok   404  404  404  ok   403  403  403  403  403",
    "GET /documents/{document_id}/file":       "in   403  ok   404  ok   404  ok   403  403  403  403  403",
    "GET /audit/access":                       "in   403  403  403  403  403  403  403  403  403  ok   ok",
}  # fmt: skip

API_PREFIXES = ("/clients", "/cases", "/notes", "/documents", "/audit")
API_BODIES = {"POST /clients": {"last_name": "Nasser"}, "PATCH /clients/{client_id}": {"phone": ""}}
PAGE_QUERY = {"search": "?q=Haddad"}


def expected(row: str) -> dict[str, str]:
    outcomes = row.split()
    assert len(outcomes) == len(ROLES), row
    return dict(zip(ROLES, outcomes, strict=True))


def url_names() -> set[str]:
    return {p.name for p in client_urls.urlpatterns if isinstance(p, URLPattern) and p.name}


def api_routes() -> set[str]:
    prefix = "/api/v1"
    return {
        f"{method.upper()} {path.removeprefix(prefix)}"
        for path, operations in api.get_openapi_schema()["paths"].items()
        if path.removeprefix(prefix).startswith(API_PREFIXES)
        for method in operations
    }


def test_the_matrix_covers_every_page_and_route():
    assert set(PAGES) == url_names()
    assert set(API) == api_routes()
    for _method, _obj, row in PAGES.values():
        expected(row)
    for row in API.values():
        expected(row)


@pytest.fixture
def world(person, staff, teams, agency):
    """The objects the urls point at, for the table's rows."""
    case = person.cases.get(team__letter="A")
    consent = sharing.consent_record(
        user=staff["jobcenter"],
        client=person,
        owners=[teams["J"]],
        recipients=[teams["A"]],
        categories=[Category.CASES],
        given_on=dt.date.today(),
        form=upload(pdf_bytes(), "einwilligung.pdf"),
    )
    other_jobcenter_clerk = factories.staff("clerk_j9", Role.CLERK, (teams["J"],))
    grant = sharing.grant_open(
        user=other_jobcenter_clerk,
        client=person,
        team=teams["A"],
        basis="legal",
        reason="§ 50 SGB II: Abgleich des Aufenthaltsstatus",
    )
    invitation = invitations.invitation_send(
        user=staff["clerk"], client=person, service=agency["services"]["permit"], channel="letter"
    )
    return {
        "client": person,
        "case": case,
        "note": case.notes.get(),
        "document": case.documents.get(),
        "deadline": case.deadlines.get(),
        "invitation": invitation,
        "consent": consent,
        "grant": grant,
    }


def browser_for(role: str, staff, teams, person, login) -> Browser:
    if role == "anonymous":
        return Browser()
    if role == "jobcenter+consent":
        sharing.consent_record(
            user=staff["clerk"],
            client=person,
            owners=[teams["A"]],
            recipients=[teams["J"]],
            categories=list(Category.values),
            given_on=dt.date.today(),
            form=upload(pdf_bytes(), "einwilligung-a.pdf"),
        )
        return login(staff["jobcenter"])
    return login(staff[role])


def outcome(response, *, from_api: bool) -> str:
    status = response.status_code
    if status == 401 and from_api:
        return "in"
    if status in (301, 302, 303):
        target = urlsplit(response["Location"]).path
        if target == resolve_url(settings.LOGIN_URL):
            return "in"
    if status in (403, 404):
        return str(status)
    # 400/422: the permission check passed and the form refused the empty test input.
    if status < 400 or status in (400, 422):
        return "ok"
    return str(status)


def _page_cases():
    for name, (_method, _obj, row) in PAGES.items():
        for role, result in expected(row).items():
            yield pytest.param(name, role, result, id=f"{name}-{role}")


def _api_cases():
    for route, row in API.items():
        for role, result in expected(row).items():
            yield pytest.param(route, role, result, id=f"{route}-{role}")


@pytest.mark.parametrize(("name", "role", "result"), list(_page_cases()))
def test_page(name, role, result, world, staff, teams, login):
    method, obj, _row = PAGES[name]
    kwargs = {"pk": world[obj].pk} if obj else {}
    url = reverse(f"clients:{name}", kwargs=kwargs) + PAGE_QUERY.get(name, "")
    browser = browser_for(role, staff, teams, world["client"], login)
    response = getattr(browser, method)(url)
    assert outcome(response, from_api=False) == result


@pytest.mark.parametrize(("route", "role", "result"), list(_api_cases()))
def test_api(route, role, result, world, staff, teams, login):
    method, path = route.split(" ", 1)
    path = path.format(
        client_id=world["client"].pk,
        case_id=world["case"].pk,
        note_id=world["note"].pk,
        document_id=world["document"].pk,
    )
    browser = browser_for(role, staff, teams, world["client"], login)
    sender = getattr(browser, method.lower())
    url = f"/api/v1{path}" + ("?q=Haddad" if route == "GET /clients" else "")
    body = API_BODIES.get(route)
    response = (
        sender(url, body, content_type="application/json") if body is not None else sender(url)
    )
    assert outcome(response, from_api=True) == result, response.content[:300]
