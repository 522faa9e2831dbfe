"""JSON API of online appointments: availability, bookings, cancel, iCalendar, check-in."""

import datetime as dt
from typing import cast

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event
from ninja import Field, Query, Router, Schema

from mia.accounts.api import staff_auth
from mia.accounts.models import User
from mia.accounts.permissions import RECEPTION_ROLES, require_role
from mia.appointments import selectors, services
from mia.appointments.models import Booking
from mia.core import altcha, ratelimit
from mia.core.altcha import MAX_PAYLOAD_LENGTH as MAX_ALTCHA_LENGTH
from mia.core.errors import ApplicationError
from mia.core.schemas import ErrorOut, LanguageCode, ValidationErrorOut
from mia.organisation.models import Location

router = Router(tags=["appointments"])
MAX_RANGE_DAYS = 62


class AvailabilityQuery(Schema):
    location: int
    services: str = Field(
        pattern=r"^\d{1,9}(,\d{1,9}){0,2}$", description="Service ids, comma-separated, in order"
    )
    date_from: dt.date
    date_to: dt.date


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime


class AvailabilityOut(Schema):
    slots: list[SlotOut]


class BookingIn(Schema):
    location: int
    services: list[int] = Field(min_length=1, max_length=3)
    start: dt.datetime = Field(description="ISO 8601 with offset, one of the available starts")
    name: str = Field(min_length=1, max_length=120)
    email: str = Field("", max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str = Field("", max_length=40, pattern=r"^$|^[+0-9 ()/-]{5,40}$")
    language: LanguageCode = "de"
    interpreter: bool = False
    altcha: str = Field(
        max_length=MAX_ALTCHA_LENGTH,
        description="A solved challenge of GET /api/v1/altcha/challenge (base64 JSON "
        "`{challenge, solution}`); each counts once",
    )


class BookingServiceOut(Schema):
    id: int
    name: str
    team_letter: str
    start: dt.datetime
    end: dt.datetime


class BookingOut(Schema):
    code: str
    status: str
    start: dt.datetime
    end: dt.datetime
    services: list[BookingServiceOut]
    manage_url: str


class CheckInOut(Schema):
    visit: int
    ticket: str
    public_code: str


def _booking_out(booking: Booking) -> BookingOut:
    items = booking.items.select_related("service", "team").order_by("position")
    return BookingOut(
        code=booking.code,
        status=booking.status,
        start=booking.start,
        end=booking.end,
        services=[
            BookingServiceOut(
                id=i.service_id,
                name=i.service.name,
                team_letter=i.team.letter,
                start=i.start,
                end=i.end,
            )
            for i in items
        ],
        manage_url=settings.SITE_URL.rstrip("/")
        + reverse("api:booking_get", kwargs={"code": booking.code}),
    )


def _booking(code: str) -> Booking:
    booking = selectors.booking_by_code(code)
    if booking is None:
        raise Http404
    return booking


@router.get(
    "/availability",
    response={200: AvailabilityOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Free starts for a route of concerns",
)
def availability(request: HttpRequest, query: Query[AvailabilityQuery]) -> AvailabilityOut:
    today = timezone.localdate()
    if not (today - dt.timedelta(days=1) <= query.date_from <= today + dt.timedelta(days=366)):
        raise ApplicationError(
            "date_from must lie within the next year.", code="invalid_range", status=422
        )
    if query.date_to < query.date_from or (query.date_to - query.date_from).days > MAX_RANGE_DAYS:
        raise ApplicationError(
            f"date_to must be on or after date_from, at most {MAX_RANGE_DAYS} days later.",
            code="invalid_range",
            status=422,
        )
    location = get_object_or_404(Location, pk=query.location)
    chosen = services.bookable_services([int(part) for part in query.services.split(",")])
    slots = selectors.availability(
        location=location, services=chosen, date_from=query.date_from, date_to=query.date_to
    )
    return AvailabilityOut(
        slots=[SlotOut(start=timezone.localtime(s), end=timezone.localtime(e)) for s, e in slots]
    )


@router.post(
    "/bookings",
    response={
        201: BookingOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
        503: ErrorOut,
    },
    summary="Book an appointment",
)
def booking_create(request: HttpRequest, body: BookingIn) -> tuple[int, BookingOut]:
    ratelimit.check(request, group="booking", rate=settings.BOOKING_RATE_LIMIT)
    altcha.payload_verify(body.altcha)
    location = get_object_or_404(Location, pk=body.location)
    booking = services.booking_create(
        location=location,
        service_ids=body.services,
        start=body.start,
        name=body.name,
        email=body.email,
        phone=body.phone,
        language=body.language,
        interpreter=body.interpreter,
    )
    return 201, _booking_out(booking)


@router.get(
    "/bookings/{code}",
    response={200: BookingOut, 404: ErrorOut},
    url_name="booking_get",
    summary="An appointment, for the holder of its code",
)
def booking_get(request: HttpRequest, code: str) -> BookingOut:
    return _booking_out(_booking(code))


@router.post(
    "/bookings/{code}/cancel",
    response={200: BookingOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cancel an appointment",
)
def booking_cancel(request: HttpRequest, code: str) -> BookingOut:
    booking = _booking(code)
    services.booking_cancel(booking=booking)
    booking.refresh_from_db()
    return _booking_out(booking)


class MoveIn(Schema):
    start: dt.datetime = Field(description="The new start, ISO 8601 with offset")


@router.post(
    "/bookings/{code}/move",
    response={
        200: BookingOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        503: ErrorOut,
    },
    summary="Move an appointment; the old time is kept if the new one is gone",
)
def booking_move(request: HttpRequest, code: str, body: MoveIn) -> BookingOut:
    return _booking_out(services.booking_move(booking=_booking(code), start=body.start))


@router.get(
    "/bookings/{code}/calendar.ics",
    response={200: None, 404: ErrorOut},
    summary="The appointment as an iCalendar file",
)
def booking_calendar(request: HttpRequest, code: str) -> HttpResponse:
    booking = _booking(code)
    calendar = Calendar()
    calendar.add("prodid", "-//MiA Migrationsagentur//DE")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{booking.code}@mia")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", f"{booking.location.name} ({booking.code})")
    event.add("location", booking.location.address)
    event.add(
        "description", "\n".join(i.service.name for i in booking.items.select_related("service"))
    )
    if booking.status == Booking.Status.CANCELLED:
        event.add("status", "CANCELLED")
    elif booking.status == Booking.Status.OFFERED:
        event.add("status", "TENTATIVE")  # held from the waitlist until accepted
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{booking.code}.ics"'
    return response


@router.post(
    "/bookings/{code}/check-in",
    response={
        200: CheckInOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=staff_auth,
    summary="Reception checks an appointment in",
)
def booking_check_in(request: HttpRequest, code: str) -> CheckInOut:
    require_role(request.user, RECEPTION_ROLES)
    visit = services.booking_check_in(booking=_booking(code), user=cast(User, request.user))
    return CheckInOut(visit=visit.pk, ticket=visit.ticket, public_code=visit.public_code)
