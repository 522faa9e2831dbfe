"""A team's casework: open a case, read and update it, add notes, documents and deadlines,
download a document."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mia.clients import policy
from mia.clients.forms.casework import (
    CaseCreateForm,
    CaseUpdateForm,
    DeadlineForm,
    DocumentForm,
    NoteForm,
)
from mia.clients.models import AccessLog, Category
from mia.clients.selectors import files, lists
from mia.clients.selectors.files import CaseView
from mia.clients.services import casework
from mia.clients.storage import private_download
from mia.clients.views.common import attempt, client_files


def _require_casework(request: HttpRequest) -> Any:
    """Casework is for members of teams; reception, admins and auditors get a clear no."""
    if not policy.may_work(request.user):
        raise PermissionDenied
    return request.user


def _case_url(case_id: int, anchor: str = "") -> str:
    return reverse("clients:case", kwargs={"pk": case_id}) + (f"#{anchor}" if anchor else "")


def _render_case(request: HttpRequest, view: CaseView, **bound: Any) -> HttpResponse:
    case = view.case
    forms: dict[str, Any] = {}
    if view.may_write:
        forms = {
            "update_form": CaseUpdateForm(case=case),
            "note_form": NoteForm(),
            "document_form": DocumentForm(),
            "deadline_form": DeadlineForm(case=case),
        }
    forms.update(bound)
    context = {
        "case": case,
        "view": view,
        "basis_label": AccessLog.Basis(view.access.basis).label,
        **forms,
    }
    return render(request, "clients/case.html", context)


def _rerender(request: HttpRequest, case_id: int, **bound: Any) -> HttpResponse:
    """After a refused write: the case page again, with the form as the user filled it in."""
    view = files.case_detail(user=request.user, case_id=case_id)
    return _render_case(request, view, **bound)


@client_files
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_casework(request)
    if request.method == "POST":
        client = lists.work_client(user=user, client_id=pk)
        form = CaseCreateForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            case = attempt(
                request,
                lambda: casework.case_open(
                    user=user,
                    client=client,
                    team=data["team"],
                    subject=data["subject"],
                    assignee=data["assignee"],
                ),
                done=_("The case was opened."),
            )
            if case:
                return redirect(_case_url(case.pk))
    else:
        form = CaseCreateForm(user=user, initial={"team": request.GET.get("team")})
    client, _visits = files.client_card(user=user, client_id=pk)
    return render(request, "clients/case_create.html", {"client": client, "form": form})


@client_files
@require_http_methods(["GET", "POST"])
def case(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_casework(request)
    if request.method == "GET":
        return _render_case(request, files.case_detail(user=user, case_id=pk))
    found = lists.work_case(user=user, case_id=pk)
    form = CaseUpdateForm(request.POST, case=found)
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            lambda: casework.case_update(
                user=user,
                case=found,
                subject=data["subject"],
                status=data["status"],
                assignee=data["assignee"],
            ),
            done=_("The case was saved."),
        )
        if done:
            return redirect(_case_url(pk))
    return _rerender(request, pk, update_form=form)


@client_files
@require_POST
def note_add(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_casework(request)
    found = lists.work_case(user=user, case_id=pk, category=Category.NOTES)
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            lambda: casework.note_add(
                user=user, case=found, body=data["body"], shareable=data["shareable"]
            ),
            done=_("The note was added."),
        )
        if done:
            return redirect(_case_url(pk, "notes"))
    return _rerender(request, pk, note_form=form)


@client_files
@require_POST
def document_add(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_casework(request)
    found = lists.work_case(user=user, case_id=pk, category=Category.DOCUMENTS)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            lambda: casework.document_add(
                user=user, case=found, title=data["title"], upload=data["file"]
            ),
            done=_("The document was stored."),
        )
        if done:
            return redirect(_case_url(pk, "documents"))
    return _rerender(request, pk, document_form=form)


@client_files
@require_POST
def deadline_add(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_casework(request)
    found = lists.work_case(user=user, case_id=pk, category=Category.DEADLINES)
    form = DeadlineForm(request.POST, case=found)
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            lambda: casework.deadline_add(
                user=user,
                case=found,
                title=data["title"],
                due=data["due"],
                service=data["service"],
                assignee=data["assignee"],
            ),
            done=_("The deadline was added."),
        )
        if done:
            return redirect(_case_url(pk, "deadlines"))
    return _rerender(request, pk, deadline_form=form)


@client_files
@require_POST
def deadline_done(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_casework(request)
    deadline = lists.work_deadline(user=user, deadline_id=pk)
    attempt(
        request,
        lambda: casework.deadline_done(user=user, deadline=deadline),
        done=_("The deadline is marked as done."),
    )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect(_case_url(deadline.case_id, "deadlines"))


@client_files
@require_GET
def document(request: HttpRequest, pk: int = 0) -> HttpResponseBase:
    """The file itself, as a download that the browser never renders or runs in our origin."""
    user = _require_casework(request)
    found = files.document_open(user=user, document_id=pk)
    return private_download(found.file, filename=found.filename, content_type=found.content_type)
