"""The waitlist: people who found nothing free get freed capacity first, as a held offer.

An offer is a booking in status `offered` that holds its seats like any booking, so the public
cannot see the time while the offer runs; it is taken under the same team locks and seat
numbers as a public booking, so an offer racing a public booking never overbooks.
"""

import datetime as dt
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mia.appointments import selectors, services
from mia.appointments.models import Booking, WaitlistEntry
from mia.appointments.tasks import waitlist_offer_expire
from mia.core.errors import ApplicationError
from mia.core.languages import CODES
from mia.core.services import mail_send
from mia.organisation.models import Location

waitlist_offers_schedule = services.waitlist_offers_schedule


def _manage_url(name: str, code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs={"code": code})


def waitlist_join(
    *,
    location: Location,
    service_ids: Sequence[int],
    name: str,
    email: str,
    phone: str = "",
    language: str = "de",
    interpreter: bool = False,
    now: dt.datetime | None = None,
) -> WaitlistEntry:
    """Join the waitlist for a route of concerns: only when nothing is free in the window."""
    now = now or timezone.now()
    chosen = services.bookable_services(service_ids)
    if not name.strip():
        raise ApplicationError(_("Please enter your name."), code="name_missing", status=422)
    if not email.strip():
        raise ApplicationError(
            _("Offers are sent by e-mail: please enter your address."),
            code="email_missing",
            status=422,
        )
    if language not in CODES:
        raise ApplicationError(_("Unknown language."), code="unknown_language", status=422)
    if first_free(location, chosen, now, held_is_free=False):
        raise ApplicationError(
            _("There are free times for these concerns. Please book one of them."),
            code="times_free",
            status=409,
        )
    waiting = WaitlistEntry.objects.filter(
        email__iexact=email.strip(),
        status__in=[WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED],
    ).count()
    if waiting >= settings.BOOKING_MAX_ACTIVE_PER_CONTACT:
        raise ApplicationError(
            _("This address is already on the waitlist %(count)s times.") % {"count": waiting},
            code="too_many_entries",
            status=409,
        )
    entry = WaitlistEntry.objects.create(
        code="W" + "".join(secrets.choice(services.CODE_ALPHABET) for _ in range(8)),
        location=location,
        service_ids=[s.pk for s in chosen],
        name=name.strip()[:120],
        email=email.strip(),
        phone=phone.strip()[:40],
        language=language,
        interpreter=interpreter,
        created_at=now,
    )
    with translation.override(language):
        mail_send(
            to=[entry.email],
            subject=_("You are on the waitlist of the Migration Agency"),
            body=_(
                "We will write to you as soon as a time is free for you. "
                "Your place on the waitlist: %(url)s"
            )
            % {"url": _manage_url("appointments:waitlist_entry", entry.code)},
        )
    return entry


def waitlist_withdraw(*, entry: WaitlistEntry) -> None:
    updated = WaitlistEntry.objects.filter(pk=entry.pk, status=WaitlistEntry.Status.WAITING).update(
        status=WaitlistEntry.Status.WITHDRAWN
    )
    if not updated:
        raise ApplicationError(
            _("This waitlist entry is no longer waiting."), code="not_waiting", status=409
        )


def first_free(
    location: Location, chosen: list, now: dt.datetime, *, held_is_free: bool
) -> dt.datetime | None:
    today = timezone.localdate(now)
    free = selectors.availability(
        location=location,
        services=chosen,
        date_from=today,
        date_to=today + dt.timedelta(days=settings.BOOKING_MAX_DAYS),
        now=now,
        held_is_free=held_is_free,
    )
    return free[0][0] if free else None


def waitlist_offers_make(*, location_id: int, now: dt.datetime | None = None) -> int:
    """Offer free capacity to waiting entries, longest-waiting first; an entry whose route
    does not fit is passed over for the next one. Returns the number of offers made."""
    now = now or timezone.now()
    location = Location.objects.get(pk=location_id)
    nothing_for: set[tuple[int, ...]] = set()
    made = 0
    for entry in WaitlistEntry.objects.filter(
        location=location, status=WaitlistEntry.Status.WAITING
    ).order_by("created_at", "pk"):
        route_key = tuple(entry.service_ids)
        if route_key in nothing_for:
            continue
        try:
            offered = _offer(entry, location, now)
        except ApplicationError:  # a lost race or a concern no longer bookable: next one
            offered = False
        if offered:
            made += 1
        else:
            nothing_for.add(route_key)
    return made


