"""A team's writes: cases, notes, documents and deadlines. Only the team's members write."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.clients import policy, uploads
from mia.clients.models import Case, Client, Deadline, Document, Note
from mia.core.audit import ADDITION, CHANGE, log_change
from mia.core.errors import ApplicationError

NOTE_MAX = 20_000


def _require_team(user: Any, team_id: int) -> None:
    if not policy.may_work_for(user, team_id):
        raise PermissionDenied


def case_open(*, user: Any, client: Client, team: Any, subject: str, assignee: Any = None) -> Case:
    _require_team(user, team.pk)
    subject = subject.strip()
    if not subject:
        raise ApplicationError(_("Enter a subject."), code="subject_missing", status=422)
    with transaction.atomic():
        case = Case.objects.create(
            client=client, team=team, subject=subject[:200], assignee=assignee or user
        )
        log_change(user=user, obj=case, flag=ADDITION, message="Case opened")
    return case


def case_update(*, user: Any, case: Case, subject: str, status: str, assignee: Any = None) -> Case:
    _require_team(user, case.team_id)
    if status not in Case.Status.values:
        raise ApplicationError(_("Choose a valid status."), code="status_invalid", status=422)
    if assignee is not None and not policy.team_ids(assignee) & {case.team_id}:
        raise ApplicationError(
            _("Cases can only be assigned to members of the team."),
            code="assignee_outside_team",
            status=422,
        )
    with transaction.atomic():
        # Locked, so a retention run deleting the case meanwhile cannot be undone by this save.
        if not Case.objects.select_for_update().filter(pk=case.pk).exists():
            raise ApplicationError(_("This case no longer exists."), code="case_gone", status=404)
        case.subject = subject.strip()[:200] or case.subject
        case.assignee = assignee
        if status == Case.Status.CLOSED and case.status != Case.Status.CLOSED:
            case.closed_at = timezone.now()
        elif status != Case.Status.CLOSED:
            case.closed_at = None
        case.status = status
        case.save(force_update=True)
        log_change(user=user, obj=case, flag=CHANGE, message=f"Case {status}")
    return case


def note_add(*, user: Any, case: Case, body: str, shareable: bool = False) -> Note:
    """Notes are plain text; templates escape them, so markup in a note never runs."""
    _require_team(user, case.team_id)
    body = body.strip()
    if not body:
        raise ApplicationError(_("The note is empty."), code="note_empty", status=422)
    if len(body) > NOTE_MAX:
        raise ApplicationError(
            _("A note may hold at most %(max)d characters.") % {"max": NOTE_MAX},
            code="note_too_long",
            status=422,
        )
    with transaction.atomic():
        note = Note.objects.create(case=case, body=body, shareable=shareable, author=user)
        log_change(user=user, obj=case, flag=CHANGE, message=f"Note #{note.pk} added")
    return note


def document_add(*, user: Any, case: Case, title: str, upload: UploadedFile) -> Document:
    """Check the file by its content, then store it privately. A refused file changes nothing."""
    _require_team(user, case.team_id)
    checked = uploads.check(upload)
    with transaction.atomic():
        document = Document(
            case=case,
            title=(title.strip() or checked.filename)[:200],
            filename=checked.filename,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=user,
        )
        document.file.save(checked.stored_name, checked.content, save=False)
        try:
            document.save()
            log_change(user=user, obj=case, flag=CHANGE, message=f"Document #{document.pk} added")
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_delete(*, user: Any, document: Document) -> None:
    _require_team(user, document.case.team_id)
    with transaction.atomic():
        log_change(
            user=user, obj=document.case, flag=CHANGE, message=f"Document #{document.pk} deleted"
        )
        document.delete()
        transaction.on_commit(lambda: document.file.delete(save=False))


def deadline_add(
    *,
    user: Any,
    case: Case,
    title: str,
    due: dt.date,
    service: Any = None,
    assignee: Any = None,
) -> Deadline:
    _require_team(user, case.team_id)
    if not title.strip():
        raise ApplicationError(_("Say what is due."), code="title_missing", status=422)
    if service is not None and service.team_id != case.team_id:
        raise ApplicationError(
            _("Choose a service of the case's team."), code="service_other_team", status=422
        )
    with transaction.atomic():
        deadline = Deadline.objects.create(
            case=case,
            title=title.strip()[:200],
            due=due,
            service=service,
            assignee=assignee or user,
        )
        log_change(user=user, obj=case, flag=CHANGE, message=f"Deadline #{deadline.pk} added")
    return deadline


def deadline_done(*, user: Any, deadline: Deadline) -> Deadline:
    _require_team(user, deadline.case.team_id)
    with transaction.atomic():
        deadline.done_at = deadline.done_at or timezone.now()
        deadline.save(update_fields=["done_at"])
        log_change(
            user=user, obj=deadline.case, flag=CHANGE, message=f"Deadline #{deadline.pk} done"
        )
    return deadline
