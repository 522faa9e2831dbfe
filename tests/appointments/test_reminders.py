"""Reminders go out from the worker at the right time, once, and only for the current time."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mia.appointments import services
from mia.appointments.models import Booking
from mia.appointments.tasks import booking_remind
from tests.appointments.conftest import MONDAY, berlin

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def book(capacity, now, **extra):
    return services.booking_create(
        location=capacity["location"],
        service_ids=[capacity["services"]["permit"].pk],
        name="Olena K.",
        now=now,
        **({"start": berlin(MONDAY, 8)} | extra),
    )


def test_the_reminder_is_queued_for_a_day_before_and_sent_once(capacity, the_week_before):
    booking = book(capacity, the_week_before, email="olena@example.org", language="uk")
    task = DBTaskResult.objects.get()
    assert task.run_after == berlin(MONDAY, 8) - dt.timedelta(hours=24)
    run_worker()  # that moment has passed on the test machine's clock
    assert len(mail.outbox) == 1
    assert booking.code in mail.outbox[0].body
    assert mail.outbox[0].to == ["olena@example.org"]
    # A second run of the same task (say, a retry) sends nothing.
    booking_remind.enqueue(code=booking.code, start=booking.start.isoformat())
    run_worker()
    assert len(mail.outbox) == 1
    assert Booking.objects.get().reminded_at is not None


def test_no_reminder_without_e_mail_or_for_a_moved_time(capacity, the_week_before):
    book(capacity, the_week_before)  # no e-mail: the code and QR are the reminder
    assert not DBTaskResult.objects.exists()
    booking = book(capacity, the_week_before, email="o@example.org", start=berlin(MONDAY, 9))
    services.booking_move(booking=booking, start=berlin(MONDAY, 9, 30), now=the_week_before)
    run_worker()
    # Two tasks were queued (before and after the move); only the current time gets a mail.
    assert DBTaskResult.objects.count() == 2
    assert len(mail.outbox) == 1
    assert timezone.localtime(berlin(MONDAY, 9, 30)).strftime("%H:%M") in mail.outbox[0].body
