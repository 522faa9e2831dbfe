"""Waitlist pages: join when nothing is free, see one's place, answer an offer."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.appointments import waitlist
from mia.appointments.forms import WaitlistForm
from mia.appointments.models import WaitlistEntry
from mia.appointments.views.common import (
    booking_or_404,
    chosen_services,
    language,
    main_location,
    service_names,
)
from mia.core import altcha, ratelimit
from mia.core.errors import ApplicationError
from mia.organisation import selectors as organisation


def join(request: HttpRequest) -> HttpResponse:
    chosen = chosen_services(request)
    form = WaitlistForm(
        request.POST if request.method == "POST" else None, initial={"language": language()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ratelimit.check(request, group="waitlist", rate=settings.BOOKING_RATE_LIMIT)
            altcha.form_check(
                request, data["altcha"], group="waitlist", rate=settings.BOOKING_RATE_LIMIT_NOJS
            )
            entry = waitlist.waitlist_join(
                location=main_location(),
                service_ids=[s.pk for s in chosen],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                language=data["language"],
                interpreter=data["interpreter"],
            )
        except ApplicationError as error:
            messages.error(request, error.detail)
        else:
            return redirect("appointments:waitlist_entry", code=entry.code)
    free = waitlist.first_free(main_location(), chosen, timezone.now(), held_is_free=False)
    context = {
        "form": form,
        "services": service_names(chosen),
        "service_ids": ",".join(str(s.pk) for s in chosen),
        "max_days": settings.BOOKING_MAX_DAYS,
        "first_free": timezone.localtime(free) if free else None,
    }
    return render(request, "appointments/waitlist_join.html", context)


def entry(request: HttpRequest, code: str) -> HttpResponse:
    found = WaitlistEntry.objects.filter(code=code.upper()[:12]).select_related("offer").first()
    if found is None:
        raise Http404
    if request.method == "POST":
        try:
            waitlist.waitlist_withdraw(entry=found)
        except ApplicationError as error:
            messages.error(request, error.detail)
        else:
            messages.success(request, _("You have left the waitlist."))
        return redirect("appointments:waitlist_entry", code=found.code)
    by_id = organisation.services_by_id(language=language(), ids=found.service_ids)
    context = {
        "entry": found,
        "services": [by_id[pk] for pk in found.service_ids if pk in by_id],
        "ahead": WaitlistEntry.objects.filter(
            location_id=found.location_id,
            status=WaitlistEntry.Status.WAITING,
            created_at__lt=found.created_at,
        ).count(),
    }
    response = render(request, "appointments/waitlist_entry.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def offer_answer(request: HttpRequest, code: str) -> HttpResponse:
    found = booking_or_404(code)
    try:
        if request.POST.get("answer") == "accept":
            waitlist.waitlist_offer_accept(booking=found)
            messages.success(request, _("The appointment is yours."))
        elif request.POST.get("answer") == "decline":
            if not waitlist.waitlist_offer_end(booking=found, declined=True):
                raise ApplicationError(_("This offer has ended."), code="offer_ended", status=409)
            messages.success(request, _("You have declined the offer. Thank you."))
        else:
            messages.error(request, _("Please accept or decline the offer."))
    except ApplicationError as error:
        messages.error(request, error.detail)
    return redirect("appointments:booking", code=found.code)
