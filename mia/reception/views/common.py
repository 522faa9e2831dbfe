"""Helpers shared by the reception pages."""

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mia.accounts.models import User
from mia.core import languages
from mia.core.errors import ApplicationError
from mia.core.languages import CODES
from mia.organisation import selectors as organisation
from mia.organisation.models import Location
from mia.reception.models import Visit


def staff_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def attempt(request: HttpRequest, action: Callable[[], object], done: str = "") -> bool:
    """Run a service; its ApplicationError becomes a message for the user instead of a 500."""
    try:
        action()
    except ApplicationError as error:
        messages.error(request, error.detail)
        return False
    if done:
        messages.success(request, done)
    return True


def main_location(request: HttpRequest) -> Location:
    location = organisation.location_main()
    if location is None:
        raise Http404
    return location


KIOSK_TICKET_SHOWN = dt.timedelta(minutes=10)


def status_url(visit: Visit) -> str:
    with translation.override(visit.language if visit.language in CODES else "de"):
        path = reverse("reception:status", kwargs={"code": visit.public_code})
    return settings.SITE_URL.rstrip("/") + path


def ticket_context(visit: Visit) -> dict[str, Any]:
    concerns_of_visit = list(visit.concerns.select_related("team", "service").order_by("pk"))
    services_by_id = organisation.services_by_id(
        language=visit.language, ids=[c.service_id for c in concerns_of_visit]
    )
    concerns = [(concern, services_by_id.get(concern.service_id)) for concern in concerns_of_visit]
    url = status_url(visit)
    return {
        "visit": visit,
        "visit_language": languages.get(visit.language),
        "concerns": concerns,
        "status_url": url,
        "qr_code": segno.make(url, error="m").svg_inline(
            scale=4, title=_("QR code to your ticket status")
        ),
    }
