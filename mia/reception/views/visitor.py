"""Pages for visitors: the ticket status on the phone and the kiosk."""

import ipaddress
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from mia.organisation import selectors as organisation
from mia.organisation.models import Location
from mia.reception import selectors, services
from mia.reception.forms import (
    KioskForm,
)
from mia.reception.models import Visit
from mia.reception.views.common import KIOSK_TICKET_SHOWN, attempt, ticket_context

# Visitor status ---------------------------------------------------------------------------


def _status_context(code: str) -> dict[str, Any]:
    visit = selectors.visit_by_code(code[:16])
    if visit is None:
        raise Http404
    summary = selectors.ticket_summary(visit)
    names = organisation.services_by_id(
        language=get_language() or "de", ids=[view.concern.service_id for view in summary.concerns]
    )
    rows = [(view, names.get(view.concern.service_id)) for view in summary.concerns]
    return {"summary": summary, "visit": visit, "rows": rows}


@require_GET
def status(request: HttpRequest, code: str) -> HttpResponse:
    response = render(request, "reception/status.html", _status_context(code))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def status_live(request: HttpRequest, code: str) -> HttpResponse:
    response = render(request, "reception/includes/status_live.html", _status_context(code))
    response["Cache-Control"] = "no-store"
    return response


# Kiosk ------------------------------------------------------------------------------------


def kiosk_device(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only devices on the networks in MIA_KIOSK_NETWORKS may open visits without a login."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            address = None
        networks = [ipaddress.ip_network(n, strict=False) for n in settings.KIOSK_NETWORKS]
        if address is None or not any(address in network for network in networks):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@kiosk_device
def kiosk(request: HttpRequest, slug: str) -> HttpResponse:
    location = get_object_or_404(Location, slug=slug)
    return render(request, "reception/kiosk_language.html", {"location": location})


@kiosk_device
def kiosk_concerns(request: HttpRequest, slug: str) -> HttpResponse:
    location = get_object_or_404(
        Location.objects.prefetch_related("periods", "closures"), slug=slug
    )
    if not organisation.location_status_now(location).walk_in_now:
        # Outside walk-in hours the kiosk hands out no numbers: nobody would call them.
        context = organisation.location_hours(location)
        return render(request, "reception/kiosk_closed.html", context)
    language = get_language() or "de"
    teams = [
        t
        for t in organisation.teams_public(language=language)
        if any(s.walk_in for s in t.services)
    ]
    form = KioskForm(request.POST if request.method == "POST" else None, teams=teams)
    if request.method == "POST" and form.is_valid():
        created: list[Visit] = []
        ok = attempt(
            request,
            lambda: created.append(
                services.visit_open(
                    location=location,
                    service_ids=form.cleaned_data["services"],
                    language=language,
                    via_kiosk=True,
                )
            ),
        )
        if ok:
            return redirect("reception:kiosk_ticket", slug=slug, code=created[0].public_code)
    return render(
        request,
        "reception/kiosk_concerns.html",
        {"location": location, "teams": teams, "form": form},
    )


@require_GET
@kiosk_device
def kiosk_ticket(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    visit = get_object_or_404(Visit, public_code=code[:16], via_kiosk=True, location__slug=slug)
    if timezone.now() - visit.created_at > KIOSK_TICKET_SHOWN:
        raise Http404  # the next person at the kiosk must not see it
    context = ticket_context(visit) | {
        "kiosk": True,
        "restart_url": reverse("reception:kiosk", kwargs={"slug": slug}),
    }
    return render(request, "reception/ticket.html", context)
