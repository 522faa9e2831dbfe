import datetime as dt

import pytest

from mia.appointments import services
from mia.appointments.models import Booking
from mia.core.errors import ApplicationError
from mia.reception.models import Priority
from tests.appointments.conftest import MONDAY, berlin

pytestmark = pytest.mark.django_db


def book(agency, now, keys=("permit",), start=None, **extra):
    return services.booking_create(
        location=agency["location"],
        service_ids=[agency["services"][k].pk for k in keys],
        start=start or berlin(MONDAY, 8),
        name=extra.pop("name", "Olena K."),
        now=now,
        **extra,
    )


def error_code(call) -> str:
    with pytest.raises(ApplicationError) as error:
        call()
    return error.value.code


def test_the_last_place_goes_once(capacity, the_week_before):
    book(capacity, the_week_before)
    assert error_code(lambda: book(capacity, the_week_before, name="Second")) == "slot_taken"
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("keys", "code"),
    [
        ((), "invalid_services"),
        (("counselling",), "service_not_bookable"),
        (("permit", "permit"), "invalid_services"),
    ],
)
def test_bad_routes_are_refused(capacity, the_week_before, keys, code):
    assert error_code(lambda: book(capacity, the_week_before, keys=keys)) == code


def test_times_outside_the_window_are_refused(capacity, the_week_before):
    assert error_code(lambda: book(capacity, berlin(MONDAY, 7, 30))) == "outside_window"
    assert (
        error_code(lambda: book(capacity, the_week_before, start=berlin(MONDAY, 12)))
        == "slot_taken"
    )


def test_a_name_is_needed(capacity, the_week_before):
    assert error_code(lambda: book(capacity, the_week_before, name="  ")) == "name_missing"


def test_one_contact_holds_only_a_few_appointments(capacity, the_week_before, settings):
    settings.BOOKING_MAX_ACTIVE_PER_CONTACT = 2
    for hour in (8, 9):
        book(
            capacity,
            the_week_before,
            keys=("benefits",),
            start=berlin(MONDAY, hour),
            email="o@example.org",
        )
    code = error_code(
        lambda: book(
            capacity,
            the_week_before,
            keys=("benefits",),
            start=berlin(MONDAY, 10),
            email="O@example.org",
        )
    )
    assert code == "too_many_bookings"
    # Someone without e-mail or phone can still book once.
    assert book(capacity, the_week_before, keys=("benefits",), start=berlin(MONDAY, 10)).code


def test_check_in_puts_the_visitor_into_the_queue_with_appointment_priority(capacity, monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})
    now = berlin(MONDAY, 7)
    booking = book(capacity, now - dt.timedelta(days=3), keys=("permit", "benefits"), language="ar")
    visit = services.booking_check_in(booking=booking, user=None, now=now)
    assert visit.priority == Priority.APPOINTMENT
    assert visit.booking_code == booking.code
    assert visit.language == "ar"
    assert [c.service_id for c in visit.concerns.order_by("pk")] == [
        capacity["services"]["permit"].pk,
        capacity["services"]["benefits"].pk,
    ]
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN
    assert (
        error_code(lambda: services.booking_check_in(booking=booking, user=None, now=now))
        == "not_active"
    )


def test_moving_takes_the_new_time_and_frees_the_old(capacity, the_week_before):
    booking = book(capacity, the_week_before)
    moved = services.booking_move(booking=booking, start=berlin(MONDAY, 9), now=the_week_before)
    assert moved.start == berlin(MONDAY, 9)
    assert set(moved.items.get().seats.values_list("slot", flat=True)) == {
        berlin(MONDAY, 9),
        berlin(MONDAY, 9, 15),
    }
    assert book(capacity, the_week_before, name="Next person").start == berlin(MONDAY, 8)


def test_a_move_to_a_taken_time_keeps_the_old_one(capacity, the_week_before):
    mine = book(capacity, the_week_before)
    book(capacity, the_week_before, start=berlin(MONDAY, 9), name="Other")
    code = error_code(
        lambda: services.booking_move(booking=mine, start=berlin(MONDAY, 9), now=the_week_before)
    )
    assert code == "slot_taken"
    mine.refresh_from_db()
    assert mine.start == berlin(MONDAY, 8)
    assert mine.items.get().seats.count() == 2


def test_bookings_not_checked_in_are_missed_at_the_end_of_the_day(capacity, the_week_before):
    missed = book(capacity, the_week_before)
    came = book(capacity, the_week_before, keys=("benefits",), start=berlin(MONDAY, 9))
    Booking.objects.filter(pk=came.pk).update(status=Booking.Status.CHECKED_IN)
    other_day = book(capacity, the_week_before, start=berlin(MONDAY + dt.timedelta(days=1), 8))
    assert services.bookings_mark_no_show(location=capacity["location"], day=MONDAY) == 1
    statuses = dict(Booking.objects.values_list("pk", "status"))
    assert statuses == {missed.pk: "no_show", came.pk: "checked_in", other_day.pk: "booked"}
