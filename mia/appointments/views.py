"""Booking pages for newcomers: concerns, a time, details, then the appointment's own page.
Every step is a plain form and link, so it works without JavaScript."""

import datetime as dt
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mia.appointments import selectors, services
from mia.appointments.forms import DetailsForm
from mia.appointments.models import Booking
from mia.core import ratelimit
from mia.core.errors import ApplicationError
from mia.core.services import mail_send
from mia.organisation import selectors as organisation
from mia.organisation.models import Location, Service


def _language() -> str:
    return get_language() or "de"


def _chosen(request: HttpRequest) -> list[Service]:
    """The concerns in the query (`services=1,2`), checked; the user goes back on bad input."""
    raw = request.GET.get("services") or request.POST.get("services") or ""
    try:
        ids = [int(part) for part in raw.split(",") if part]
    except ValueError:
        raise Http404 from None
    if any(not 0 < pk < 2**31 for pk in ids):
        raise Http404
    try:
        return services.bookable_services(ids)
    except ApplicationError:
        raise Http404 from None


def _location() -> Location:
    location = organisation.location_main()
    if location is None:
        raise Http404
    return location


def _names(chosen: list[Service]) -> list[Any]:
    by_id = organisation.services_by_id(language=_language(), ids=[s.pk for s in chosen])
    return [by_id[s.pk] for s in chosen if s.pk in by_id]


@require_GET
def choose(request: HttpRequest) -> HttpResponse:
    teams = [
        t
        for t in organisation.teams_public(language=_language())
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
    chosen = _chosen(request)
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
        location=_location(), services=chosen, date_from=days[0], date_to=days[-1]
    )
    by_day: dict[dt.date, list[dt.datetime]] = {day: [] for day in days}
    for start, _end in slots:
        by_day.setdefault(timezone.localdate(start), []).append(timezone.localtime(start))
    context = {
        "services": _names(chosen),
        "service_ids": ",".join(str(s.pk) for s in chosen),
        "days": [(day, by_day.get(day, [])) for day in days],
        "previous_week": (week - dt.timedelta(days=7)) if week > today else None,
        "next_week": week + dt.timedelta(days=7),
        "move": request.GET.get("move", ""),
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
    chosen = _chosen(request)
    start = _start(request)
    form = DetailsForm(
        request.POST if request.method == "POST" else None, initial={"language": _language()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ratelimit.check(request, group="booking", rate=settings.BOOKING_RATE_LIMIT)
            booking = services.booking_create(
                location=_location(),
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
        else:
            _confirm_by_mail(request, booking)
            return redirect("appointments:booking", code=booking.code)
    context = {
        "form": form,
        "services": _names(chosen),
        "service_ids": ",".join(str(s.pk) for s in chosen),
        "start": timezone.localtime(start),
    }
    return render(request, "appointments/details.html", context)


def _manage_url(request: HttpRequest, booking: Booking) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "appointments:booking", kwargs={"code": booking.code}
    )


def _confirm_by_mail(request: HttpRequest, booking: Booking) -> None:
    if not booking.email:
        return
    when = timezone.localtime(booking.start).strftime("%d.%m.%Y %H:%M")
    body = _("Your appointment on %(when)s, code %(code)s. Manage it here: %(url)s") % {
        "when": when,
        "code": booking.code,
        "url": _manage_url(request, booking),
    }
    mail_send(to=[booking.email], subject=_("Your appointment at the Migration Agency"), body=body)


def _booking(code: str) -> Booking:
    booking = selectors.booking_by_code(code)
    if booking is None:
        raise Http404
    return booking


@require_GET
def booking(request: HttpRequest, code: str) -> HttpResponse:
    found = _booking(code)
    url = _manage_url(request, found)
    booked = list(found.items.all())
    by_id = organisation.services_by_id(
        language=_language(), ids=[item.service_id for item in booked]
    )
    items = [(item, by_id.get(item.service_id)) for item in booked]
    context = {
        "booking": found,
        "items": items,
        "start": timezone.localtime(found.start),
        "qr_code": segno.make(url, error="m").svg_inline(
            scale=4, title=_("QR code of your appointment")
        ),
        "service_ids": ",".join(str(item.service_id) for item, _service in items),
    }
    response = render(request, "appointments/booking.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    found = _booking(code)
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
    found = _booking(code)
    start = _start(request)
    try:
        services.booking_move(booking=found, start=start)
    except ApplicationError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Your appointment has been moved."))
    return redirect("appointments:booking", code=found.code)
