"""The waitlist: freed times go to the person who waited longest, held for them, before anyone
else can see them."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from mia.appointments import selectors, services, waitlist
from mia.appointments.models import Booking, CapacityRule, Seat, WaitlistEntry
from mia.core.errors import ApplicationError
from tests.appointments.conftest import MONDAY, berlin

pytestmark = pytest.mark.django_db
FRIDAY_NOON = berlin(MONDAY - dt.timedelta(days=3), 12)


@pytest.fixture
def scarce(agency, settings):
    """One appointment a week: team A, Mondays 8:00 to 8:30, one desk (one 20-minute route); the window is a week."""
    settings.BOOKING_MAX_DAYS = 7
    CapacityRule.objects.create(
        location=agency["location"],
        team=agency["teams"]["A"],
        weekday=0,
        starts=dt.time(8),
        ends=dt.time(8, 30),
        desks=1,
    )
    return agency


def book(agency, now=FRIDAY_NOON, service="permit", **extra):
    return services.booking_create(
        location=agency["location"],
        service_ids=[agency["services"][service].pk],
        start=berlin(MONDAY, 8),
        name="Holder",
        now=now,
        **extra,
    )


def join(agency, name, service="permit", now=FRIDAY_NOON):
    return waitlist.waitlist_join(
        location=agency["location"],
        service_ids=[agency["services"][service].pk],
        name=name,
        email=f"{name.lower()}@example.org",
        language="uk",
        now=now,
    )


def public_times(agency, now, service="permit"):
    return selectors.availability(
        location=agency["location"],
        services=[agency["services"][service]],
        date_from=MONDAY,
        date_to=MONDAY,
        now=now,
    )


def test_joining_is_refused_while_times_are_free(scarce):
    with pytest.raises(ApplicationError) as refused:
        join(scarce, "Olena")
    assert refused.value.code == "times_free"
    assert not WaitlistEntry.objects.exists()


def test_joining_needs_an_e_mail_address(scarce):
    book(scarce)
    with pytest.raises(ApplicationError) as refused:
        waitlist.waitlist_join(
            location=scarce["location"],
            service_ids=[scarce["services"]["permit"].pk],
            name="Olena",
            email=" ",
            now=FRIDAY_NOON,
        )
    assert refused.value.code == "email_missing"


def test_a_cancelled_time_goes_to_the_longest_waiting_matching_entry(
    scarce, django_capture_on_commit_callbacks
):
    holder = book(scarce)
    other_route = join(scarce, "Jobseeker", service="benefits", now=FRIDAY_NOON)
    first = join(scarce, "Olena", now=FRIDAY_NOON + dt.timedelta(minutes=1))
    second = join(scarce, "Karim", now=FRIDAY_NOON + dt.timedelta(minutes=2))
    cancelled_at = FRIDAY_NOON + dt.timedelta(hours=1)
    services.booking_cancel(booking=holder, now=cancelled_at)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        made = waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=cancelled_at)
    assert made == 1
    for entry in (other_route, first, second):
        entry.refresh_from_db()
    assert (other_route.status, first.status, second.status) == ("waiting", "offered", "waiting")
    offer = first.offer
    assert offer.status == Booking.Status.OFFERED
    assert offer.start == berlin(MONDAY, 8)
    assert offer.offer_expires_at == cancelled_at + dt.timedelta(hours=12)
    queued = {task.task_path: task.args_kwargs["kwargs"] for task in DBTaskResult.objects.all()}
    offer_mail = queued["mia.core.tasks.mail_deliver"]
    assert offer_mail["to"] == ["olena@example.org"]
    assert f"/appointments/b/{offer.code}/" in offer_mail["body"]
    # The worker ends the offer when its hold is over, if nobody answered.
    expiry = DBTaskResult.objects.get(task_path="mia.appointments.tasks.waitlist_offer_expire")
    assert expiry.run_after == offer.offer_expires_at


def test_nobody_else_can_see_or_book_the_freed_time_meanwhile(scarce):
    holder = book(scarce)
    join(scarce, "Olena")
    cancelled_at = FRIDAY_NOON + dt.timedelta(hours=1)
    services.booking_cancel(booking=holder, now=cancelled_at)
    assert public_times(scarce, cancelled_at) == []  # held for the release delay
    waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=cancelled_at)
    later = cancelled_at + dt.timedelta(hours=2)  # the release delay is long over
    assert public_times(scarce, later) == []  # the offer holds it
    with pytest.raises(ApplicationError) as taken:
        book(scarce, now=later, email="bot@example.org")
    assert taken.value.code == "slot_taken"
    assert Seat.objects.filter(held_until__isnull=True).count() == 2  # one route, two slots


def test_cancelled_capacity_reaches_the_public_only_after_the_release_delay(scarce, settings):
    settings.BOOKING_RELEASE_DELAY_MINUTES = 30
    holder = book(scarce)
    cancelled_at = FRIDAY_NOON + dt.timedelta(hours=1)
    services.booking_cancel(booking=holder, now=cancelled_at)
    assert public_times(scarce, cancelled_at + dt.timedelta(minutes=29)) == []
    with pytest.raises(ApplicationError):
        book(scarce, now=cancelled_at + dt.timedelta(minutes=29))
    assert public_times(scarce, cancelled_at + dt.timedelta(minutes=30)) != []
    rebooked = book(scarce, now=cancelled_at + dt.timedelta(minutes=31))
    assert rebooked.status == Booking.Status.BOOKED
    assert Seat.objects.count() == 2  # the released seats were reused, not added


def test_accepting_makes_the_offer_an_ordinary_booking(scarce):
    holder = book(scarce)
    entry = join(scarce, "Olena")
    now = FRIDAY_NOON + dt.timedelta(hours=1)
    services.booking_cancel(booking=holder, now=now)
    waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=now)
    entry.refresh_from_db()
    waitlist.waitlist_offer_accept(booking=entry.offer, now=now + dt.timedelta(hours=3))
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.BOOKED
    assert entry.offer.status == Booking.Status.BOOKED
    assert entry.offer.language == "uk"


def test_an_offer_not_taken_in_time_passes_to_the_next_person(scarce):
    holder = book(scarce)
    first = join(scarce, "Olena")
    second = join(scarce, "Karim", now=FRIDAY_NOON + dt.timedelta(minutes=5))
    now = FRIDAY_NOON + dt.timedelta(hours=1)
    services.booking_cancel(booking=holder, now=now)
    waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=now)
    first.refresh_from_db()
    expired = first.offer.offer_expires_at
    with pytest.raises(ApplicationError) as late:
        waitlist.waitlist_offer_accept(booking=first.offer, now=expired)
    assert late.value.code == "offer_ended"
    assert waitlist.waitlist_offer_end(booking=first.offer, now=expired)
    waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=expired)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistEntry.Status.LAPSED
    assert second.status == WaitlistEntry.Status.OFFERED
    assert second.offer.start == berlin(MONDAY, 8)
    assert public_times(scarce, expired + dt.timedelta(hours=2)) == []


def test_a_declined_offer_goes_to_the_next_person_at_once(scarce):
    holder = book(scarce)
    first = join(scarce, "Olena")
    second = join(scarce, "Karim", now=FRIDAY_NOON + dt.timedelta(minutes=5))
    now = FRIDAY_NOON + dt.timedelta(hours=1)
    services.booking_cancel(booking=holder, now=now)
    waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=now)
    first.refresh_from_db()
    assert waitlist.waitlist_offer_end(booking=first.offer, declined=True, now=now)
    waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=now)
    second.refresh_from_db()
    assert second.status == WaitlistEntry.Status.OFFERED


def test_withdrawn_entries_get_no_offer(scarce):
    holder = book(scarce)
    entry = join(scarce, "Olena")
    waitlist.waitlist_withdraw(entry=entry)
    now = FRIDAY_NOON + dt.timedelta(hours=1)
    services.booking_cancel(booking=holder, now=now)
    assert waitlist.waitlist_offers_make(location_id=scarce["location"].pk, now=now) == 0
    with pytest.raises(ApplicationError):
        waitlist.waitlist_withdraw(entry=entry)


@pytest.mark.django_db(transaction=True)
def test_new_opening_hours_reach_the_waitlist_through_the_worker(agency, settings):
    settings.BOOKING_MAX_DAYS = 7
    entry = waitlist.waitlist_join(  # no capacity at all yet: nothing is free
        location=agency["location"],
        service_ids=[agency["services"]["permit"].pk],
        name="Olena",
        email="olena@example.org",
        language="uk",
    )
    with transaction.atomic():
        for weekday in range(7):
            CapacityRule.objects.create(
                location=agency["location"],
                team=agency["teams"]["A"],
                weekday=weekday,
                starts=dt.time(8),
                ends=dt.time(10),
            )
        services.waitlist_offers_schedule(location_id=agency["location"].pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.OFFERED
    assert entry.offer.start > timezone.now()
    offer_mail = mail.outbox[-1]
    assert offer_mail.to == ["olena@example.org"]
    assert entry.offer.code in offer_mail.body
    with translation.override("uk"):
        assert offer_mail.subject == gettext("An appointment for you")  # the entry's language
    assert offer_mail.subject != "An appointment for you"
