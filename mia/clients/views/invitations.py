"""Inviting a client to book: by e-mail in their language, or as a printed bilingual letter."""

from typing import Any

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mia.clients import policy
from mia.clients.forms.casework import InviteForm
from mia.clients.models import Client, Invitation
from mia.clients.selectors import files, lists
from mia.clients.services import invitations
from mia.clients.views.common import attempt, client_files
from mia.core import languages


def _require_work(request: HttpRequest) -> Any:
    if not policy.may_work(request.user):
        raise PermissionDenied
    return request.user


def _back(request: HttpRequest, wanted: str, client_id: int) -> str:
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("clients:file", kwargs={"pk": client_id})


def _initial(form: InviteForm, request: HttpRequest) -> dict[str, Any]:
    """`?deadline=ID` picks the deadline's service and reason (when it is one of the user's)."""
    initial: dict[str, Any] = {"next": request.GET.get("next", "")}
    raw = request.GET.get("deadline", "")
    deadline = (
        form.fields["deadline"].queryset.select_related("service").filter(pk=raw).first()
        if raw.isdigit()
        else None
    )
    if deadline is not None:
        initial.update(deadline=deadline.pk, reason=deadline.title)
        if deadline.service_id:
            initial["service"] = deadline.service_id
    return initial


def _sent(request: HttpRequest, invitation: Invitation, back: str) -> HttpResponse:
    if invitation.channel == Invitation.Channel.LETTER:
        return redirect("clients:letter", pk=invitation.pk)
    messages.success(
        request,
        _("The invitation was sent by e-mail to %(email)s.") % {"email": invitation.client.email},
    )
    return redirect(back)


@client_files
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_work(request)
    if request.method == "POST":
        target = lists.work_client(user=user, client_id=pk)
        form = InviteForm(request.POST, user=user, client=target)
        if form.is_valid():
            data = form.cleaned_data
            invitation = attempt(
                request,
                lambda: invitations.invitation_send(
                    user=user,
                    client=target,
                    service=data["service"],
                    channel=data["channel"],
                    deadline=data["deadline"],
                    reason=data["reason"],
                ),
            )
            if invitation:
                return _sent(request, invitation, _back(request, data["next"], pk))
    client, _visits = files.client_card(user=user, client_id=pk)
    if request.method == "GET":
        form = InviteForm(user=user, client=client)
        form.initial = _initial(form, request)
    return _page(request, client, form)


def _page(request: HttpRequest, client: Client, form: InviteForm) -> HttpResponse:
    deadline_id = form["deadline"].value()
    deadline = (
        form.fields["deadline"].queryset.filter(pk=deadline_id).first()
        if str(deadline_id or "").isdigit()
        else None
    )
    context = {
        "client": client,
        "client_language": languages.get(invitations.letter_language(client)),
        "form": form,
        "deadline": deadline,
    }
    return render(request, "clients/invite.html", context)


@client_files
@require_GET
def letter(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = _require_work(request)
    found = lists.invitation_letter(user=user, invitation_id=pk)
    context = {
        "letter": found,
        "invitation": found.invitation,
        "client_language": languages.get(found.invitation.language),
        "qr_code": segno.make(found.link, error="m").svg_inline(
            scale=4, title=_("QR code to the booking page")
        ),
    }
    return render(request, "clients/letter.html", context)
