"""Booking pages for newcomers: concerns, a time, details, then the appointment's own page.
Every step is a plain form and link, so it works without JavaScript."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mia.appointments import selectors, services
from mia.appointments.forms import DetailsForm
from mia.appointments.views.common import (
    booking_or_404,
    booking_sheet,
    chosen_services,
    language,
    main_location,
    service_names,
)
from mia.core import altcha, ratelimit
from mia.core.errors import ApplicationError
from mia.organisation import selectors as organisation


@require_GET
def choose(request: HttpRequest) -> HttpResponse:
    teams = [
        t
        for t in organisation.teams_public(language=language())
        if any(s.bookable for s in t.services)
    ]
    error = request.GET.get("error") == "none"
    return render(request, "appointments/choose.html", {"teams": teams, "error": error})


@require_GET
def times(request: HttpRequest) -> HttpResponse:
    if "services" not in request.GET:  # from step 1: one `service` per ticked checkbox
        picked = ",".join(request.GET.getlist("service"))
        if not picked:
            return redirect(reverse("appointments:choose") + "?error=none")
        return redirect(reverse("appointments:times") + f"?services={picked}")
    chosen = chosen_services(request)
    today = timezone.localdate()
    try:
        week = (
            dt.date.fromisoformat(request.GET.get("week", "")) if request.GET.get("week") else today
        )
    except ValueError:
        week = today
    week = min(max(week, today), today + dt.timedelta(days=settings.BOOKING_MAX_DAYS))
    days = [week + dt.timedelta(days=n) for n in range(7)]
    slots = selectors.availability(
        location=main_location(), services=chosen, date_from=days[0], date_to=days[-1]
    )
    by_day: dict[dt.date, list[dt.datetime]] = {day: [] for day in days}
    for start, _end in slots:
        by_day.setdefault(timezone.localdate(start), []).append(timezone.localtime(start))
    context = {
        "services": service_names(chosen),
        "service_ids": ",".join(str(s.pk) for s in chosen),
        "days": [(day, by_day.get(day, [])) for day in days],
        "previous_week": (week - dt.timedelta(days=7)) if week > today else None,
        "next_week": week + dt.timedelta(days=7),
        "move": request.GET.get("move", ""),
        "week_empty": not slots,
    }
    return render(request, "appointments/times.html", context)


def _start(request: HttpRequest) -> dt.datetime:
    try:
        start = dt.datetime.fromisoformat(
            request.GET.get("start") or request.POST.get("start") or ""
        )
    except ValueError:
        raise Http404 from None
    earliest, latest = selectors.booking_window(timezone.now())
    if timezone.is_naive(start) or not earliest - dt.timedelta(days=1) <= start <= latest:
        raise Http404  # a stale or made-up link: start again from the times
    return start


def details(request: HttpRequest) -> HttpResponse:
    chosen = chosen_services(request)
    start = _start(request)
    form = DetailsForm(
        request.POST if request.method == "POST" else None, initial={"language": language()}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ratelimit.check(request, group="booking", rate=settings.BOOKING_RATE_LIMIT)
            altcha.form_check(
                request, data["altcha"], group="booking", rate=settings.BOOKING_RATE_LIMIT_NOJS
            )
            booking = services.booking_create(
                location=main_location(),
                service_ids=[s.pk for s in chosen],
                start=start,
                name=data["name"],
                email=data["email"],
                phone=data["phone"].strip(),
                language=data["language"],
                interpreter=data["interpreter"],
            )
        except ApplicationError as error:
            messages.error(request, error.detail)
            status = error.status  # e.g. 429 or 422; the form comes back with what was typed
        else:
            services.booking_confirmation_send(booking=booking)
            return redirect("appointments:booking", code=booking.code)
    context = {
        "form": form,
        "services": service_names(chosen),
        "service_ids": ",".join(str(s.pk) for s in chosen),
        "start": timezone.localtime(start),
    }
    return render(request, "appointments/details.html", context, status=status)


@require_GET
def booking(request: HttpRequest, code: str) -> HttpResponse:
    context = booking_sheet(booking_or_404(code))
    context["service_ids"] = ",".join(str(item.service_id) for item, _s in context["items"])
    response = render(request, "appointments/booking.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    found = booking_or_404(code)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Please confirm that you want to cancel."))
        return redirect("appointments:booking", code=found.code)
    try:
        services.booking_cancel(booking=found)
    except ApplicationError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Your appointment is cancelled."))
    return redirect("appointments:booking", code=found.code)


@require_POST
def move(request: HttpRequest, code: str) -> HttpResponse:
    found = booking_or_404(code)
    start = _start(request)
    try:
        services.booking_move(booking=found, start=start)
    except ApplicationError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Your appointment has been moved."))
    return redirect("appointments:booking", code=found.code)