def _offer(entry: WaitlistEntry, location: Location, now: dt.datetime) -> bool:
    chosen = services.bookable_services(entry.service_ids)
    start = first_free(location, chosen, now, held_is_free=True)
    if start is None:
        return False
    legs = selectors.route(chosen, start)
    expires = min(
        now + dt.timedelta(hours=settings.WAITLIST_OFFER_HOURS), start - dt.timedelta(hours=1)
    )
    with services.booking_transaction():
        services.lock_teams({s.team_id for s in chosen})
        if not WaitlistEntry.objects.filter(
            pk=entry.pk, status=WaitlistEntry.Status.WAITING
        ).exists():
            return False
        booking = Booking.objects.create(
            code=services.new_code(),
            location=location,
            start=legs[0].start,
            end=legs[-1].end,
            name=entry.name,
            email=entry.email,
            phone=entry.phone,
            language=entry.language,
            interpreter=entry.interpreter,
            status=Booking.Status.OFFERED,
            offer_expires_at=expires,
        )
        services.take_seats(booking, legs, now, held_is_free=True)
        claimed = WaitlistEntry.objects.filter(
            pk=entry.pk, status=WaitlistEntry.Status.WAITING
        ).update(status=WaitlistEntry.Status.OFFERED, offer=booking)
        if not claimed:
            transaction.set_rollback(True)
            return False
        _send_offer(booking)
        code = booking.code
        transaction.on_commit(
            lambda: waitlist_offer_expire.using(run_after=expires).enqueue(code=code)
        )
    return True


def _send_offer(booking: Booking) -> None:
    with translation.override(booking.language):
        assert booking.offer_expires_at is not None
        body = _(
            "A time has become free for you: %(when)s. It is held for you until %(until)s. "
            "Accept or decline it here: %(url)s"
        ) % {
            "when": timezone.localtime(booking.start).strftime("%d.%m.%Y %H:%M"),
            "until": timezone.localtime(booking.offer_expires_at).strftime("%d.%m.%Y %H:%M"),
            "url": _manage_url("appointments:booking", booking.code),
        }
        mail_send(to=[booking.email], subject=_("An appointment for you"), body=body)


def waitlist_offer_accept(*, booking: Booking, now: dt.datetime | None = None) -> None:
    """The offer becomes an ordinary booking, if it is still open."""
    now = now or timezone.now()
    with transaction.atomic():
        accepted = Booking.objects.filter(
            pk=booking.pk, status=Booking.Status.OFFERED, offer_expires_at__gt=now
        ).update(status=Booking.Status.BOOKED)
        if not accepted:
            raise ApplicationError(
                _("This offer has ended. We will write again when another time is free."),
                code="offer_ended",
                status=409,
            )
        WaitlistEntry.objects.filter(offer=booking).update(status=WaitlistEntry.Status.BOOKED)
        booking.refresh_from_db()
        services.schedule_reminder(booking, now)


def waitlist_offer_end(
    *, booking: Booking, declined: bool = False, now: dt.datetime | None = None
) -> bool:
    """An offer declined, or over without an answer: its seats are held like a cancellation's
    and offered to the next person waiting. Returns False when it was not open any more."""
    now = now or timezone.now()
    with transaction.atomic():
        open_offer = Booking.objects.filter(pk=booking.pk, status=Booking.Status.OFFERED)
        if not declined:
            open_offer = open_offer.filter(offer_expires_at__lte=now)
        if not open_offer.update(status=Booking.Status.CANCELLED, cancelled_at=now):
            return False
        WaitlistEntry.objects.filter(offer=booking).update(status=WaitlistEntry.Status.LAPSED)
        services.hold_seats(booking, now)
        waitlist_offers_schedule(location_id=booking.location_id)
    return True
