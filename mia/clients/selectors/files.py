"""Opening a client file, a case, a note, a document or a consent form."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied

from mia.appointments import selectors as appointments
from mia.clients import policy
from mia.clients.access import Action, log_read, not_found
from mia.clients.models import (
    Case,
    Category,
    Client,
    Consent,
    Deadline,
    Document,
    Grant,
    Note,
)
from mia.reception import selectors as reception


@dataclass
class ClientFile:
    client: Client
    household: list[Client]
    visits: list[Any]
    bookings: list[Any]
    cases: list[Case]
    deadlines: list[Deadline]
    consents: list[Consent]
    grants: list[Grant]
    access: dict[int, policy.Access] = field(default_factory=dict)


@dataclass
class CaseView:
    case: Case
    access: policy.Access
    notes: list[Note]
    documents: list[Document]
    deadlines: list[Deadline]
    may_write: bool


def _client(client_id: int) -> Client:
    client = Client.objects.filter(pk=client_id, anonymised_at__isnull=True).first()
    if client is None:
        raise not_found()
    return client


def _visits(client: Client) -> list[Any]:
    ids = list(client.visit_links.values_list("visit_id", flat=True))
    return reception.visits_with_concerns(visit_ids=ids) if ids else []


def client_card(*, user: Any, client_id: int, channel: str = "web") -> tuple[Client, list[Any]]:
    """Names, birth date and the concerns of linked visits: what reception may see."""
    if not policy.may_view_card(user):
        raise PermissionDenied
    client = _client(client_id)
    visits = _visits(client)
    log_read(user=user, action=Action.CARD, channel=channel, client_id=client.pk)
    return client, visits


def client_file(*, user: Any, client_id: int, channel: str = "web") -> ClientFile:
    """The shared record with the cases and deadlines this user may see."""
    if not policy.may_view_record(user):
        raise PermissionDenied
    client = _client(client_id)
    visits = _visits(client)
    maps = policy.access_maps(user, client.pk)
    case_access, deadline_access = maps[Category.CASES], maps[Category.DEADLINES]
    household = (
        list(
            Client.objects.filter(household_id=client.household_id, anonymised_at__isnull=True)
            .exclude(pk=client.pk)
            .order_by("birth_date", "pk")
        )
        if client.household_id
        else []
    )
    cases = list(
        client.cases.filter(team_id__in=list(case_access))
        .select_related("team", "assignee")
        .order_by("status", "-opened_at")
    )
    deadlines = list(
        Deadline.objects.filter(
            case__client=client, case__team_id__in=list(deadline_access), done_at__isnull=True
        ).select_related("case__team", "service")
    )
    outside = sorted({a.reason for a in case_access.values() if a.outside_team})
    log_read(
        user=user,
        action=Action.FILE,
        channel=channel,
        client_id=client.pk,
        outside_team=bool(outside),
        reason="; ".join(outside),
    )
    return ClientFile(
        client=client,
        household=household,
        visits=visits,
        bookings=appointments.bookings_by_codes([v.booking_code for v in visits]),
        cases=cases,
        deadlines=deadlines,
        consents=list(
            client.consents.prefetch_related("owners", "recipients").select_related("recorded_by")
        ),
        grants=list(policy.active_grants(user, client.pk).select_related("team")),
        access=case_access,
    )


def case_detail(*, user: Any, case_id: int, channel: str = "web") -> CaseView:
    """A case with the notes, documents and deadlines this user may see of it."""
    case = (
        Case.objects.select_related("client", "team", "assignee")
        .filter(pk=case_id, client__anonymised_at__isnull=True)
        .first()
    )
    maps = policy.access_maps(user, case.client_id) if case else {}
    access = maps[Category.CASES].get(case.team_id) if case else None
    if case is None or access is None:
        raise not_found()
    mine = not access.outside_team

    def allowed(category: str) -> bool:
        return mine or case.team_id in maps[category]

    notes = case.notes.select_related("author") if allowed(Category.NOTES) else Note.objects.none()
    if not mine:
        notes = notes.filter(shareable=True)
    view = CaseView(
        case=case,
        access=access,
        notes=list(notes),
        documents=list(case.documents.select_related("uploaded_by"))
        if allowed(Category.DOCUMENTS)
        else [],
        deadlines=list(case.deadlines.select_related("service", "assignee"))
        if allowed(Category.DEADLINES)
        else [],
        may_write=policy.may_work_for(user, case.team_id),
    )
    log_read(
        user=user,
        action=Action.CASE,
        channel=channel,
        client_id=case.client_id,
        object_id=case.pk,
        access=access,
    )
    return view


def note_get(*, user: Any, note_id: int, channel: str = "web") -> Note:
    note = Note.objects.select_related("case").filter(pk=note_id).first()
    access = (
        policy.access_to(user, note.case.client_id, note.case.team_id, Category.NOTES)
        if note
        else None
    )
    if note is None or access is None or (access.outside_team and not note.shareable):
        raise not_found()
    log_read(
        user=user,
        action=Action.NOTE,
        channel=channel,
        client_id=note.case.client_id,
        object_id=note.pk,
        access=access,
    )
    return note


def document_open(*, user: Any, document_id: int, channel: str = "web") -> Document:
    document = Document.objects.select_related("case").filter(pk=document_id).first()
    access = (
        policy.access_to(user, document.case.client_id, document.case.team_id, Category.DOCUMENTS)
        if document
        else None
    )
    if document is None or access is None:
        raise not_found()
    log_read(
        user=user,
        action=Action.DOCUMENT,
        channel=channel,
        client_id=document.case.client_id,
        object_id=document.pk,
        access=access,
    )
    return document


def consent_form_open(*, user: Any, consent_id: int, channel: str = "web") -> Consent:
    """The scan of a signed consent form: for staff who may record consent."""
    consent = Consent.objects.filter(pk=consent_id).first()
    if consent is None or not policy.may_record_consent(user):
        raise not_found()
    log_read(
        user=user,
        action=Action.CONSENT_FORM,
        channel=channel,
        client_id=consent.client_id,
        object_id=consent.pk,
    )
    return consent
