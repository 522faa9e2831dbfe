"""Writes of online appointments: booking a route, cancelling, checking in at reception.

Concurrency: a booking locks the teams of its route (one sorted SELECT ... FOR UPDATE, with a
lock timeout on PostgreSQL; SQLite serialises writers with BEGIN IMMEDIATE), re-counts the
seats of every slot it needs and takes the lowest free seat number. The unique seat number per
team and slot stands behind the lock.
"""

import datetime as dt
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mia.accounts.models import User
from mia.appointments import selectors
from mia.appointments.models import Booking, BookingItem, Seat
from mia.appointments.tasks import booking_remind, waitlist_offer
from mia.core.errors import ApplicationError
from mia.core.languages import CODES
from mia.core.services import mail_send
from mia.organisation.models import Location, Service, Team
from mia.organisation.selectors import closed_reason
from mia.reception import services as reception
from mia.reception.models import Visit

CODE_ALPHABET = "23456789ACDEFHJKLMNPRTUVWXY"
MAX_SERVICES = 3


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def _slot_taken() -> ApplicationError:
    return ApplicationError(
        _("This time has just been taken. Please choose another one."),
        code="slot_taken",
        status=409,
    )


def bookable_services(service_ids: Sequence[int]) -> list[Service]:
    if (
        not service_ids
        or len(service_ids) > MAX_SERVICES
        or len(set(service_ids)) != len(service_ids)
    ):
        raise ApplicationError(
            _("Choose one to %(count)s different concerns.") % {"count": MAX_SERVICES},
            code="invalid_services",
            status=422,
        )
    found = {
        s.pk: s
        for s in Service.objects.select_related("team").filter(pk__in=service_ids, is_active=True)
    }
    if len(found) != len(service_ids):
        raise ApplicationError(_("Unknown concern."), code="unknown_service", status=422)
    services = [found[pk] for pk in service_ids]
    if closed := [s.name for s in services if not s.bookable]:
        raise ApplicationError(
            _("Cannot be booked online: %(names)s") % {"names": ", ".join(closed)},
            code="service_not_bookable",
            status=422,
        )
    return services


def _check_window(location: Location, start: dt.datetime, now: dt.datetime) -> None:
    earliest, latest = selectors.booking_window(now)
    if not earliest <= start <= latest:
        raise ApplicationError(
            _("This time is outside the booking window."), code="outside_window", status=422
        )
    if closed_reason(location, timezone.localdate(start)):
        raise _slot_taken()


def _check_contact_cap(email: str, phone: str, now: dt.datetime) -> None:
    contact = Q()
    if email:
        contact |= Q(email__iexact=email)
    if phone:
        contact |= Q(phone=phone)
    if not contact:
        return
    active = Booking.objects.filter(contact, status=Booking.Status.BOOKED, end__gt=now).count()
    if active >= settings.BOOKING_MAX_ACTIVE_PER_CONTACT:
        raise ApplicationError(
            _("You already have %(count)s open appointments. Please cancel one first.")
            % {"count": active},
            code="too_many_bookings",
            status=409,
        )


def lock_teams(team_ids: set[int]) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '5s'")
    list(Team.objects.select_for_update().filter(pk__in=team_ids).order_by("pk").values_list("pk"))


def _ensure_free_before_locking(
    location: Location, legs: list[selectors.Leg], now: dt.datetime
) -> None:
    """A lock-free look first: when the time is visibly gone, say so at once instead of
    queueing for the lock behind everybody else (the check under the lock still decides)."""
    team_ids = {leg.service.team_id for leg in legs}
    days = sorted({timezone.localdate(leg.start) for leg in legs})
    if not selectors.capacity(location=location, team_ids=team_ids, days=days, now=now).fits(legs):
        raise _slot_taken()


def schedule_reminder(booking: Booking, now: dt.datetime) -> None:
    """After the commit, queue the reminder for the worker to send at the right time."""
    remind_at = booking.start - dt.timedelta(hours=settings.BOOKING_REMINDER_HOURS)
    if not booking.email or remind_at <= now:
        return
    code, start = booking.code, booking.start.isoformat()
    transaction.on_commit(
        lambda: booking_remind.using(run_after=remind_at).enqueue(code=code, start=start)
    )


