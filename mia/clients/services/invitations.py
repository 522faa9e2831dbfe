"""Inviting a client to book: an e-mail with a booking link for the right service, or a letter."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mia.clients import policy
from mia.clients.models import Client, Deadline, Invitation
from mia.core.errors import ApplicationError
from mia.core.languages import CODES
from mia.core.services import mail_send
from mia.organisation import selectors as organisation


def booking_link(*, service_id: int, language: str) -> str:
    with translation.override(language):
        path = reverse("appointments:times")
    return f"{settings.SITE_URL}{path}?{urlencode({'services': service_id})}"


def letter_language(client: Client) -> str:
    return client.language if client.language in CODES else "de"


def invitation_send(
    *,
    user: Any,
    client: Client,
    service: Any,
    channel: str,
    deadline: Deadline | None = None,
    reason: str = "",
) -> Invitation:
    """Record the invitation; by e-mail it goes out in the client's language after commit."""
    if not policy.may_work_for(user, service.team_id):
        raise PermissionDenied
    if not service.bookable:
        raise ApplicationError(
            _("This service cannot be booked online."), code="service_not_bookable", status=422
        )
    if channel not in Invitation.Channel.values:
        raise ApplicationError(_("Choose e-mail or letter."), code="channel_invalid", status=422)
    if channel == Invitation.Channel.EMAIL and not client.email:
        raise ApplicationError(
            _("The client file has no e-mail address; print a letter instead."),
            code="email_missing",
            status=422,
        )
    language = letter_language(client)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            client=client,
            team_id=service.team_id,
            service=service,
            deadline=deadline,
            channel=channel,
            language=language,
            reason=(reason or (deadline.title if deadline else ""))[:200],
            sent_by=user,
        )
        if channel == Invitation.Channel.EMAIL:
            context = invitation_context(invitation)
            with translation.override(language):
                subject = _("Please book an appointment at the Migrationsagentur")
                body = render_to_string("clients/invitation_mail.txt", context)
            mail_send(to=[client.email], subject=subject, body=body)
    return invitation


def invitation_context(invitation: Invitation) -> dict[str, Any]:
    language = invitation.language
    service = organisation.services_by_id(language=language, ids=[invitation.service_id])
    return {
        "invitation": invitation,
        "client": invitation.client,
        "service": service.get(invitation.service_id),
        "link": booking_link(service_id=invitation.service_id, language=language),
        "location": organisation.location_main(),
    }
