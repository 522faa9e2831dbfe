"""What the appointment pages share: the concerns in the query, the location, the booking by
its code, and the sheet of a booking (its concerns with what to bring, and its QR code)."""

from typing import Any

import segno
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mia.appointments import selectors, services
from mia.appointments.models import Booking
from mia.core.errors import ApplicationError
from mia.organisation import selectors as organisation
from mia.organisation.models import Location, Service


def language() -> str:
    return get_language() or "de"


def chosen_services(request: HttpRequest) -> list[Service]:
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


def main_location() -> Location:
    location = organisation.location_main()
    if location is None:
        raise Http404
    return location


def service_names(chosen: list[Service]) -> list[Any]:
    by_id = organisation.services_by_id(language=language(), ids=[s.pk for s in chosen])
    return [by_id[s.pk] for s in chosen if s.pk in by_id]


def booking_or_404(code: str) -> Booking:
    booking = selectors.booking_by_code(code)
    if booking is None:
        raise Http404
    return booking


def booking_sheet(booking: Booking) -> dict[str, Any]:
    """The booking's concerns in the reader's language, its time and its QR code."""
    booked = list(booking.items.all())
    by_id = organisation.services_by_id(
        language=language(), ids=[item.service_id for item in booked]
    )
    url = services.manage_url(booking)
    return {
        "booking": booking,
        "items": [(item, by_id.get(item.service_id)) for item in booked],
        "start": timezone.localtime(booking.start),
        "manage_url": url,
        "qr_code": segno.make(url, error="m").svg_inline(
            scale=4, title=_("QR code of your appointment")
        ),
    }