@contextmanager
def booking_transaction() -> Iterator[None]:
    """One short transaction for taking seats; a lost race or a lock timeout becomes a clear
    answer instead of an error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise _slot_taken() from None
    except OperationalError:
        raise ApplicationError(
            _("Many people are booking right now. Please try again in a moment."),
            code="busy",
            status=503,
        ) from None


def take_seats(
    booking: Booking, legs: list[selectors.Leg], now: dt.datetime, *, held_is_free: bool = False
) -> None:
    """Take one seat per slot of every leg, or fail with `slot_taken`. Seats still held after
    a cancellation are free only for `held_is_free` (an offer to the waitlist): the offer
    takes over the held seat's number."""
    team_ids = {leg.service.team_id for leg in legs}
    days = sorted({timezone.localdate(leg.start) for leg in legs})
    cap = selectors.capacity(
        location=booking.location,
        team_ids=team_ids,
        days=days,
        now=now,
        held_is_free=held_is_free,
    )
    for position, leg in enumerate(legs):
        item = BookingItem.objects.create(
            booking=booking,
            service=leg.service,
            team_id=leg.service.team_id,
            position=position,
            start=leg.start,
            end=leg.end,
        )
        for slot in leg.slots():
            if cap.free(leg.service.team_id, slot) <= 0:
                raise _slot_taken()
            seats = Seat.objects.filter(
                location=booking.location, team_id=leg.service.team_id, slot=slot
            )
            seats.filter(held_until__lte=now).delete()  # released after their delay
            used = set(
                (seats.filter(held_until__isnull=True) if held_is_free else seats).values_list(
                    "number", flat=True
                )
            )
            free_numbers = set(range(cap.desks.get((leg.service.team_id, slot), 0))) - used
            if not free_numbers:
                raise _slot_taken()
            number = min(free_numbers)
            seats.filter(number=number, held_until__isnull=False).delete()
            Seat.objects.create(
                item=item,
                location=booking.location,
                team_id=leg.service.team_id,
                slot=slot,
                number=number,
            )
            cap.taken[(leg.service.team_id, slot)] += 1


