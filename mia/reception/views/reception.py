"""The entrance zone: opening visits, tickets, closing the day."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mia.accounts.permissions import RECEPTION_ROLES, role_required
from mia.appointments.selectors import booking_by_code
from mia.appointments.services import booking_check_in, bookings_mark_no_show
from mia.organisation import selectors as organisation
from mia.reception import selectors, services
from mia.reception.forms import (
    CloseDayForm,
    VisitForm,
)
from mia.reception.models import Visit
from mia.reception.views.common import attempt, main_location, staff_user, ticket_context

# Reception --------------------------------------------------------------------------------


@role_required(RECEPTION_ROLES)
def reception(request: HttpRequest) -> HttpResponse:
    location = main_location(request)
    teams = [t for t in organisation.teams_public(language=get_language() or "de") if t.services]
    form = VisitForm(
        request.POST if request.method == "POST" else None, teams=teams, initial={"language": "de"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created: list[Visit] = []
        ok = attempt(
            request,
            lambda: created.append(
                services.visit_open(
                    location=location,
                    service_ids=data["services"],
                    language=data["language"],
                    interpreter=data["interpreter"],
                    household_size=data["household_size"],
                    flags=data["flags"],
                    user=staff_user(request),
                )
            ),
        )
        if ok:
            return redirect("reception:ticket", pk=created[0].pk)
    context = {
        "form": form,
        "teams": teams,
        "location": location,
        "visits": selectors.visits_waiting(location=location, day=timezone.localdate()),
        "today": selectors.day_statistics(location=location, day=timezone.localdate()),
        "close_form": CloseDayForm(),
    }
    return render(request, "reception/reception.html", context)


@role_required(RECEPTION_ROLES)
@require_POST
def close_day(request: HttpRequest) -> HttpResponse:
    location = main_location(request)
    form = CloseDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please confirm that the walk-in hours end now."))
        return redirect("reception:home")
    count = services.day_close(location=location, user=staff_user(request))
    no_shows = bookings_mark_no_show(location=location, day=timezone.localdate())
    messages.success(
        request,
        _("Day closed. %(count)s waiting concerns were closed; nothing was deleted.")
        % {"count": count},
    )
    if no_shows:
        messages.info(
            request,
            _("%(count)s appointments of today were not checked in and are marked as missed.")
            % {"count": no_shows},
        )
    return redirect("reception:home")


@role_required(RECEPTION_ROLES)
@require_GET
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(Visit, pk=pk)
    return render(request, "reception/ticket.html", ticket_context(visit))


@role_required(RECEPTION_ROLES)
@require_POST
def check_in(request: HttpRequest) -> HttpResponse:
    """An appointment holder arrives: the booking code opens their visit with priority."""
    booking = booking_by_code(request.POST.get("code", "").strip())
    if booking is None:
        messages.error(request, _("No appointment with this code."))
        return redirect("reception:home")
    visits: list[Visit] = []
    if attempt(
        request, lambda: visits.append(booking_check_in(booking=booking, user=staff_user(request)))
    ):
        return redirect("reception:ticket", pk=visits[0].pk)
    return redirect("reception:home")
