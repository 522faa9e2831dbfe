import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from mia.appointments.models import Booking


@task()
def booking_remind(*, code: str, start: str) -> bool:
    """E-mail the reminder once: the conditional update claims it, so two workers never both
    send, and a moved or cancelled appointment (other start or status) gets none from here."""
    claimed = Booking.objects.filter(
        code=code,
        start=dt.datetime.fromisoformat(start),
        status=Booking.Status.BOOKED,
        reminded_at__isnull=True,
    ).update(reminded_at=timezone.now())
    if not claimed:
        return False
    booking = Booking.objects.select_related("location").get(code=code)
    with translation.override(booking.language):
        when = timezone.localtime(booking.start).strftime("%d.%m.%Y %H:%M")
        url = settings.SITE_URL.rstrip("/") + reverse("appointments:booking", kwargs={"code": code})
        body = _(
            "Reminder: your appointment on %(when)s at %(place)s, code %(code)s. Manage it here: %(url)s"
        ) % {
            "when": when,
            "place": booking.location.address,
            "code": code,
            "url": url,
        }
        send_mail(_("Reminder of your appointment"), body, None, [booking.email])
    return True


@task()
def waitlist_offer(*, location_id: int) -> int:
    """Offer freed capacity to the longest-waiting matching entries; returns offers made."""
    from mia.appointments.waitlist import waitlist_offers_make

    return waitlist_offers_make(location_id=location_id)


@task()
def waitlist_offer_expire(*, code: str) -> bool:
    """At the end of an offer nobody answered, pass the time on to the next person waiting."""
    from mia.appointments.waitlist import waitlist_offer_end

    booking = Booking.objects.filter(code=code).first()
    return booking is not None and waitlist_offer_end(booking=booking)