def booking_create(
    *,
    location: Location,
    service_ids: Sequence[int],
    start: dt.datetime,
    name: str,
    email: str = "",
    phone: str = "",
    language: str = "de",
    interpreter: bool = False,
    user: User | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Book one appointment for a route of concerns, or fail with `slot_taken`."""
    now = now or timezone.now()
    services = bookable_services(service_ids)
    if not name.strip():
        raise ApplicationError(_("Please enter your name."), code="name_missing", status=422)
    if language not in CODES:
        raise ApplicationError(_("Unknown language."), code="unknown_language", status=422)
    if timezone.is_naive(start):
        raise ApplicationError(_("The time needs a UTC offset."), code="naive_time", status=422)
    _check_window(location, start, now)
    _check_contact_cap(email.strip(), phone.strip(), now)
    legs = selectors.route(services, start)
    _ensure_free_before_locking(location, legs, now)
    with booking_transaction():
        lock_teams({s.team_id for s in services})
        booking = Booking.objects.create(
            code=new_code(),
            location=location,
            start=legs[0].start,
            end=legs[-1].end,
            name=name.strip()[:120],
            email=email.strip(),
            phone=phone.strip()[:40],
            language=language,
            interpreter=interpreter,
            created_by=user,
        )
        take_seats(booking, legs, now)
        schedule_reminder(booking, now)
    return booking


def booking_cancel(*, booking: Booking, now: dt.datetime | None = None) -> None:
    """Cancel and free the capacity; the public gets it only after the release delay."""
    now = now or timezone.now()
    with transaction.atomic():
        list(Booking.objects.select_for_update().filter(pk=booking.pk).values_list("pk"))
        updated = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CANCELLED, cancelled_at=now
        )
        if not updated:
            raise ApplicationError(
                _("This appointment cannot be cancelled any more."), code="not_active", status=409
            )
        hold_seats(booking, now)
        waitlist_offers_schedule(location_id=booking.location_id)


def hold_seats(booking: Booking, now: dt.datetime) -> None:
    """The seats of a cancelled booking stay taken for the public until the release delay is
    over, so freed times go to the waitlist first and cannot be passed on by cancel-and-rebook."""
    delay = dt.timedelta(minutes=settings.BOOKING_RELEASE_DELAY_MINUTES)
    Seat.objects.filter(item__booking=booking).update(held_until=now + delay)


def waitlist_offers_schedule(*, location_id: int) -> None:
    """After capacity appeared (a cancellation, new opening hours, a lifted block), let the
    worker offer it to the waitlist once the change is committed."""
    transaction.on_commit(lambda: waitlist_offer.enqueue(location_id=location_id))


def booking_check_in(
    *, booking: Booking, user: User | None, now: dt.datetime | None = None
) -> Visit:
    """Reception checks the booking in: the visitor joins the walk-in queue with appointment
    priority under the same ticket flow."""
    now = now or timezone.now()
    if timezone.localdate(booking.start) != timezone.localdate(now):
        raise ApplicationError(
            _("This appointment is on %(day)s, not today.")
            % {"day": timezone.localtime(booking.start).strftime("%d.%m.%Y")},
            code="not_today",
            status=409,
        )
    with transaction.atomic():
        updated = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CHECKED_IN
        )
        if not updated:
            raise ApplicationError(
                _("This appointment is not open for check-in."), code="not_active", status=409
            )
        service_ids = list(booking.items.order_by("position").values_list("service_id", flat=True))
        return reception.visit_open(
            location=booking.location,
            service_ids=service_ids,
            language=booking.language,
            interpreter=booking.interpreter,
            booking_code=booking.code,
            user=user,
            now=now,
        )


def booking_move(
    *, booking: Booking, start: dt.datetime, now: dt.datetime | None = None
) -> Booking:
    """Move to another time in one step: if the new time is gone, the old one is kept."""
    now = now or timezone.now()
    if timezone.is_naive(start):
        raise ApplicationError(_("The time needs a UTC offset."), code="naive_time", status=422)
    _check_window(booking.location, start, now)
    items = list(booking.items.select_related("service").order_by("position"))
    legs = selectors.route([item.service for item in items], start)
    with booking_transaction():
        lock_teams({item.team_id for item in items})
        # The booking row too: a cancel racing this move waits, then finds it moved.
        if not (
            Booking.objects.select_for_update()
            .filter(pk=booking.pk, status=Booking.Status.BOOKED)
            .exists()
        ):
            raise ApplicationError(
                _("This appointment cannot be moved any more."), code="not_active", status=409
            )
        # The old seats go back at once: the holder gives them up for another of their own.
        Seat.objects.filter(item__booking=booking).delete()
        BookingItem.objects.filter(booking=booking).delete()
        Booking.objects.filter(pk=booking.pk).update(
            start=legs[0].start, end=legs[-1].end, reminded_at=None
        )
        booking.start = legs[0].start
        take_seats(booking, legs, now)
        schedule_reminder(booking, now)
    booking.refresh_from_db()
    return booking


def bookings_mark_no_show(
    *, location: Location, day: dt.date, now: dt.datetime | None = None
) -> int:
    """Bookings of `day` that are over and nobody checked in for are marked as no-shows
    (later ones of the same day stay open when walk-in hours end early)."""
    start = selectors.local_midnight(day)
    return Booking.objects.filter(
        location=location,
        status=Booking.Status.BOOKED,
        start__gte=start,
        start__lt=start + dt.timedelta(days=1),
        end__lte=now or timezone.now(),
    ).update(status=Booking.Status.NO_SHOW)


def manage_url(booking: Booking) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "appointments:booking", kwargs={"code": booking.code}
    )


def booking_confirmation_send(*, booking: Booking) -> None:
    """E-mail the confirmation with the manage link in the person's language, if they gave an
    address (without one, the code, QR code and printable page are the confirmation)."""
    if not booking.email:
        return
    with translation.override(booking.language):
        body = _("Your appointment on %(when)s, code %(code)s. Manage it here: %(url)s") % {
            "when": timezone.localtime(booking.start).strftime("%d.%m.%Y %H:%M"),
            "code": booking.code,
            "url": manage_url(booking),
        }
        subject = _("Your appointment at the Migration Agency")
    mail_send(to=[booking.email], subject=subject, body=body)
