"""JSON API of client files: search, create, read and correct the record, a team's cases,
notes and documents, the person's data export, and the read-access log.

Every read goes through a selector of mia/clients/selectors, which asks the policy and writes
the access-log row itself; these endpoints only translate between HTTP and those calls."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from mia.accounts.api import staff_auth
from mia.clients import policy
from mia.clients.access import not_found
from mia.clients.api_schemas import (
    AccessOut,
    AccessQuery,
    CardOut,
    CaseOut,
    ClientFileOut,
    ClientIn,
    ClientOut,
    ClientPatch,
    ClientSummaryOut,
    NoteOut,
)
from mia.clients.models import Client
from mia.clients.selectors import files, oversight
from mia.clients.selectors.search import client_search
from mia.clients.services import record
from mia.clients.storage import private_download
from mia.core.errors import ApplicationError
from mia.core.schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["clients"])
CHANNEL = "api"
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


def _user(request: HttpRequest) -> Any:
    """The staff member, once client files' own rules are met: a role that uses them (editors
    and partners get nothing) and, for sessions, a verified second factor."""
    if not policy.may_use(request.user):
        raise PermissionDenied
    if policy.second_factor_missing(request):
        raise ApplicationError(
            _("Client files need a second factor. Verify it, then try again."),
            code="second_factor_required",
            status=403,
        )
    return request.user


def _caseworker(request: HttpRequest) -> Any:
    """Cases, notes and documents are for staff who work in a team, as on the pages."""
    user = _user(request)
    if not policy.may_work(user):
        raise PermissionDenied  # for any id: says nothing about what exists
    return user


def _visit_out(visit: Any) -> dict[str, Any]:
    return {
        "id": visit.pk,
        "ticket": visit.ticket,
        "concerns": [str(c.service.name) for c in visit.concerns.all()],
    }


@router.get(
    "/clients",
    response={200: list[ClientSummaryOut], **ERRORS},
    auth=staff_auth,
    summary="Find clients by name (spelling-tolerant), date of birth or reference number",
)
def client_list(request: HttpRequest, q: str = "") -> list[Client]:
    query = q.replace("\x00", "")  # PostgreSQL text cannot hold NUL; it is never in a name
    return client_search(user=_user(request), query=query, channel=CHANNEL)


@router.post(
    "/clients",
    response={201: ClientOut, **ERRORS},
    auth=staff_auth,
    summary="Create a client file",
)
def client_create(request: HttpRequest, body: ClientIn) -> Status:
    values = body.dict(exclude_none=True)
    return Status(201, record.client_create(user=_user(request), values=values))


@router.get(
    "/clients/{client_id}",
    response={200: ClientFileOut, **ERRORS},
    auth=staff_auth,
    summary="Read a client file: the record with the cases and deadlines you may see",
)
def client_get(request: HttpRequest, client_id: int) -> dict[str, Any]:
    found = files.client_file(user=_user(request), client_id=client_id, channel=CHANNEL)
    return {
        "client": found.client,
        "household": found.household,
        "visits": [_visit_out(v) for v in found.visits],
        "cases": found.cases,
        "deadlines": found.deadlines,
        "consents": [
            {
                "id": c.pk,
                "owners": [t.pk for t in c.owners.all()],
                "recipients": [t.pk for t in c.recipients.all()],
                "categories": c.categories,
                "given_on": c.given_on,
                "withdrawn_at": c.withdrawn_at,
            }
            for c in found.consents
        ],
    }


@router.get(
    "/clients/{client_id}/card",
    response={200: CardOut, **ERRORS},
    auth=staff_auth,
    summary="The name card reception sees: names, birth date, concerns of linked visits",
)
def client_card(request: HttpRequest, client_id: int) -> CardOut:
    client, visits = files.client_card(user=_user(request), client_id=client_id, channel=CHANNEL)
    return CardOut(
        id=client.pk,
        first_name=client.first_name,
        last_name=client.last_name,
        birth_date=client.birth_date,
        concerns=[str(c.service.name) for v in visits for c in v.concerns.all()],
    )


@router.patch(
    "/clients/{client_id}",
    response={200: ClientOut, **ERRORS},
    auth=staff_auth,
    summary="Correct the record; only the fields sent change",
)
def client_update(request: HttpRequest, client_id: int, body: ClientPatch) -> Client:
    user = _user(request)
    if not policy.may_edit_record(user):
        raise PermissionDenied  # before the lookup: no hint whether the id exists
    client = Client.objects.filter(pk=client_id, anonymised_at__isnull=True).first()
    if client is None:
        raise not_found()
    return record.client_update(user=user, client=client, values=body.dict(exclude_unset=True))


@router.get(
    "/clients/{client_id}/export",
    response={200: dict[str, Any], **ERRORS},
    auth=staff_auth,
    summary="Everything stored about the person, including who read it",
)
def client_export(request: HttpRequest, client_id: int) -> dict[str, Any]:
    from mia.clients.selectors.export import client_export as export

    return export(user=_user(request), client_id=client_id, channel=CHANNEL)


@router.get(
    "/cases/{case_id}",
    response={200: CaseOut, **ERRORS},
    auth=staff_auth,
    summary="A case with the notes, documents and deadlines you may see of it",
)
def case_get(request: HttpRequest, case_id: int) -> dict[str, Any]:
    view = files.case_detail(user=_caseworker(request), case_id=case_id, channel=CHANNEL)
    case = view.case
    return {
        "id": case.pk,
        "client_id": case.client_id,
        "team_id": case.team_id,
        "subject": case.subject,
        "status": case.status,
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "access": view.access.basis,
        "notes": view.notes,
        "documents": view.documents,
        "deadlines": view.deadlines,
    }


@router.get(
    "/notes/{note_id}",
    response={200: NoteOut, **ERRORS},
    auth=staff_auth,
    summary="One note",
)
def note_get(request: HttpRequest, note_id: int) -> Any:
    return files.note_get(user=_caseworker(request), note_id=note_id, channel=CHANNEL)


@router.get(
    "/documents/{document_id}/file",
    response={200: None, **ERRORS},
    auth=staff_auth,
    summary="The stored file of a document, as an attachment",
)
def document_file(request: HttpRequest, document_id: int) -> FileResponse:
    document = files.document_open(
        user=_caseworker(request), document_id=document_id, channel=CHANNEL
    )
    return private_download(
        document.file, filename=document.filename, content_type=document.content_type
    )


@router.get(
    "/audit/access",
    response={200: list[AccessOut], **ERRORS},
    auth=staff_auth,
    summary="The read-access log, newest first (auditors and administrators)",
)
def access_log(request: HttpRequest, query: Query[AccessQuery]) -> list[AccessOut]:
    if not policy.may_audit(_user(request)):
        raise PermissionDenied
    rows = oversight.access_log(client_id=query.client, username=query.user or "")
    return [
        AccessOut(
            at=row.at,
            user=row.user.username,
            action=row.action,
            object=row.object_id,
            reason=row.reason,
            basis=row.basis,
            team=row.owner_team_id,
            client=row.client_id,
            outside_team=row.outside_team,
            channel=row.channel,
        )
        for row in rows[query.offset : query.offset + query.limit]
    ]
