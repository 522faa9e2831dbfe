"""The shared record: creating, opening, correcting; households and linked visits."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.appointments import selectors as appointments
from mia.clients import policy
from mia.clients.access import not_found
from mia.clients.forms.record import HouseholdForm, RecordForm, VisitForm, record_initial
from mia.clients.models import Category, Client
from mia.clients.selectors import files
from mia.clients.selectors.links import client_for_visit
from mia.clients.services import record
from mia.clients.views.common import attempt, client_files
from mia.clients.views.search import visit_param
from mia.core.errors import ApplicationError
from mia.organisation.models import Team
from mia.reception import selectors as reception

EXPIRY_WARNING = dt.timedelta(weeks=8)


def _for_write(pk: int) -> Client:
    """The record a write acts on. Not a read: nothing of it is shown, so nothing is logged."""
    client = Client.objects.filter(pk=pk, anonymised_at__isnull=True).first()
    if client is None:
        raise not_found()
    return client


def _visit(visit_id: int | None) -> Any:
    found = reception.visits_with_concerns(visit_ids=[visit_id]) if visit_id else []
    return found[0] if found else None


def _save(form: RecordForm, action: Any) -> Client | None:
    """Run the service; its rule errors (no name, birth in the future) become form errors."""
    try:
        return action()
    except ApplicationError as error:
        form.add_error(RecordForm.ERROR_FIELDS.get(error.code), error.detail)
        return None


def _prefill(visit: Any) -> dict[str, Any]:
    """What the visit and its booking already say about the visitor."""
    initial: dict[str, Any] = {"language": visit.language, "languages": [visit.language]}
    booking = appointments.booking_by_code(visit.booking_code) if visit.booking_code else None
    if booking is not None:
        first, _space, last = booking.name.strip().rpartition(" ")
        initial.update(first_name=first, last_name=last, email=booking.email, phone=booking.phone)
    return initial


@client_files
def create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policy.may_edit_record(user):
        raise PermissionDenied
    visit = _visit(visit_param(request))
    linked = client_for_visit(visit.pk) if visit else None
    form = RecordForm(
        request.POST if request.method == "POST" else None,
        initial=_prefill(visit) if visit else {},
    )
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        client = _save(form, lambda: record.client_create(user=user, values=values))
        if client is not None:
            messages.success(request, _("The client file was created."))
            if visit and not linked and policy.may_work(user):
                attempt(
                    request,
                    lambda: record.visit_link(user=user, client=client, visit_id=visit.pk),
                    _("The visit is linked to the file."),
                )
            return redirect("clients:file", pk=client.pk)
    return render(request, "clients/create.html", {"form": form, "visit": visit, "linked": linked})


def _teams_to_open_cases(user: Any) -> list[Team]:
    return [
        team
        for team in Team.objects.filter(pk__in=policy.team_ids(user)).order_by("position")
        if policy.may_work_for(user, team.pk)
    ]


def _consents(consents: list[Any]) -> list[tuple[Any, list[str]]]:
    labels = dict(Category.choices)
    return [(c, [str(labels.get(k, k)) for k in c.categories]) for c in consents]


def _visit_to_link(request: HttpRequest, client: Client) -> Any:
    """The desk visit the clerk came from, when it is not linked to any file yet."""
    visit = _visit(visit_param(request))
    if visit is None or not policy.may_work(request.user) or client_for_visit(visit.pk):
        return None
    return visit


@client_files
def file(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    found = files.client_file(user=user, client_id=pk)
    client = found.client
    today = timezone.localdate()
    expires = client.residence_expires
    return render(
        request,
        "clients/file.html",
        {
            "found": found,
            "client": client,
            "consents": _consents(found.consents),
            "expires_soon": bool(expires and expires <= today + EXPIRY_WARNING),
            "expired": bool(expires and expires < today),
            "today": today,
            "case_teams": _teams_to_open_cases(user),
            "link_visit": _visit_to_link(request, client),
            "household_form": HouseholdForm(),
            "may_edit": policy.may_edit_record(user),
            "may_work": policy.may_work(user),
            "may_consent": policy.may_record_consent(user),
            "may_export": policy.may_export(user),
        },
    )


@client_files
def card(request: HttpRequest, pk: int) -> HttpResponse:
    client, visits = files.client_card(user=request.user, client_id=pk)
    return render(request, "clients/card.html", {"client": client, "visits": visits})


@client_files
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not policy.may_edit_record(user):
        raise PermissionDenied
    if request.method == "POST":
        client = _for_write(pk)
        form = RecordForm(request.POST, initial=record_initial(client))
        if form.is_valid():
            values = form.cleaned_data
            if _save(
                form,
                lambda: record.client_update(user=user, client=client, values=values),
            ):
                messages.success(request, _("The record was corrected."))
                return redirect("clients:file", pk=client.pk)
    else:
        client = files.client_file(user=user, client_id=pk).client
        form = RecordForm(initial=record_initial(client))
    return render(request, "clients/edit.html", {"form": form, "client": client})


@client_files
@require_POST
def household(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not policy.may_edit_record(user):
        raise PermissionDenied
    client = _for_write(pk)
    form = HouseholdForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the client number of the household member."))
    elif form.cleaned_data["action"] == "leave":
        attempt(
            request,
            lambda: record.household_leave(user=user, client=client),
            _("The person has left the household."),
        )
    else:
        member_id = form.cleaned_data["member"]
        member = (
            Client.objects.filter(pk=member_id, anonymised_at__isnull=True).first()
            if member_id
            else None
        )
        if member is None:
            messages.error(request, _("There is no client file with this number."))
        else:
            attempt(
                request,
                lambda: record.household_join(user=user, client=client, member=member),
                _("The household member was added."),
            )
    return redirect("clients:file", pk=client.pk)


@client_files
@require_POST
def link_visit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not policy.may_work(user):
        raise PermissionDenied
    client = _for_write(pk)
    form = VisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This visit does not exist."))
    else:
        visit_id = form.cleaned_data["visit"]
        attempt(
            request,
            lambda: record.visit_link(user=user, client=client, visit_id=visit_id),
            _("The visit is linked to the file."),
        )
    return redirect(reverse("clients:file", kwargs={"pk": client.pk}))
