"""Consent to share a team's data, its withdrawal, the signed form, and access without consent.

The pages name the client, so they open the name card through its selector (one log row).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.clients import policy
from mia.clients.access import not_found
from mia.clients.forms.sharing import ConsentForm, GrantForm
from mia.clients.models import Consent
from mia.clients.selectors import files
from mia.clients.services import sharing
from mia.clients.storage import private_download
from mia.clients.uploads import EXTENSIONS
from mia.clients.views.common import client_files
from mia.core.errors import ApplicationError


@client_files
def consent_create(request: HttpRequest, pk: int = 0) -> HttpResponse:
    if not policy.may_record_consent(request.user):
        raise PermissionDenied
    client, _visits = files.client_card(user=request.user, client_id=pk)
    form = ConsentForm(request.POST, request.FILES) if request.method == "POST" else ConsentForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            sharing.consent_record(
                user=request.user,
                client=client,
                owners=list(data["owners"]),
                recipients=list(data["recipients"]),
                categories=list(data["categories"]),
                given_on=data["given_on"],
                form=data["form"],
            )
        except ApplicationError as error:
            form.add_error(form.error_field(error.code), error.detail)
        else:
            messages.success(request, _("The consent is recorded and applies from now on."))
            return redirect("clients:file", pk=client.pk)
    return render(request, "clients/consent_create.html", {"client": client, "form": form})


@client_files
@require_POST
def consent_withdraw(request: HttpRequest, pk: int = 0) -> HttpResponse:
    if not policy.may_record_consent(request.user):
        raise PermissionDenied
    consent = Consent.objects.filter(pk=pk, client__anonymised_at__isnull=True).first()
    if consent is None:
        raise not_found()
    if consent.withdrawn_at is not None:
        messages.info(request, _("This consent was already withdrawn."))
    else:
        sharing.consent_withdraw(user=request.user, consent=consent)
        messages.success(
            request, _("The consent is withdrawn. The teams it named no longer see the data.")
        )
    return redirect("clients:file", pk=consent.client_id)


@client_files
def consent_form(request: HttpRequest, pk: int = 0) -> HttpResponseBase:
    consent = files.consent_form_open(user=request.user, consent_id=pk)
    extension = EXTENSIONS.get(consent.form_type, "bin")
    return private_download(
        consent.form, filename=f"consent-{consent.pk}.{extension}", content_type=consent.form_type
    )


@client_files
def grant_create(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = request.user
    if not policy.may_work(user):
        raise PermissionDenied
    client, _visits = files.client_card(user=user, client_id=pk)
    own = policy.team_ids(user)
    form = (
        GrantForm(request.POST, own_team_ids=own)
        if request.method == "POST"
        else GrantForm(own_team_ids=own)
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            grant = sharing.grant_open(
                user=user,
                client=client,
                team=data["team"],
                basis=data["basis"],
                reason=data["reason"],
            )
        except ApplicationError as error:
            form.add_error(form.error_field(error.code), error.detail)
        else:
            until = formats.date_format(
                timezone.localtime(grant.expires_at), "SHORT_DATETIME_FORMAT"
            )
            messages.success(
                request,
                _(
                    "The data of %(team)s is open to you until %(until)s. "
                    "Every read is logged and shown to the team's lead."
                )
                % {"team": grant.team.name, "until": until},
            )
            return redirect("clients:file", pk=client.pk)
    context = {"client": client, "form": form, "hours": settings.MIA_GRANT_HOURS}
    return render(request, "clients/grant_create.html", context)
